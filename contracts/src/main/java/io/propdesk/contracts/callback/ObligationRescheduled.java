package io.propdesk.contracts.callback;

import io.propdesk.contracts.Nullable;
import io.propdesk.contracts.PublicEvent;
import io.propdesk.contracts.SlaRule;
import java.time.Instant;

/**
 * An open obligation's due time moved: the estate's calendar changed after it opened, or a paused clock (R7) started.
 *
 * @param previousDueAt null when the clock had not been running
 */
public record ObligationRescheduled(
        @Nullable String ticketId,
        @Nullable String callId,
        String obligationId,
        SlaRule rule,
        @Nullable Instant previousDueAt,
        Instant dueAt,
        Instant rescheduledAt)
        implements PublicEvent {

    /** A ticket's obligations are keyed by the ticket; a missed call's (M1) by the call, which has no ticket. */
    @Override
    public String subject() {
        return ticketId != null ? ticketId : callId;
    }
}
