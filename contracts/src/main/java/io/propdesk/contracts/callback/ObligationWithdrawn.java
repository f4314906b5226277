package io.propdesk.contracts.callback;

import io.propdesk.contracts.Nullable;
import io.propdesk.contracts.PublicEvent;
import io.propdesk.contracts.SlaRule;
import java.time.Instant;

/**
 * An open obligation no longer applies and counts neither as met nor as breached: its order was cancelled, the ticket
 * closed, a missed call turned out answered (M1).
 *
 * @param reason why, in words a clerk understands
 */
public record ObligationWithdrawn(
        @Nullable String ticketId,
        @Nullable String callId,
        String obligationId,
        SlaRule rule,
        String reason,
        Instant withdrawnAt)
        implements PublicEvent {

    /** A ticket's obligations are keyed by the ticket; a missed call's (M1) by the call, which has no ticket. */
    @Override
    public String subject() {
        return ticketId != null ? ticketId : callId;
    }
}
