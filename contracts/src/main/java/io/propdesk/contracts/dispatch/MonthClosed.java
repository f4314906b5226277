package io.propdesk.contracts.dispatch;

import io.propdesk.contracts.PublicEvent;
import java.time.Instant;
import java.time.YearMonth;

/**
 * The month's orders were checked, organised and archived (H8): the month's registers no longer
 * change, and billing issues the per-customer statements (H7).
 *
 * @param month      the closed month, {@code yyyy-MM}
 * @param orderCount         orders archived in the month's registers
 * @param returnedCount      of those, returned to the front desk
 * @param explainedLateCount of those, late and explained in the complaint book (R11)
 * @param contentHash        SHA-256 over the month's order events in order, so any later change to history is
 *                           detectable (H8)
 */
public record MonthClosed(
        YearMonth month,
        int orderCount,
        int returnedCount,
        int explainedLateCount,
        String contentHash,
        String closedBy,
        Instant closedAt)
        implements PublicEvent {

    @Override
    public String ticketId() {
        return null;
    }

    @Override
    public String subject() {
        return month == null ? null : month.toString();
    }
}
