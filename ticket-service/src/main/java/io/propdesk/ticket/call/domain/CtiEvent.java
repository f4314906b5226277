package io.propdesk.ticket.call.domain;

import java.util.Arrays;
import java.util.Optional;

/** The events a phone system reports about a call, by their names in Zammad's generic CTI ({@code event}). */
public enum CtiEvent {
    NEW_CALL("newCall"),
    ANSWER("answer"),
    HANGUP("hangup");

    private final String wireName;

    CtiEvent(String wireName) {
        this.wireName = wireName;
    }

    public String wireName() {
        return wireName;
    }

    public static Optional<CtiEvent> ofWireName(String name) {
        return Arrays.stream(values()).filter(e -> e.wireName.equals(name)).findFirst();
    }
}
