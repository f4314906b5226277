package io.propdesk.billing.domain;

import io.propdesk.contracts.Department;
import io.propdesk.contracts.Money;
import io.propdesk.contracts.billing.QuoteIssued;
import java.time.Instant;
import java.util.List;

/**
 * Issue the fee of a paid job, priced on site by the steward with the department's professional from the price-list
 * version in force (R7, P2). Lines and total are already priced by the quote desk.
 */
public record IssueQuote(
        String orderId,
        String ticketId,
        Department department,
        int priceListVersion,
        List<QuoteIssued.Line> lines,
        Money total,
        String stewardId,
        String professionalId,
        Instant issuedAt)
        implements OrderCommand {}
