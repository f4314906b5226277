package io.propdesk.billing.domain;

import io.propdesk.contracts.Department;
import io.propdesk.contracts.TicketKind;
import java.util.List;
import java.util.Optional;

/** What billing knows of a work order: from OrderDispatched, plus its quotes in the order they were issued. */
public record OrderView(
        String orderId,
        String ticketId,
        String estateId,
        String unitId,
        TicketKind kind,
        Department department,
        boolean paid,
        String contractId,
        boolean cancelled,
        boolean completed,
        List<QuoteView> quotes) {

    public Optional<QuoteView> quote(String quoteId) {
        return quotes.stream().filter(q -> q.quoteId().equals(quoteId)).findFirst();
    }

    /** R7, P2: the fee the owner agreed to, charged on completion. */
    public Optional<QuoteView> acceptedQuote() {
        return quotes.stream().filter(q -> q.status() == QuoteStatus.ACCEPTED).findFirst();
    }

    /** H7: whose statement the order's charge goes on; by convention the owner's unit, else the estate itself. */
    public String customerId() {
        return unitId != null ? unitId : estateId;
    }
}
