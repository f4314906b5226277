package io.propdesk.callback.domain;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import io.propdesk.callback.domain.LedgerEvents.ObligationOpened;
import io.propdesk.contracts.SlaRule;
import java.time.Instant;
import java.util.Collection;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * The obligations a ledger opened, in opening order, keyed by their ids, and the counters that number the next ones.
 * Owned by {@link TicketLedger}: it only changes from the ledger's event-sourcing handlers.
 */
@JsonAutoDetect(fieldVisibility = JsonAutoDetect.Visibility.ANY)
final class Obligations {

    /** Keyed by the id's published form, so a snapshot's map keys are plain strings. */
    private final Map<String, Obligation> byId = new LinkedHashMap<>();

    private final Map<SlaRule, Integer> opened = new EnumMap<>(SlaRule.class);
    private final Map<SlaRule, Integer> breached = new EnumMap<>(SlaRule.class);

    // ---------------------------------------------------------------- queries

    boolean contains(ObligationId id) {
        return byId.containsKey(id.format());
    }

    Optional<Obligation> find(ObligationId id) {
        return Optional.ofNullable(byId.get(id.format()));
    }

    Optional<Obligation> findOpen(ObligationId id) {
        return find(id).filter(Obligation::isOpen);
    }

    Collection<Obligation> all() {
        return byId.values();
    }

    List<Obligation> open() {
        return openWhere(o -> true);
    }

    List<Obligation> open(SlaRule rule) {
        return openWhere(o -> o.rule() == rule);
    }

    List<Obligation> openForOrder(String orderId) {
        return openWhere(o -> orderId.equals(o.orderId()));
    }

    List<Obligation> openForCallback(String callbackId) {
        return openWhere(o -> callbackId.equals(o.callbackId()));
    }

    /** Issue 18 item 4: the obligation if it is breached and not fulfilled since. */
    Optional<Obligation> findAwaitingLateFulfilment(ObligationId id) {
        return find(id).filter(Obligation::awaitsLateFulfilment);
    }

    /** Issue 18 item 4: a callback's breached obligations (R5, C2) not fulfilled since. */
    List<Obligation> awaitingLateFulfilmentForCallback(String callbackId) {
        return byId.values().stream()
                .filter(o -> o.awaitsLateFulfilment() && callbackId.equals(o.callbackId()))
                .toList();
    }

    /**
     * Issue 18 item 4: the breached obligations of a rule whose successor opened on the breach (R4 windows, C4
     * follow-ups) missed since the last one met: those a steward's reply now fulfils late. Earlier ones were met late
     * by an earlier reply.
     */
    List<Obligation> missedSinceLastMet(SlaRule rule) {
        List<Obligation> missed = new java.util.ArrayList<>();
        for (Obligation o : byId.values()) {
            if (o.rule() != rule) {
                continue;
            }
            if (o.isMet()) {
                missed.clear();
            } else if (o.awaitsLateFulfilment()) {
                missed.add(o);
            }
        }
        return missed;
    }

    private List<Obligation> openWhere(Predicate<Obligation> which) {
        return byId.values().stream().filter(o -> o.isOpen() && which.test(o)).toList();
    }

    /** The open obligation due earliest by {@code now} (equal due times by rule), if any. */
    Optional<Obligation> nextDueBy(Instant now) {
        return byId.values().stream()
                .filter(o -> o.dueBy(now))
                .min(Comparator.comparing(Obligation::dueAt).thenComparing(Obligation::rule));
    }

    /** The number the next obligation of a counted rule gets (R4 windows, C4 joint follow-ups), from 1. */
    int nextNumber(SlaRule rule) {
        return opened.getOrDefault(rule, 0) + 1;
    }

    /** The ordinal a new breach of the rule has on this ticket, from 1 (SlaBreached.breachCount). */
    int nextBreach(SlaRule rule) {
        return breached.getOrDefault(rule, 0) + 1;
    }

    // ---------------------------------------------------------------- changes (event-sourcing handlers only)

    void opened(io.propdesk.contracts.callback.ObligationOpened e) {
        opened(new Obligation(e));
    }

    /** From a stream recorded before obligations were published. */
    void opened(ObligationOpened e) {
        opened(new Obligation(e));
    }

    private void opened(Obligation o) {
        byId.put(o.id().format(), o);
        opened.merge(o.rule(), 1, Integer::sum);
    }

    /** A fulfilment: it closes an open obligation, or is a breached one's late fulfilment (issue 18 item 4). */
    void fulfilled(String obligationId, Instant at) {
        Obligation o = get(obligationId);
        if (o.status() == ObligationStatus.BREACHED) {
            o.fulfilledLate(at);
        } else {
            o.close(ObligationStatus.FULFILLED, at);
        }
    }

    void closed(String obligationId, ObligationStatus status, Instant at) {
        get(obligationId).close(status, at);
        if (status == ObligationStatus.BREACHED) {
            breached.merge(get(obligationId).rule(), 1, Integer::sum);
        }
    }

    void atRisk(String obligationId, Instant at) {
        get(obligationId).atRisk(at);
    }

    void rescheduled(String obligationId, Instant dueAt) {
        get(obligationId).reschedule(dueAt);
    }

    private Obligation get(String obligationId) {
        return byId.get(obligationId);
    }
}
