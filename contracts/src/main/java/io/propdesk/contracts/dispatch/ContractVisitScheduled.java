package io.propdesk.contracts.dispatch;

import io.propdesk.contracts.Department;
import io.propdesk.contracts.PublicEvent;
import java.time.Instant;

/**
 * One visit of a monthly contract got its order and its confirmed time (H1, H6) and was entered in
 * the month's cleaning or greening register; the designated dispatcher assigns the staff (H1).
 *
 * @param ticketId   the visit's ticket, opened by the acceptor
 * @param assignedTo the staff member the designated dispatcher put on the visit, if already known
 */
public record ContractVisitScheduled(
        String ticketId,
        String contractId,
        String orderId,
        String customerId,
        Department department,
        Instant serviceTime,
        String assignedTo,
        String scheduledBy,
        Instant scheduledAt)
        implements PublicEvent {}
