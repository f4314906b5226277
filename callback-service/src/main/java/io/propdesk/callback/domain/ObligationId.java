package io.propdesk.callback.domain;

import io.propdesk.contracts.SlaRule;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * An obligation's id: {@code <ticketId>:<rule>:<key>}, deterministic so that a re-delivered event finds the obligation
 * it opened before. The string form is published (SlaBreached, ObligationFulfilled) and stored, so it is formatted and
 * parsed here only and never changes. The key says which one of the rule's obligations of the ticket it is: the reply
 * window's or joint follow-up's number (R4, C4), the sign-off round (C3), the order (R7, R8, R9), the report's day
 * (R6) or the callback (R5, C2).
 */
public record ObligationId(String ticketId, SlaRule rule, String key) {

    private static final Pattern FORM = Pattern.compile(
            "(.+?):(" + Arrays.stream(SlaRule.values()).map(SlaRule::name).collect(Collectors.joining("|")) + "):(.+)");

    public ObligationId {
        Objects.requireNonNull(ticketId, "ticketId");
        Objects.requireNonNull(rule, "rule");
        Objects.requireNonNull(key, "key");
    }

    /** R4: the ticket's n-th reply window. */
    public static ObligationId replyWindow(String ticketId, int n) {
        return new ObligationId(ticketId, SlaRule.R4, Integer.toString(n));
    }

    /** C3: the sign-off of the complaint's n-th round (a reopened complaint is signed off again). */
    public static ObligationId signOff(String ticketId, int round) {
        return new ObligationId(ticketId, SlaRule.C3, Integer.toString(round));
    }

    /** C4: the late complaint's n-th joint follow-up. */
    public static ObligationId jointFollowUp(String ticketId, int n) {
        return new ObligationId(ticketId, SlaRule.C4, Integer.toString(n));
    }

    /** R7: the owner's decision on the quote of a paid order. */
    public static ObligationId quoteDecision(String ticketId, String orderId) {
        return new ObligationId(ticketId, SlaRule.R7, orderId);
    }

    /** R8 for a paid order, R9 for a free one: the order's return. */
    public static ObligationId returnOf(String ticketId, String orderId, boolean paid) {
        return new ObligationId(ticketId, paid ? SlaRule.R8 : SlaRule.R9, orderId);
    }

    /** R6: the rework report of an estate-local day. */
    public static ObligationId reportDay(String ticketId, LocalDate day) {
        return new ObligationId(ticketId, SlaRule.R6, day.toString());
    }

    /** R5 (every repair's callback) or C2 (a MAJOR complaint's callback by rank): a callback to be made. */
    public static ObligationId callback(String ticketId, SlaRule rule, String callbackId) {
        return new ObligationId(ticketId, rule, callbackId);
    }

    /** @throws IllegalArgumentException if the text is not {@code <ticketId>:<rule>:<key>} */
    public static ObligationId parse(String text) {
        Matcher m = FORM.matcher(text);
        if (!m.matches()) {
            throw new IllegalArgumentException("not an obligation id (<ticketId>:<rule>:<key>): " + text);
        }
        return new ObligationId(m.group(1), SlaRule.valueOf(m.group(2)), m.group(3));
    }

    /** The published and stored form, {@code <ticketId>:<rule>:<key>}. */
    public String format() {
        return ticketId + ":" + rule.name() + ":" + key;
    }

    @Override
    public String toString() {
        return format();
    }
}
