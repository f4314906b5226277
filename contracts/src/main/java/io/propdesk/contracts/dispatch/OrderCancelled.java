package io.propdesk.contracts.dispatch;

import io.propdesk.contracts.Department;
import io.propdesk.contracts.Nullable;
import io.propdesk.contracts.PublicEvent;
import java.time.Instant;

/**
 * A work order will not be served: the owner declined its quote (R7) or the front desk withdrew it.
 *
 * @param quoteId the declined quote, when a declined quote is the reason
 */
public record OrderCancelled(
        String ticketId,
        String orderId,
        Department department,
        String reason,
        @Nullable String quoteId,
        Instant cancelledAt)
        implements PublicEvent {}
