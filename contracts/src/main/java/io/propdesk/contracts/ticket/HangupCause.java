package io.propdesk.contracts.ticket;

/**
 * Why a call ended, with the values of Zammad's generic CTI {@code cause} (normalClearing, busy, cancel, noAnswer,
 * congestion, notFound, forwarded). NO_ANSWER, BUSY and CANCEL on an inbound call mean nobody took it (M1).
 */
public enum HangupCause {
    NORMAL_CLEARING,
    BUSY,
    CANCEL,
    NO_ANSWER,
    CONGESTION,
    NOT_FOUND,
    FORWARDED;

    /** An inbound call that ended this way was not taken by anyone, whatever else arrives (M1). */
    public boolean meansUnanswered() {
        return this == BUSY || this == CANCEL || this == NO_ANSWER;
    }
}
