package io.propdesk.callback.domain;

import java.time.Instant;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

public record NoteReworkReport(@TargetAggregateIdentifier String ticketId, String orderId, boolean resolved,
                               String eventId, Instant reportedAt) {
}
