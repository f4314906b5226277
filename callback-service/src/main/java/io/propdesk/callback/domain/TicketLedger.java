package io.propdesk.callback.domain;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import io.propdesk.callback.domain.LedgerEvents.CallbackRated;
import io.propdesk.callback.domain.LedgerEvents.LedgerOpened;
import io.propdesk.callback.domain.LedgerEvents.OrderNoted;
import io.propdesk.callback.domain.LedgerEvents.OwnerContactNoted;
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
import io.propdesk.contracts.callback.CallbackCallEnded;
import io.propdesk.contracts.callback.CallbackCompleted;
import io.propdesk.contracts.callback.CallbackRescheduled;
import io.propdesk.contracts.callback.CallbackScheduled;
import io.propdesk.contracts.callback.ComplaintSignedOff;
import io.propdesk.contracts.callback.FollowUpClosed;
import io.propdesk.contracts.callback.FollowUpOpened;
import io.propdesk.contracts.callback.FollowUpReopened;
import io.propdesk.contracts.callback.ObligationAtRisk;
import io.propdesk.contracts.callback.ObligationFulfilled;
import io.propdesk.contracts.callback.ObligationOpened;
import io.propdesk.contracts.callback.ObligationRescheduled;
import io.propdesk.contracts.callback.ObligationWithdrawn;
import io.propdesk.contracts.callback.SlaBreached;
import io.propdesk.contracts.callback.StewardAssigned;
import io.propdesk.contracts.callback.StewardReplied;
import io.propdesk.platform.domain.RuleViolationException;
import io.propdesk.platform.domain.Snapshots;
import java.time.Instant;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.CreationPolicy;
import org.axonframework.serialization.Revision;
import org.axonframework.spring.stereotype.Aggregate;

/**
 * A ticket's follow-up ledger: the steward, the callbacks and every clocked obligation of the ticket (R3-R9, C1-C4,
 * H5). One obligation per reply window, order, callback or day, keyed by a deterministic {@link ObligationId}, so
 * re-delivered events find it again; its OPEN -> FULFILLED | BREACHED transition happens once, in this aggregate,
 * which is what keeps a breach from being emitted twice even when two tickers race (the store lets only one append
 * win). The obligations and callbacks themselves are {@link Obligations} and {@link Callbacks}; this class holds the
 * rules' decisions.
 *
 * <p>The follow-up's life and every obligation's are public events (FollowUpOpened/Closed/Reopened, ObligationOpened,
 * -Rescheduled, -Withdrawn, -Fulfilled, SlaBreached, CallbackRescheduled), so the relay publishes them and the read
 * models are fed from the topic like every other. Streams recorded before that hold the internal events of
 * {@link LedgerEvents} instead; the handlers for those stay so such ledgers still load.
 */
