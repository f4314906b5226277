package io.propdesk.billing.domain;

import io.propdesk.contracts.Department;
import io.propdesk.contracts.TicketKind;
import java.time.Instant;

/** Remember a dispatched work order: whose it is and whether it is paid work (R7). From OrderDispatched. */
public record RecordOrder(
        String orderId,
        String ticketId,
        String estateId,
        String unitId,
        TicketKind kind,
        Department department,
        boolean paid,
        String contractId,
        Instant dispatchedAt)
        implements OrderCommand {}
