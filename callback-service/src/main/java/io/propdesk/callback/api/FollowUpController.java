package io.propdesk.callback.api;

import io.propdesk.callback.domain.LedgerDesk;
import io.propdesk.callback.domain.LedgerView;
import io.propdesk.callback.domain.LedgerView.ObligationView;
import io.propdesk.callback.domain.RecordStewardReply;
import io.propdesk.callback.domain.SignOffComplaint;
import io.propdesk.platform.domain.NotFoundException;
import io.propdesk.platform.web.paging.Cursor;
import io.propdesk.platform.web.paging.Page;
import io.propdesk.platform.web.paging.PageRequest;
import io.swagger.v3.oas.annotations.Parameter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import java.time.Clock;
import java.util.Comparator;
import java.util.List;
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
    private final Clock clock;

    public FollowUpController(LedgerDesk desk, Clock clock) {
        this.desk = desk;
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
     * From the ticket's own ledger stream, so a client reads its own write at once: oldest first, equal opening times
     * by obligation id, paged by {@code limit} and {@code cursor} like every list.
     */
    @GetMapping("/obligations")
    public ResponseEntity<List<ObligationView>> obligations(
            @RequestParam @NotBlank String ticketId,
            @Parameter(description = PageRequest.LIMIT_DOC) @RequestParam(required = false) Integer limit,
            @Parameter(description = PageRequest.CURSOR_DOC) @RequestParam(required = false) String cursor,
            HttpServletRequest request) {
        PageRequest page = PageRequest.of(request, limit, cursor);
        List<ObligationView> sorted = known(ticketId).obligations().stream()
                .sorted(Comparator.comparing(ObligationView::openedAt).thenComparing(ObligationView::obligationId))
                .toList();
        return Page.slice(
                        sorted,
                        page,
                        after -> o -> after.compareTo(o.openedAt(), o.obligationId()) < 0,
                        o -> Cursor.of(o.openedAt(), o.obligationId()))
                .answer(request);
    }

    private LedgerView known(String ticketId) {
        return desk.find(ticketId).orElseThrow(() -> new NotFoundException("ticket", ticketId));
    }
}
