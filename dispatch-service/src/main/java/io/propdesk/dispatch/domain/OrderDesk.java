package io.propdesk.dispatch.domain;

import io.propdesk.contracts.Department;
import io.propdesk.contracts.TicketKind;
import io.propdesk.contracts.dispatch.ContractSigned;
import io.propdesk.contracts.dispatch.DispatchMode;
import io.propdesk.contracts.ticket.EstateConfigured;
import io.propdesk.contracts.ticket.TicketOpened;
import io.propdesk.dispatch.domain.ContractVisits.Visit;
import io.propdesk.dispatch.domain.Routing.Assignment;
import io.propdesk.platform.axon.AggregateReads;
import io.propdesk.platform.calendar.EstateCalendars;
import io.propdesk.platform.domain.NotFoundException;
import io.propdesk.platform.eventstore.MongoEventStorageEngine;
import java.time.Clock;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.Optional;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.modelling.command.AggregateStreamCreationException;
import org.axonframework.modelling.command.ConcurrencyException;
import org.axonframework.modelling.command.Repository;
import org.springframework.stereotype.Service;

/**
 * Issues work orders (R2, H1) and carries the commands on them. Every order id is derived from what caused it (the
 * ticket, the reopening, the contract visit), so a re-delivered event or a second scheduler finds the order that
 * exists instead of opening another: a racing duplicate loses on the store's unique first commit.
 */
@Service
public class OrderDesk {

    private final CommandGateway commands;
    private final Repository<WorkOrder> orders;
    private final AggregateReads reads;
    private final MongoEventStorageEngine store;
    private final Teams teams;
    private final MonthIndex months;
    private final EstateCalendars estates;
    private final Clock clock;

    public OrderDesk(
            CommandGateway commands,
            Repository<WorkOrder> orders,
            AggregateReads reads,
            EventStorageEngine store,
            Teams teams,
            MonthIndex months,
            EstateCalendars estates,
            Clock clock) {
        this.commands = commands;
        this.orders = orders;
        this.reads = reads;
        this.store = (MongoEventStorageEngine) store;
        this.teams = teams;
        this.months = months;
        this.estates = estates;
        this.clock = clock;
    }

    public record Opened(WorkOrderView order, boolean created) {}

    /** The first order of a ticket: "WO-" + ticketId, so one ticket never opens two (R2). */
    public static String firstOrderId(String ticketId) {
        return "WO-" + ticketId;
    }

    /** A follow-up order after an unsatisfied callback, identified by the reopening it answers. */
    public static String followUpOrderId(String ticketId, Instant reopenedAt) {
        return "WO-" + ticketId + "-R" + reopenedAt.toEpochMilli();
    }

    /** R2, R6, H1-H4: the department a ticket's first order goes to; a complaint is routed by its steward (C1). */
    public static Optional<Department> firstDepartment(TicketKind kind) {
        return Optional.ofNullable(
                switch (kind) {
                    case REPAIR -> Department.ENGINEERING;
                    case REWORK -> Department.REWORK_LIAISON;
                    case CLEANING_MONTHLY, CLEANING_MOVE_IN, CLEANING_HOURLY -> Department.CLEANING;
                    case GREENING -> Department.GREENING;
                    case COMPLAINT -> null;
                });
    }

    public Opened openForTicket(TicketOpened ticket, Department department, String dispatchedBy) {
        return open(
                orderForTicket(ticket, firstOrderId(ticket.ticketId()), department, ticket.paid(), null, dispatchedBy));
    }

    /** R5: the owner was not satisfied; the same department goes again, free of charge, linked to the first order. */
    public Opened openFollowUp(TicketOpened ticket, WorkOrderView previous, Instant reopenedAt) {
        return open(orderForTicket(
                ticket,
                followUpOrderId(ticket.ticketId(), reopenedAt),
                previous.job().department(),
                false,
                previous.orderId(),
                ticket.acceptor()));
    }

    /** H1, H6: a contract visit's order with its confirmed time, to the designated dispatcher. */
    public Opened openVisit(ContractSigned contract, Visit visit) {
        Optional<EstateConfigured.Building> building =
                estates.find(contract.estateId()).flatMap(e -> e.buildingOfUnit(contract.unitId()));
        String areaId = building.map(EstateConfigured.Building::areaId).orElse(null);
        Assignment assignment = teams.routing(contract.department()).assign(areaId, true);
        Instant now = clock.instant();
        return open(new DispatchOrder(
                visit.orderId(),
                visit.ticketId(),
                contract.estateId(),
                areaId,
                building.map(EstateConfigured.Building::buildingId).orElse(null),
                contract.unitId(),
                contract.kind(),
                contract.department(),
                true,
                contract.contractId(),
                contract.customerId(),
                "contract " + contract.contractId() + " visit on " + visit.date(),
                visit.serviceTime(),
                DispatchMode.CONTRACT_DISPATCHER,
                assignment.assignee(),
                null,
                ContractVisitScheduler.SCHEDULED_BY,
                now,
                monthOf(contract.estateId(), now)));
    }

    private DispatchOrder orderForTicket(
            TicketOpened t,
            String orderId,
            Department department,
            boolean paid,
            String followUpOf,
            String dispatchedBy) {
        Assignment assignment = teams.routing(department).assign(t.areaId(), Routing.contractWork(t.kind()));
        Instant now = clock.instant();
        // H7: the register files by customer, which for a ticket is the owner's unit.
        String customerId = t.unitId() != null ? t.unitId() : t.ticketId();
        return new DispatchOrder(
                orderId,
                t.ticketId(),
                t.estateId(),
                t.areaId(),
                t.buildingId(),
                t.unitId(),
                t.kind(),
                department,
                paid,
                null,
                customerId,
                t.description(),
                t.serviceTime(),
                assignment.mode(),
                assignment.assignee(),
                followUpOf,
                dispatchedBy,
                now,
                monthOf(t.estateId(), now));
    }

    /** H8: an order belongs to the month, in the estate's time zone, it was dispatched in. */
    private String monthOf(String estateId, Instant at) {
        ZoneId zone = estates.calendar(estateId).zone();
        return YearMonth.from(at.atZone(zone)).toString();
    }

    private Opened open(DispatchOrder order) {
        if (store.hasStream(order.orderId())) {
            return new Opened(find(order.orderId()).orElseThrow(), false);
        }
        months.add(order.month(), order.orderId());
        try {
            commands.sendAndWait(order);
        } catch (AggregateStreamCreationException | ConcurrencyException raced) {
            // A re-delivery racing this one opened it first: that order is the one.
            return new Opened(find(order.orderId()).orElseThrow(() -> raced), false);
        }
        return new Opened(find(order.orderId()).orElseThrow(), true);
    }

    public Optional<WorkOrderView> find(String orderId) {
        return reads.read(orders, orderId, WorkOrderView::of);
    }

    public boolean exists(String orderId) {
        return store.hasStream(orderId);
    }

    /** Sends a command to an existing order and answers with the order as its stream now shows it. */
    public WorkOrderView send(String orderId, Object command) {
        if (!exists(orderId)) {
            throw new NotFoundException("order", orderId);
        }
        commands.sendAndWait(command);
        return find(orderId).orElseThrow();
    }
}
