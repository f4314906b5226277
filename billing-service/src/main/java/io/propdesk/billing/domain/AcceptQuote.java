package io.propdesk.billing.domain;

import java.time.Instant;

/** The owner accepted the fee after {@code explainedBy} explained it (R7). */
public record AcceptQuote(String orderId, String quoteId, String explainedBy, Instant acceptedAt)
        implements OrderCommand {}
