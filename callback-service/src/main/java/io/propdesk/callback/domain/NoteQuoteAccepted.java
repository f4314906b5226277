package io.propdesk.callback.domain;

import java.time.Instant;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** From QuoteAccepted (R7): the owner accepted the paid order's quote. */
public record NoteQuoteAccepted(
        @TargetAggregateIdentifier String ticketId,
        String orderId,
        String quoteId,
        String eventId,
        Instant acceptedAt) {}
