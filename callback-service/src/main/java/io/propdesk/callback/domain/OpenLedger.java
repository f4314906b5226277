package io.propdesk.callback.domain;

import io.propdesk.contracts.Severity;
import io.propdesk.contracts.TicketKind;
import java.time.Instant;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * From TicketOpened: the ticket is followed up from now on (R3, R4, C1); or from a contract visit's OrderDispatched
 * (H1), which has no front-desk ticket behind it.
 *
 * @param contractId  the monthly contract a visit serves (H1); null for a front-desk ticket
 * @param ownerId     the owner ({@code estate:unit}) a callback calls, for a dialler (R5, H5, C2); null without a unit
 * @param callerPhone the number a callback dials, sealed as TicketOpened carries it; null without one
 * @param areaId      the ticket's area, published with the follow-up for the SLA figures (issue 18 item 6)
 * @param buildingId  the ticket's building, likewise
 */
public record OpenLedger(
        @TargetAggregateIdentifier String ticketId,
        String estateId,
        TicketKind kind,
        Severity severity,
        boolean paid,
        String acceptor,
        String stewardId,
        Instant openedAt,
        String contractId,
        String ownerId,
        String callerPhone,
        String areaId,
        String buildingId) {

    public OpenLedger(
            String ticketId,
            String estateId,
            TicketKind kind,
            Severity severity,
            boolean paid,
            String acceptor,
            String stewardId,
            Instant openedAt,
            String contractId,
            String ownerId,
            String callerPhone) {
        this(
                ticketId,
                estateId,
                kind,
                severity,
                paid,
                acceptor,
                stewardId,
                openedAt,
                contractId,
                ownerId,
                callerPhone,
                null,
                null);
    }

    public OpenLedger(
            String ticketId,
            String estateId,
            TicketKind kind,
            Severity severity,
            boolean paid,
            String acceptor,
            String stewardId,
            Instant openedAt,
            String contractId) {
        this(
                ticketId,
                estateId,
                kind,
                severity,
                paid,
                acceptor,
                stewardId,
                openedAt,
                contractId,
                null,
                null,
                null,
                null);
    }

    public OpenLedger(
            String ticketId,
            String estateId,
            TicketKind kind,
            Severity severity,
            boolean paid,
            String acceptor,
            String stewardId,
            Instant openedAt) {
        this(ticketId, estateId, kind, severity, paid, acceptor, stewardId, openedAt, null, null, null, null, null);
    }
}
