package io.propdesk.dispatch.domain;

import java.time.Instant;
import java.time.YearMonth;
import java.util.List;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Archive a month (H8): the month's orders as their own streams show them now, and the SHA-256 over their events in
 * order, computed by {@link MonthClosing}.
 */
public record CloseMonth(
        @TargetAggregateIdentifier String monthId,
        YearMonth month,
        List<MonthOrder> orders,
        String contentHash,
        String closedBy,
        Instant closedAt) {

    public CloseMonth {
        orders = List.copyOf(orders);
    }

    /** One order of the month at closing time. */
    public record MonthOrder(String orderId, OrderStatus status, boolean late, boolean explained) {

        /** H8, R11: neither returned nor explained, or returned late without its complaint-book entry. */
        public boolean open() {
            if (status == OrderStatus.CANCELLED || explained) {
                return false;
            }
            return status != OrderStatus.RETURNED || late;
        }
    }
}
