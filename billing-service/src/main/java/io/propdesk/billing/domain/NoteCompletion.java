package io.propdesk.billing.domain;

import java.time.Instant;

/** dispatch-service reports the work done (OrderCompleted): no quote can be issued for it any more. */
public record NoteCompletion(String orderId, Instant completedAt) implements OrderCommand {}
