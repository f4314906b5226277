package io.propdesk.ticket.domain;

import io.propdesk.contracts.Channel;
import io.propdesk.contracts.Severity;
import io.propdesk.contracts.TicketKind;
import java.time.Instant;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Register a call (R1). The intake has already resolved the unit's area, building and steward from the estate
 * directory; the aggregate decides the kind-specific rules.
 */
public record OpenTicket(
        @TargetAggregateIdentifier String ticketId,
        String callId,
        String estateId,
        String areaId,
        String buildingId,
        String unitId,
        TicketKind kind,
        Boolean paid,
        Severity severity,
        String description,
        String callerName,
        String callerPhone,
        Channel channel,
        String acceptor,
        String stewardId,
        Instant receivedAt,
        Instant serviceTime,
        Instant openedAt) {}
