package io.propdesk.callback.domain;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import io.propdesk.platform.domain.NotFoundException;
import io.propdesk.platform.domain.RuleViolationException;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The callbacks a ledger scheduled, in order, keyed by id. Owned by {@link TicketLedger}: it only changes from the
 * ledger's event-sourcing handlers.
 */
@JsonAutoDetect(fieldVisibility = JsonAutoDetect.Visibility.ANY)
final class Callbacks {

    private final Map<String, Callback> byId = new LinkedHashMap<>();

    /**
     * The id the next callback of the ticket gets: {@code CB<n>-<ticketId>}, so a call finds its ledger without a
     * lookup (the callback API parses it back).
     */
    String nextId(String ticketId) {
        return "CB" + (byId.size() + 1) + "-" + ticketId;
    }

    /** A callback still to be made; 404 if the ledger has none by that id, 409 R5 if it is already completed. */
    Callback toMake(String callbackId) {
        Callback callback = byId.get(callbackId);
        if (callback == null) {
            throw new NotFoundException("callback", callbackId);
        }
        if (callback.isCompleted()) {
            throw new RuleViolationException("R5", "callback " + callbackId + " is already completed");
        }
        return callback;
    }

    boolean scheduledFor(String orderId) {
        return byId.values().stream().anyMatch(c -> orderId.equals(c.orderId()));
    }

    Collection<Callback> all() {
        return byId.values();
    }

    void scheduled(Callback callback) {
        byId.put(callback.id(), callback);
    }

    Callback get(String callbackId) {
        return byId.get(callbackId);
    }
}
