package io.propdesk.callback.domain;

import io.propdesk.contracts.CallerRole;
import java.time.Instant;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** R5, H5, C2: a call to the owner that did not complete the callback (REST). */
public record RecordCallbackAttempt(
        @TargetAggregateIdentifier String ticketId,
        String callbackId,
        String callerId,
        CallerRole callerRole,
        String note,
        Instant attemptedAt) {}
