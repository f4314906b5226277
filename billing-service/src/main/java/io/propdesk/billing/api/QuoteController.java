package io.propdesk.billing.api;

import io.propdesk.billing.domain.QuoteDesk;
import io.propdesk.billing.domain.QuoteView;
import io.propdesk.platform.domain.NotFoundException;
import jakarta.validation.Valid;
import java.net.URI;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** Quotes before paid work (R7, P2). */
@RestController
@RequestMapping("/api/quotes")
public class QuoteController {

    private final QuoteDesk desk;

    public QuoteController(QuoteDesk desk) {
        this.desk = desk;
    }

    /** 201 + Location; QuoteIssued, superseding the order's open quote. */
    @PostMapping
    public ResponseEntity<QuoteView> issue(@Valid @RequestBody IssueQuoteRequest body) {
        QuoteView quote = desk.issue(
                body.ticketId(),
                body.orderId(),
                body.department(),
                body.lines().stream()
                        .map(l -> new QuoteDesk.Line(l.itemCode(), l.description(), l.quantity(), l.unitPrice()))
                        .toList(),
                body.pricedBy().stewardId(),
                body.pricedBy().professionalId());
        return ResponseEntity.created(URI.create("/api/quotes/" + quote.quoteId()))
                .body(quote);
    }

    /** From the order's own stream, so a client reads its own write at once. */
    @GetMapping("/{quoteId}")
    public QuoteView get(@PathVariable String quoteId) {
        return desk.find(quoteId).orElseThrow(() -> new NotFoundException("quote", quoteId));
    }

    /** QuoteAccepted: dispatch-service may now start the paid order (R7). */
    @PostMapping("/{quoteId}/accept")
    public QuoteView accept(@PathVariable String quoteId, @Valid @RequestBody AcceptQuoteRequest body) {
        return desk.accept(quoteId, body.explainedBy());
    }

    /** QuoteDeclined: dispatch-service cancels the order (R7). */
    @PostMapping("/{quoteId}/decline")
    public QuoteView decline(@PathVariable String quoteId, @Valid @RequestBody DeclineQuoteRequest body) {
        return desk.decline(quoteId, body.reason());
    }
}
