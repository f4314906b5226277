package io.propdesk.contracts.ticket;

import io.propdesk.contracts.Channel;
import io.propdesk.contracts.Nullable;
import io.propdesk.contracts.PublicEvent;
import io.propdesk.contracts.Severity;
import io.propdesk.contracts.TicketKind;
import java.time.Instant;

/**
 * The front desk registered a call (R1); the backbone event every flow starts from. It carries the
 * unit's steward (R3, C1) and the acceptor who owns the follow-up (R10, C2), so that downstream
 * services need no lookups.
 *
 * @param callId      the call-center's call id; the same call never opens two tickets (R1); absent for walk-ins
 * @param paid        the owner pays for the work (R7, R8 vs R9)
 * @param severity    null unless {@code kind} is COMPLAINT (C2)
 * @param acceptor    the front-desk person who registered the ticket
 * @param stewardId   the steward of the unit's building, if the estate names one (R3)
 * @param receivedAt  when the call came in, which may be before the ticket was opened
 * @param serviceTime the service time confirmed with the owner (H6); null for non-housekeeping kinds
 */
public record TicketOpened(
        String ticketId,
        @Nullable String callId,
        String estateId,
        @Nullable String areaId,
        @Nullable String buildingId,
        @Nullable String unitId,
        TicketKind kind,
        boolean paid,
        Severity severity,
        String description,
        String callerName,
        String callerPhone,
        Channel channel,
        String acceptor,
        @Nullable String stewardId,
        Instant receivedAt,
        Instant serviceTime,
        Instant openedAt)
        implements PublicEvent {}
