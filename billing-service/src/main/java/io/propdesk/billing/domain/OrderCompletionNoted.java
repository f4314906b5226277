package io.propdesk.billing.domain;

import java.time.Instant;

/** Internal: the order's work is done. */
public record OrderCompletionNoted(String orderId, Instant completedAt) {}
