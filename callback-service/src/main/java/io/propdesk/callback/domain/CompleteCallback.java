package io.propdesk.callback.domain;

import java.time.Instant;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

import io.propdesk.contracts.CallerRole;

/** R5, H5, C2: the owner was reached; their satisfaction, rating and comment (REST). */
public record CompleteCallback(@TargetAggregateIdentifier String ticketId, String callbackId, String callerId,
                               CallerRole callerRole, boolean satisfied, int rating, String comment,
                               Instant completedAt) {
}
