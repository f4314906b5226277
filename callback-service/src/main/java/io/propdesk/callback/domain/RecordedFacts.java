package io.propdesk.callback.domain;

import io.propdesk.callback.domain.LedgerEvents.CallbackRated;
import io.propdesk.callback.domain.LedgerEvents.LedgerOpened;
import io.propdesk.callback.domain.LedgerEvents.ObligationOpened;
import io.propdesk.callback.domain.LedgerEvents.ObligationWithdrawn;
import io.propdesk.callback.domain.LedgerEvents.OrderNoted;
import io.propdesk.callback.domain.LedgerEvents.QuoteAcceptanceNoted;
import io.propdesk.callback.domain.LedgerEvents.ReplyProgressNoted;
import io.propdesk.callback.domain.LedgerEvents.ReworkResolved;
import io.propdesk.callback.domain.LedgerEvents.TicketStatusNoted;
import io.propdesk.contracts.SlaRule;
import io.propdesk.contracts.TicketKind;
import io.propdesk.contracts.callback.CallbackCompleted;
import io.propdesk.contracts.callback.CallbackScheduled;
import io.propdesk.contracts.callback.ComplaintSignedOff;
import io.propdesk.contracts.callback.FollowUpClosed;
import io.propdesk.contracts.callback.FollowUpOpened;
import io.propdesk.contracts.callback.FollowUpReopened;
import io.propdesk.contracts.callback.ObligationFulfilled;
import io.propdesk.contracts.callback.SlaBreached;
import io.propdesk.contracts.callback.StewardReplied;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Stream;

/**
 * The facts a ledger's recorded stream holds, turned back into the commands that brought them in: when the ticket
 * opened, closed and reopened, each steward reply and sign-off, each order's dispatch, quote acceptance, start,
 * completion, return and cancellation, each rework report and each completed callback. Due times, breaches and
 * fulfilments are not facts but the rules' verdicts, so they are left out and recomputed by the ledger itself on
 * replay (a what-if), except where a verdict is the only trace of a fact:
 * <ul>
 *   <li>R7 settled other than by the quote acceptance: the work started then (with a quote if met, without if
 *   breached);</li>
 *   <li>R8/R9 fulfilled: the order returned then; a callback scheduled for an order: it returned then. An order whose
 *   return was breached and left no callback (complaint orders, and rework in older ledgers) has no known
 *   return time: it is replayed as not returned, so a looser what-if never counts as met what the record cannot show
 *   was met;</li>
 *   <li>R6 fulfilled: a rework report for that day came then.</li>
 * </ul>
 * Commands whose content depends on the rules (an order's return verdict) are built when replayed, from the what-if's
 * due times.
 */
public final class RecordedFacts {

    /** Marks the ids of replayed commands: the original Kafka event ids are not part of the ledger's record. */
    static final String RECORDED = "recorded";

    /** A fact at its own time, as the command that the ledger handles for it under the given due times. */
    public record Fact(Instant at, Function<DueTimes, Object> command) {}

    private final List<Fact> facts = new ArrayList<>();
    private final Map<String, ObligationOpened> obligations = new HashMap<>();
    private final Map<String, OrderNoted> orders = new HashMap<>();
    private final Set<String> completedOrders = new HashSet<>();
    private final Set<String> returnedOrders = new HashSet<>();
    private final Set<String> cancelledOrders = new HashSet<>();
    private String ticketId;
    private String estateId;
    private TicketKind kind;
    private Object previous;
    private int lastReply = -1;
    private int lastCompletion = -1;
    private int lastReport = -1;

    private RecordedFacts() {}

    /** The facts of one ledger's stream, in the order the ledger learnt them. */
    public static List<Fact> of(List<?> recordedEvents) {
        RecordedFacts facts = new RecordedFacts();
        recordedEvents.stream().flatMap(RecordedFacts::asRecordedBefore).forEach(facts::read);
        return List.copyOf(facts.facts);
    }

