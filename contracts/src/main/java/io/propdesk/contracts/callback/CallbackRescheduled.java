package io.propdesk.contracts.callback;

import io.propdesk.contracts.PublicEvent;
import java.time.Instant;

/**
 * A callback still to be made is due at another time (R5, H5, C2): the estate's calendar changed after it was
 * scheduled.
 */
public record CallbackRescheduled(
        String ticketId, String callbackId, Instant previousDueAt, Instant dueAt, Instant rescheduledAt)
        implements PublicEvent {}
