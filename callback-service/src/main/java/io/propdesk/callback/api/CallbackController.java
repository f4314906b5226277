package io.propdesk.callback.api;

import io.propdesk.callback.domain.CallbackIds;
import io.propdesk.callback.domain.CompleteCallback;
import io.propdesk.callback.domain.LedgerDesk;
import io.propdesk.callback.domain.LedgerView;
import io.propdesk.callback.domain.LedgerView.CallbackView;
import io.propdesk.callback.domain.RecordCallbackAttempt;
import io.propdesk.callback.query.LedgerDocuments;
import io.propdesk.contracts.CallerRole;
import io.propdesk.contracts.access.Role;
import io.propdesk.platform.domain.BadRequestException;
import io.propdesk.platform.domain.NotFoundException;
import io.propdesk.platform.security.ForbiddenException;
import io.propdesk.platform.security.Staff;
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

/** The front desk's callbacks to owners (R5, H5) and who may make them (C2). */
@RestController
@Validated
@RequestMapping("/api/callbacks")
public class CallbackController {

    private final LedgerDesk desk;
    private final LedgerDocuments ledgers;
    private final Clock clock;

    public CallbackController(LedgerDesk desk, LedgerDocuments ledgers, Clock clock) {
        this.desk = desk;
        this.ledgers = ledgers;
        this.clock = clock;
    }

    /**
     * {@code status=due} (the default): not yet completed; {@code completed}; {@code all}, the default when
     * {@code ticketId} names one ticket (its callbacks, so an integrator finds their ids). Earliest due
     * first, equal due times by callback id, paged by {@code limit} and {@code cursor} with a Link to the next page,
     * like every list.
     */
    @GetMapping
    public ResponseEntity<List<CallbackView>> list(
            @RequestParam(required = false) String status,
            @RequestParam(required = false) String estateId,
            @RequestParam(required = false) String ticketId,
            @Parameter(description = PageRequest.LIMIT_DOC) @RequestParam(required = false) Integer limit,
            @Parameter(description = PageRequest.CURSOR_DOC) @RequestParam(required = false) String cursor,
            HttpServletRequest request) {
        PageRequest page = PageRequest.of(request, limit, cursor);
        String s = status != null ? status.toLowerCase(Locale.ROOT) : ticketId != null ? "all" : "due";
        if (!List.of("due", "completed", "all").contains(s)) {
            throw new BadRequestException("status", "must be due, completed or all");
        }
        List<CallbackView> sorted = ledgers.list(ticketId, estateId, s.equals("due"), s.equals("due")).stream()
                .flatMap(l -> l.callbacks().stream())
                .filter(c -> s.equals("all") || c.completed() == s.equals("completed"))
                .sorted(Comparator.comparing(CallbackView::dueAt).thenComparing(CallbackView::callbackId))
                .toList();
        return Page.slice(
                        sorted,
                        page,
                        after -> c -> after.compareTo(c.dueAt(), c.callbackId()) < 0,
                        c -> Cursor.of(c.dueAt(), c.callbackId()))
                .answer(request);
    }

    @PostMapping("/{callbackId}/attempts")
    @ResponseStatus(HttpStatus.CREATED)
    public CallbackView attempt(@PathVariable String callbackId, @Valid @RequestBody CallbackAttemptRequest body) {
        String ticketId = ticketOf(callbackId);
        mayCallAs(body.callerRole());
        desk.send(
                ticketId,
                new RecordCallbackAttempt(
                        ticketId, callbackId, body.callerId(), body.callerRole(), body.note(), clock.instant()));
        return callback(ticketId, callbackId);
    }

    /** 409 naming C2 when a MAJOR complaint's owner is called back by ordinary duty staff; nothing is recorded. */
    @PostMapping("/{callbackId}/complete")
    public CallbackView complete(@PathVariable String callbackId, @Valid @RequestBody CallbackCompletionRequest body) {
        String ticketId = ticketOf(callbackId);
        mayCallAs(body.callerRole());
        desk.send(
                ticketId,
                new CompleteCallback(
                        ticketId,
                        callbackId,
                        body.callerId(),
                        body.callerRole(),
                        body.satisfied(),
                        body.rating(),
                        body.comment(),
                        clock.instant()));
        return callback(ticketId, callbackId);
    }

    /**
     * C2: the rank a caller claims must be theirs. MANAGER, SUPERVISOR and TEAM_LEADER need the MANAGER role; front-desk
     * staff call as DUTY_STAFF (and a MAJOR complaint then answers 409 C2 from the ledger).
     */
    private static void mayCallAs(CallerRole claimed) {
        Staff caller = Staff.current();
        if (claimed != null && claimed != CallerRole.DUTY_STAFF && !caller.has(Role.MANAGER)) {
            throw new ForbiddenException("C2: callerRole " + claimed + " is a manager, supervisor or team leader's; "
                    + caller.name() + " does not hold role MANAGER");
        }
    }

    private String ticketOf(String callbackId) {
        return CallbackIds.ticketOf(callbackId)
                .filter(ticketId -> desk.find(ticketId).isPresent())
                .orElseThrow(() -> new NotFoundException("callback", callbackId));
    }

    /** The callback as its ledger holds it now, so the caller reads its own write. */
    private CallbackView callback(String ticketId, String callbackId) {
        return desk.find(ticketId).map(LedgerView::callbacks).orElseThrow().stream()
                .filter(c -> c.callbackId().equals(callbackId))
                .findFirst()
                .orElseThrow(() -> new NotFoundException("callback", callbackId));
    }
}