    /**
     * The ledger now publishes facts it used to keep internal; a stream holds either form, so the published ones are
     * read as their internal form (one way of reading for both).
     */
    private static Stream<Object> asRecordedBefore(Object event) {
        if (event instanceof FollowUpOpened o) {
            return Stream.of(new LedgerOpened(
                    o.ticketId(),
                    o.estateId(),
                    o.kind(),
                    o.severity(),
                    o.paid(),
                    o.acceptor(),
                    o.stewardId(),
                    o.department(),
                    o.openedAt(),
                    o.contractId()));
        }
        if (event instanceof FollowUpClosed c) {
            return Stream.of(new TicketStatusNoted(c.ticketId(), false, c.closedAt()));
        }
        if (event instanceof FollowUpReopened r) {
            return Stream.of(new TicketStatusNoted(r.ticketId(), true, r.reopenedAt()));
        }
        if (event instanceof io.propdesk.contracts.callback.ObligationOpened o) {
            return Stream.of(new ObligationOpened(
                    o.ticketId(),
                    o.obligationId(),
                    o.rule(),
                    Party.ofLabel(o.party()),
                    o.orderId(),
                    o.callbackId(),
                    o.day(),
                    o.openedAt(),
                    o.dueAt()));
        }
        if (event instanceof io.propdesk.contracts.callback.ObligationWithdrawn w) {
            return Stream.of(new ObligationWithdrawn(w.ticketId(), w.obligationId(), w.reason(), w.withdrawnAt()));
        }
        if (event instanceof CallbackCompleted c && c.rating() != null) {
            return Stream.of(c, new CallbackRated(c.ticketId(), c.callbackId(), c.rating()));
        }
        return Stream.of(event);
    }

    private void read(Object event) {
        if (event instanceof LedgerOpened o) {
            ticketId = o.ticketId();
            estateId = o.estateId();
            kind = o.kind();
            fact(
                    o.openedAt(),
                    new OpenLedger(
                            o.ticketId(),
                            o.estateId(),
                            o.kind(),
                            o.severity(),
                            o.paid(),
                            o.acceptor(),
                            o.stewardId(),
                            o.openedAt(),
                            o.contractId()));
        } else if (event instanceof StewardReplied r) {
            lastReply = fact(
                    r.repliedAt(), new RecordStewardReply(ticketId, r.stewardId(), r.message(), null, r.repliedAt()));
        } else if (event instanceof ReplyProgressNoted p && lastReply >= 0) {
            RecordStewardReply reply =
                    (RecordStewardReply) facts.get(lastReply).command().apply(null);
            facts.set(
                    lastReply,
                    fixed(
                            reply.repliedAt(),
                            new RecordStewardReply(
                                    ticketId, reply.stewardId(), reply.message(), p.progress(), reply.repliedAt())));
        } else if (event instanceof ComplaintSignedOff s) {
            fact(s.signedOffAt(), new SignOffComplaint(ticketId, s.stewardId(), s.note(), s.signedOffAt()));
        } else if (event instanceof TicketStatusNoted s) {
            fact(s.at(), s.open() ? new ReopenLedger(ticketId, s.at()) : new CloseLedger(ticketId, s.at()));
        } else if (event instanceof OrderNoted n) {
            orders.put(n.orderId(), n);
            fact(
                    n.dispatchedAt(),
                    new NoteOrderDispatched(
                            ticketId,
                            n.orderId(),
                            n.kind(),
                            n.department(),
                            n.paid(),
                            n.contractId(),
                            n.dispatchedAt()));
        } else if (event instanceof QuoteAcceptanceNoted q) {
            fact(q.acceptedAt(), new NoteQuoteAccepted(ticketId, q.orderId(), q.quoteId(), RECORDED, q.acceptedAt()));
        } else if (event instanceof ObligationOpened o) {
            obligations.put(o.obligationId(), o);
            if ((o.rule() == SlaRule.R8 || o.rule() == SlaRule.R9) && completedOrders.add(o.orderId())) {
                // R8/R9 open when the order is completed: the opening time is the completion
                OrderNoted order = orders.get(o.orderId());
                fact(
                        o.openedAt(),
                        new NoteOrderCompleted(
                                ticketId,
                                o.orderId(),
                                estateId,
                                order == null ? null : order.department(),
                                o.rule() == SlaRule.R8,
                                o.openedAt()));
            }
        } else if (event instanceof ObligationFulfilled f) {
            fulfilled(f);
        } else if (event instanceof SlaBreached b && b.rule() == SlaRule.R7) {
            // R7 is breached only by work starting on an unaccepted quote
            fact(b.breachedAt(), new NoteWorkStarted(ticketId, b.orderId(), null, RECORDED, b.breachedAt()));
        } else if (event instanceof CallbackScheduled c && c.orderId() != null) {
            returned(c.orderId(), c.scheduledAt());
        } else if (event instanceof CallbackCompleted c) {
            lastCompletion = fact(
                    c.completedAt(),
                    new CompleteCallback(
                            ticketId,
                            c.callbackId(),
                            c.callerId(),
                            c.callerRole(),
                            c.satisfied(),
                            0,
                            c.comment(),
                            c.completedAt()));
        } else if (event instanceof CallbackRated r && lastCompletion >= 0) {
            CompleteCallback c =
                    (CompleteCallback) facts.get(lastCompletion).command().apply(null);
            facts.set(
                    lastCompletion,
                    fixed(
                            c.completedAt(),
                            new CompleteCallback(
                                    c.ticketId(),
                                    c.callbackId(),
                                    c.callerId(),
                                    c.callerRole(),
                                    c.satisfied(),
                                    r.rating(),
                                    c.comment(),
                                    c.completedAt())));
        } else if (event instanceof ObligationWithdrawn w && "order cancelled".equals(w.reason())) {
            String orderId = obligations.get(w.obligationId()).orderId();
            if (orderId != null && cancelledOrders.add(orderId)) {
                fact(w.withdrawnAt(), new NoteOrderCancelled(ticketId, orderId, w.withdrawnAt()));
            }
        } else if (event instanceof ReworkResolved r) {
            reworkResolved(r);
        }
        previous = event;
    }

