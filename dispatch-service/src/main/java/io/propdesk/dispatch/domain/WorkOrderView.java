package io.propdesk.dispatch.domain;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;

import io.propdesk.contracts.Department;
import io.propdesk.contracts.SlaRule;
import io.propdesk.contracts.TicketKind;
import io.propdesk.contracts.dispatch.DispatchMode;
import io.propdesk.contracts.dispatch.OrderDispatched;

/** A work order with its history, answered from the order's own stream (read-your-write). */
public record WorkOrderView(String orderId, String ticketId, OrderStatus status, String estateId, String areaId,
                            String buildingId, String unitId, TicketKind kind, Department department, boolean paid,
                            String contractId, String customerId, String month, String description,
                            Instant serviceTime, DispatchMode mode, String assignee, SlaRule returnRule,
                            String followUpOf, String pickedUpBy, String assignedTo, String acceptedQuoteId,
                            Instant dispatchedAt, Instant startedAt, Instant completedAt, Instant dueAt,
                            Instant returnedAt, boolean late, boolean explained, boolean lateUnexplained,
                            Set<LocalDate> reworkReportDates, boolean reworkResolved, List<HistoryEntry> history) {

    public static WorkOrderView of(WorkOrder o) {
        OrderDispatched d = o.dispatched();
        return new WorkOrderView(d.orderId(), d.ticketId(), o.status(), d.estateId(), d.areaId(), d.buildingId(),
                d.unitId(), d.kind(), d.department(), d.paid(), d.contractId(), o.customerId(), o.month(),
                d.description(), d.serviceTime(), d.mode(), d.assignee(), d.returnRule(), d.followUpOf(),
                o.pickedUpBy(), o.assignedTo(), o.acceptedQuoteId(), d.dispatchedAt(), o.startedAt(),
                o.completedAt(), o.dueAt(), o.returnedAt(), o.late(), o.explained(), o.lateUnexplained(),
                o.reworkReportDates(), o.reworkResolved(), o.history());
    }
}
