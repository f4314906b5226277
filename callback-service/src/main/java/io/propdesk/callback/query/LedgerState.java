package io.propdesk.callback.query;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import io.propdesk.callback.domain.LedgerView;
import io.propdesk.callback.domain.LedgerView.CallbackView;
import io.propdesk.callback.domain.LedgerView.ObligationView;
import io.propdesk.callback.domain.ObligationStatus;
import io.propdesk.contracts.Department;
import io.propdesk.contracts.Severity;
import io.propdesk.contracts.TicketKind;
import io.propdesk.contracts.callback.CallbackAttempted;
import io.propdesk.contracts.callback.CallbackCallEnded;
import io.propdesk.contracts.callback.CallbackCompleted;
import io.propdesk.contracts.callback.CallbackRescheduled;
import io.propdesk.contracts.callback.CallbackScheduled;
import io.propdesk.contracts.callback.ComplaintSignedOff;
import io.propdesk.contracts.callback.FollowUpClosed;
import io.propdesk.contracts.callback.FollowUpOpened;
import io.propdesk.contracts.callback.FollowUpReopened;
import io.propdesk.contracts.callback.ObligationFulfilled;
import io.propdesk.contracts.callback.ObligationOpened;
import io.propdesk.contracts.callback.ObligationRescheduled;
import io.propdesk.contracts.callback.ObligationWithdrawn;
import io.propdesk.contracts.callback.SlaBreached;
import io.propdesk.contracts.callback.StewardAssigned;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * A ledger's document as the fold of its published events (guarantee 6): what the callback queue, the handover and
 * the what-if read, built from {@code propdesk.callback.events} alone, in the ledger's stream order. Events that change
 * nothing listed (replies) pass through.
 */
@JsonAutoDetect(fieldVisibility = JsonAutoDetect.Visibility.ANY)
final class LedgerState {

    private String ticketId;
    private String estateId;
    private TicketKind kind;
    private Severity severity;
    private String acceptor;
    private String stewardId;
    private Department department;
    private boolean open;
    private boolean signedOff;
    /** The department of each order, which its obligations are listed under (the ticket's when it has none). */
    private Map<String, Department> orders = new LinkedHashMap<>();

    private Map<String, ObligationView> obligations = new LinkedHashMap<>();
    private Map<String, CallbackView> callbacks = new LinkedHashMap<>();

    /**
     * The ticket whose ledger an event of the topic belongs to; null for events no ticket ledger folds (a missed
     * call's obligation (M1) has no ticket).
     */
    static String ticketOf(Object event) {
        if (event instanceof ObligationOpened e) {
            return e.ticketId();
        } else if (event instanceof ObligationRescheduled e) {
            return e.ticketId();
        } else if (event instanceof ObligationWithdrawn e) {
            return e.ticketId();
        } else if (event instanceof ObligationFulfilled e) {
            return e.ticketId();
        } else if (event instanceof SlaBreached e) {
            return e.ticketId();
        } else if (event instanceof FollowUpOpened e) {
            return e.ticketId();
        } else if (event instanceof FollowUpClosed e) {
            return e.ticketId();
        } else if (event instanceof FollowUpReopened e) {
            return e.ticketId();
        } else if (event instanceof StewardAssigned e) {
            return e.ticketId();
        } else if (event instanceof ComplaintSignedOff e) {
            return e.ticketId();
        } else if (event instanceof CallbackScheduled e) {
            return e.ticketId();
        } else if (event instanceof CallbackRescheduled e) {
            return e.ticketId();
        } else if (event instanceof CallbackAttempted e) {
            return e.ticketId();
        } else if (event instanceof CallbackCallEnded e) {
            return e.ticketId();
        } else if (event instanceof CallbackCompleted e) {
            return e.ticketId();
        }
        return null;
    }

