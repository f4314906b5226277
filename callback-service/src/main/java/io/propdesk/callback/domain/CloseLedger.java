package io.propdesk.callback.domain;

import java.time.Instant;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

public record CloseLedger(@TargetAggregateIdentifier String ticketId, Instant closedAt) {
}
