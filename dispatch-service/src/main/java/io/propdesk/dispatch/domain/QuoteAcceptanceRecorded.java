package io.propdesk.dispatch.domain;

import java.time.Instant;

/** Internal: billing's acceptance of the order's quote, which unblocks the paid work (R7). */
public record QuoteAcceptanceRecorded(String orderId, String quoteId, String acceptedBy, Instant acceptedAt) {}
