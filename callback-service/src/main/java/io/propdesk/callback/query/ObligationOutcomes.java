package io.propdesk.callback.query;

import static com.mongodb.client.model.Filters.and;
import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Filters.gt;
import static com.mongodb.client.model.Filters.gte;
import static com.mongodb.client.model.Filters.lt;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Updates;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.propdesk.callback.domain.DeadlineIndex;
import io.propdesk.contracts.SlaRule;
import io.propdesk.contracts.TicketKind;
import io.propdesk.contracts.Topics;
import io.propdesk.contracts.callback.CallbackCompleted;
import io.propdesk.contracts.callback.CallbackScheduled;
import io.propdesk.contracts.callback.ObligationFulfilled;
import io.propdesk.contracts.callback.SlaBreached;
import io.propdesk.platform.kafka.InboundEvents;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.bson.Document;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/**
 * The recorded outcome of every obligation, a projection of callback-service's own topic: one document per obligation
 * ({@code _id} = obligation id) saying met or breached, with its grouping dimensions and due time, plus one document
 * per callback for the repair callback rate (R5). A breach is never forgotten (issue 18 item 4): a breached
 * obligation fulfilled late keeps its outcome BREACHED ("ever breached") and gains {@code fulfilledAt}, its lateness
 * ({@code minutesLate}, {@code workingMinutesLate}) and {@code breachedNow=false}. The compliance analytics and the handover's breaches read it; it
 * also feeds the Micrometer figures. Rebuilt by replaying the topic into empty collections under a new group.
 */
@Component
public class ObligationOutcomes {

    public static final String GROUP = "callback-service.outcomes";
    static final String OUTCOMES = "obligation_outcomes";
    static final String CALLBACKS = "callback_stats";
    public static final String MET = "MET";
    public static final String BREACHED = "BREACHED";
    private static final int STARTUP_BATCH = 1_000;
    static final String SATISFACTION = "propdesk.callbacks.completed";
    static final String RATING = "propdesk.callbacks.rating";

    private final MongoCollection<Document> outcomes;
    private final MongoCollection<Document> callbacks;
    private final InboundEvents inbound;
    private final MeterRegistry meters;
    private final Map<SlaRule, AtomicLong> metByRule = new EnumMap<>(SlaRule.class);
    private final Map<SlaRule, AtomicLong> breachedByRule = new EnumMap<>(SlaRule.class);
    private final Map<SlaRule, AtomicLong> metLateByRule = new EnumMap<>(SlaRule.class);
    private final AtomicLong repairCallbacks = new AtomicLong();
    private final AtomicLong completedRepairCallbacks = new AtomicLong();

    public ObligationOutcomes(
            MongoDatabase database, InboundEvents inbound, MeterRegistry meters, DeadlineIndex index) {
        this.outcomes = database.getCollection(OUTCOMES);
        this.callbacks = database.getCollection(CALLBACKS);
        this.inbound = inbound;
        this.meters = meters;
        for (SlaRule rule : SlaRule.values()) {
            metByRule.put(rule, new AtomicLong());
            breachedByRule.put(rule, new AtomicLong());
            metLateByRule.put(rule, new AtomicLong());
            Gauge.builder("propdesk.obligations", index, i -> i.openByRule().getOrDefault(rule, 0L))
                    .tags("rule", rule.name(), "status", "OPEN")
                    .register(meters);
            Gauge.builder("propdesk.obligations", metByRule.get(rule), AtomicLong::get)
                    .tags("rule", rule.name(), "status", "FULFILLED")
                    .register(meters);
            // BREACHED counts every obligation ever breached; FULFILLED_LATE those of them met late since (issue 18
            // item 4), so breached now = BREACHED - FULFILLED_LATE
            Gauge.builder("propdesk.obligations", breachedByRule.get(rule), AtomicLong::get)
                    .tags("rule", rule.name(), "status", "BREACHED")
                    .register(meters);
            Gauge.builder("propdesk.obligations", metLateByRule.get(rule), AtomicLong::get)
                    .tags("rule", rule.name(), "status", "FULFILLED_LATE")
                    .register(meters);
            // Initialised at zero per rule (as Prometheus advises for known labels), so a dashboard's breach
            // queries have a series before the first breach; real breaches add their department and estate.
            meters.counter("propdesk.sla.breaches", "rule", rule.name(), "department", "NONE", "estate", "NONE");
        }
        // both verdicts from zero, so the satisfaction panel has its series before the first callback
        meters.counter(SATISFACTION, "satisfied", "true");
        meters.counter(SATISFACTION, "satisfied", "false");
        DistributionSummary.builder(RATING)
                .description("the owners' ratings of the work at callback, 1 to 5")
                .register(meters);
        Gauge.builder("propdesk.callbacks.rate", this, ObligationOutcomes::repairCallbackRate)
                .description("completed repair callbacks / returned repairs (R5)")
                .register(meters);
        // Start-up only: the figures so far, so the gauges do not restart from zero with the process. In batches: the
        // MongoDB-wire server answers an unbatched find in one reply, too large past about 150,000 outcomes.
        for (Document d : outcomes.find().batchSize(STARTUP_BATCH)) {
            SlaRule rule = SlaRule.valueOf(d.getString("rule"));
            (MET.equals(d.getString("outcome")) ? metByRule : breachedByRule)
                    .get(rule)
                    .incrementAndGet();
            if (metLate(d)) {
                metLateByRule.get(rule).incrementAndGet();
            }
        }
        for (Document d : callbacks.find().batchSize(STARTUP_BATCH)) {
            if (!isRepair(d.getString("kind"))) {
                continue;
            }
            repairCallbacks.incrementAndGet();
            if (d.get("completedAt") != null) {
                completedRepairCallbacks.incrementAndGet();
            }
        }
    }

