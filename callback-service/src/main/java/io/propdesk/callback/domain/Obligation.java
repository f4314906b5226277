package io.propdesk.callback.domain;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import io.propdesk.callback.domain.LedgerEvents.ObligationOpened;
import io.propdesk.contracts.SlaRule;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Objects;

/**
 * One clocked obligation of a ledger, OPEN until it is fulfilled, breached or withdrawn. The static factories are the
 * only way an obligation opens: each names the rule, the party that owes it and what it is keyed by, so the ledger
 * never lines up positional arguments.
 */
@JsonAutoDetect(fieldVisibility = JsonAutoDetect.Visibility.ANY)
final class Obligation {

    private ObligationId id;
    private SlaRule rule;
    private Party party;
    private String orderId;
    private String callbackId;
    private LocalDate day;
    private Instant openedAt;
    private Instant dueAt;
    private ObligationStatus status;
    private Instant closedAt;
    /** Issue 18 item 4: when a breached obligation was fulfilled late; it stays BREACHED ("ever breached"). */
    private Instant fulfilledAt;
    /** W1: when it was announced at risk (ObligationAtRisk), once; null until then. */
    private Instant atRiskAt;

    Obligation() {}

    Obligation(io.propdesk.contracts.callback.ObligationOpened e) {
        id = ObligationId.parse(e.obligationId());
        rule = e.rule();
        party = Party.ofLabel(e.party());
        orderId = e.orderId();
        callbackId = e.callbackId();
        day = e.day();
        openedAt = e.openedAt();
        dueAt = e.dueAt();
        status = ObligationStatus.OPEN;
    }

    /** From a stream recorded before obligations were published. */
    Obligation(ObligationOpened e) {
        id = ObligationId.parse(e.obligationId());
        rule = e.rule();
        party = e.party();
        orderId = e.orderId();
        callbackId = e.callbackId();
        day = e.day();
        openedAt = e.openedAt();
        dueAt = e.dueAt();
        status = ObligationStatus.OPEN;
    }

    // ---------------------------------------------------------------- openings

    /** R4, C1: the steward's n-th reply, due {@code dueAt} after the window opened {@code from}. */
    static Opening replyWindow(String ticketId, int n, Instant from, Instant dueAt) {
        return opened(ObligationId.replyWindow(ticketId, n), Party.STEWARD, null, null, null, from, dueAt);
    }

    /** C3: the steward signs the complaint off; no clock, the close waits on it. */
    static Opening signOff(String ticketId, int round, Instant at) {
        return opened(ObligationId.signOff(ticketId, round), Party.STEWARD, null, null, null, at, null);
    }

    /** C4: a late complaint is followed up by its acceptor and steward together until the next reply. */
    static Opening jointFollowUp(String ticketId, int n, Instant from, Instant dueAt) {
        return opened(
                ObligationId.jointFollowUp(ticketId, n), Party.ACCEPTOR_AND_STEWARD, null, null, null, from, dueAt);
    }

    /** R7: the owner decides on a paid order's quote; no clock runs (it pauses) until work starts. */
    static Opening quoteDecision(String ticketId, String orderId, Instant dispatchedAt) {
        return opened(
                ObligationId.quoteDecision(ticketId, orderId),
                Party.DEPARTMENT,
                orderId,
                null,
                null,
                dispatchedAt,
                null);
    }

    /** R8 (paid) or R9 (free): the department returns the completed order by {@code dueAt}. */
    static Opening returnOf(String ticketId, String orderId, boolean paid, Instant completedAt, Instant dueAt) {
        return opened(
                ObligationId.returnOf(ticketId, orderId, paid),
                Party.DEPARTMENT,
                orderId,
                null,
                null,
                completedAt,
                dueAt);
    }

    /** R6: the rework liaison reports on an estate-local day, by that day's end. */
    static Opening reportDay(String ticketId, LocalDate day, Instant at, Instant dueAt) {
        return opened(ObligationId.reportDay(ticketId, day), Party.LIAISON, null, null, day, at, dueAt);
    }

    /** R5: the acceptor completes a repair's callback by its due time (the 100% rule). */
    static Opening callbackByAcceptor(String ticketId, String orderId, String callbackId, Instant at, Instant dueAt) {
        return opened(
                ObligationId.callback(ticketId, SlaRule.R5, callbackId),
                Party.ACCEPTOR,
                orderId,
                callbackId,
                null,
                at,
                dueAt);
    }

    /** C2: a manager, supervisor or team leader calls the owner of a MAJOR complaint back by the callback's due. */
    static Opening callbackByRank(String ticketId, String orderId, String callbackId, Instant at, Instant dueAt) {
        return opened(
                ObligationId.callback(ticketId, SlaRule.C2, callbackId),
                Party.MANAGER,
                orderId,
                callbackId,
                null,
                at,
                dueAt);
    }

