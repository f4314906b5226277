package io.propdesk.dispatch.domain;

import java.time.Instant;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Billing's QuoteAccepted for this order arrived: the paid work may start (R7).
 *
 * @param acceptedBy the staff member who recorded the owner's acceptance (QuoteAccepted's recordedBy), not the owner
 */
public record RecordQuoteAccepted(
        @TargetAggregateIdentifier String orderId, String quoteId, String acceptedBy, Instant acceptedAt) {}