    void apply(Object event) {
        if (event instanceof FollowUpOpened e) {
            ticketId = e.ticketId();
            estateId = e.estateId();
            kind = e.kind();
            severity = e.severity();
            acceptor = e.acceptor();
            stewardId = e.stewardId();
            department = e.department();
            open = true;
        } else if (event instanceof StewardAssigned e) {
            stewardId = e.stewardId();
        } else if (event instanceof FollowUpClosed) {
            open = false;
        } else if (event instanceof FollowUpReopened) {
            open = true;
            signedOff = false;
        } else if (event instanceof ComplaintSignedOff) {
            signedOff = true;
        } else if (event instanceof ObligationOpened e) {
            if (e.orderId() != null && e.department() != null) {
                // an order's obligation is published under the order's department
                orders.putIfAbsent(e.orderId(), e.department());
                department = department == null ? e.department() : department;
            }
            obligations.put(
                    e.obligationId(),
                    new ObligationView(
                            e.obligationId(),
                            e.ticketId(),
                            e.callId(),
                            e.rule(),
                            e.party(),
                            e.orderId(),
                            e.callbackId(),
                            e.day(),
                            null,
                            null,
                            null,
                            e.openedAt(),
                            e.dueAt(),
                            ObligationStatus.OPEN,
                            null,
                            null));
        } else if (event instanceof ObligationFulfilled e) {
            // issue 18 item 4: a breached obligation fulfilled late stays BREACHED, with the time it was met
            obligation(
                    e.obligationId(),
                    o -> o.status() == ObligationStatus.BREACHED
                            ? obligation(o, o.status(), o.dueAt(), o.closedAt(), e.fulfilledAt())
                            : obligation(o, ObligationStatus.FULFILLED, o.dueAt(), e.fulfilledAt(), null));
        } else if (event instanceof SlaBreached e) {
            close(e.obligationId(), ObligationStatus.BREACHED, e.breachedAt());
        } else if (event instanceof ObligationWithdrawn e) {
            close(e.obligationId(), ObligationStatus.WITHDRAWN, e.withdrawnAt());
        } else if (event instanceof ObligationRescheduled e) {
            obligation(e.obligationId(), o -> obligation(o, o.status(), e.dueAt(), o.closedAt(), o.fulfilledAt()));
        } else if (event instanceof CallbackScheduled e) {
            callbacks.put(
                    e.callbackId(),
                    new CallbackView(
                            e.callbackId(),
                            e.ticketId(),
                            e.orderId(),
                            e.kind(),
                            e.severity(),
                            e.acceptor(),
                            e.allowedRoles(),
                            e.scheduledAt(),
                            e.dueAt(),
                            false,
                            0,
                            null,
                            null,
                            null,
                            null,
                            null,
                            null,
                            null,
                            null));
        } else if (event instanceof CallbackRescheduled e) {
            callback(e.callbackId(), c -> c.rescheduledTo(e.dueAt()));
        } else if (event instanceof CallbackAttempted e) {
            callback(e.callbackId(), CallbackView::attempted);
        } else if (event instanceof CallbackCallEnded e) {
            callback(e.callbackId(), c -> c.called(e.callId(), e.answered(), e.endedAt()));
        } else if (event instanceof CallbackCompleted e) {
            callback(
                    e.callbackId(),
                    c -> c.completedWith(e.completedAt(), e.callerId(), e.callerRole(), e.satisfied(), e.comment())
                            .rated(e.rating()));
        }
    }

    /** The ledger as listed: each obligation under its order's department, the ticket's steward and estate. */
    LedgerView view() {
        List<ObligationView> listed = obligations.values().stream()
                .map(o -> new ObligationView(
                        o.obligationId(),
                        o.ticketId(),
                        o.callId(),
                        o.rule(),
                        o.party(),
                        o.orderId(),
                        o.callbackId(),
                        o.day(),
                        estateId,
                        departmentOf(o.orderId()),
                        stewardId,
                        o.openedAt(),
                        o.dueAt(),
                        o.status(),
                        o.closedAt(),
                        o.fulfilledAt()))
                .toList();
        return new LedgerView(
                ticketId,
                estateId,
                kind,
                severity,
                acceptor,
                stewardId,
                department,
                open,
                signedOff,
                listed,
                List.copyOf(callbacks.values()));
    }

    String estateId() {
        return estateId;
    }

    private Department departmentOf(String orderId) {
        Department ofOrder = orderId == null ? null : orders.get(orderId);
        return ofOrder != null ? ofOrder : department;
    }

    private void close(String obligationId, ObligationStatus status, Instant at) {
        obligation(obligationId, o -> obligation(o, status, o.dueAt(), at, o.fulfilledAt()));
    }

    private void obligation(String obligationId, UnaryOperator<ObligationView> change) {
        obligations.computeIfPresent(obligationId, (id, o) -> change.apply(o));
    }

    private static ObligationView obligation(
            ObligationView o, ObligationStatus status, Instant dueAt, Instant closedAt, Instant fulfilledAt) {
        return new ObligationView(
                o.obligationId(),
                o.ticketId(),
                o.callId(),
                o.rule(),
                o.party(),
                o.orderId(),
                o.callbackId(),
                o.day(),
                o.estateId(),
                o.department(),
                o.stewardId(),
                o.openedAt(),
                dueAt,
                status,
                closedAt,
                fulfilledAt);
    }

    private void callback(String callbackId, UnaryOperator<CallbackView> change) {
        callbacks.computeIfPresent(callbackId, (id, c) -> change.apply(c));
    }
}
