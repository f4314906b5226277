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
 * @param areaId     the estate's area of the ticket, as TicketOpened names it, so SLA figures group by it without
 *                   the ticket topic (issue 18 item 6); null when the ticket names none and on follow-ups opened before
 * @param buildingId the building, likewise
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
        Instant openedAt,
        @Nullable String areaId,
        @Nullable String buildingId)
        implements PublicEvent {

    /** A follow-up whose ticket names no area or building (a contract visit, H1). */
    public FollowUpOpened(
            String ticketId,
            String estateId,
            TicketKind kind,
            Severity severity,
            boolean paid,
            String acceptor,
            String stewardId,
            Department department,
            String contractId,
            Instant openedAt) {
        this(
                ticketId,
                estateId,
                kind,
                severity,
                paid,
                acceptor,
                stewardId,
                department,
                contractId,
                openedAt,
                null,
                null);
    }
}
