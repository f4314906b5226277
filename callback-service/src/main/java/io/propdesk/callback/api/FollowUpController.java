package io.propdesk.callback.api;

import io.propdesk.callback.domain.LedgerDesk;
import io.propdesk.callback.domain.LedgerView;
import io.propdesk.callback.domain.LedgerView.ObligationView;
import io.propdesk.callback.domain.ObligationStatus;
import io.propdesk.callback.domain.RecordStewardReply;
import io.propdesk.callback.domain.SignOffComplaint;
import io.propdesk.callback.query.ObligationHistory;
import io.propdesk.callback.query.OpenObligations;
import io.propdesk.contracts.Department;
import io.propdesk.contracts.SlaRule;
import io.propdesk.platform.domain.BadRequestException;
import io.propdesk.platform.domain.NotFoundException;
import io.propdesk.platform.web.paging.Cursor;
import io.propdesk.platform.web.paging.Page;
import io.propdesk.platform.web.paging.PageRequest;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Valid;
import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** The steward's side of a ticket: replies (R4, C1), the complaint's sign-off (C3), and the ticket's obligations. */
@RestController
@Validated
@RequestMapping("/api")
public class FollowUpController {

    private final LedgerDesk desk;
    private final OpenObligations open;
    private final ObligationHistory history;
    private final Clock clock;

    public FollowUpController(LedgerDesk desk, OpenObligations open, ObligationHistory history, Clock clock) {
        this.desk = desk;
        this.open = open;
        this.history = history;
        this.clock = clock;
    }

    /** Answers with the ledger after the reply: the window it met and the next one now open. */
    @PostMapping("/tickets/{ticketId}/steward-replies")
    @ResponseStatus(HttpStatus.CREATED)
    public LedgerView reply(@PathVariable String ticketId, @Valid @RequestBody StewardReplyRequest body) {
        known(ticketId);
        desk.send(
                ticketId,
                new RecordStewardReply(ticketId, body.stewardId(), body.message(), body.progress(), clock.instant()));
        return known(ticketId);
    }

    @PostMapping("/tickets/{ticketId}/sign-off")
    @ResponseStatus(HttpStatus.CREATED)
    public LedgerView signOff(@PathVariable String ticketId, @Valid @RequestBody SignOffRequest body) {
        known(ticketId);
        desk.send(ticketId, new SignOffComplaint(ticketId, body.stewardId(), body.note(), clock.instant()));
        return known(ticketId);
    }

