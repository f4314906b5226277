package io.propdesk.callback.domain;

import java.time.Instant;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

public record RecordStewardReply(@TargetAggregateIdentifier String ticketId, String stewardId, String message,
                                 String progress, Instant repliedAt) {
}
