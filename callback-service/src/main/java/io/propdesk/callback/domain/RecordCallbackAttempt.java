package io.propdesk.callback.domain;

import java.time.Instant;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

import io.propdesk.contracts.CallerRole;

public record RecordCallbackAttempt(@TargetAggregateIdentifier String ticketId, String callbackId, String callerId,
                                    CallerRole callerRole, String note, Instant attemptedAt) {
}