    private static Opening opened(
            ObligationId id,
            Party party,
            String orderId,
            String callbackId,
            LocalDate day,
            Instant openedAt,
            Instant dueAt) {
        return new Opening(id, party, orderId, callbackId, day, openedAt, dueAt);
    }

    /**
     * What an obligation opens with; the ledger publishes it as ObligationOpened with the dimensions it holds (estate,
     * department, steward, acceptor).
     *
     * @param dueAt null for an obligation without a clock: R7 waits on the owner (paused) and breaches only when work
     *              starts unaccepted; C3 is fulfilled by the sign-off, which the close depends on
     * @param day   R6: the estate-local day whose report it is
     */
    record Opening(
            ObligationId id,
            Party party,
            String orderId,
            String callbackId,
            LocalDate day,
            Instant openedAt,
            Instant dueAt) {}

    // ---------------------------------------------------------------- state

    /**
     * The due time this obligation would have got at its opening on today's calendar: the same
     * rules as its opening; null for one without a clock.
     */
    Instant dueAgain(String estateId, DueTimes due) {
        return switch (rule) {
            // a reply window runs from its opening; a joint follow-up is due with the window opened with it
            case R4, C4 -> due.replyDue(estateId, openedAt);
            case R5, C2 -> due.callbackDue(estateId, openedAt);
            // R8/R9 open at the order's completion
            case R8, R9 -> due.returnDue(estateId, rule == SlaRule.R8, openedAt);
            case R6 -> due.endOfDay(estateId, day);
            default -> null;
        };
    }

    /**
     * W1: at risk by {@code now} and not announced yet: open, clocked, past its at-risk moment and not yet due (a due
     * obligation is breached, not warned of).
     */
    boolean atRiskBy(Instant now, String estateId, DueTimes due) {
        Instant moment = due.atRiskAt(estateId, rule, openedAt, dueAt);
        return isOpen() && atRiskAt == null && moment != null && !moment.isAfter(now) && now.isBefore(dueAt);
    }

    boolean isOpen() {
        return status == ObligationStatus.OPEN;
    }

    /** Open, clocked and due by {@code now}. */
    boolean dueBy(Instant now) {
        return isOpen() && dueAt != null && !dueAt.isAfter(now);
    }

    /** A fulfilment at {@code at} would be late: the ticker has not breached it yet, but its due time has passed. */
    boolean lateAt(Instant at) {
        return dueAt != null && at.isAfter(dueAt);
    }

    /** Breached and not fulfilled since: a late fulfilment may still come, once (issue 18 item 4). */
    boolean awaitsLateFulfilment() {
        return status == ObligationStatus.BREACHED && fulfilledAt == null;
    }

    /** Fulfilled on time, or late after its breach. */
    boolean isMet() {
        return status == ObligationStatus.FULFILLED || status == ObligationStatus.BREACHED && fulfilledAt != null;
    }

    void fulfilledLate(Instant at) {
        fulfilledAt = at;
    }

    void close(ObligationStatus to, Instant at) {
        status = to;
        closedAt = at;
    }

    void reschedule(Instant newDueAt) {
        dueAt = newDueAt;
    }

    void atRisk(Instant at) {
        atRiskAt = at;
    }

    /** W1: when it was announced at risk; null while it was not. */
    Instant atRiskAt() {
        return atRiskAt;
    }

    ObligationId id() {
        return id;
    }

    SlaRule rule() {
        return rule;
    }

    Party party() {
        return party;
    }

    String orderId() {
        return orderId;
    }

    String callbackId() {
        return callbackId;
    }

    LocalDate day() {
        return day;
    }

    Instant openedAt() {
        return openedAt;
    }

    Instant dueAt() {
        return dueAt;
    }

    ObligationStatus status() {
        return status;
    }

    Instant closedAt() {
        return closedAt;
    }

    Instant fulfilledAt() {
        return fulfilledAt;
    }

    // The fixture compares live state with state sourced from the events.
    @Override
    public boolean equals(Object other) {
        return other instanceof Obligation that
                && Objects.equals(id, that.id)
                && rule == that.rule
                && party == that.party
                && Objects.equals(orderId, that.orderId)
                && Objects.equals(callbackId, that.callbackId)
                && Objects.equals(day, that.day)
                && Objects.equals(openedAt, that.openedAt)
                && Objects.equals(dueAt, that.dueAt)
                && status == that.status
                && Objects.equals(closedAt, that.closedAt)
                && Objects.equals(fulfilledAt, that.fulfilledAt)
                && Objects.equals(atRiskAt, that.atRiskAt);
    }

    @Override
    public int hashCode() {
        return Objects.hash(
                id, rule, party, orderId, callbackId, day, openedAt, dueAt, status, closedAt, fulfilledAt, atRiskAt);
    }
}
