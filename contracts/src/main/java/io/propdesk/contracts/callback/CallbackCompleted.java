package io.propdesk.contracts.callback;

import io.propdesk.contracts.CallerRole;
import io.propdesk.contracts.Nullable;
import io.propdesk.contracts.PublicEvent;
import java.time.Instant;

/**
 * The owner was reached and confirmed the result (R5, H5), by a caller of the rank C2 requires. One of
 * the backbone events; an unsatisfied owner typically leads to TicketReopened.
 *
 * @param rating the owner's rating of the work, 1 to 5; null when none was given (and in events published before the
 *               rating was carried)
 */
public record CallbackCompleted(
        String ticketId,
        String callbackId,
        String callerId,
        CallerRole callerRole,
        boolean satisfied,
        String comment,
        Instant completedAt,
        @Nullable Integer rating)
        implements PublicEvent {

    /** Without a rating. */
    public CallbackCompleted(
            String ticketId,
            String callbackId,
            String callerId,
            CallerRole callerRole,
            boolean satisfied,
            String comment,
            Instant completedAt) {
        this(ticketId, callbackId, callerId, callerRole, satisfied, comment, completedAt, null);
    }
}
