package io.propdesk.contracts.dispatch;

import io.propdesk.contracts.Nullable;
import io.propdesk.contracts.PublicEvent;
import java.time.Instant;

/**
 * Work on the order began. A paid order starts only once its quote is accepted (R7), so
 * {@code quoteId} names that quote; it is null for free orders.
 */
public record WorkStarted(
        String ticketId, String orderId, @Nullable String quoteId, String startedBy, Instant startedAt)
        implements PublicEvent {}
