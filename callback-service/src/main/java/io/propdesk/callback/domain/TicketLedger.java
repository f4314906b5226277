package io.propdesk.callback.domain;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.CreationPolicy;
import org.axonframework.spring.stereotype.Aggregate;

import com.fasterxml.jackson.annotation.JsonAutoDetect;

import io.propdesk.callback.domain.LedgerEvents.CallbackRated;
import io.propdesk.callback.domain.LedgerEvents.CallbackRescheduled;
import io.propdesk.callback.domain.LedgerEvents.LedgerOpened;
import io.propdesk.callback.domain.LedgerEvents.ObligationOpened;
import io.propdesk.callback.domain.LedgerEvents.ObligationRescheduled;
import io.propdesk.callback.domain.LedgerEvents.ObligationWithdrawn;
import io.propdesk.callback.domain.LedgerEvents.OrderNoted;
import io.propdesk.callback.domain.LedgerEvents.QuoteAcceptanceNoted;
import io.propdesk.callback.domain.LedgerEvents.ReplyProgressNoted;
import io.propdesk.callback.domain.LedgerEvents.ReworkResolved;
import io.propdesk.callback.domain.LedgerEvents.TicketStatusNoted;
import io.propdesk.contracts.CallerRole;
import io.propdesk.contracts.Department;
import io.propdesk.contracts.Severity;
import io.propdesk.contracts.SlaRule;
import io.propdesk.contracts.TicketKind;
import io.propdesk.contracts.callback.CallbackAttempted;
import io.propdesk.contracts.callback.CallbackCompleted;
import io.propdesk.contracts.callback.CallbackScheduled;
import io.propdesk.contracts.callback.ComplaintSignedOff;
import io.propdesk.contracts.callback.ObligationFulfilled;
import io.propdesk.contracts.callback.SlaBreached;
import io.propdesk.contracts.callback.StewardAssigned;
import io.propdesk.contracts.callback.StewardReplied;
import io.propdesk.platform.PlatformAutoConfiguration;
import io.propdesk.platform.web.NotFoundException;
import io.propdesk.platform.web.RuleViolationException;

/**
 * A ticket's follow-up ledger: the steward, the callbacks and every clocked obligation of the ticket (R3-R9, C1-C4,
 * H5). One obligation per reply window, order, callback or day, keyed by a deterministic id, so re-delivered events
 * find it again; its OPEN -> FULFILLED | BREACHED transition happens once, in this aggregate, which is what keeps a
 * breach from being emitted twice even when two tickers race (the store lets only one append win).
 */
@Aggregate(snapshotTriggerDefinition = PlatformAutoConfiguration.SNAPSHOT_TRIGGER)
@JsonAutoDetect(fieldVisibility = JsonAutoDetect.Visibility.ANY)
public class TicketLedger {

    /** Guards the catch-up loop after a long outage: a ledger never breaches more windows in one command. */
    private static final int MAX_BREACHES_PER_COMMAND = 500;

    @AggregateIdentifier
    private String ticketId;
    private String estateId;
    private TicketKind kind;
    private Severity severity;
    private String acceptor;
    private String stewardId;
    private Department department;
    /** H1: the contract of a visit's ledger; such a ledger has no front-desk ticket to close it. */
    private String contractId;
    private boolean open;
    private boolean signedOff;
    private boolean reworkResolved;
    private int replyWindows;
    private int callbackCount;
    private int signOffRounds;
    private int jointFollowUps;
    private Map<String, Integer> breachCounts = new HashMap<>();
    private Map<String, Obligation> obligations = new LinkedHashMap<>();
    private Map<String, Callback> callbacks = new LinkedHashMap<>();
    private Map<String, Order> orders = new LinkedHashMap<>();
    private Map<String, String> acceptedQuotes = new HashMap<>();

    protected TicketLedger() {
    }

