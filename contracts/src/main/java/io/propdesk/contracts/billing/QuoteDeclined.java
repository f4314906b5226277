package io.propdesk.contracts.billing;

import io.propdesk.contracts.PublicEvent;
import java.time.Instant;

/** The owner declined the quote; the paid work must not start (R7). */
public record QuoteDeclined(String ticketId, String quoteId, String orderId, String reason, Instant declinedAt)
        implements PublicEvent {}
