package io.propdesk.contracts.ticket;

import io.propdesk.contracts.Nullable;
import io.propdesk.contracts.PublicEvent;
import java.time.Instant;
import java.util.List;

/**
 * The call ended ({@code hangup}). It repeats what a consumer of this event alone needs (direction, estate, owner,
 * callback, returned calls) so that the missed-call rule (M1) and dialled callbacks need no lookups.
 *
 * @param answered        an answer had arrived by the time the call ended (a later {@link CallAnswered} can still
 *                        follow)
 * @param durationSeconds talk time from the answer to the end; 0 when unanswered
 * @param linkedTicketId  the ticket opened during the call (same call id), if one was by then
 */
public record CallEnded(
        String callId,
        CallDirection direction,
        HangupCause cause,
        boolean answered,
        int durationSeconds,
        @Nullable String linkedTicketId,
        @Nullable String estateId,
        @Nullable String ownerId,
        @Nullable String callbackId,
        List<String> returnsCallIds,
        Instant startedAt,
        Instant endedAt)
        implements PublicEvent {

    public CallEnded {
        returnsCallIds = returnsCallIds == null ? List.of() : List.copyOf(returnsCallIds);
    }

    /** The call's events are keyed by the call, not by a ticket: see {@link #linkedTicketId}. */
    @Override
    public String ticketId() {
        return null;
    }

    @Override
    public String subject() {
        return callId;
    }
}
