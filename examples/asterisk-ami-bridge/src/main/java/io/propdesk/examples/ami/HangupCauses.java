package io.propdesk.examples.ami;

import java.util.Locale;

/**
 * Turns what Asterisk says about the end of a call into the CTI {@code cause}: the Q.850 code of a {@code Hangup}
 * event's {@code Cause}, and for a call nobody answered, the {@code DialStatus} of its last {@code DialEnd}.
 */
final class HangupCauses {

    static final String NORMAL_CLEARING = "normalClearing";
    static final String BUSY = "busy";
    static final String CANCEL = "cancel";
    static final String NO_ANSWER = "noAnswer";
    static final String CONGESTION = "congestion";
    static final String NOT_FOUND = "notFound";
    static final String FORWARDED = "forwarded";

    private HangupCauses() {}

    /** The CTI cause of a Q.850 cause code; anything not named here ends a call normally. */
    static String ofQ850(Integer code) {
        if (code == null) {
            return NORMAL_CLEARING;
        }
        return switch (code) {
            case 17, 21 -> BUSY; // user busy; call rejected (the callee declined)
            case 18, 19, 20 -> NO_ANSWER; // no user responding; no answer; subscriber absent
            case 1, 2, 3, 28 -> NOT_FOUND; // unallocated number; no route; invalid number format
            case 34, 38, 41, 42, 44, 47 -> CONGESTION; // no circuit; network out of order; temporary failure
            default -> NORMAL_CLEARING; // 16 normal clearing, 0 unknown, 31 normal unspecified, ...
        };
    }

    /**
     * The CTI cause of a {@code DialEnd}'s {@code DialStatus} that did not connect, or null for {@code ANSWER} and
     * statuses that say nothing about the caller (a dial that simply continued elsewhere).
     */
    static String ofDialStatus(String dialStatus) {
        if (dialStatus == null) {
            return null;
        }
        return switch (dialStatus.toUpperCase(Locale.ROOT)) {
            case "NOANSWER" -> NO_ANSWER;
            case "BUSY" -> BUSY;
            case "CANCEL" -> CANCEL;
            case "CONGESTION", "CHANUNAVAIL" -> CONGESTION;
            default -> null;
        };
    }

    /**
     * The cause of a call's end. An answered call ends as its channel says. For a call nobody answered, a plain
     * "normal clearing" (the caller hung up, or the dialplan ended after its {@code Dial}) says too little to tell a
     * missed call: then the last dial's status decides, and without one the caller gave up ({@code cancel}).
     */
    static String ofCall(boolean answered, Integer q850, String lastDialStatus, boolean lastDialForwarded) {
        String byCode = ofQ850(q850);
        if (answered || !NORMAL_CLEARING.equals(byCode)) {
            return byCode;
        }
        if (lastDialForwarded) {
            return FORWARDED;
        }
        String byDial = ofDialStatus(lastDialStatus);
        return byDial != null ? byDial : CANCEL;
    }
}
