package io.propdesk.callback.domain;

import java.time.Instant;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

public record ReopenLedger(@TargetAggregateIdentifier String ticketId, Instant reopenedAt) {
}
