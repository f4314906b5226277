package io.propdesk.contracts.callback;

import io.propdesk.contracts.CallerRole;
import io.propdesk.contracts.PublicEvent;
import java.time.Instant;

/**
 * The owner was reached and confirmed the result (R5, H5), by a caller of the rank C2 requires. One of
 * the backbone events; an unsatisfied owner typically leads to TicketReopened.
 */
public record CallbackCompleted(
        String ticketId,
        String callbackId,
        String callerId,
        CallerRole callerRole,
        boolean satisfied,
        String comment,
        Instant completedAt)
        implements PublicEvent {}
