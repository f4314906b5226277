package io.propdesk.contracts.dispatch;

import io.propdesk.contracts.Department;
import io.propdesk.contracts.PublicEvent;
import java.time.Instant;

/**
 * The completed order's slip came back to the front desk: fulfils R8 (paid, within the estate's
 * paid-return hours) or R9 (free, the same working day), and H5 for housekeeping.
 */
public record OrderReturned(
        String ticketId,
        String orderId,
        Department department,
        String returnedBy,
        String note,
        Instant returnedAt) implements PublicEvent {
}
