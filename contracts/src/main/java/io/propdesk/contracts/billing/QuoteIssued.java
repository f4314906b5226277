package io.propdesk.contracts.billing;

import io.propdesk.contracts.Department;
import io.propdesk.contracts.Money;
import io.propdesk.contracts.PublicEvent;
import java.time.Instant;
import java.util.List;

/**
 * The fee of a paid job, explained to the owner after pricing on site (R7, P2); work may not start
 * until it is accepted, and the R7 clock pauses while the owner decides.
 *
 * @param priceListVersion the version of the department's price list the lines were priced from (P2)
 */
public record QuoteIssued(
        String ticketId,
        String quoteId,
        String orderId,
        Department department,
        int priceListVersion,
        List<Line> lines,
        Money total,
        String issuedBy,
        Instant issuedAt)
        implements PublicEvent {

    public QuoteIssued {
        lines = lines == null ? List.of() : List.copyOf(lines);
    }

    /** @param itemCode the price-list item; null for an item priced on site outside the list */
    public record Line(String itemCode, String description, int quantity, Money unitPrice, Money amount) {}
}
