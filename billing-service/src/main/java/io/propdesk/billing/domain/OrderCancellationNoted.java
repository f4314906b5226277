package io.propdesk.billing.domain;

import java.time.Instant;

/** Internal: the order was cancelled; {@code withdrawnQuoteId} is the open quote that went with it, if any. */
public record OrderCancellationNoted(String orderId, String withdrawnQuoteId, String reason, Instant cancelledAt) {}
