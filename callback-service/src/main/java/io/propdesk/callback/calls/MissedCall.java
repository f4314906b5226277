package io.propdesk.callback.calls;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import io.propdesk.callback.calls.MissedCallCommands.NoteCallTicket;
import io.propdesk.callback.calls.MissedCallCommands.NoteInboundCallAnswered;
import io.propdesk.callback.calls.MissedCallCommands.NoteInboundCallEnded;
import io.propdesk.callback.calls.MissedCallCommands.NoteReturnCall;
import io.propdesk.callback.calls.MissedCallCommands.PassMissedCallDeadline;
import io.propdesk.callback.calls.MissedCallEvents.CallTicketNoted;
import io.propdesk.callback.calls.MissedCallEvents.InboundCallAnswered;
import io.propdesk.callback.calls.MissedCallEvents.InboundCallEnded;
import io.propdesk.callback.calls.MissedCallEvents.ReturnCallNoted;
import io.propdesk.callback.domain.DueTimes;
import io.propdesk.contracts.SlaRule;
import io.propdesk.contracts.callback.ObligationAtRisk;
import io.propdesk.contracts.callback.ObligationFulfilled;
import io.propdesk.contracts.callback.ObligationOpened;
import io.propdesk.contracts.callback.ObligationWithdrawn;
import io.propdesk.contracts.callback.SlaBreached;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.Map;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.CreationPolicy;
import org.axonframework.spring.stereotype.Aggregate;

/**
 * One inbound call watched for M1 (id = the call id): the facts the call events told about it, and its one obligation.
 * The call is missed when it ended with noAnswer, busy or cancel, or when 60 s after any other hangup no answer came,
 * and no ticket was opened with it; then it is owed a return within 30 working minutes of the hangup (configurable per
 * estate). The obligation closes once: fulfilled by an answered outbound call that returns it, or by the last of the
 * unanswered return attempts the rule asks for (the desk did what M1 asks; the owner was unreachable); withdrawn when
 * the call turns out answered or a ticket is opened with it; breached once when its due time passes. Facts may come in
 * any order (the outbound calls' events are keyed by their own ids) and any number of times: each is recorded once and
 * the decision is taken again from the facts after each.
 */
@Aggregate
@JsonAutoDetect(fieldVisibility = JsonAutoDetect.Visibility.ANY)
public class MissedCall {

    /** M1: a hangup of another cause is a missed call only if no answer arrived within this time. */
    static final Duration ANSWER_GRACE = Duration.ofSeconds(60);

    /** M1: the front desk returns missed calls. */
    static final String PARTY = "front desk";

    enum Stage {
        /** Not (yet) missed: still running, answered, or waiting out the 60 s after hangup. */
        WATCHING,
        OPEN,
        FULFILLED,
        BREACHED,
        /** Issue 18 item 4: breached, then returned late all the same; the breach stays in the figures. */
        MET_LATE,
        WITHDRAWN
    }

    @AggregateIdentifier
    private String callId;

    private String estateId;
    private boolean ended;
    private Instant endedAt;
    private Instant missedAt;
    private boolean answered;
    private String ticketId;
    private Stage stage = Stage.WATCHING;
    private Instant dueAt;
    private Instant breachedAt;
    /** W1: the obligation was announced at risk (once). */
    private boolean atRisk;
    /** The return calls seen, by call id: the time each was answered, or ended unanswered, and whether answered. */
    private Map<String, ReturnCallNoted> returns = new LinkedHashMap<>();

