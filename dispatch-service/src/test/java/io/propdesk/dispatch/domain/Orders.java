package io.propdesk.dispatch.domain;

import io.propdesk.contracts.Department;
import io.propdesk.contracts.SlaRule;
import io.propdesk.contracts.TicketKind;
import io.propdesk.contracts.dispatch.DispatchMode;
import io.propdesk.contracts.dispatch.OrderCompleted;
import io.propdesk.contracts.dispatch.OrderDispatched;
import io.propdesk.contracts.dispatch.OrderPickedUp;
import io.propdesk.contracts.dispatch.OrderReturned;
import io.propdesk.contracts.dispatch.WorkStarted;
import java.time.Instant;
import java.util.List;

/** Object Mother for work orders and the events of their streams (times in Asia/Shanghai, UTC+8). */
final class Orders {

    static final String ORDER = "WO-T-1";
    static final String TICKET = "T-1";
    static final String MONTH = "2026-12";
    static final String LEADER = "leader-wu";
    /** Tuesday 2026-12-01 10:00 local. */
    static final Instant DISPATCHED_AT = Instant.parse("2026-12-01T02:00:00Z");
    /** Tuesday 2026-12-01 14:00 local. */
    static final Instant COMPLETED_AT = Instant.parse("2026-12-01T06:00:00Z");

    private Orders() {}

    static DispatchOrder aRepair(boolean paid) {
        return order(TicketKind.REPAIR, Department.ENGINEERING, paid, DispatchMode.AREA_LEADER, LEADER);
    }

    static DispatchOrder order(
            TicketKind kind, Department department, boolean paid, DispatchMode mode, String assignee) {
        return new DispatchOrder(
                ORDER,
                TICKET,
                "sunrise",
                "north",
                "b1",
                "b1-101",
                kind,
                department,
                paid,
                null,
                "b1-101",
                "kitchen tap leaking",
                null,
                mode,
                assignee,
                null,
                "desk-chen",
                DISPATCHED_AT,
                MONTH);
    }

    static OrderDispatched dispatched(DispatchOrder c) {
        return new OrderDispatched(
                c.ticketId(),
                c.orderId(),
                c.estateId(),
                c.areaId(),
                c.buildingId(),
                c.unitId(),
                c.kind(),
                c.department(),
                c.paid(),
                c.contractId(),
                c.description(),
                c.serviceTime(),
                c.mode(),
                c.assignee(),
                c.paid() ? SlaRule.R8 : SlaRule.R9,
                c.followUpOf(),
                c.dispatchedBy(),
                c.dispatchedAt());
    }

    /** The stream of a freshly dispatched order. */
    static List<Object> dispatchedEvents(DispatchOrder c) {
        return List.of(dispatched(c), new OrderEnteredInRegister(c.orderId(), c.month(), c.customerId()));
    }

    static OrderPickedUp pickedUp() {
        return new OrderPickedUp(TICKET, ORDER, Department.ENGINEERING, LEADER, null, DISPATCHED_AT.plusSeconds(600));
    }

    static WorkStarted started(String quoteId) {
        return new WorkStarted(TICKET, ORDER, quoteId, LEADER, DISPATCHED_AT.plusSeconds(3600));
    }

    static OrderCompleted completed(boolean paid) {
        return new OrderCompleted(
                TICKET,
                ORDER,
                "sunrise",
                TicketKind.REPAIR,
                Department.ENGINEERING,
                paid,
                LEADER,
                "tap replaced",
                COMPLETED_AT);
    }

    /** A whole stream up to completion. */
    static List<Object> completedEvents(boolean paid) {
        DispatchOrder order = aRepair(paid);
        List<Object> events = new java.util.ArrayList<>(dispatchedEvents(order));
        events.add(pickedUp());
        if (paid) {
            events.add(new QuoteAcceptanceRecorded(ORDER, "Q-9", "owner-wang", DISPATCHED_AT.plusSeconds(1800)));
        }
        events.add(started(paid ? "Q-9" : null));
        events.add(completed(paid));
        return events;
    }

    /** The stream as the repository would apply it, for looking at a state no command produced. */
    static WorkOrder replayed(List<Object> events) {
        WorkOrder order = new WorkOrder();
        for (Object event : events) {
            if (event instanceof OrderDispatched e) {
                order.on(e);
            } else if (event instanceof OrderEnteredInRegister e) {
                order.on(e);
            } else if (event instanceof OrderPickedUp e) {
                order.on(e);
            } else if (event instanceof QuoteAcceptanceRecorded e) {
                order.on(e);
            } else if (event instanceof WorkStarted e) {
                order.on(e);
            } else if (event instanceof OrderCompleted e) {
                order.on(e);
            } else if (event instanceof OrderReturned e) {
                order.on(e);
            } else {
                throw new IllegalArgumentException("not in the Object Mother's streams: " + event);
            }
        }
        return order;
    }
}
