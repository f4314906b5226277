package io.propdesk.contracts.billing;

import io.propdesk.contracts.PublicEvent;
import java.time.Instant;

/** The owner accepted the quote, which unblocks the paid work (R7). */
public record QuoteAccepted(
        String ticketId,
        String quoteId,
        String orderId,
        String acceptedBy,
        Instant acceptedAt) implements PublicEvent {
}