    @KafkaListener(topics = Topics.CALLBACK_EVENTS, groupId = GROUP, batch = "true")
    public void on(List<ConsumerRecord<String, byte[]>> poll) {
        inbound.handle(poll, event -> apply(event.data()));
    }

    void apply(Object event) {
        if (event instanceof ObligationFulfilled f && f.late()) {
            // issue 18 item 4: the breach stays the outcome; the late fulfilment is added to it, once
            Document before = outcomes.findOneAndUpdate(
                    eq("_id", f.obligationId()),
                    Updates.combine(
                            Updates.set("fulfilledAt", date(f.fulfilledAt())),
                            Updates.set("minutesLate", f.minutesLate()),
                            Updates.set("workingMinutesLate", f.workingMinutesLate()),
                            Updates.set("breachedNow", false)));
            if (before != null && before.get("fulfilledAt") == null) {
                metLateByRule.get(f.rule()).incrementAndGet();
            }
        } else if (event instanceof ObligationFulfilled f) {
            if (record(outcomeOf(f))) {
                metByRule.get(f.rule()).incrementAndGet();
            }
        } else if (event instanceof SlaBreached b) {
            if (record(outcomeOf(b))) {
                breachedByRule.get(b.rule()).incrementAndGet();
                meters.counter(
                                "propdesk.sla.breaches",
                                "rule",
                                b.rule().name(),
                                "department",
                                b.department() == null ? "NONE" : b.department().name(),
                                "estate",
                                b.estateId() == null ? "NONE" : b.estateId())
                        .increment();
            }
        } else if (event instanceof CallbackScheduled s) {
            try {
                callbacks.insertOne(new Document("_id", s.callbackId())
                        .append("ticketId", s.ticketId())
                        .append("orderId", s.orderId())
                        .append("kind", s.kind().name())
                        .append("dueAt", date(s.dueAt()))
                        .append("scheduledAt", date(s.scheduledAt())));
                if (isRepair(s.kind().name())) {
                    repairCallbacks.incrementAndGet();
                }
            } catch (MongoWriteException e) {
                requireDuplicate(e);
            }
        } else if (event instanceof CallbackCompleted c) {
            // the owner's verdict stays with the callback for the callbacks export (issue 18)
            Document before = callbacks.findOneAndUpdate(
                    eq("_id", c.callbackId()),
                    Updates.combine(
                            Updates.set("completedAt", date(c.completedAt())),
                            Updates.set("satisfied", c.satisfied()),
                            Updates.set("rating", c.rating()),
                            Updates.set(
                                    "callerRole",
                                    c.callerRole() == null
                                            ? null
                                            : c.callerRole().name())));
            if (before != null && before.get("completedAt") == null) {
                countSatisfaction(c);
                if (isRepair(before.getString("kind"))) {
                    completedRepairCallbacks.incrementAndGet();
                }
            }
        }
    }

    /** The dashboard's callback satisfaction: completed callbacks by the owner's verdict, and the ratings given. */
    private void countSatisfaction(CallbackCompleted c) {
        meters.counter(SATISFACTION, "satisfied", String.valueOf(c.satisfied())).increment();
        if (c.rating() != null) {
            meters.summary(RATING).record(c.rating());
        }
    }

    /** R5: a repair's callback, or a rework's (R6: a repair that came back). */
    private static boolean isRepair(String kind) {
        return TicketKind.REPAIR.name().equals(kind) || TicketKind.REWORK.name().equals(kind);
    }

