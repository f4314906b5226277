package io.propdesk.callback.domain;

import io.propdesk.contracts.CallerRole;
import java.time.Instant;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** R5, H5, C2: the owner was reached; their satisfaction, rating and comment (REST). */
public record CompleteCallback(
        @TargetAggregateIdentifier String ticketId,
        String callbackId,
        String callerId,
        CallerRole callerRole,
        boolean satisfied,
        int rating,
        String comment,
        Instant completedAt) {}
