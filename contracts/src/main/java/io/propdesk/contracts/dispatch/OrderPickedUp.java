package io.propdesk.contracts.dispatch;

import io.propdesk.contracts.Department;
import io.propdesk.contracts.PublicEvent;
import java.time.Instant;

/**
 * The department accepted the order (接單, R2; the area team leader picks it up, H2-H4); this is what
 * makes the front desk notify and assign the steward (R3).
 *
 * @param pickedUpBy the team leader, or the designated dispatcher for contract visits (H1)
 * @param assignedTo the staff member put on the job, if already known
 */
public record OrderPickedUp(
        String ticketId,
        String orderId,
        Department department,
        String pickedUpBy,
        String assignedTo,
        Instant pickedUpAt)
        implements PublicEvent {}
