package io.propdesk.dispatch.domain;

import com.fasterxml.jackson.annotation.JsonUnwrapped;
import io.propdesk.contracts.Department;
import io.propdesk.contracts.SlaRule;
import io.propdesk.contracts.TicketKind;
import io.propdesk.contracts.dispatch.DispatchMode;
import io.propdesk.contracts.dispatch.OrderDispatched;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;

/**
 * A work order with its history, answered from the order's own stream (read-your-write). Its parts are grouped so that
 * code reads {@code order.job().department()} rather than the 20th of 33 positions; the groups are unwrapped, so
 * GET /api/orders/{id} still answers one flat object with the same properties in the same order.
 */
public record WorkOrderView(
        String orderId,
        String ticketId,
        OrderStatus status,
        @JsonUnwrapped Place place,
        @JsonUnwrapped Job job,
        @JsonUnwrapped Dispatch dispatch,
        @JsonUnwrapped Progress progress,
        @JsonUnwrapped Timeliness timeliness,
        @JsonUnwrapped Rework rework,
        List<HistoryEntry> history) {

    /** Where the work is; {@code unitId} null for common areas. */
    public record Place(String estateId, String areaId, String buildingId, String unitId) {}

    /**
     * What is to be done and who pays (R7, R8/R9; H1 for contract visits).
     *
     * @param customerId whose register line and statement it goes on (H7)
     * @param month      the register month it is entered under, {@code yyyy-MM} (H8)
     */
    public record Job(
            TicketKind kind,
            Department department,
            boolean paid,
            String contractId,
            String customerId,
            String month,
            String description,
            Instant serviceTime) {}

    /** How it was dispatched (R3), the return window that applies (R8/R9), and the order it follows up (R5). */
    public record Dispatch(DispatchMode mode, String assignee, SlaRule returnRule, String followUpOf) {}

    /** Who holds it and when each step happened; {@code dueAt} is when it must be back with the front desk. */
    public record Progress(
            String pickedUpBy,
            String assignedTo,
            String acceptedQuoteId,
            Instant dispatchedAt,
            Instant startedAt,
            Instant completedAt,
            Instant dueAt,
            Instant returnedAt) {}

    /** R8/R9 lateness and R11: a late order stays unexplained until its complaint-book entry arrives. */
    public record Timeliness(boolean late, boolean explained, boolean lateUnexplained) {}

    /** R6: the days rework was reported on, and whether it is resolved. */
    public record Rework(Set<LocalDate> reworkReportDates, boolean reworkResolved) {}

    /** The only way to build a view: from the aggregate's state. */
    public static WorkOrderView of(WorkOrder o) {
        OrderDispatched d = o.dispatched();
        return new WorkOrderView(
                d.orderId(),
                d.ticketId(),
                o.status(),
                new Place(d.estateId(), d.areaId(), d.buildingId(), d.unitId()),
                new Job(
                        d.kind(),
                        d.department(),
                        d.paid(),
                        d.contractId(),
                        o.customerId(),
                        o.month(),
                        d.description(),
                        d.serviceTime()),
                new Dispatch(d.mode(), d.assignee(), d.returnRule(), d.followUpOf()),
                new Progress(
                        o.pickedUpBy(),
                        o.assignedTo(),
                        o.acceptedQuoteId(),
                        d.dispatchedAt(),
                        o.startedAt(),
                        o.completedAt(),
                        o.dueAt(),
                        o.returnedAt()),
                new Timeliness(o.late(), o.explained(), o.lateUnexplained()),
                new Rework(o.reworkReportDates(), o.reworkResolved()),
                o.history());
    }
}
