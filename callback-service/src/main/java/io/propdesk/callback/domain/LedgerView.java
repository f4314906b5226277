package io.propdesk.callback.domain;

import io.propdesk.contracts.CallerRole;
import io.propdesk.contracts.Department;
import io.propdesk.contracts.Severity;
import io.propdesk.contracts.SlaRule;
import io.propdesk.contracts.TicketKind;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/** A ticket's follow-up as the ledger holds it: its obligations and callbacks. */
public record LedgerView(
        String ticketId,
        String estateId,
        TicketKind kind,
        Severity severity,
        String acceptor,
        String stewardId,
        Department department,
        boolean open,
        boolean signedOff,
        List<ObligationView> obligations,
        List<CallbackView> callbacks) {

    /**
     * @param callId      the missed call of an M1 obligation, which has no ticket; null for a ticket's obligations
     * @param closedAt    when it was fulfilled, breached or withdrawn
     * @param fulfilledAt when a BREACHED obligation was fulfilled late (issue 18 item 4); it stays BREACHED, and
     *                    closedAt stays the breach; null otherwise
     * @param atRiskAt W1: when it is (or was) at risk of a breach: in the open list its at-risk moment from the
     *                 warning time in force, in one ticket's ledger the moment it was announced; null without a due
     *                 time, or in a ledger before it was announced
     * @param atRisk   W1: ObligationAtRisk was published for it
     */
    public record ObligationView(
            String obligationId,
            String ticketId,
            String callId,
            SlaRule rule,
            String party,
            String orderId,
            String callbackId,
            LocalDate day,
            String estateId,
            Department department,
            String stewardId,
            Instant openedAt,
            Instant dueAt,
            ObligationStatus status,
            Instant closedAt,
            Instant fulfilledAt,
            Instant atRiskAt,
            boolean atRisk) {

        /** An obligation as the views that do not follow W1 list it. */
        public ObligationView(
                String obligationId,
                String ticketId,
                String callId,
                SlaRule rule,
                String party,
                String orderId,
                String callbackId,
                LocalDate day,
                String estateId,
                Department department,
                String stewardId,
                Instant openedAt,
                Instant dueAt,
                ObligationStatus status,
                Instant closedAt,
                Instant fulfilledAt) {
            this(
                    obligationId,
                    ticketId,
                    callId,
                    rule,
                    party,
                    orderId,
                    callbackId,
                    day,
                    estateId,
                    department,
                    stewardId,
                    openedAt,
                    dueAt,
                    status,
                    closedAt,
                    fulfilledAt,
                    null,
                    false);
        }
    }

    /**
     * @param reachedAt  when a call dialled for the callback reached the owner (issue 16 §4); null until one did
     * @param lastCallId the last call dialled for it that ended; null when none was dialled through the phone system
     */
    public record CallbackView(
            String callbackId,
            String ticketId,
            String orderId,
            TicketKind kind,
            Severity severity,
            String acceptor,
            Set<CallerRole> allowedRoles,
            Instant scheduledAt,
            Instant dueAt,
            boolean completed,
            int attempts,
            Instant completedAt,
            String callerId,
            CallerRole callerRole,
            Boolean satisfied,
            Integer rating,
            String comment,
            Instant reachedAt,
            String lastCallId) {

        public CallbackView {
            // in rank order, so a document folded live and one rebuilt from the topic serialise alike
            allowedRoles = allowedRoles == null ? Set.of() : Collections.unmodifiableSet(new TreeSet<>(allowedRoles));
        }

        /** The same callback due at another time (its estate's calendar arrived late). */
        public CallbackView rescheduledTo(Instant at) {
            return new CallbackView(
                    callbackId,
                    ticketId,
                    orderId,
                    kind,
                    severity,
                    acceptor,
                    allowedRoles,
                    scheduledAt,
                    at,
                    completed,
                    attempts,
                    completedAt,
                    callerId,
                    callerRole,
                    satisfied,
                    rating,
                    comment,
                    reachedAt,
                    lastCallId);
        }

        /** The same callback with one more attempt recorded. */
        public CallbackView attempted() {
            return new CallbackView(
                    callbackId,
                    ticketId,
                    orderId,
                    kind,
                    severity,
                    acceptor,
                    allowedRoles,
                    scheduledAt,
                    dueAt,
                    completed,
                    attempts + 1,
                    completedAt,
                    callerId,
                    callerRole,
                    satisfied,
                    rating,
                    comment,
                    reachedAt,
                    lastCallId);
        }

        /** The same callback completed with the owner's answer. */
        public CallbackView completedWith(
                Instant at, String by, CallerRole role, Boolean ownerSatisfied, String ownerComment) {
            return new CallbackView(
                    callbackId,
                    ticketId,
                    orderId,
                    kind,
                    severity,
                    acceptor,
                    allowedRoles,
                    scheduledAt,
                    dueAt,
                    true,
                    attempts,
                    at,
                    by,
                    role,
                    ownerSatisfied,
                    rating,
                    ownerComment,
                    reachedAt,
                    lastCallId);
        }

        /** The same callback after a call dialled for it ended (issue 16 §4): reached if answered. */
        public CallbackView called(String callId, boolean answered, Instant at) {
            return new CallbackView(
                    callbackId,
                    ticketId,
                    orderId,
                    kind,
                    severity,
                    acceptor,
                    allowedRoles,
                    scheduledAt,
                    dueAt,
                    completed,
                    attempts,
                    completedAt,
                    callerId,
                    callerRole,
                    satisfied,
                    rating,
                    comment,
                    reachedAt == null && answered ? at : reachedAt,
                    callId);
        }

        /** The same callback with the owner's rating. */
        public CallbackView rated(Integer ownerRating) {
            return new CallbackView(
                    callbackId,
                    ticketId,
                    orderId,
                    kind,
                    severity,
                    acceptor,
                    allowedRoles,
                    scheduledAt,
                    dueAt,
                    completed,
                    attempts,
                    completedAt,
                    callerId,
                    callerRole,
                    satisfied,
                    ownerRating,
                    comment,
                    reachedAt,
                    lastCallId);
        }
    }

    /** The ledger still has something to watch: the ticket is open or an obligation is. */
    public boolean active() {
        return open || obligations.stream().anyMatch(o -> o.status() == ObligationStatus.OPEN);
    }
}
