package io.propdesk.contracts.dispatch;

import io.propdesk.contracts.Department;
import io.propdesk.contracts.PublicEvent;
import io.propdesk.contracts.TicketKind;
import java.time.Instant;

/**
 * The completed order's slip came back to the front desk: fulfils R8 (paid, within the estate's
 * paid-return hours) or R9 (free, the same working day), and H5 for housekeeping.
 *
 * @param dueAt when it had to be back: R8 for paid orders, R9 for free ones
 * @param late  returned after {@code dueAt}; a late order needs a complaint-book entry (R11)
 */
public record OrderReturned(
        String ticketId,
        String orderId,
        String estateId,
        TicketKind kind,
        Department department,
        boolean paid,
        String returnedBy,
        String note,
        Instant completedAt,
        Instant dueAt,
        boolean late,
        Instant returnedAt)
        implements PublicEvent {}
