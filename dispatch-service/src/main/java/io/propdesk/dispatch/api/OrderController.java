package io.propdesk.dispatch.api;

import io.propdesk.contracts.Department;
import io.propdesk.contracts.TicketKind;
import io.propdesk.contracts.ticket.TicketOpened;
import io.propdesk.dispatch.domain.CompleteOrder;
import io.propdesk.dispatch.domain.OrderDesk;
import io.propdesk.dispatch.domain.OrderStatus;
import io.propdesk.dispatch.domain.PickUpOrder;
import io.propdesk.dispatch.domain.ReportReworkProgress;
import io.propdesk.dispatch.domain.ReturnOrder;
import io.propdesk.dispatch.domain.StartWork;
import io.propdesk.dispatch.domain.WorkOrderView;
import io.propdesk.dispatch.query.OrderList;
import io.propdesk.dispatch.query.OrderSummary;
import io.propdesk.dispatch.query.TicketDirectory;
import io.propdesk.platform.calendar.EstateCalendars;
import io.propdesk.platform.domain.BadRequestException;
import io.propdesk.platform.domain.NotFoundException;
import io.propdesk.platform.openapi.Replay;
import io.propdesk.platform.security.Staff;
import io.propdesk.platform.web.paging.PageRequest;
import io.swagger.v3.oas.annotations.Parameter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Valid;
import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Work orders for the department apps: the lifecycle (R2, R7, R8, R9), rework reports (R6) and the queries. */
@RestController
@RequestMapping("/api/orders")
public class OrderController {

    private final OrderDesk desk;
    private final OrderList list;
    private final TicketDirectory tickets;
    private final EstateCalendars estates;
    private final Clock clock;

    public OrderController(
            OrderDesk desk, OrderList list, TicketDirectory tickets, EstateCalendars estates, Clock clock) {
        this.desk = desk;
        this.list = list;
        this.tickets = tickets;
        this.estates = estates;
        this.clock = clock;
    }

    /** C1: a complaint's order, once its steward names the department; the same ticket again answers that order. */
    @PostMapping
    @Replay("the same ticket again (C1): the order it routed")
    public ResponseEntity<WorkOrderView> routeComplaint(@Valid @RequestBody OrderRequests.RouteComplaint body) {
        TicketOpened ticket =
                tickets.find(body.ticketId()).orElseThrow(() -> new NotFoundException("ticket", body.ticketId()));
        if (ticket.kind() != TicketKind.COMPLAINT) {
            throw new BadRequestException(
                    "ticketId",
                    "ticket " + body.ticketId() + " is a " + ticket.kind()
                            + ", whose order is issued when the ticket opens (R2); only complaints are routed (C1)");
        }
        OrderDesk.Opened opened = desk.openForTicket(
                ticket,
                body.department(),
                body.routedBy() != null
                        ? body.routedBy()
                        : ticket.stewardId() != null ? ticket.stewardId() : ticket.acceptor());
        tickets.orderOpened(ticket.ticketId(), opened.order().orderId());
        return ResponseEntity.status(opened.created() ? HttpStatus.CREATED : HttpStatus.OK)
                .location(URI.create("/api/orders/" + opened.order().orderId()))
                .body(opened.order());
    }

    /** From the order's own stream, with its history. */
    @GetMapping("/{orderId}")
    public WorkOrderView get(@PathVariable String orderId) {
        WorkOrderView order = desk.find(orderId).orElseThrow(() -> new NotFoundException("order", orderId));
        Staff.current()
                .requireDepartment(order.job().department(), order.place().areaId(), "order " + orderId);
        return order;
    }

    /** A department acts only on its own orders: those bound to one are checked against the order first. */
    private void mayActOn(String orderId) {
        if (Staff.current().boundToDepartment()) {
            get(orderId);
        }
    }

    /**
     * From the projection of the dispatch topic: eventually consistent, newest first (equal times by order id), paged
     * by {@code limit} and {@code cursor} with a Link to the next page, like every list.
     */
    @GetMapping
    public ResponseEntity<List<OrderSummary>> search(
            @RequestParam(required = false) Department department,
            @RequestParam(required = false) String areaId,
            @RequestParam(required = false) String assignee,
            @RequestParam(required = false) OrderStatus status,
            @RequestParam(required = false) TicketKind kind,
            @Parameter(description = "true: only the orders returned late that have no complaint-book entry yet (R11)")
                    @RequestParam(required = false)
                    Boolean lateUnexplained,
            @Parameter(description = PageRequest.LIMIT_DOC) @RequestParam(required = false) Integer limit,
            @Parameter(description = PageRequest.CURSOR_DOC) @RequestParam(required = false) String cursor,
            HttpServletRequest request) {
        PageRequest page = PageRequest.of(request, limit, cursor);
        Staff caller = Staff.current();
        if (caller.boundToDepartment()) {
            // a department sees only its own: its department (and area) unless it asks for another, which is refused
            department = department != null ? department : caller.department();
            areaId = areaId != null ? areaId : caller.areaId();
            caller.requireDepartment(
                    department, areaId, "the orders of " + department + (areaId == null ? "" : " in area " + areaId));
        }
        return list.search(department, areaId, assignee, status, kind, Boolean.TRUE.equals(lateUnexplained), page)
                .answer(request);
    }

    @PostMapping("/{orderId}/pickup")
    public WorkOrderView pickUp(@PathVariable String orderId, @Valid @RequestBody OrderRequests.PickUp body) {
        mayActOn(orderId);
        return desk.send(orderId, new PickUpOrder(orderId, body.pickedUpBy(), body.assignedTo(), clock.instant()));
    }

    @PostMapping("/{orderId}/start")
    public WorkOrderView start(@PathVariable String orderId, @Valid @RequestBody OrderRequests.Start body) {
        mayActOn(orderId);
        return desk.send(orderId, new StartWork(orderId, body.startedBy(), clock.instant()));
    }

    @PostMapping("/{orderId}/complete")
    public WorkOrderView complete(@PathVariable String orderId, @Valid @RequestBody OrderRequests.Complete body) {
        mayActOn(orderId);
        return desk.send(orderId, new CompleteOrder(orderId, body.completedBy(), body.result(), clock.instant()));
    }

    @PostMapping("/{orderId}/return")
    public WorkOrderView returnToFrontDesk(
            @PathVariable String orderId, @Valid @RequestBody OrderRequests.Return body) {
        mayActOn(orderId);
        return desk.send(orderId, new ReturnOrder(orderId, body.returnedBy(), body.note(), clock.instant()));
    }

    /** R6: the liaison's report for one day, never for a day that has not come yet in the estate. */
    @PostMapping("/{orderId}/rework-reports")
    public ResponseEntity<WorkOrderView> reportRework(
            @PathVariable String orderId, @Valid @RequestBody OrderRequests.ReworkReport body) {
        WorkOrderView order = get(orderId); // also: a department reports only on its own orders
        Instant now = clock.instant();
        LocalDate today =
                now.atZone(estates.calendar(order.place().estateId()).zone()).toLocalDate();
        if (body.date().isAfter(today)) {
            throw new BadRequestException("date", body.date() + " has not come yet; report the day that passed");
        }
        WorkOrderView updated = desk.send(
                orderId,
                new ReportReworkProgress(
                        orderId,
                        body.date(),
                        body.progress(),
                        body.contractor(),
                        body.reportedBy(),
                        body.resolved(),
                        now));
        return ResponseEntity.status(HttpStatus.CREATED).body(updated);
    }
}
