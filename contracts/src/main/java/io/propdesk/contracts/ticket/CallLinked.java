package io.propdesk.contracts.ticket;

import io.propdesk.contracts.PublicEvent;
import java.time.Instant;

/**
 * A ticket was opened with the call's id: the call is on the ticket's timeline (R10) and, being a ticket, it is no
 * missed call (M1). Keyed by the call id like the call's other events.
 */
public record CallLinked(String callId, String linkedTicketId, Instant linkedAt) implements PublicEvent {

    /** Keyed by the call like its other events; the ticket is {@link #linkedTicketId}. */
    @Override
    public String ticketId() {
        return null;
    }

    @Override
    public String subject() {
        return callId;
    }
}