    protected MissedCall() {}

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    public void handle(NoteInboundCallEnded cmd, DueTimes due) {
        if (!ended) {
            Instant missed = cmd.answered()
                    ? null
                    : cmd.cause().meansUnanswered()
                            ? cmd.endedAt()
                            : cmd.endedAt().plus(ANSWER_GRACE);
            apply(new InboundCallEnded(
                    cmd.callId(), cmd.cause(), cmd.answered(), cmd.estateId(), cmd.ownerId(), cmd.endedAt(), missed));
        }
        if (cmd.linkedTicketId() != null) {
            noteTicket(cmd.callId(), cmd.linkedTicketId(), cmd.endedAt());
        }
        decide(cmd.endedAt(), due);
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    public void handle(NoteInboundCallAnswered cmd, DueTimes due) {
        if (!answered) {
            apply(new InboundCallAnswered(cmd.callId(), cmd.answeredAt()));
        }
        decide(cmd.answeredAt(), due);
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    public void handle(NoteCallTicket cmd, DueTimes due) {
        noteTicket(cmd.callId(), cmd.ticketId(), cmd.at());
        decide(cmd.at(), due);
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    public void handle(NoteReturnCall cmd, DueTimes due) {
        ReturnCallNoted seen = returns.get(cmd.returnCallId());
        if (seen == null || cmd.answered() && !seen.answered()) {
            apply(new ReturnCallNoted(cmd.callId(), cmd.returnCallId(), cmd.answered(), cmd.at()));
        }
        decide(cmd.at(), due);
    }

    @CommandHandler
    public void handle(PassMissedCallDeadline cmd, DueTimes due) {
        decide(cmd.now(), due);
        warnIfAtRisk(cmd.now(), due);
    }

    /**
     * W1: the open obligation whose at-risk moment has come and that is not due yet is announced at risk, once (a
     * call missed inside its warning time is at risk from its miss, so the first tick after it announces it). Only the
     * ticker's time announces it, so the facts' commands stay as M1 alone decides them.
     */
    private void warnIfAtRisk(Instant now, DueTimes due) {
        Instant moment = atRiskAt(due);
        if (stage == Stage.OPEN && !atRisk && moment != null && !moment.isAfter(now) && now.isBefore(dueAt)) {
            apply(new ObligationAtRisk(
                    null,
                    callId,
                    obligationId(),
                    SlaRule.M1,
                    PARTY,
                    null,
                    estateId,
                    null,
                    null,
                    null,
                    dueAt,
                    moment,
                    Math.toIntExact(due.atRiskBefore(estateId, SlaRule.M1).toMinutes())));
        }
    }

    private Instant atRiskAt(DueTimes due) {
        return dueAt == null ? null : due.atRiskAt(estateId, SlaRule.M1, missedAt, dueAt);
    }

    private void noteTicket(String id, String ticket, Instant at) {
        if (ticketId == null) {
            apply(new CallTicketNoted(id, ticket, at));
        }
    }

    /** M1 from the facts known at {@code now}: open the obligation, or settle it, at most one step each. */
    private void decide(Instant now, DueTimes due) {
        if (stage == Stage.WATCHING && isMissedBy(now)) {
            apply(new ObligationOpened(
                    null,
                    callId,
                    obligationId(),
                    SlaRule.M1,
                    PARTY,
                    null,
                    null,
                    null,
                    estateId,
                    null,
                    null,
                    null,
                    missedAt,
                    due.missedCallDue(estateId, endedAt)));
        }
        if (stage != Stage.OPEN && stage != Stage.BREACHED) {
            return;
        }
        ReturnCallNoted reached = returns.values().stream()
                .filter(ReturnCallNoted::answered)
                .findFirst()
                .orElse(null);
        if (stage == Stage.BREACHED) {
            // M1, issue 18 item 4: a call returned after the window is still returned: met late, the breach stays
            if (reached != null) {
                fulfilLate(reached.at(), "CallEnded/" + reached.returnCallId(), due);
            } else if (returns.size() >= due.missedCallAttempts()) {
                ReturnCallNoted last = lastReturn();
                fulfilLate(
                        last.at(),
                        "CallEnded/" + last.returnCallId() + ": unreachable after " + returns.size() + " attempts",
                        due);
            }
            return;
        }
        if (answered) {
            withdraw("the call was answered after all (a late answer)", now);
        } else if (ticketId != null) {
            withdraw("ticket " + ticketId + " was opened with the call", now);
        } else if (reached != null) {
            meetOrMiss(reached.at(), "CallEnded/" + reached.returnCallId(), due);
        } else if (returns.size() >= due.missedCallAttempts()) {
            ReturnCallNoted last = lastReturn();
            meetOrMiss(
                    last.at(),
                    "CallEnded/" + last.returnCallId() + ": unreachable after " + returns.size() + " attempts",
                    due);
        } else if (!now.isBefore(dueAt)) {
            breach(now);
        }
    }

    private boolean isMissedBy(Instant now) {
        return mayBeMissed() && !now.isBefore(missedAt);
    }

    /**
     * Ended unanswered, with no ticket opened with it so far. A call the phone system placed in no estate (no owner
     * matched, no hotline known) is owed to no desk: it is not watched (the obligation events name an estate).
     */
    private boolean mayBeMissed() {
        return stage == Stage.WATCHING
                && ended
                && !answered
                && ticketId == null
                && missedAt != null
                && estateId != null;
    }

    private ReturnCallNoted lastReturn() {
        return returns.values().stream()
                .max(Comparator.comparing(ReturnCallNoted::at))
                .orElseThrow();
    }

    private void meetOrMiss(Instant at, String cause, DueTimes due) {
        if (at.isAfter(dueAt)) {
            breach(at);
            fulfilLate(at, cause, due);
        } else {
            apply(new ObligationFulfilled(
                    null, callId, obligationId(), SlaRule.M1, null, estateId, null, null, null, cause, dueAt, at));
        }
    }

    /** Issue 18 item 4: met after the breach; the lateness from the due time, wall-clock and in working minutes. */
    private void fulfilLate(Instant at, String cause, DueTimes due) {
        apply(new ObligationFulfilled(
                null,
                callId,
                obligationId(),
                SlaRule.M1,
                null,
                estateId,
                null,
                null,
                null,
                cause,
                dueAt,
                at,
                breachedAt,
                (int) Math.max(0, Duration.between(dueAt, at).toMinutes()),
                (int) due.calendar(estateId).workingTimeBetween(dueAt, at).toMinutes()));
    }

    private void breach(Instant at) {
        apply(new SlaBreached(
                null, callId, obligationId(), SlaRule.M1, null, estateId, null, null, null, 1, dueAt, at));
    }

    private void withdraw(String reason, Instant at) {
        apply(new ObligationWithdrawn(null, callId, obligationId(), SlaRule.M1, reason, at));
    }

    /** M1's obligation of a call: {@code <callId>:M1:return}, in the ledger's {@code <subject>:<rule>:<key>} form. */
    static String obligationIdOf(String callId) {
        return callId + ":M1:return";
    }

    private String obligationId() {
        return obligationIdOf(callId);
    }

    /**
     * The next time this call waits for, for the ticker: the end of the 60 s after a hangup of another cause, the
     * obligation's at-risk moment until it was announced (W1), or its due time; null when nothing is pending.
     */
    public Instant nextDeadline(DueTimes due) {
        if (stage == Stage.OPEN) {
            Instant moment = atRiskAt(due);
            return !atRisk && moment != null && moment.isBefore(dueAt) ? moment : dueAt;
        }
        return mayBeMissed() ? missedAt : null;
    }

    // ---------------------------------------------------------------- state

    @EventSourcingHandler
    void on(InboundCallEnded e) {
        callId = e.callId();
        estateId = e.estateId();
        ended = true;
        endedAt = e.endedAt();
        missedAt = e.missedAt();
        answered = answered || e.answered();
    }

    @EventSourcingHandler
    void on(InboundCallAnswered e) {
        callId = e.callId();
        answered = true;
    }

    @EventSourcingHandler
    void on(CallTicketNoted e) {
        callId = e.callId();
        ticketId = e.ticketId();
    }

    @EventSourcingHandler
    void on(ReturnCallNoted e) {
        callId = e.callId();
        returns.put(e.returnCallId(), e);
    }

    @EventSourcingHandler
    void on(ObligationOpened e) {
        stage = Stage.OPEN;
        dueAt = e.dueAt();
    }

    @EventSourcingHandler
    void on(ObligationAtRisk e) {
        atRisk = true;
    }

    @EventSourcingHandler
    void on(ObligationFulfilled e) {
        stage = e.late() ? Stage.MET_LATE : Stage.FULFILLED;
    }

    @EventSourcingHandler
    void on(SlaBreached e) {
        stage = Stage.BREACHED;
        breachedAt = e.breachedAt();
    }

    @EventSourcingHandler
    void on(ObligationWithdrawn e) {
        stage = Stage.WITHDRAWN;
    }
}
