package io.propdesk.callback.domain;

import java.time.Instant;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

public record NoteOrderCancelled(@TargetAggregateIdentifier String ticketId, String orderId, Instant cancelledAt) {
}