    private void fulfilled(ObligationFulfilled f) {
        switch (f.rule()) {
            case R7 -> {
                boolean byQuote = previous instanceof QuoteAcceptanceNoted q
                        && q.orderId().equals(f.orderId());
                if (!byQuote) {
                    // met by the start of work on an accepted quote
                    fact(
                            f.fulfilledAt(),
                            new NoteWorkStarted(ticketId, f.orderId(), RECORDED, RECORDED, f.fulfilledAt()));
                }
            }
            case R8, R9 -> returned(f.orderId(), f.fulfilledAt());
            case R6 ->
                lastReport =
                        fact(f.fulfilledAt(), new NoteReworkReport(ticketId, null, false, RECORDED, f.fulfilledAt()));
            default -> {
                // the verdict of a reply, sign-off or callback already read as a fact
            }
        }
    }

    private void reworkResolved(ReworkResolved r) {
        boolean sameReport = lastReport >= 0
                && lastReport == facts.size() - 1
                && facts.get(lastReport).at().equals(r.resolvedAt());
        Fact resolved =
                fixed(r.resolvedAt(), new NoteReworkReport(ticketId, r.orderId(), true, RECORDED, r.resolvedAt()));
        if (sameReport) {
            // R6: one report both covered the day and said the defect is fixed
            facts.set(lastReport, resolved);
        } else {
            facts.add(resolved);
        }
    }

    /** R8/R9: the order came back; whether late is decided on the replay's own calendar. */
    private void returned(String orderId, Instant returnedAt) {
        if (orderId == null || !returnedOrders.add(orderId)) {
            return;
        }
        OrderNoted order = orders.get(orderId);
        ObligationOpened ret = obligations.values().stream()
                .filter(o -> orderId.equals(o.orderId()) && (o.rule() == SlaRule.R8 || o.rule() == SlaRule.R9))
                .findFirst()
                .orElse(null);
        boolean paid = ret != null ? ret.rule() == SlaRule.R8 : order != null && order.paid();
        Instant completedAt = ret != null ? ret.openedAt() : returnedAt;
        TicketKind orderKind = order != null && order.kind() != null ? order.kind() : kind;
        String estate = estateId;
        String ticket = ticketId;
        facts.add(new Fact(returnedAt, due -> {
            Instant dueAt = due.returnDue(estate, paid, completedAt);
            return new NoteOrderReturned(
                    ticket,
                    orderId,
                    estate,
                    orderKind,
                    order == null ? null : order.department(),
                    paid,
                    completedAt,
                    dueAt,
                    returnedAt.isAfter(dueAt),
                    RECORDED,
                    returnedAt);
        }));
    }

    private int fact(Instant at, Object command) {
        facts.add(fixed(at, command));
        return facts.size() - 1;
    }

    private static Fact fixed(Instant at, Object command) {
        return new Fact(at, due -> command);
    }
}
