package io.propdesk.billing.domain;

/** What posting a charge did. */
public enum PostResult {
    POSTED,
    /** This charge id is already on this statement: nothing changed. */
    ALREADY_POSTED,
    /** The month is closed (H8): the charge must go on a later month's statement. */
    MONTH_CLOSED
}
