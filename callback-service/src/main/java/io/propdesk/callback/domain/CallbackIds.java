package io.propdesk.callback.domain;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A callback id names its ticket: {@code CB<n>-<ticketId>}, so a call finds its ledger without a lookup. */
public final class CallbackIds {

    private static final Pattern CALLBACK_ID = Pattern.compile("CB\\d+-(.+)");

    private CallbackIds() {}

    /** The ticket a callback id names, or empty for an id not in that form. */
    public static Optional<String> ticketOf(String callbackId) {
        if (callbackId == null) {
            return Optional.empty();
        }
        Matcher m = CALLBACK_ID.matcher(callbackId);
        return m.matches() ? Optional.of(m.group(1)) : Optional.empty();
    }
}
