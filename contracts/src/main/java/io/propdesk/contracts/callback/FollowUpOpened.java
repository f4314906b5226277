package io.propdesk.contracts.callback;

import io.propdesk.contracts.Department;
import io.propdesk.contracts.Nullable;
import io.propdesk.contracts.PublicEvent;
import io.propdesk.contracts.Severity;
import io.propdesk.contracts.TicketKind;
import java.time.Instant;

/**
 * callback-service follows a ticket up from now on: its steward, acceptor and first department, so queues and
 * handover screens can list open follow-ups without asking for the ticket. A contract visit (H1), which has no
 * front-desk ticket, is followed up from its dispatch.
 *
 * @param severity   the complaint's severity; null for other kinds
 * @param stewardId  the unit's steward (R3, C1); null when the estate names none
 * @param department the first department (Engineering for a repair...); null for a complaint until the steward routes it
 * @param contractId the monthly contract of a visit's follow-up (H1); null for a front-desk ticket
 */
public record FollowUpOpened(
        String ticketId,
        String estateId,
        TicketKind kind,
        @Nullable Severity severity,
        boolean paid,
        String acceptor,
        @Nullable String stewardId,
        @Nullable Department department,
        @Nullable String contractId,
        Instant openedAt)
        implements PublicEvent {}
