package io.propdesk.billing.domain;

import java.time.Instant;

/** dispatch-service cancelled the order (OrderCancelled): an open quote of it is withdrawn. */
public record CancelOrder(String orderId, String reason, Instant cancelledAt) implements OrderCommand {}
