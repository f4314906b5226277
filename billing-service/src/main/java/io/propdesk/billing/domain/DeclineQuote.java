package io.propdesk.billing.domain;

import java.time.Instant;

/** The owner declined the fee; the paid work must not start (R7). */
public record DeclineQuote(String orderId, String quoteId, String reason, Instant declinedAt) implements OrderCommand {}
