package io.propdesk.contracts.callback;

import io.propdesk.contracts.CallerRole;
import io.propdesk.contracts.PublicEvent;
import java.time.Instant;

/**
 * A callback call that did not reach the owner; the callback stays due (R5, H5). The caller's role
 * is recorded because C2 restricts who may call on a MAJOR complaint.
 *
 * @param note why it failed, e.g. no answer
 */
public record CallbackAttempted(
        String ticketId, String callbackId, String callerId, CallerRole callerRole, String note, Instant attemptedAt)
        implements PublicEvent {}
