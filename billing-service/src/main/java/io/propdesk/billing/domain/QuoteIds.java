package io.propdesk.billing.domain;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A quote's id names its order: {@code Q<n>-<orderId>} for the order's n-th quote. So accepting, declining or reading
 * a quote loads the order's stream directly, with no separate index that could be left half-written.
 */
public final class QuoteIds {

    private static final Pattern QUOTE_ID = Pattern.compile("Q([1-9][0-9]{0,5})-(.+)");

    private QuoteIds() {}

    static String of(int number, String orderId) {
        return "Q" + number + "-" + orderId;
    }

    public static Optional<String> orderOf(String quoteId) {
        if (quoteId == null) {
            return Optional.empty();
        }
        Matcher m = QUOTE_ID.matcher(quoteId);
        return m.matches() ? Optional.of(m.group(2)) : Optional.empty();
    }
}