    /**
     * {@code status=open} (the default without {@code ticketId}): the obligations open now across tickets and missed
     * calls (M1), earliest due first, those without a due time last, from the open-obligations read model.
     * {@code status=all} (the default with {@code ticketId}): every obligation of one ticket, from its own ledger
     * stream so a client reads its own write at once, oldest first. {@code rule}, {@code estateId},
     * {@code department}, {@code ticketId} and {@code atRisk} (W1) narrow either; paged by {@code limit} and
     * {@code cursor} like every list. With {@code asOf} the queue as it stood at that past instant, rebuilt from the
     * recorded events ({@link ObligationHistory}): {@code status=open} (the default) or {@code breached} (a breach
     * stays overdue until fulfilled late, withdrawn, or its ticket's follow-up closes).
     */
    @GetMapping("/obligations")
    @Operation(
            summary = "SLA obligations: one ticket's, those open now, or the queues as they were at a past instant",
            description = "Without asOf: status=open lists the obligations open now across tickets and missed calls"
                    + " (M1); status=all one ticket's. With asOf (an ISO-8601 instant, not in the future) the ledger"
                    + " as it stood at that instant, rebuilt from the recorded events (ObligationOpened, -Rescheduled,"
                    + " -Withdrawn, -Fulfilled, SlaBreached, FollowUpClosed), not from today's rows. At instant T an"
                    + " obligation is open if it was opened at or before T and neither fulfilled, withdrawn nor"
                    + " breached by T; breached (overdue) if its breach was recorded at or before T and by T it was"
                    + " neither fulfilled (late) nor withdrawn, nor its ticket's follow-up closed (FollowUpClosed: a"
                    + " closed ticket owes nothing more); a missed call's (M1) breach, which has no ticket, leaves"
                    + " when the call is returned late or its obligation withdrawn. Each state holds from the instant its event names, never before the"
                    + " obligation's previous state (a calendar change counts from when the obligation opened at the"
                    + " earliest). Each item is the obligation as it was at T: its due time as of T, rule, ticket or"
                    + " call, estate, department, steward; closedAt is the breach's instant for a breached one."
                    + " Earliest due first, those without a due time last; filtered by ticketId, rule, estateId and"
                    + " department; paged by limit and cursor like every list.")
    public ResponseEntity<List<ObligationView>> obligations(
            @Parameter(
                            description = "open (the default without ticketId, and with asOf), all (one ticket's, the"
                                    + " default with it) or, with asOf only, breached")
                    @RequestParam(required = false)
                    String status,
            @Parameter(
                            description = "an ISO-8601 instant, not in the future, e.g. 2026-12-01T08:00:00Z: the"
                                    + " obligations open or breached at that instant, as they stood then")
                    @RequestParam(required = false)
                    String asOf,
            @RequestParam(required = false) String ticketId,
            @Parameter(description = "an SLA rule id, e.g. R4 or M1") @RequestParam(required = false) String rule,
            @RequestParam(required = false) String estateId,
            @RequestParam(required = false) String department,
            @Parameter(
                            description =
                                    "W1: true lists only the open obligations announced at risk of a breach, false"
                                            + " only those not")
                    @RequestParam(required = false)
                    String atRisk,
            @Parameter(description = PageRequest.LIMIT_DOC) @RequestParam(required = false) Integer limit,
            @Parameter(description = PageRequest.CURSOR_DOC) @RequestParam(required = false) String cursor,
            HttpServletRequest request) {
        PageRequest page = PageRequest.of(request, limit, cursor);
        if (asOf != null) {
            if (atRisk != null) {
                throw new BadRequestException("atRisk", "lists the obligations at risk now; leave it out with asOf");
            }
            return asOf(asOf, status, ticketId, rule, estateId, department, page, request);
        }
        String s = status != null ? status.toLowerCase(Locale.ROOT) : ticketId != null ? "all" : "open";
        if (!s.equals("open") && !s.equals("all")) {
            throw new BadRequestException("status", "must be open or all");
        }
        if (ticketId != null && ticketId.isBlank()) {
            throw new BadRequestException("ticketId", "must not be blank");
        }
        OpenObligations.Filter filter = new OpenObligations.Filter(
                ticketId,
                parse("rule", rule, SlaRule.class),
                estateId,
                parse("department", department, Department.class),
                flag("atRisk", atRisk));
        if (s.equals("open")) {
            return open.search(filter, page).answer(request);
        }
        if (ticketId == null) {
            throw new BadRequestException("ticketId", "status=all lists one ticket's obligations; name the ticket");
        }
        List<ObligationView> sorted = known(ticketId).obligations().stream()
                .filter(o -> filter.rule() == null || o.rule() == filter.rule())
                .filter(o -> estateId == null || estateId.equals(o.estateId()))
                .filter(o -> filter.department() == null || o.department() == filter.department())
                .filter(o -> filter.atRisk() == null || o.atRisk() == filter.atRisk())
                .sorted(Comparator.comparing(ObligationView::openedAt).thenComparing(ObligationView::obligationId))
                .toList();
        return Page.slice(
                        sorted,
                        page,
                        after -> o -> after.compareTo(o.openedAt(), o.obligationId()) < 0,
                        o -> Cursor.of(o.openedAt(), o.obligationId()))
                .answer(request);
    }

    private static Boolean flag(String field, String value) {
        if (value == null) {
            return null;
        }
        return switch (value.toLowerCase(Locale.ROOT)) {
            case "true" -> Boolean.TRUE;
            case "false" -> Boolean.FALSE;
            default -> throw new BadRequestException(field, "must be true or false, not " + value);
        };
    }

    private ResponseEntity<List<ObligationView>> asOf(
            String asOf,
            String status,
            String ticketId,
            String rule,
            String estateId,
            String department,
            PageRequest page,
            HttpServletRequest request) {
        Instant at;
        try {
            at = Instant.parse(asOf);
        } catch (DateTimeParseException e) {
            throw new BadRequestException(
                    "asOf", "must be an ISO-8601 instant such as 2026-12-01T08:00:00Z, not " + asOf);
        }
        Instant now = clock.instant();
        if (at.isAfter(now)) {
            throw new BadRequestException(
                    "asOf", "must not be in the future: " + asOf + " is after now (" + now + "); leave it out for now");
        }
        String s = status != null ? status.toLowerCase(Locale.ROOT) : "open";
        if (!s.equals("open") && !s.equals("breached")) {
            throw new BadRequestException("status", "with asOf must be open or breached, not " + status);
        }
        if (ticketId != null && ticketId.isBlank()) {
            throw new BadRequestException("ticketId", "must not be blank");
        }
        OpenObligations.Filter filter = new OpenObligations.Filter(
                ticketId,
                parse("rule", rule, SlaRule.class),
                estateId,
                parse("department", department, Department.class),
                null);
        ObligationStatus wanted = s.equals("open") ? ObligationStatus.OPEN : ObligationStatus.BREACHED;
        return history.asOf(at, wanted, filter, page).answer(request);
    }

    private static <E extends Enum<E>> E parse(String field, String value, Class<E> type) {
        if (value == null) {
            return null;
        }
        try {
            return Enum.valueOf(type, value.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new BadRequestException(
                    field, "must be one of " + java.util.Arrays.toString(type.getEnumConstants()) + ", not " + value);
        }
    }

    private LedgerView known(String ticketId) {
        return desk.find(ticketId).orElseThrow(() -> new NotFoundException("ticket", ticketId));
    }
}
