package io.propdesk.billing.domain;

/**
 * Internal, beside QuoteIssued: who priced the quote on site (P2). QuoteIssued carries only one {@code issuedBy}
 * (the steward), so the department's professional is kept here.
 */
public record QuotePricedBy(String orderId, String quoteId, String stewardId, String professionalId) {}
