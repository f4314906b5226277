package io.propdesk.platform.testing;

import io.propdesk.contracts.Channel;
import io.propdesk.contracts.TicketKind;
import io.propdesk.contracts.ticket.TicketClosed;
import io.propdesk.contracts.ticket.TicketOpened;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;

/** Object Mother for public ticket events as they sit in a ticket's stream. */
public final class Tickets {

    private Tickets() {}

    public static TicketOpened aRepair(String ticketId) {
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        return new TicketOpened(
                ticketId,
                "call-" + ticketId,
                "sunrise",
                "north",
                "b1",
                "b1-101",
                TicketKind.REPAIR,
                false,
                null,
                "tap leaking",
                "Wang",
                "13800000000",
                Channel.PHONE,
                "desk-chen",
                "steward-li",
                now,
                null,
                now);
    }

    public static DomainEventMessage<TicketOpened> opened(String ticketId) {
        return new GenericDomainEventMessage<>("Ticket", ticketId, 0, aRepair(ticketId));
    }

    /** A public event at any position of the ticket's stream. */
    public static DomainEventMessage<TicketClosed> closedAt(String ticketId, long sequence) {
        return new GenericDomainEventMessage<>(
                "Ticket",
                ticketId,
                sequence,
                new TicketClosed(ticketId, "seq " + sequence, Instant.now().truncatedTo(ChronoUnit.MILLIS)));
    }
}
