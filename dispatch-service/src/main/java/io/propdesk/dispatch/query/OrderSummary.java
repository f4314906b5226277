package io.propdesk.dispatch.query;

import io.propdesk.contracts.Department;
import io.propdesk.contracts.TicketKind;
import io.propdesk.dispatch.domain.OrderStatus;
import java.time.Instant;

/** One row of a department app's order list. */
public record OrderSummary(
        String orderId,
        String ticketId,
        String estateId,
        String areaId,
        String unitId,
        TicketKind kind,
        Department department,
        boolean paid,
        String contractId,
        String assignee,
        OrderStatus status,
        Instant serviceTime,
        Instant dispatchedAt,
        boolean late,
        boolean explained,
        boolean lateUnexplained,
        Instant updatedAt) {}
