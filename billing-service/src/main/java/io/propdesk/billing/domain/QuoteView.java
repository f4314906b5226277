package io.propdesk.billing.domain;

import io.propdesk.contracts.Department;
import io.propdesk.contracts.Money;
import io.propdesk.contracts.billing.QuoteIssued;
import java.time.Instant;
import java.util.List;

/**
 * A quote as issued and where it stands (R7, P2).
 *
 * @param decidedBy who explained it to the owner (ACCEPTED); null otherwise
 * @param reason    why it was declined or withdrawn; for SUPERSEDED the quote that replaced it
 */
public record QuoteView(
        String quoteId,
        String ticketId,
        String orderId,
        Department department,
        int priceListVersion,
        List<QuoteIssued.Line> lines,
        Money total,
        QuoteStatus status,
        PricedBy pricedBy,
        Instant issuedAt,
        String decidedBy,
        String reason,
        Instant decidedAt) {

    public record PricedBy(String stewardId, String professionalId) {}

    static QuoteView issued(QuoteIssued q, PricedBy pricedBy) {
        return new QuoteView(
                q.quoteId(),
                q.ticketId(),
                q.orderId(),
                q.department(),
                q.priceListVersion(),
                q.lines(),
                q.total(),
                QuoteStatus.OPEN,
                pricedBy,
                q.issuedAt(),
                null,
                null,
                null);
    }

    QuoteView decided(QuoteStatus next, String by, String why, Instant at) {
        return new QuoteView(
                quoteId,
                ticketId,
                orderId,
                department,
                priceListVersion,
                lines,
                total,
                next,
                pricedBy,
                issuedAt,
                by,
                why,
                at);
    }

    QuoteView pricedBy(PricedBy who) {
        return new QuoteView(
                quoteId,
                ticketId,
                orderId,
                department,
                priceListVersion,
                lines,
                total,
                status,
                who,
                issuedAt,
                decidedBy,
                reason,
                decidedAt);
    }
}
