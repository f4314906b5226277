package io.propdesk.contracts;

/**
 * The rules the callback-service obligation ledger watches (ARCHITECTURE.md, "Time, calendars and
 * SLA obligations"); obligations, fulfilments and breaches name one of them.
 */
public enum SlaRule {
    /** Steward replies at least every 4 hours while a repair or complaint is open. */
    R4,
    /** Every completed repair gets a completed callback. */
    R5,
    /** A rework progress report every day until the rework is closed. */
    R6,
    /** A paid job does not start before its quote is accepted. */
    R7,
    /** A completed paid order returns to the front desk within the estate's paid-return hours. */
    R8,
    /** A completed free order returns before the end of that working day. */
    R9,
    /** Every late order has a complaint-book explanation. */
    R11,
    /** A MAJOR complaint is called back by a manager, supervisor or team leader. */
    C2,
    /** A complaint is not closed without the steward's sign-off. */
    C3,
    /** A late complaint is followed up jointly by acceptor and steward. */
    C4,
    /** A missed inbound call that left no ticket is returned within the estate's window of the working day. */
    M1
}
