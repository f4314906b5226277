package io.propdesk.ticket.domain;

import io.propdesk.contracts.Channel;
import io.propdesk.contracts.Severity;
import io.propdesk.contracts.TicketKind;
import io.propdesk.contracts.ticket.TicketOpened;
import io.propdesk.ticket.privacy.OwnerKeys;
import io.propdesk.ticket.privacy.PersonalData;
import java.time.Instant;

/**
 * A ticket as the front desk sees it, answered from the ticket's own stream. The caller's name and phone are stored
 * sealed with the owner's key; {@code ownerId} names whose they are ({@code DELETE /api/owners/{ownerId}/personal-data}).
 */
public record TicketView(
        String ticketId,
        TicketStatus status,
        String callId,
        String estateId,
        String areaId,
        String buildingId,
        String unitId,
        TicketKind kind,
        boolean paid,
        Severity severity,
        String description,
        String callerName,
        String callerPhone,
        Channel channel,
        String acceptor,
        String stewardId,
        Instant receivedAt,
        Instant serviceTime,
        Instant openedAt,
        String ownerId) {

    static TicketView of(Ticket ticket) {
        TicketOpened o = ticket.opened();
        return new TicketView(
                o.ticketId(),
                ticket.status(),
                o.callId(),
                o.estateId(),
                o.areaId(),
                o.buildingId(),
                o.unitId(),
                o.kind(),
                o.paid(),
                o.severity(),
                o.description(),
                o.callerName(),
                o.callerPhone(),
                o.channel(),
                o.acceptor(),
                o.stewardId(),
                o.receivedAt(),
                o.serviceTime(),
                o.openedAt(),
                OwnerKeys.ownerOf(o.estateId(), o.unitId()));
    }

    /** The same ticket with the caller's name and phone opened (or {@code [erased]}) for the front desk. */
    public TicketView opened(PersonalData personal) {
        java.util.function.UnaryOperator<String> open = personal.opener();
        return withCaller(open.apply(callerName), open.apply(callerPhone));
    }

    /** The same ticket with these caller details (the ones a new ticket was just opened with). */
    public TicketView withCaller(String name, String phone) {
        return new TicketView(
                ticketId,
                status,
                callId,
                estateId,
                areaId,
                buildingId,
                unitId,
                kind,
                paid,
                severity,
                description,
                name,
                phone,
                channel,
                acceptor,
                stewardId,
                receivedAt,
                serviceTime,
                openedAt,
                ownerId);
    }
}