@Aggregate(snapshotTriggerDefinition = Snapshots.TRIGGER, cache = Snapshots.CACHE)
@JsonAutoDetect(fieldVisibility = JsonAutoDetect.Visibility.ANY)
// Revision 2 changed the state's shape (obligations and callbacks as their own classes); snapshots of revision 1 are
// skipped and such a ledger is sourced from its events once, then snapshotted anew.
@Revision("2")
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
    /** Who the ticket's callbacks call and the number, sealed (issue 16 §4: what a dialler needs). */
    private String ownerId;

    private String callerPhone;

    private boolean open;
    private boolean signedOff;
    private boolean reworkResolved;
    private int signOffRounds;
    private Obligations obligations = new Obligations();
    private Callbacks callbacks = new Callbacks();
    /** The department of each order noted, by order id (null when dispatch-service named none). */
    private Map<String, Department> orders = new LinkedHashMap<>();

    private Map<String, String> acceptedQuotes = new HashMap<>();

    protected TicketLedger() {}

    // ---------------------------------------------------------------- ticket lifecycle (R3, R4, C1, C3)

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.ALWAYS)
    public void handle(OpenLedger cmd, DueTimes due) {
        apply(new FollowUpOpened(
                cmd.ticketId(),
                cmd.estateId(),
                cmd.kind(),
                cmd.severity(),
                cmd.paid(),
                cmd.acceptor(),
                cmd.stewardId(),
                firstDepartment(cmd.kind()),
                cmd.contractId(),
                cmd.openedAt(),
                cmd.areaId(),
                cmd.buildingId()));
        if (cmd.ownerId() != null || cmd.callerPhone() != null) {
            apply(new OwnerContactNoted(cmd.ticketId(), cmd.ownerId(), cmd.callerPhone()));
        }
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
            open(Obligation.signOff(ticketId, signOffRounds + 1, at));
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
    public void handle(CloseLedger cmd) {
        close(cmd.closedAt(), "ticket closed");
    }

    private void close(Instant at, String reason) {
        if (open) {
            apply(new FollowUpClosed(ticketId, reason, at));
            // The ticket's clocks stop with it (TicketClosed): what is still open is withdrawn, neither met nor missed.
            obligations.open().forEach(o -> withdraw(o, reason, at));
        }
    }

    @CommandHandler
    public void handle(ReopenLedger cmd, DueTimes due) {
        if (!open) {
            // R5, C2: an unsatisfied owner sends the work round again: replies, sign-off and a new callback.
            apply(new FollowUpReopened(ticketId, cmd.reopenedAt()));
            startFollowUp(cmd.reopenedAt(), due);
        }
    }

    @CommandHandler
    public void handle(RecordStewardReply cmd, DueTimes due) {
        if (!open) {
            throw new RuleViolationException("R4", "ticket " + ticketId + " is closed; no reply is due");
        }
        apply(new StewardReplied(ticketId, cmd.stewardId(), cmd.message(), cmd.repliedAt()));
        if (cmd.progress() != null && !cmd.progress().isBlank()) {
            apply(new ReplyProgressNoted(ticketId, cmd.stewardId(), cmd.progress(), cmd.repliedAt()));
        }
        String cause = "StewardReplied/" + ticketId + "@" + cmd.repliedAt();
        // R4, C4, issue 18 item 4: the windows and joint follow-ups missed since the last reply stay breached and are
        // met late by this one. Their successors opened with their breaches, so this opens no window for them.
        obligations.missedSinceLastMet(SlaRule.R4).forEach(o -> fulfilLate(o, cause, cmd.repliedAt(), due));
        obligations.missedSinceLastMet(SlaRule.C4).forEach(o -> fulfilLate(o, cause, cmd.repliedAt(), due));
        // R4: the reply meets the current window (or, if it came after the due time the ticker has not reached yet,
        // the window is missed all the same, and met late) and the next window runs from the reply.
        obligations.open(SlaRule.R4).forEach(o -> meetOrMiss(o, cmd.repliedAt(), cause, due));
        // C4: a reply ends the joint follow-up of a late complaint.
        obligations.open(SlaRule.C4).forEach(o -> meetOrMiss(o, cmd.repliedAt(), cause, due));
        if (repliesDue()) {
            openReplyWindow(cmd.repliedAt(), due);
        }
    }

    @CommandHandler
    public void handle(SignOffComplaint cmd, DueTimes due) {
        if (kind != TicketKind.COMPLAINT) {
            throw new RuleViolationException(
                    "C3", "ticket " + ticketId + " is a " + kind + ", not a complaint; only complaints are signed off");
        }
        if (!open) {
            throw new RuleViolationException("C3", "complaint " + ticketId + " is closed");
        }
        if (stewardId == null || !stewardId.equals(cmd.stewardId())) {
            throw new RuleViolationException(
                    "C3",
                    "complaint " + ticketId + " is signed off by its steward " + stewardId + ", not by "
                            + cmd.stewardId());
        }
        if (signedOff) {
            throw new RuleViolationException("C3", "complaint " + ticketId + " is already signed off");
        }
        apply(new ComplaintSignedOff(ticketId, cmd.stewardId(), cmd.note(), cmd.signedOffAt()));
        String cause = "ComplaintSignedOff/" + ticketId + "@" + cmd.signedOffAt();
        obligations.open(SlaRule.C3).forEach(o -> meetOrMiss(o, cmd.signedOffAt(), cause, due));
        // C2: the complaint is called back once signed off, by rank when it is MAJOR.
        scheduleCallback(null, cmd.signedOffAt(), due);
    }

    // ---------------------------------------------------------------- orders (R5, R6, R7, R8, R9, H5)

    @CommandHandler
    public void handle(NoteOrderDispatched cmd) {
        if (!orders.containsKey(cmd.orderId())) {
            apply(new OrderNoted(
                    ticketId,
                    cmd.orderId(),
                    cmd.kind(),
                    cmd.department(),
                    cmd.paid(),
                    cmd.dispatchedAt(),
                    cmd.contractId()));
            // H1: a contract visit was priced when its contract was signed; it has no quote, so no R7
            if (cmd.paid() && cmd.contractId() == null && !acceptedQuotes.containsKey(cmd.orderId())) {
                // R7: no clock runs while the owner decides on the quote (it pauses); it is breached only if the
                // work starts unaccepted.
                open(Obligation.quoteDecision(ticketId, cmd.orderId(), cmd.dispatchedAt()));
            }
        }
    }

    @CommandHandler
    public void handle(NoteQuoteAccepted cmd, DueTimes due) {
        if (!acceptedQuotes.containsKey(cmd.orderId())) {
            apply(new QuoteAcceptanceNoted(ticketId, cmd.orderId(), cmd.quoteId(), cmd.acceptedAt()));
            ObligationId id = ObligationId.quoteDecision(ticketId, cmd.orderId());
            obligations.findOpen(id).ifPresent(o -> fulfil(o, cmd.eventId(), cmd.acceptedAt()));
            // R7, issue 18 item 4: accepted after the work started unaccepted: the breach stays, and it is met late
            obligations
                    .findAwaitingLateFulfilment(id)
                    .ifPresent(o -> fulfilLate(o, cmd.eventId(), cmd.acceptedAt(), due));
        }
    }

    @CommandHandler
    public void handle(NoteWorkStarted cmd) {
        obligations
                .findOpen(ObligationId.quoteDecision(ticketId, cmd.orderId()))
                .ifPresent(o -> {
                    if (cmd.quoteId() != null) {
                        // dispatch-service lets paid work start only on an accepted quote, so the start itself proves
                        // it
                        // even when billing's QuoteAccepted has not reached us yet.
                        fulfil(o, cmd.eventId(), cmd.startedAt());
                    } else {
                        breach(o, cmd.startedAt());
                    }
                });
    }

    @CommandHandler
    public void handle(NoteOrderCompleted cmd, DueTimes due) {
        if (!obligations.contains(ObligationId.returnOf(ticketId, cmd.orderId(), cmd.paid()))) {
            // R8 paid: within the estate's paid-return hours; R9 free: before that working day ends.
            open(Obligation.returnOf(
                    ticketId,
                    cmd.orderId(),
                    cmd.paid(),
                    cmd.completedAt(),
                    due.returnDue(cmd.estateId(), cmd.paid(), cmd.completedAt())));
        }
    }

    @CommandHandler
    public void handle(NoteOrderReturned cmd, DueTimes due) {
        ObligationId id = ObligationId.returnOf(ticketId, cmd.orderId(), cmd.paid());
        if (!obligations.contains(id)) {
            open(Obligation.returnOf(ticketId, cmd.orderId(), cmd.paid(), cmd.completedAt(), cmd.dueAt()));
        }
        obligations.findOpen(id).ifPresent(ret -> {
            // dispatch-service decided lateness on the same calendar; its verdict is the record.
            if (cmd.late()) {
                breach(ret, cmd.returnedAt());
            } else {
                fulfil(ret, cmd.eventId(), cmd.returnedAt());
            }
        });
        // R8, R9, issue 18 item 4: a late return is still a return: the breach stays, the order is met late
        obligations
                .findAwaitingLateFulfilment(id)
                .ifPresent(ret -> fulfilLate(ret, cmd.eventId(), cmd.returnedAt(), due));
        // R5: every returned repair is called back, a rework too (R6: a repair that came back); H5:
        // every housekeeping order. A complaint's order is not: the complaint is called back after its sign-off (C2).
        boolean callsBack = isRepair(cmd.kind()) || cmd.kind().housekeeping();
        if (callsBack && !callbacks.scheduledFor(cmd.orderId())) {
            scheduleCallback(cmd.orderId(), cmd.returnedAt(), due);
        }
    }

    @CommandHandler
    public void handle(NoteOrderCancelled cmd) {
        obligations.openForOrder(cmd.orderId()).forEach(o -> withdraw(o, "order cancelled", cmd.cancelledAt()));
    }

    @CommandHandler
    public void handle(NoteReworkReport cmd, DueTimes due) {
        LocalDate day = due.localDay(estateId, cmd.reportedAt());
        obligations.findOpen(ObligationId.reportDay(ticketId, day)).ifPresent(o -> {
            fulfil(o, cmd.eventId(), cmd.reportedAt());
            if (!cmd.resolved() && open) {
                openReportDay(day.plusDays(1), cmd.reportedAt(), due);
            }
        });
        if (cmd.resolved() && !reworkResolved) {
            apply(new ReworkResolved(ticketId, cmd.orderId(), cmd.reportedAt()));
            obligations.open(SlaRule.R6).forEach(o -> withdraw(o, "rework resolved", cmd.reportedAt()));
        }
    }

    /** R5: repairs, and rework, which is a repair that came back (R6). */
    private static boolean isRepair(TicketKind kind) {
        return kind == TicketKind.REPAIR || kind == TicketKind.REWORK;
    }

    // ---------------------------------------------------------------- callbacks (R5, C2, H5)

    private void scheduleCallback(String orderId, Instant at, DueTimes due) {
        String callbackId = callbacks.nextId(ticketId);
        Instant dueAt = due.callbackDue(estateId, at);
        Set<CallerRole> allowed = CallerRole.allowedFor(kind == TicketKind.COMPLAINT ? severity : null);
        apply(new CallbackScheduled(
                ticketId, callbackId, orderId, kind, severity, acceptor, allowed, dueAt, at, ownerId, callerPhone));
        if (isRepair(kind)) {
            // R5: every repair's callback completes, a rework's too; the 100% rule.
            open(Obligation.callbackByAcceptor(ticketId, orderId, callbackId, at, dueAt));
        }
        if (kind == TicketKind.COMPLAINT && severity == Severity.MAJOR) {
            // C2: a MAJOR complaint's callback is made by a manager, supervisor or team leader, by the callback's due.
            open(Obligation.callbackByRank(ticketId, orderId, callbackId, at, dueAt));
        }
    }

    @CommandHandler
    public void handle(RecordCallbackAttempt cmd) {
        Callback callback = callbacks.toMake(cmd.callbackId());
        callback.checkRank(cmd.callerRole());
        apply(new CallbackAttempted(
                ticketId, callback.id(), cmd.callerId(), cmd.callerRole(), cmd.note(), cmd.attemptedAt()));
    }

    /**
     * R5, H5: a call dialled for the callback ended. Unanswered, it is a failed attempt like one recorded at the desk,
     * under the dialling agent (C2 was checked by ticket-service when the call was dialled, so it is recorded under the
     * least senior rank the callback allows); answered, the owner was reached and the callback stays due until its
     * outcome is recorded. A call seen before, or one for a completed callback, changes nothing.
     */
    @CommandHandler
    public void handle(NoteCallbackCall cmd) {
        Callback callback = callbacks.get(cmd.callbackId());
        if (callback == null || callback.isCompleted() || callback.madeCall(cmd.callId())) {
            return;
        }
        apply(new CallbackCallEnded(
                ticketId, callback.id(), cmd.callId(), cmd.answered(), cmd.callerId(), cmd.endedAt()));
        if (!cmd.answered()) {
            apply(new CallbackAttempted(
                    ticketId, callback.id(), cmd.callerId(), callback.leastSeniorRole(), cmd.note(), cmd.endedAt()));
        }
    }

    @CommandHandler
    public void handle(CompleteCallback cmd, DueTimes due) {
        Callback callback = callbacks.toMake(cmd.callbackId());
        callback.checkRank(cmd.callerRole());
        apply(new CallbackCompleted(
                ticketId,
                callback.id(),
                cmd.callerId(),
                cmd.callerRole(),
                cmd.satisfied(),
                cmd.comment(),
                cmd.completedAt(),
                cmd.rating()));
        String cause = "CallbackCompleted/" + callback.id();
        // R5, C2, issue 18 item 4: a callback made after its breach is met late; the breach stays
        obligations
                .awaitingLateFulfilmentForCallback(callback.id())
                .forEach(o -> fulfilLate(o, cause, cmd.completedAt(), due));
        obligations.openForCallback(callback.id()).forEach(o -> meetOrMiss(o, cmd.completedAt(), cause, due));
        if (contractId != null) {
            // H1, H5: no front-desk ticket stands behind a contract visit, so no TicketClosed will
            // come; the visit's follow-up ends with its callback, whatever the owner said (the outcome is recorded).
            close(cmd.completedAt(), "visit called back");
        }
    }

    // ---------------------------------------------------------------- deadlines

    /**
     * The deadline ticker's command: every open obligation due by {@code now} is breached once, earliest first. A
     * missed R4 window opens the next from its due time (and may itself be due after a long outage); a late complaint
     * goes on joint follow-up (C4); a day without a rework report opens the next day (R6).
     */
    @CommandHandler
    public void handle(BreachDueObligations cmd, DueTimes due) {
        for (int i = 0; i < MAX_BREACHES_PER_COMMAND; i++) {
            Optional<Obligation> next = obligations.nextDueBy(cmd.now());
            if (next.isEmpty()) {
                break;
            }
            Obligation o = next.get();
            breach(o, cmd.now());
            if (o.rule() == SlaRule.R4 && open) {
                openReplyWindow(o.dueAt(), due);
                if (kind == TicketKind.COMPLAINT && obligations.open(SlaRule.C4).isEmpty()) {
                    // C4: the late complaint is followed up jointly until the next reply (or the close), which is
                    // due with the next window.
                    Obligation window = obligations.open(SlaRule.R4).get(0);
                    open(Obligation.jointFollowUp(
                            ticketId, obligations.nextNumber(SlaRule.C4), o.dueAt(), window.dueAt()));
                }
            }
            if (o.rule() == SlaRule.R6 && open && !reworkResolved) {
                openReportDay(o.day().plusDays(1), o.dueAt(), due);
            }
        }
    }

    /**
     * W1: the deadline ticker's other command: every open obligation whose at-risk moment has come by {@code now} and
     * that is not due yet is announced at risk, once each (the announcement is the obligation's own state, so a
     * re-sent command, a restart or a second instance announces nothing again). One that opened already inside its
     * warning time is at risk from its opening, so the first tick after it announces it; one already due is breached
     * by BreachDueObligations instead, not warned of.
     */
    @CommandHandler
    public void handle(MarkObligationsAtRisk cmd, DueTimes due) {
        for (Obligation o : obligations.open()) {
            if (o.atRiskBy(cmd.now(), estateId, due)) {
                apply(new ObligationAtRisk(
                        ticketId,
                        null,
                        o.id().format(),
                        o.rule(),
                        o.party().label(),
                        o.orderId(),
                        estateId,
                        departmentOf(o),
                        stewardId,
                        acceptor,
                        o.dueAt(),
                        due.atRiskAt(estateId, o.rule(), o.openedAt(), o.dueAt()),
                        Math.toIntExact(due.atRiskBefore(estateId, o.rule()).toMinutes())));
            }
        }
    }

    /**
     * R4-R9, C2-C4: the estate's calendar in force since {@code inForceFrom} reached us after this ledger had
     * clocked obligations on the calendar known before. Every open obligation and callback opened since then gets
     * its due time computed again on the calendar as it now stands (each due time is computed on the calendar in
     * force when it opened); an unchanged due time records nothing, so a re-delivery changes nothing.
     */
    @CommandHandler
    public void handle(RescheduleObligations cmd, DueTimes due) {
        for (Obligation o : obligations.open()) {
            if (o.dueAt() == null || o.openedAt().isBefore(cmd.inForceFrom())) {
                continue;
            }
            Instant recomputed = o.dueAgain(estateId, due);
            if (recomputed != null && !recomputed.equals(o.dueAt())) {
                // rescheduled as of the calendar's start, so a re-delivered calendar records the same event
                apply(new ObligationRescheduled(
                        ticketId, null, o.id().format(), o.rule(), o.dueAt(), recomputed, cmd.inForceFrom()));
            }
        }
        for (Callback c : callbacks.all()) {
            if (c.isCompleted() || c.scheduledAt().isBefore(cmd.inForceFrom())) {
                continue;
            }
            Instant recomputed = due.callbackDue(estateId, c.scheduledAt());
            if (!recomputed.equals(c.dueAt())) {
                apply(new CallbackRescheduled(ticketId, c.id(), c.dueAt(), recomputed, cmd.inForceFrom()));
            }
        }
    }

    /** Publishes the obligation with the dimensions the ledger holds now, so consumers group it without a lookup. */
    private void open(Obligation.Opening o) {
        apply(new ObligationOpened(
                ticketId,
                null,
                o.id().format(),
                o.id().rule(),
                o.party().label(),
                o.orderId(),
                o.callbackId(),
                o.day(),
                estateId,
                departmentOf(o.orderId()),
                stewardId,
                acceptor,
                o.openedAt(),
                o.dueAt()));
    }

    private void openReplyWindow(Instant from, DueTimes due) {
        open(Obligation.replyWindow(ticketId, obligations.nextNumber(SlaRule.R4), from, due.replyDue(estateId, from)));
    }

    private void openReportDay(LocalDate day, Instant at, DueTimes due) {
        if (!obligations.contains(ObligationId.reportDay(ticketId, day))) {
            open(Obligation.reportDay(ticketId, day, at, due.endOfDay(estateId, day)));
        }
    }

    private void meetOrMiss(Obligation o, Instant at, String cause, DueTimes due) {
        if (o.lateAt(at)) {
            // issue 18 item 4: missed, and met late at the same moment; the breach stays in the figures
            breach(o, at);
            fulfilLate(o, cause, at, due);
        } else {
            fulfil(o, cause, at);
        }
    }

    private void fulfil(Obligation o, String cause, Instant at) {
        apply(new ObligationFulfilled(
                ticketId,
                null,
                o.id().format(),
                o.rule(),
                o.orderId(),
                estateId,
                departmentOf(o),
                stewardId,
                acceptor,
                cause,
                o.dueAt(),
                at));
    }

    /**
     * Issue 18 item 4: a breached obligation is fulfilled once more, late. The lateness runs from its due time (from
     * its breach when it has no clock, R7) to {@code at}, in wall-clock and in the estate's working minutes.
     */
    private void fulfilLate(Obligation o, String cause, Instant at, DueTimes due) {
        Instant breachedAt = o.closedAt();
        Instant from = o.dueAt() != null ? o.dueAt() : breachedAt;
        int minutes = (int) Math.max(0, java.time.Duration.between(from, at).toMinutes());
        int working = (int) due.calendar(estateId).workingTimeBetween(from, at).toMinutes();
        apply(new ObligationFulfilled(
                ticketId,
                null,
                o.id().format(),
                o.rule(),
                o.orderId(),
                estateId,
                departmentOf(o),
                stewardId,
                acceptor,
                cause,
                o.dueAt(),
                at,
                breachedAt,
                minutes,
                working));
    }

    private void breach(Obligation o, Instant at) {
        apply(new SlaBreached(
                ticketId,
                null,
                o.id().format(),
                o.rule(),
                o.orderId(),
                estateId,
                departmentOf(o),
                stewardId,
                acceptor,
                obligations.nextBreach(o.rule()),
                o.dueAt(),
                at));
    }

    private void withdraw(Obligation o, String reason, Instant at) {
        apply(new ObligationWithdrawn(ticketId, null, o.id().format(), o.rule(), reason, at));
    }

    private Department departmentOf(Obligation o) {
        return departmentOf(o.orderId());
    }

    private Department departmentOf(String orderId) {
        Department ofOrder = orderId == null ? null : orders.get(orderId);
        return ofOrder != null ? ofOrder : department;
    }

    // ---------------------------------------------------------------- state

    @EventSourcingHandler
    void on(FollowUpOpened e) {
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
    void on(OwnerContactNoted e) {
        ownerId = e.ownerId();
        callerPhone = e.callerPhone();
    }

    @EventSourcingHandler
    void on(CallbackCallEnded e) {
        callbacks.get(e.callbackId()).called(e.callId(), e.answered(), e.endedAt());
    }

    @EventSourcingHandler
    void on(StewardAssigned e) {
        stewardId = e.stewardId();
    }

    @EventSourcingHandler
    void on(FollowUpClosed e) {
        open = false;
    }

    @EventSourcingHandler
    void on(FollowUpReopened e) {
        open = true;
        signedOff = false;
        // R6: a rework reopened by an unsatisfied owner is not fixed after all; its daily reports resume
        reworkResolved = false;
    }

    @EventSourcingHandler
    void on(ComplaintSignedOff e) {
        signedOff = true;
        signOffRounds++;
    }

    @EventSourcingHandler
    void on(ObligationOpened e) {
        obligations.opened(e);
    }

    @EventSourcingHandler
    void on(ObligationFulfilled e) {
        obligations.fulfilled(e.obligationId(), e.fulfilledAt());
    }

    @EventSourcingHandler
    void on(SlaBreached e) {
        obligations.closed(e.obligationId(), ObligationStatus.BREACHED, e.breachedAt());
    }

    @EventSourcingHandler
    void on(ObligationAtRisk e) {
        obligations.atRisk(e.obligationId(), e.atRiskAt());
    }

    @EventSourcingHandler
    void on(ObligationRescheduled e) {
        obligations.rescheduled(e.obligationId(), e.dueAt());
    }

    @EventSourcingHandler
    void on(ObligationWithdrawn e) {
        obligations.closed(e.obligationId(), ObligationStatus.WITHDRAWN, e.withdrawnAt());
    }

    @EventSourcingHandler
    void on(OrderNoted e) {
        orders.put(e.orderId(), e.department());
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
        callbacks.scheduled(new Callback(e));
    }

    @EventSourcingHandler
    void on(CallbackRescheduled e) {
        callbacks.get(e.callbackId()).reschedule(e.dueAt());
    }

    @EventSourcingHandler
    void on(CallbackAttempted e) {
        callbacks.get(e.callbackId()).attempted();
    }

    @EventSourcingHandler
    void on(CallbackCompleted e) {
        Callback callback = callbacks.get(e.callbackId());
        callback.completed(e);
        if (e.rating() != null) {
            callback.rated(e.rating());
        }
    }

    // ---------------------------------------------------------------- streams recorded before the ledger published

    @EventSourcingHandler
    void on(LedgerOpened e) {
        on(new FollowUpOpened(
                e.ticketId(),
                e.estateId(),
                e.kind(),
                e.severity(),
                e.paid(),
                e.acceptor(),
                e.stewardId(),
                e.department(),
                e.contractId(),
                e.openedAt()));
    }

    @EventSourcingHandler
    void on(TicketStatusNoted e) {
        if (e.open()) {
            on(new FollowUpReopened(e.ticketId(), e.at()));
        } else {
            on(new FollowUpClosed(e.ticketId(), "ticket closed", e.at()));
        }
    }

    @EventSourcingHandler
    void on(LedgerEvents.ObligationOpened e) {
        obligations.opened(e);
    }

    @EventSourcingHandler
    void on(LedgerEvents.ObligationRescheduled e) {
        obligations.rescheduled(e.obligationId(), e.dueAt());
    }

    @EventSourcingHandler
    void on(LedgerEvents.ObligationWithdrawn e) {
        obligations.closed(e.obligationId(), ObligationStatus.WITHDRAWN, e.withdrawnAt());
    }

    @EventSourcingHandler
    void on(LedgerEvents.CallbackRescheduled e) {
        callbacks.get(e.callbackId()).reschedule(e.dueAt());
    }

    @EventSourcingHandler
    void on(CallbackRated e) {
        callbacks.get(e.callbackId()).rated(e.rating());
    }

    /**
     * The ledger's state as the API shows it when a client reads its own write (the obligations endpoint, the answer
     * to a reply or a callback); the lists are read from the documents {@code query.LedgerProjection} folds from the topic.
     */
    public LedgerView view() {
        List<LedgerView.ObligationView> obligationViews = obligations.all().stream()
                .map(o -> new LedgerView.ObligationView(
                        o.id().format(),
                        ticketId,
                        null,
                        o.rule(),
                        o.party().label(),
                        o.orderId(),
                        o.callbackId(),
                        o.day(),
                        estateId,
                        departmentOf(o),
                        stewardId,
                        o.openedAt(),
                        o.dueAt(),
                        o.status(),
                        o.closedAt(),
                        o.fulfilledAt(),
                        o.atRiskAt(),
                        o.atRiskAt() != null))
                .toList();
        List<LedgerView.CallbackView> callbackViews = callbacks.all().stream()
                .map(c -> new LedgerView.CallbackView(
                        c.id(),
                        ticketId,
                        c.orderId(),
                        kind,
                        severity,
                        acceptor,
                        c.allowedRoles(),
                        c.scheduledAt(),
                        c.dueAt(),
                        c.isCompleted(),
                        c.attempts(),
                        c.completedAt(),
                        c.callerId(),
                        c.callerRole(),
                        c.satisfied(),
                        c.rating(),
                        c.comment(),
                        c.reachedAt(),
                        c.lastCallId()))
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
                obligationViews,
                callbackViews);
    }
}