    // ---------------------------------------------------------------- ticket lifecycle (R3, R4, C1, C3)

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.ALWAYS)
    public void handle(OpenLedger cmd, DueTimes due) {
        apply(new LedgerOpened(cmd.ticketId(), cmd.estateId(), cmd.kind(), cmd.severity(), cmd.paid(), cmd.acceptor(),
                cmd.stewardId(), firstDepartment(cmd.kind()), cmd.openedAt(), cmd.contractId()));
        if (cmd.stewardId() != null) {
            // R3, C1: the unit's steward follows the ticket from registration.
            apply(new StewardAssigned(cmd.ticketId(), cmd.stewardId(), null, cmd.openedAt()));
        }
        startFollowUp(cmd.openedAt(), due);
    }

    /** R4 reply windows for repairs and complaints, C3 sign-off for complaints, R6 daily reports for rework. */
    private void startFollowUp(Instant at, DueTimes due) {
        if (repliesDue()) {
            openReplyWindow(at, due);
        }
        if (kind == TicketKind.COMPLAINT) {
            apply(new ObligationOpened(ticketId, ticketId + ":C3:" + (signOffRounds + 1), SlaRule.C3, Party.STEWARD,
                    null, null, null, at, null));
        }
        if (kind == TicketKind.REWORK && !reworkResolved) {
            // R6: the first report is due for the day after the rework was registered, then one for every day.
            openReportDay(due.localDay(estateId, at).plusDays(1), at, due);
        }
    }

    private static Department firstDepartment(TicketKind kind) {
        return switch (kind) {
            case REPAIR -> Department.ENGINEERING;
            case REWORK -> Department.REWORK_LIAISON;
            case CLEANING_MONTHLY, CLEANING_MOVE_IN, CLEANING_HOURLY -> Department.CLEANING;
            case GREENING -> Department.GREENING;
            // C1: the steward routes a complaint; its department is known once an order is dispatched.
            case COMPLAINT -> null;
        };
    }

    private boolean repliesDue() {
        return kind == TicketKind.REPAIR || kind == TicketKind.COMPLAINT;
    }

    @CommandHandler
    public LedgerView handle(CloseLedger cmd) {
        close(cmd.closedAt(), "ticket closed");
        return view();
    }

    private void close(Instant at, String reason) {
        if (open) {
            apply(new TicketStatusNoted(ticketId, false, at));
            // The ticket's clocks stop with it (TicketClosed): what is still open is withdrawn, neither met nor missed.
            openObligations().forEach(o -> apply(new ObligationWithdrawn(ticketId, o.id, reason, at)));
        }
    }

    @CommandHandler
    public LedgerView handle(ReopenLedger cmd, DueTimes due) {
        if (!open) {
            // R5, C2: an unsatisfied owner sends the work round again: replies, sign-off and a new callback.
            apply(new TicketStatusNoted(ticketId, true, cmd.reopenedAt()));
            startFollowUp(cmd.reopenedAt(), due);
        }
        return view();
    }

    @CommandHandler
    public LedgerView handle(RecordStewardReply cmd, DueTimes due) {
        if (!open) {
            throw new RuleViolationException("R4", "ticket " + ticketId + " is closed; no reply is due");
        }
        apply(new StewardReplied(ticketId, cmd.stewardId(), cmd.message(), cmd.repliedAt()));
        if (cmd.progress() != null && !cmd.progress().isBlank()) {
            apply(new ReplyProgressNoted(ticketId, cmd.stewardId(), cmd.progress(), cmd.repliedAt()));
        }
        String cause = "StewardReplied/" + ticketId + "@" + cmd.repliedAt();
        // R4: the reply meets the current window (or, if it came after the due time the ticker has not reached yet,
        // the window is missed all the same) and the next window runs from the reply.
        openObligations(SlaRule.R4).forEach(o -> meetOrMiss(o, cmd.repliedAt(), cause));
        // C4: a reply ends the joint follow-up of a late complaint.
        openObligations(SlaRule.C4).forEach(o -> meetOrMiss(o, cmd.repliedAt(), cause));
        if (repliesDue()) {
            openReplyWindow(cmd.repliedAt(), due);
        }
        return view();
    }

    @CommandHandler
    public LedgerView handle(SignOffComplaint cmd, DueTimes due) {
        if (kind != TicketKind.COMPLAINT) {
            throw new RuleViolationException("C3", "ticket " + ticketId + " is a " + kind
                    + ", not a complaint; only complaints are signed off");
        }
        if (!open) {
            throw new RuleViolationException("C3", "complaint " + ticketId + " is closed");
        }
        if (stewardId == null || !stewardId.equals(cmd.stewardId())) {
            throw new RuleViolationException("C3", "complaint " + ticketId + " is signed off by its steward "
                    + stewardId + ", not by " + cmd.stewardId());
        }
        if (signedOff) {
            throw new RuleViolationException("C3", "complaint " + ticketId + " is already signed off");
        }
        apply(new ComplaintSignedOff(ticketId, cmd.stewardId(), cmd.note(), cmd.signedOffAt()));
        String cause = "ComplaintSignedOff/" + ticketId + "@" + cmd.signedOffAt();
        openObligations(SlaRule.C3).forEach(o -> meetOrMiss(o, cmd.signedOffAt(), cause));
        // C2: the complaint is called back once signed off, by rank when it is MAJOR.
        scheduleCallback(null, cmd.signedOffAt(), due);
        return view();
    }

    // ---------------------------------------------------------------- orders (R5, R6, R7, R8, R9, H5)

    @CommandHandler
    public LedgerView handle(NoteOrderDispatched cmd) {
        if (!orders.containsKey(cmd.orderId())) {
            apply(new OrderNoted(ticketId, cmd.orderId(), cmd.kind(), cmd.department(), cmd.paid(),
                    cmd.dispatchedAt(), cmd.contractId()));
            // H1: a contract visit was priced when its contract was signed; it has no quote, so no R7 (issue 13 item 1)
            if (cmd.paid() && cmd.contractId() == null && !acceptedQuotes.containsKey(cmd.orderId())) {
                // R7: no clock runs while the owner decides on the quote (it pauses); it is breached only if the
                // work starts unaccepted.
                apply(new ObligationOpened(ticketId, ticketId + ":R7:" + cmd.orderId(), SlaRule.R7, Party.DEPARTMENT,
                        cmd.orderId(), null, null, cmd.dispatchedAt(), null));
            }
        }
        return view();
    }

    @CommandHandler
    public LedgerView handle(NoteQuoteAccepted cmd) {
        if (!acceptedQuotes.containsKey(cmd.orderId())) {
            apply(new QuoteAcceptanceNoted(ticketId, cmd.orderId(), cmd.quoteId(), cmd.acceptedAt()));
            find(ticketId + ":R7:" + cmd.orderId()).filter(Obligation::isOpen)
                    .ifPresent(o -> fulfil(o, cmd.eventId(), cmd.acceptedAt()));
        }
        return view();
    }

    @CommandHandler
    public LedgerView handle(NoteWorkStarted cmd) {
        find(ticketId + ":R7:" + cmd.orderId()).filter(Obligation::isOpen).ifPresent(o -> {
            if (cmd.quoteId() != null) {
                // dispatch-service lets paid work start only on an accepted quote, so the start itself proves it
                // even when billing's QuoteAccepted has not reached us yet.
                fulfil(o, cmd.eventId(), cmd.startedAt());
            } else {
                breach(o, cmd.startedAt());
            }
        });
        return view();
    }

    @CommandHandler
    public LedgerView handle(NoteOrderCompleted cmd, DueTimes due) {
        boolean paid = cmd.paid();
        String id = returnObligationId(cmd.orderId(), paid);
        if (!obligations.containsKey(id)) {
            // R8 paid: within the estate's paid-return hours; R9 free: before that working day ends.
            apply(new ObligationOpened(ticketId, id, paid ? SlaRule.R8 : SlaRule.R9, Party.DEPARTMENT, cmd.orderId(),
                    null, null, cmd.completedAt(), due.returnDue(cmd.estateId(), paid, cmd.completedAt())));
        }
        return view();
    }

    @CommandHandler
    public LedgerView handle(NoteOrderReturned cmd, DueTimes due) {
        String id = returnObligationId(cmd.orderId(), cmd.paid());
        if (!obligations.containsKey(id)) {
            apply(new ObligationOpened(ticketId, id, cmd.paid() ? SlaRule.R8 : SlaRule.R9, Party.DEPARTMENT,
                    cmd.orderId(), null, null, cmd.completedAt(), cmd.dueAt()));
        }
        Obligation ret = obligations.get(id);
        if (ret.isOpen()) {
            // dispatch-service decided lateness on the same calendar; its verdict is the record.
            if (cmd.late()) {
                breach(ret, cmd.returnedAt());
            } else {
                fulfil(ret, cmd.eventId(), cmd.returnedAt());
            }
        }
        // R5: every returned repair is called back, a rework too (R6: a repair that came back; issue 13 item 2); H5:
        // every housekeeping order. A complaint's order is not: the complaint is called back after its sign-off (C2).
        boolean callsBack = isRepair(cmd.kind()) || cmd.kind().housekeeping();
        boolean alreadyScheduled = callbacks.values().stream().anyMatch(c -> cmd.orderId().equals(c.orderId));
        if (callsBack && !alreadyScheduled) {
            scheduleCallback(cmd.orderId(), cmd.returnedAt(), due);
        }
        return view();
    }

    @CommandHandler
    public LedgerView handle(NoteOrderCancelled cmd) {
        obligations.values().stream().filter(o -> o.isOpen() && cmd.orderId().equals(o.orderId))
                .map(o -> o.id).toList()
                .forEach(id -> apply(new ObligationWithdrawn(ticketId, id, "order cancelled", cmd.cancelledAt())));
        return view();
    }

    @CommandHandler
    public LedgerView handle(NoteReworkReport cmd, DueTimes due) {
        LocalDate day = due.localDay(estateId, cmd.reportedAt());
        find(ticketId + ":R6:" + day).filter(Obligation::isOpen).ifPresent(o -> {
            fulfil(o, cmd.eventId(), cmd.reportedAt());
            if (!cmd.resolved() && open) {
                openReportDay(day.plusDays(1), cmd.reportedAt(), due);
            }
        });
        if (cmd.resolved() && !reworkResolved) {
            apply(new ReworkResolved(ticketId, cmd.orderId(), cmd.reportedAt()));
            openObligations(SlaRule.R6).forEach(o -> apply(new ObligationWithdrawn(ticketId, o.id,
                    "rework resolved", cmd.reportedAt())));
        }
        return view();
    }

    /** R5: repairs, and rework, which is a repair that came back (R6). */
    private static boolean isRepair(TicketKind kind) {
        return kind == TicketKind.REPAIR || kind == TicketKind.REWORK;
    }

    private String returnObligationId(String orderId, boolean paid) {
        return ticketId + (paid ? ":R8:" : ":R9:") + orderId;
    }

    // ---------------------------------------------------------------- callbacks (R5, C2, H5)

    private void scheduleCallback(String orderId, Instant at, DueTimes due) {
        String callbackId = "CB" + (callbackCount + 1) + "-" + ticketId;
        Instant dueAt = due.callbackDue(estateId, at);
        Set<CallerRole> allowed = CallerRole.allowedFor(kind == TicketKind.COMPLAINT ? severity : null);
        apply(new CallbackScheduled(ticketId, callbackId, orderId, kind, severity, acceptor, allowed, dueAt, at));
        if (isRepair(kind)) {
            // R5: every repair's callback completes, a rework's too; the 100% rule.
            apply(new ObligationOpened(ticketId, ticketId + ":R5:" + callbackId, SlaRule.R5, Party.ACCEPTOR, orderId,
                    callbackId, null, at, dueAt));
        }
        if (kind == TicketKind.COMPLAINT && severity == Severity.MAJOR) {
            // C2: a MAJOR complaint's callback is made by a manager, supervisor or team leader, by the callback's due.
            apply(new ObligationOpened(ticketId, ticketId + ":C2:" + callbackId, SlaRule.C2, Party.MANAGER, orderId,
                    callbackId, null, at, dueAt));
        }
    }

    @CommandHandler
    public LedgerView handle(RecordCallbackAttempt cmd) {
        Callback callback = callback(cmd.callbackId());
        checkRank(callback, cmd.callerRole());
        apply(new CallbackAttempted(ticketId, callback.id, cmd.callerId(), cmd.callerRole(), cmd.note(),
                cmd.attemptedAt()));
        return view();
    }

    @CommandHandler
    public LedgerView handle(CompleteCallback cmd) {
        Callback callback = callback(cmd.callbackId());
        checkRank(callback, cmd.callerRole());
        apply(new CallbackCompleted(ticketId, callback.id, cmd.callerId(), cmd.callerRole(), cmd.satisfied(),
                cmd.comment(), cmd.completedAt()));
        apply(new CallbackRated(ticketId, callback.id, cmd.rating()));
        String cause = "CallbackCompleted/" + callback.id;
        obligations.values().stream()
                .filter(o -> o.isOpen() && callback.id.equals(o.callbackId))
                .toList()
                .forEach(o -> meetOrMiss(o, cmd.completedAt(), cause));
        if (contractId != null) {
            // H1, H5 (issue 13 item 3): no front-desk ticket stands behind a contract visit, so no TicketClosed will
            // come; the visit's follow-up ends with its callback, whatever the owner said (the outcome is recorded).
            close(cmd.completedAt(), "visit called back");
        }
        return view();
    }

    private Callback callback(String callbackId) {
        Callback callback = callbacks.get(callbackId);
        if (callback == null) {
            throw new NotFoundException("callback", callbackId);
        }
        if (callback.completed) {
            throw new RuleViolationException("R5", "callback " + callbackId + " is already completed");
        }
        return callback;
    }

    private static void checkRank(Callback callback, CallerRole role) {
        if (!callback.allowedRoles.contains(role)) {
            throw new RuleViolationException("C2", "callback " + callback.id + " is on a MAJOR complaint: a manager, "
                    + "supervisor or team leader calls the owner back, not " + role);
        }
    }

    // ---------------------------------------------------------------- deadlines

    /**
     * The deadline ticker's command: every open obligation due by {@code now} is breached once, earliest first. A
     * missed R4 window opens the next from its due time (and may itself be due after a long outage); a late complaint
     * goes on joint follow-up (C4); a day without a rework report opens the next day (R6).
     */
    @CommandHandler
    public LedgerView handle(BreachDueObligations cmd, DueTimes due) {
        for (int i = 0; i < MAX_BREACHES_PER_COMMAND; i++) {
            Optional<Obligation> next = obligations.values().stream()
                    .filter(o -> o.isOpen() && o.dueAt != null && !o.dueAt.isAfter(cmd.now()))
                    .min(Comparator.comparing((Obligation o) -> o.dueAt).thenComparing(o -> o.rule));
            if (next.isEmpty()) {
                break;
            }
            Obligation o = next.get();
            breach(o, cmd.now());
            if (o.rule == SlaRule.R4 && open) {
                openReplyWindow(o.dueAt, due);
                if (kind == TicketKind.COMPLAINT && openObligations(SlaRule.C4).isEmpty()) {
                    // C4: the late complaint is followed up jointly until the next reply (or the close), which is
                    // due with the next window.
                    Obligation window = openObligations(SlaRule.R4).get(0);
                    apply(new ObligationOpened(ticketId, ticketId + ":C4:" + (jointFollowUps + 1), SlaRule.C4,
                            Party.ACCEPTOR_AND_STEWARD, null, null, null, o.dueAt, window.dueAt));
                }
            }
            if (o.rule == SlaRule.R6 && open && !reworkResolved) {
                openReportDay(o.day.plusDays(1), o.dueAt, due);
            }
        }
        return view();
    }

    /**
     * Issue 13 item 7: the estate's calendar in force since {@code inForceFrom} reached us after this ledger had
     * clocked obligations on the calendar known before. Every open obligation and callback opened since then gets
     * its due time computed again on the calendar as it now stands (each due time is computed on the calendar in
     * force when it opened); an unchanged due time records nothing, so a re-delivery changes nothing.
     */
    @CommandHandler
    public LedgerView handle(RescheduleObligations cmd, DueTimes due) {
        for (Obligation o : openObligations()) {
            if (o.dueAt == null || o.openedAt.isBefore(cmd.inForceFrom())) {
                continue;
            }
            Instant recomputed = dueAgain(o, due);
            if (recomputed != null && !recomputed.equals(o.dueAt)) {
                apply(new ObligationRescheduled(ticketId, o.id, o.dueAt, recomputed, cmd.inForceFrom()));
            }
        }
        for (Callback c : callbacks.values()) {
            if (c.completed || c.scheduledAt.isBefore(cmd.inForceFrom())) {
                continue;
            }
            Instant recomputed = due.callbackDue(estateId, c.scheduledAt);
            if (!recomputed.equals(c.dueAt)) {
                apply(new CallbackRescheduled(ticketId, c.id, c.dueAt, recomputed, cmd.inForceFrom()));
            }
        }
        return view();
    }

    /** The due time an obligation would have got at its opening on today's calendar; the same rules as opening. */
    private Instant dueAgain(Obligation o, DueTimes due) {
        return switch (o.rule) {
            // a reply window runs from its opening; a joint follow-up is due with the window opened with it
            case R4, C4 -> due.replyDue(estateId, o.openedAt);
            case R5, C2 -> due.callbackDue(estateId, o.openedAt);
            // R8/R9 open at the order's completion
            case R8, R9 -> due.returnDue(estateId, o.rule == SlaRule.R8, o.openedAt);
            case R6 -> due.endOfDay(estateId, o.day);
            default -> null;
        };
    }

    private void openReplyWindow(Instant from, DueTimes due) {
        apply(new ObligationOpened(ticketId, ticketId + ":R4:" + (replyWindows + 1), SlaRule.R4, Party.STEWARD, null,
                null, null, from, due.replyDue(estateId, from)));
    }

    private void openReportDay(LocalDate day, Instant at, DueTimes due) {
        String id = ticketId + ":R6:" + day;
        if (!obligations.containsKey(id)) {
            apply(new ObligationOpened(ticketId, id, SlaRule.R6, Party.LIAISON, null, null, day, at,
                    due.endOfDay(estateId, day)));
        }
    }

    private void meetOrMiss(Obligation o, Instant at, String cause) {
        if (o.dueAt != null && at.isAfter(o.dueAt)) {
            breach(o, at);
        } else {
            fulfil(o, cause, at);
        }
    }

    private void fulfil(Obligation o, String cause, Instant at) {
        apply(new ObligationFulfilled(ticketId, o.id, o.rule, o.orderId, estateId, departmentOf(o), stewardId,
                acceptor, cause, o.dueAt, at));
    }

    private void breach(Obligation o, Instant at) {
        apply(new SlaBreached(ticketId, o.id, o.rule, o.orderId, estateId, departmentOf(o), stewardId, acceptor,
                breachCounts.getOrDefault(o.rule.name(), 0) + 1, o.dueAt, at));
    }

    private Department departmentOf(Obligation o) {
        Order order = o.orderId == null ? null : orders.get(o.orderId);
        return order != null && order.department != null ? order.department : department;
    }

    private Optional<Obligation> find(String obligationId) {
        return Optional.ofNullable(obligations.get(obligationId));
    }

    private List<Obligation> openObligations() {
        return obligations.values().stream().filter(Obligation::isOpen).toList();
    }

    private List<Obligation> openObligations(SlaRule rule) {
        return obligations.values().stream().filter(o -> o.isOpen() && o.rule == rule).toList();
    }

    // ---------------------------------------------------------------- state

    @EventSourcingHandler
    void on(LedgerOpened e) {
        ticketId = e.ticketId();
        estateId = e.estateId();
        kind = e.kind();
        severity = e.severity();
        acceptor = e.acceptor();
        stewardId = e.stewardId();
        department = e.department();
        contractId = e.contractId();
        open = true;
    }

    @EventSourcingHandler
    void on(StewardAssigned e) {
        stewardId = e.stewardId();
    }

    @EventSourcingHandler
    void on(TicketStatusNoted e) {
        open = e.open();
        if (e.open()) {
            signedOff = false;
            // R6: a rework reopened by an unsatisfied owner is not fixed after all; its daily reports resume
            reworkResolved = false;
        }
    }

    @EventSourcingHandler
    void on(ComplaintSignedOff e) {
        signedOff = true;
        signOffRounds++;
    }

    @EventSourcingHandler
    void on(ObligationOpened e) {
        obligations.put(e.obligationId(), new Obligation(e));
        if (e.rule() == SlaRule.R4) {
            replyWindows++;
        } else if (e.rule() == SlaRule.C4) {
            jointFollowUps++;
        }
    }

    @EventSourcingHandler
    void on(ObligationFulfilled e) {
        obligations.get(e.obligationId()).close(ObligationStatus.FULFILLED, e.fulfilledAt());
    }

    @EventSourcingHandler
    void on(SlaBreached e) {
        obligations.get(e.obligationId()).close(ObligationStatus.BREACHED, e.breachedAt());
        breachCounts.merge(e.rule().name(), 1, Integer::sum);
    }

    @EventSourcingHandler
    void on(ObligationRescheduled e) {
        obligations.get(e.obligationId()).dueAt = e.dueAt();
    }

    @EventSourcingHandler
    void on(CallbackRescheduled e) {
        callbacks.get(e.callbackId()).dueAt = e.dueAt();
    }

    @EventSourcingHandler
    void on(ObligationWithdrawn e) {
        obligations.get(e.obligationId()).close(ObligationStatus.WITHDRAWN, e.withdrawnAt());
    }

    @EventSourcingHandler
    void on(OrderNoted e) {
        orders.put(e.orderId(), new Order(e.department()));
        if (department == null) {
            department = e.department();
        }
    }

    @EventSourcingHandler
    void on(QuoteAcceptanceNoted e) {
        acceptedQuotes.put(e.orderId(), e.quoteId());
    }

    @EventSourcingHandler
    void on(ReworkResolved e) {
        reworkResolved = true;
    }

    @EventSourcingHandler
    void on(CallbackScheduled e) {
        callbacks.put(e.callbackId(), new Callback(e));
        callbackCount++;
    }

    @EventSourcingHandler
    void on(CallbackAttempted e) {
        callbacks.get(e.callbackId()).attempts++;
    }

    @EventSourcingHandler
    void on(CallbackCompleted e) {
        Callback c = callbacks.get(e.callbackId());
        c.completed = true;
        c.completedAt = e.completedAt();
        c.callerId = e.callerId();
        c.callerRole = e.callerRole();
        c.satisfied = e.satisfied();
        c.comment = e.comment();
    }

    @EventSourcingHandler
    void on(CallbackRated e) {
        callbacks.get(e.callbackId()).rating = e.rating();
    }

    public LedgerView view() {
        List<LedgerView.ObligationView> obligationViews = new ArrayList<>();
        obligations.values().forEach(o -> obligationViews.add(new LedgerView.ObligationView(o.id, ticketId, o.rule,
                o.party.label(), o.orderId, o.callbackId, o.day, estateId, departmentOf(o), stewardId, o.openedAt,
                o.dueAt, o.status, o.closedAt)));
        List<LedgerView.CallbackView> callbackViews = new ArrayList<>();
        callbacks.values().forEach(c -> callbackViews.add(new LedgerView.CallbackView(c.id, ticketId, c.orderId, kind,
                severity, acceptor, c.allowedRoles, c.scheduledAt, c.dueAt, c.completed, c.attempts, c.completedAt,
                c.callerId, c.callerRole, c.satisfied, c.rating, c.comment)));
        return new LedgerView(ticketId, estateId, kind, severity, acceptor, stewardId, department, open, signedOff,
                List.copyOf(obligationViews), List.copyOf(callbackViews));
    }

    @JsonAutoDetect(fieldVisibility = JsonAutoDetect.Visibility.ANY)
    static final class Obligation {
        private String id;
        private SlaRule rule;
        private Party party;
        private String orderId;
        private String callbackId;
        private LocalDate day;
        private Instant openedAt;
        private Instant dueAt;
        private ObligationStatus status;
        private Instant closedAt;

        Obligation() {
        }

        Obligation(ObligationOpened e) {
            id = e.obligationId();
            rule = e.rule();
            party = e.party();
            orderId = e.orderId();
            callbackId = e.callbackId();
            day = e.day();
            openedAt = e.openedAt();
            dueAt = e.dueAt();
            status = ObligationStatus.OPEN;
        }

        boolean isOpen() {
            return status == ObligationStatus.OPEN;
        }

        void close(ObligationStatus to, Instant at) {
            status = to;
            closedAt = at;
        }

        // The fixture compares live state with state sourced from the events.
        @Override
        public boolean equals(Object other) {
            return other instanceof Obligation that && java.util.Objects.equals(id, that.id) && java.util.Objects.equals(rule, that.rule) && java.util.Objects.equals(party, that.party) && java.util.Objects.equals(orderId, that.orderId) && java.util.Objects.equals(callbackId, that.callbackId) && java.util.Objects.equals(day, that.day) && java.util.Objects.equals(openedAt, that.openedAt) && java.util.Objects.equals(dueAt, that.dueAt) && java.util.Objects.equals(status, that.status) && java.util.Objects.equals(closedAt, that.closedAt);
        }

        @Override
        public int hashCode() {
            return java.util.Objects.hash(id, rule, party, orderId, callbackId, day, openedAt, dueAt, status, closedAt);
        }
    }

    @JsonAutoDetect(fieldVisibility = JsonAutoDetect.Visibility.ANY)
    static final class Callback {
        private String id;
        private String orderId;
        private Set<CallerRole> allowedRoles = new TreeSet<>();
        private Instant scheduledAt;
        private Instant dueAt;
        private boolean completed;
        private int attempts;
        private Instant completedAt;
        private String callerId;
        private CallerRole callerRole;
        private Boolean satisfied;
        private Integer rating;
        private String comment;

        Callback() {
        }

        Callback(CallbackScheduled e) {
            id = e.callbackId();
            orderId = e.orderId();
            allowedRoles = new TreeSet<>(e.allowedRoles());
            scheduledAt = e.scheduledAt();
            dueAt = e.dueAt();
        }

        // The fixture compares live state with state sourced from the events.
        @Override
        public boolean equals(Object other) {
            return other instanceof Callback that && java.util.Objects.equals(id, that.id) && java.util.Objects.equals(orderId, that.orderId) && java.util.Objects.equals(allowedRoles, that.allowedRoles) && java.util.Objects.equals(scheduledAt, that.scheduledAt) && java.util.Objects.equals(dueAt, that.dueAt) && java.util.Objects.equals(completed, that.completed) && java.util.Objects.equals(attempts, that.attempts) && java.util.Objects.equals(completedAt, that.completedAt) && java.util.Objects.equals(callerId, that.callerId) && java.util.Objects.equals(callerRole, that.callerRole) && java.util.Objects.equals(satisfied, that.satisfied) && java.util.Objects.equals(rating, that.rating) && java.util.Objects.equals(comment, that.comment);
        }

        @Override
        public int hashCode() {
            return java.util.Objects.hash(id, orderId, allowedRoles, scheduledAt, dueAt, completed, attempts, completedAt, callerId, callerRole, satisfied, rating, comment);
        }
    }

    @JsonAutoDetect(fieldVisibility = JsonAutoDetect.Visibility.ANY)
    static final class Order {
        private Department department;

        Order() {
        }

        Order(Department department) {
            this.department = department;
        }

        // The fixture compares live state with state sourced from the events.
        @Override
        public boolean equals(Object other) {
            return other instanceof Order that && java.util.Objects.equals(department, that.department);
        }

        @Override
        public int hashCode() {
            return java.util.Objects.hash(department);
        }
    }
}
