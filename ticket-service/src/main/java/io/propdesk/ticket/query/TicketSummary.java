package io.propdesk.ticket.query;

import io.propdesk.contracts.Severity;
import io.propdesk.contracts.TicketKind;
import io.propdesk.ticket.domain.TicketStatus;
import java.time.Instant;

/** One row of the front desk's ticket list. */
public record TicketSummary(
        String ticketId,
        String estateId,
        String unitId,
        TicketKind kind,
        TicketStatus status,
        boolean paid,
        Severity severity,
        String acceptor,
        String stewardId,
        Instant openedAt,
        Instant updatedAt) {}
