package io.propdesk.ticket.api;

import io.propdesk.contracts.TicketKind;
import io.propdesk.contracts.access.Access;
import io.propdesk.contracts.access.Role;
import io.propdesk.platform.domain.BadRequestException;
import io.propdesk.platform.domain.NotFoundException;
import io.propdesk.platform.openapi.Replay;
import io.propdesk.platform.security.Staff;
import io.propdesk.platform.web.paging.Cursor;
import io.propdesk.platform.web.paging.Page;
import io.propdesk.platform.web.paging.PageRequest;
import io.propdesk.ticket.domain.ExplainLateOrder;
import io.propdesk.ticket.domain.TicketIntake;
import io.propdesk.ticket.domain.TicketIntake.Registered;
import io.propdesk.ticket.domain.TicketStatus;
import io.propdesk.ticket.domain.TicketView;
import io.propdesk.ticket.privacy.PersonalData;
import io.propdesk.ticket.query.TicketList;
import io.propdesk.ticket.query.TicketSummary;
import io.propdesk.ticket.query.Timeline;
import io.swagger.v3.oas.annotations.Parameter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Valid;
import java.net.URI;
import java.time.Clock;
import java.util.List;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Front-desk intake (R1) and the ticket queries. */
@RestController
@Validated
@RequestMapping("/api/tickets")
public class TicketController {

    private final TicketIntake intake;
    private final TicketList list;
    private final Timeline timeline;
    private final CommandGateway commands;
    private final Clock clock;
    private final PersonalData personal;

    public TicketController(
            TicketIntake intake,
            TicketList list,
            Timeline timeline,
            CommandGateway commands,
            Clock clock,
            PersonalData personal) {
        this.personal = personal;
        this.intake = intake;
        this.list = list;
        this.timeline = timeline;
        this.commands = commands;
        this.clock = clock;
    }

    /**
     * 201 with Location for a new ticket; 200 with the same ticket when the same call was registered before, 409 when
     * the call id names a different call (R1). The ticket is answered as the caller's role may see it:
     * a role that may not read tickets (INTEGRATION) gets only its id and status, never the caller's details.
     */
    @PostMapping
    @Replay("the same call again (R1): the ticket it opened")
    public ResponseEntity<?> open(@Valid @RequestBody OpenTicketRequest body) {
        Registered registered = intake.register(toCall(body));
        TicketView ticket = registered.ticket();
        URI location = URI.create("/api/tickets/" + ticket.ticketId());
        return ResponseEntity.status(registered.created() ? HttpStatus.CREATED : HttpStatus.OK)
                .location(location)
                .body(mayRead(ticket.ticketId()) ? ticket : new OpenedTicket(ticket.ticketId(), ticket.status()));
    }

    private static boolean onlyIntegration(Staff caller) {
        return caller.has(Role.INTEGRATION) && caller.roles().size() == 1;
    }

    /** Whether the caller's role may {@code GET} the ticket: the access table decides, as it does for the GET. */
    private static boolean mayRead(String ticketId) {
        Staff caller = Staff.current();
        return Access.find("ticket", "GET", "/api/tickets/" + ticketId)
                .map(row -> caller.roles().stream().anyMatch(row::admits))
                .orElse(false);
    }

    public static TicketIntake.Call toCall(OpenTicketRequest body) {
        return new TicketIntake.Call(
                body.callId(),
                body.estateId(),
                body.unitId(),
                body.kind(),
                body.paid(),
                body.severity(),
                body.description(),
                body.callerName(),
                body.callerPhone(),
                body.channel(),
                body.acceptor(),
                body.receivedAt(),
                body.serviceTime());
    }

    /** From the ticket's own stream, so a client reads its own write at once. */
    @GetMapping("/{ticketId}")
    public TicketView get(@PathVariable String ticketId) {
        return intake.find(ticketId).orElseThrow(() -> new NotFoundException("ticket", ticketId));
    }

    /**
     * R10: every event of the ticket from all four services, in event-time order (a projection: eventually complete),
     * equal times by source, sequence and event id; paged by {@code limit} and {@code cursor} like every list.
     */
    @GetMapping("/{ticketId}/timeline")
    public ResponseEntity<List<Timeline.Entry>> timeline(
            @PathVariable String ticketId,
            @Parameter(description = PageRequest.LIMIT_DOC) @RequestParam(required = false) Integer limit,
            @Parameter(description = PageRequest.CURSOR_DOC) @RequestParam(required = false) String cursor,
            HttpServletRequest request) {
        PageRequest pageRequest = PageRequest.of(request, limit, cursor);
        List<Timeline.Entry> entries =
                timeline.of(ticketId).orElseThrow(() -> new NotFoundException("ticket", ticketId));
        Page<Timeline.Entry> page = Page.slice(
                entries,
                pageRequest,
                after -> e -> after.compareTo(e.time(), Timeline.tieBreak(e)) < 0,
                e -> Cursor.of(e.time(), Timeline.tieBreak(e)));
        // the caller, or [erased] once their key is destroyed; each key looked up once for the whole page
        java.util.function.UnaryOperator<String> opener = personal.opener();
        page.rows().forEach(entry -> personal.openAll(entry.data(), opener));
        return page.answer(request);
    }

    /** R11: the complaint-book entry for an order of this ticket that was handled or returned late. */
    @PostMapping("/{ticketId}/late-explanations")
    public ResponseEntity<LateExplanationRequest> explainLateOrder(
            @PathVariable String ticketId, @Valid @RequestBody LateExplanationRequest body) {
        intake.find(ticketId).orElseThrow(() -> new NotFoundException("ticket", ticketId));
        commands.sendAndWait(
                new ExplainLateOrder(ticketId, body.orderId(), body.reason(), body.explainedBy(), clock.instant()));
        return ResponseEntity.status(HttpStatus.CREATED).body(body);
    }

    /**
     * From the projection fed by Kafka: eventually consistent, newest first (equal times by ticket id), paged by
     * {@code limit} and {@code cursor} with a Link to the next page. {@code callId} finds the ticket
     * a call opened (0 or 1 rows; R1): its id is derived from the call id, {@link TicketIntake#ticketIdForCall}.
     */
    @GetMapping
    public ResponseEntity<List<TicketSummary>> search(
            @RequestParam(required = false) TicketStatus status,
            @RequestParam(required = false) TicketKind kind,
            @RequestParam(required = false) String estateId,
            @RequestParam(required = false) String callId,
            @Parameter(description = PageRequest.LIMIT_DOC) @RequestParam(required = false) Integer limit,
            @Parameter(description = PageRequest.CURSOR_DOC) @RequestParam(required = false) String cursor,
            HttpServletRequest request) {
        PageRequest page = PageRequest.of(request, limit, cursor);
        if (callId == null && onlyIntegration(Staff.current())) {
            // a call-center system finds the ticket its call opened (R1), it does not browse the desk's tickets
            throw new BadRequestException("callId", "the call-center role lists tickets only by callId");
        }
        String ticketId = callId == null ? null : TicketIntake.ticketIdForCall(callId);
        return list.search(status, kind, estateId, ticketId, page).answer(request);
    }
}
