package io.propdesk.callback.api;

import io.propdesk.callback.domain.LedgerDesk;
import io.propdesk.callback.domain.LedgerView;
import io.propdesk.callback.domain.LedgerView.ObligationView;
import io.propdesk.callback.domain.RecordStewardReply;
import io.propdesk.callback.domain.SignOffComplaint;
import io.propdesk.callback.query.OpenObligations;
import io.propdesk.contracts.Department;
import io.propdesk.contracts.SlaRule;
import io.propdesk.platform.domain.BadRequestException;
import io.propdesk.platform.domain.NotFoundException;
import io.propdesk.platform.web.paging.Cursor;
import io.propdesk.platform.web.paging.Page;
import io.propdesk.platform.web.paging.PageRequest;
import io.swagger.v3.oas.annotations.Parameter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Valid;
import java.time.Clock;
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
    private final Clock clock;

    public FollowUpController(LedgerDesk desk, OpenObligations open, Clock clock) {
        this.desk = desk;
        this.open = open;
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
     * {@code department}, {@code ticketId} and {@code atRisk} (W1) narrow either; paged by {@code limit} and {@code cursor} like every
     * list.
     */
    @GetMapping("/obligations")
    public ResponseEntity<List<ObligationView>> obligations(
            @Parameter(description = "open (the default without ticketId) or all (one ticket's, the default with it)")
                    @RequestParam(required = false)
                    String status,
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
