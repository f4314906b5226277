package io.propdesk.callback.domain;

import java.time.Instant;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

public record NoteQuoteAccepted(@TargetAggregateIdentifier String ticketId, String orderId, String quoteId,
                                String eventId, Instant acceptedAt) {
}