    /**
     * The outcome document of a fulfilment or a breach, also what the what-if counts, so both count alike: an
     * obligation counts at its due time, or when settled if it has no clock. A late fulfilment has none of its own (null):
     * it adds to its breach's document (issue 18 item 4).
     */
    static Document outcomeOf(Object event) {
        if (event instanceof ObligationFulfilled f && !f.late()) {
            return new Document("_id", f.obligationId())
                    .append("outcome", MET)
                    .append("ticketId", f.ticketId())
                    .append("callId", f.callId())
                    .append("rule", f.rule().name())
                    .append("orderId", f.orderId())
                    .append("estateId", f.estateId())
                    .append(
                            "department",
                            f.department() == null ? null : f.department().name())
                    .append("stewardId", f.stewardId())
                    .append("acceptor", f.acceptor())
                    .append("dueAt", date(f.dueAt()))
                    .append("at", date(f.fulfilledAt()))
                    .append("everBreached", false)
                    .append("breachedNow", false)
                    .append("countedAt", date(f.dueAt() != null ? f.dueAt() : f.fulfilledAt()));
        }
        if (event instanceof SlaBreached b) {
            return new Document("_id", b.obligationId())
                    .append("outcome", BREACHED)
                    .append("ticketId", b.ticketId())
                    .append("callId", b.callId())
                    .append("rule", b.rule().name())
                    .append("orderId", b.orderId())
                    .append("estateId", b.estateId())
                    .append(
                            "department",
                            b.department() == null ? null : b.department().name())
                    .append("stewardId", b.stewardId())
                    .append("acceptor", b.acceptor())
                    .append("occurrence", b.occurrence())
                    .append("dueAt", date(b.dueAt()))
                    .append("at", date(b.breachedAt()))
                    .append("everBreached", true)
                    .append("breachedNow", true)
                    .append("countedAt", date(b.dueAt() != null ? b.dueAt() : b.breachedAt()));
        }
        return null;
    }

    /** Issue 18 item 4: what a late fulfilment adds to its breach's outcome document (the what-if's, in memory). */
    static void addLateFulfilment(Document breach, ObligationFulfilled f) {
        breach.append("fulfilledAt", date(f.fulfilledAt()))
                .append("minutesLate", f.minutesLate())
                .append("workingMinutesLate", f.workingMinutesLate())
                .append("breachedNow", false);
    }

    /** Issue 18 item 4: breached, then fulfilled late (documents written before then have no flag, only the times). */
    static boolean metLate(Document outcome) {
        return BREACHED.equals(outcome.getString("outcome")) && outcome.get("fulfilledAt") != null;
    }

    /** Whether an outcome document counts in {@code [from, to)}, as {@link #dueBetween} selects them. */
    static boolean countsBetween(Document outcome, Instant from, Instant to) {
        Instant counted = outcome.getDate("countedAt").toInstant();
        return !counted.isBefore(from) && counted.isBefore(to);
    }

    /** An obligation has one outcome; a re-delivery finds it recorded and changes nothing. */
    private boolean record(Document outcome) {
        try {
            outcomes.insertOne(outcome);
            return true;
        } catch (MongoWriteException e) {
            requireDuplicate(e);
            return false;
        }
    }

    private static void requireDuplicate(MongoWriteException e) {
        if (e.getError().getCategory() != ErrorCategory.DUPLICATE_KEY) {
            throw e;
        }
    }

    private static Date date(Instant instant) {
        return instant == null ? null : Date.from(instant);
    }

    double repairCallbackRate() {
        long returned = repairCallbacks.get();
        return returned == 0 ? 1.0 : (double) completedRepairCallbacks.get() / returned;
    }

    /**
     * The outcomes of obligations due in {@code [from, to)}: an analytics scan. An obligation without a clock (R7
     * waits on the owner, C3 on the sign-off) counts when it was settled.
     */
    public List<Document> dueBetween(Instant from, Instant to) {
        List<Document> result = new ArrayList<>();
        outcomes.find(and(gte("countedAt", Date.from(from)), lt("countedAt", Date.from(to))))
                .forEach(result::add);
        return result;
    }

    /** The breaches of an estate recorded after {@code since}. */
    public List<Document> breachesSince(String estateId, Instant since) {
        List<Document> result = new ArrayList<>();
        outcomes.find(and(eq("estateId", estateId), eq("outcome", BREACHED), gt("at", Date.from(since))))
                .forEach(result::add);
        return result;
    }

    public boolean callbackCompleted(String callbackId) {
        Document d = callbacks.find(eq("_id", callbackId)).first();
        return d != null && d.get("completedAt") != null;
    }
}
