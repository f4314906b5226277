package io.propdesk.billing.domain;

/** Where a quote stands; only an OPEN quote can be accepted or declined (R7). */
public enum QuoteStatus {
    OPEN,
    ACCEPTED,
    DECLINED,
    /** A later quote for the same order replaced it before the owner decided. */
    SUPERSEDED,
    /** The order was cancelled while the quote was open. */
    WITHDRAWN
}
