package io.propdesk.ticket.domain;

import java.time.Instant;

import io.propdesk.contracts.Channel;
import io.propdesk.contracts.Severity;
import io.propdesk.contracts.TicketKind;
import io.propdesk.contracts.ticket.TicketOpened;

/** A ticket as the front desk sees it, answered from the ticket's own stream. */
public record TicketView(String ticketId, TicketStatus status, String callId, String estateId, String areaId,
                         String buildingId, String unitId, TicketKind kind, boolean paid, Severity severity,
                         String description, String callerName, String callerPhone, Channel channel, String acceptor,
                         String stewardId, Instant receivedAt, Instant serviceTime, Instant openedAt) {

    static TicketView of(Ticket ticket) {
        TicketOpened o = ticket.opened();
        return new TicketView(o.ticketId(), ticket.status(), o.callId(), o.estateId(), o.areaId(), o.buildingId(),
                o.unitId(), o.kind(), o.paid(), o.severity(), o.description(), o.callerName(), o.callerPhone(),
                o.channel(), o.acceptor(), o.stewardId(), o.receivedAt(), o.serviceTime(), o.openedAt());
    }
}
