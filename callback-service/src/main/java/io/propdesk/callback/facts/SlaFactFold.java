package io.propdesk.callback.facts;

import io.propdesk.contracts.callback.FollowUpClosed;
import io.propdesk.contracts.callback.FollowUpOpened;
import io.propdesk.contracts.callback.ObligationFulfilled;
import io.propdesk.contracts.callback.ObligationOpened;
import io.propdesk.contracts.callback.SlaBreached;
import io.propdesk.contracts.callback.StewardAssigned;
import io.propdesk.contracts.sla.SlaFact;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The warehouse feed's one decision, shared by the live projection and the rebuild (issue 18 item 6): which flat rows
 * an event of {@code propdesk.callback.events} yields, given what is remembered of its ticket. An obligation yields a
 * row when it is met or breached (version 1) and again, replacing it, when a breached one is met late (version 2); a
 * ticket yields a row each time its follow-up closes (version = how many closes so far).
 */
final class SlaFactFold {

    static final String MET = "MET";
    static final String BREACHED = "BREACHED";
    static final String MET_LATE = "MET_LATE";
    static final String CLOSED = "CLOSED";

    private SlaFactFold() {}

    /**
     * @param ticket what is remembered of the event's ticket, changed in place; an empty one for an event without a
     *               ticket (a missed call's obligation, M1)
     * @return the rows to publish, none for most events
     */
    static List<SlaFact> apply(Object event, TicketFacts ticket) {
        if (event instanceof FollowUpOpened e) {
            ticket.ticketId = e.ticketId();
            ticket.estateId = e.estateId();
            ticket.areaId = e.areaId();
            ticket.buildingId = e.buildingId();
            ticket.kind = e.kind();
            ticket.paid = e.paid();
            ticket.severity = e.severity();
            ticket.acceptor = e.acceptor();
            ticket.stewardId = e.stewardId();
            ticket.department = e.department();
            ticket.openedAt = e.openedAt();
        } else if (event instanceof StewardAssigned e) {
            ticket.stewardId = e.stewardId();
        } else if (event instanceof ObligationOpened e) {
            if (ticket.department == null && e.orderId() != null) {
                // C1: a complaint's department is known once an order is dispatched
                ticket.department = e.department();
            }
        } else if (event instanceof SlaBreached b) {
            ticket.breached.add(b.obligationId());
            return List.of(obligation(
                    ticket,
                    1,
                    b.ticketId(),
                    b.callId(),
                    b.obligationId(),
                    b.estateId(),
                    b.department(),
                    b.stewardId(),
                    b.acceptor(),
                    b.rule(),
                    b.orderId(),
                    BREACHED,
                    true,
                    b.dueAt(),
                    b.breachedAt(),
                    null,
                    null,
                    null));
        } else if (event instanceof ObligationFulfilled f) {
            if (f.late()) {
                ticket.breached.add(f.obligationId());
                ticket.metLate.add(f.obligationId());
            } else {
                ticket.met.add(f.obligationId());
            }
            return List.of(obligation(
                    ticket,
                    f.late() ? 2 : 1,
                    f.ticketId(),
                    f.callId(),
                    f.obligationId(),
                    f.estateId(),
                    f.department(),
                    f.stewardId(),
                    f.acceptor(),
                    f.rule(),
                    f.orderId(),
                    f.late() ? MET_LATE : MET,
                    f.late(),
                    f.dueAt(),
                    f.breachedAt(),
                    f.fulfilledAt(),
                    f.late() ? f.minutesLate() : Integer.valueOf(0),
                    f.late() ? f.workingMinutesLate() : Integer.valueOf(0)));
        } else if (event instanceof FollowUpClosed c && ticket.known()) {
            ticket.closes.add(c.closedAt());
            Set<String> due = new HashSet<>(ticket.met);
            due.addAll(ticket.breached);
            Set<String> breachedNow = new HashSet<>(ticket.breached);
            breachedNow.removeAll(ticket.metLate);
            return List.of(new SlaFact(
                    SlaFact.ticketFactId(ticket.ticketId),
                    SlaFact.TICKET,
                    ticket.closes.size(),
                    ticket.ticketId,
                    null,
                    null,
                    ticket.estateId,
                    ticket.areaId,
                    ticket.buildingId,
                    ticket.department,
                    ticket.stewardId,
                    ticket.acceptor,
                    null,
                    ticket.kind,
                    ticket.paid,
                    ticket.severity,
                    null,
                    CLOSED,
                    !ticket.breached.isEmpty(),
                    !breachedNow.isEmpty(),
                    ticket.openedAt,
                    null,
                    null,
                    c.closedAt(),
                    null,
                    null,
                    due.size(),
                    ticket.breached.size()));
        }
        return List.of();
    }

    private static SlaFact obligation(
            TicketFacts ticket,
            int version,
            String ticketId,
            String callId,
            String obligationId,
            String estateId,
            io.propdesk.contracts.Department department,
            String stewardId,
            String acceptor,
            io.propdesk.contracts.SlaRule rule,
            String orderId,
            String outcome,
            boolean everBreached,
            java.time.Instant dueAt,
            java.time.Instant breachedAt,
            java.time.Instant doneAt,
            Integer minutesLate,
            Integer workingMinutesLate) {
        return new SlaFact(
                SlaFact.obligationFactId(obligationId),
                SlaFact.OBLIGATION,
                version,
                ticketId,
                callId,
                obligationId,
                estateId,
                ticket.areaId,
                ticket.buildingId,
                department,
                stewardId,
                acceptor,
                rule,
                ticket.kind,
                ticket.paid,
                ticket.severity,
                orderId,
                outcome,
                everBreached,
                everBreached && doneAt == null,
                null,
                dueAt,
                breachedAt,
                doneAt,
                minutesLate,
                workingMinutesLate,
                null,
                null);
    }
}
