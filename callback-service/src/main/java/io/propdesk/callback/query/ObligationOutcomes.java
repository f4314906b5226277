package io.propdesk.callback.query;

import static com.mongodb.client.model.Filters.and;
import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Filters.gt;
import static com.mongodb.client.model.Filters.gte;
import static com.mongodb.client.model.Filters.lt;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.BulkWriteOptions;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.ReplaceOptions;
import com.mongodb.client.model.UpdateOneModel;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.WriteModel;
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
import io.propdesk.contracts.cloudevents.CloudEventCodec.Envelope;
import io.propdesk.platform.kafka.InboundEvents;
import io.propdesk.platform.kafka.ReadModelFetch;
import io.propdesk.platform.kafka.Rebuilds;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Date;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
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
    /**
     * Issue 19: the {@code _id} of the counts document in each collection, kept by the live path's {@code $inc} in
     * the poll's bulk write, so a start reads the figures so far without reading the history. It has none of the
     * fields the reads filter on ({@code countedAt}, {@code at}, {@code scheduledAt}), so no read lists it.
     */
    static final String COUNTS = "~counts";

    private static final String MET_COUNT = "met";
    private static final String BREACHED_COUNT = "breached";
    private static final String MET_LATE_COUNT = "metLate";
    private static final String REPAIR_COUNT = "repair";
    private static final String COMPLETED_REPAIR_COUNT = "completedRepair";
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
        // Start-up only: the figures so far, so the gauges do not restart from zero with the process. Issue 19: read
        // from the counts documents the live path keeps with the rows, so a start reads two documents whatever the
        // history holds (a store from before them is counted once and the counts written).
        Document outcomeCounts = outcomes.find(eq("_id", COUNTS)).first();
        if (outcomeCounts == null) {
            outcomeCounts = seedOutcomeCounts();
        }
        for (SlaRule rule : SlaRule.values()) {
            metByRule.get(rule).set(count(outcomeCounts, MET_COUNT, rule));
            breachedByRule.get(rule).set(count(outcomeCounts, BREACHED_COUNT, rule));
            metLateByRule.get(rule).set(count(outcomeCounts, MET_LATE_COUNT, rule));
        }
        Document callbackCounts = callbacks.find(eq("_id", COUNTS)).first();
        if (callbackCounts == null) {
            callbackCounts = seedCallbackCounts();
        }
        repairCallbacks.set(number(callbackCounts.get(REPAIR_COUNT)));
        completedRepairCallbacks.set(number(callbackCounts.get(COMPLETED_REPAIR_COUNT)));
    }

    /**
     * A store written before the counts documents (issue 19): counts its outcomes once, in batches (the MongoDB-wire
     * server answers an unbatched find in one reply, too large past about 150,000 outcomes), and stores the counts.
     * Runs before the listener starts, so no poll adds to them meanwhile.
     */
    private Document seedOutcomeCounts() {
        Document counts = new Document("_id", COUNTS);
        if (outcomes.find().limit(1).first() == null) {
            return counts;
        }
        PollFold fold = new PollFold();
        for (Document d : outcomes.find(Filters.ne("_id", COUNTS)).batchSize(STARTUP_BATCH)) {
            SlaRule rule = SlaRule.valueOf(d.getString("rule"));
            (MET.equals(d.getString("outcome")) ? fold.met : fold.breached).merge(rule, 1L, Long::sum);
            if (metLate(d)) {
                fold.metLate.merge(rule, 1L, Long::sum);
            }
        }
        fold.outcomeCounts().forEach((field, n) -> counts.append(field, n));
        outcomes.replaceOne(eq("_id", COUNTS), dotted(counts), new ReplaceOptions().upsert(true));
        return dotted(counts);
    }

    private Document seedCallbackCounts() {
        Document counts = new Document("_id", COUNTS);
        if (callbacks.find().limit(1).first() == null) {
            return counts;
        }
        long repair = 0;
        long completed = 0;
        for (Document d : callbacks.find(Filters.ne("_id", COUNTS)).batchSize(STARTUP_BATCH)) {
            if (isRepair(d.getString("kind"))) {
                repair++;
                if (d.get("completedAt") != null) {
                    completed++;
                }
            }
        }
        counts.append(REPAIR_COUNT, repair).append(COMPLETED_REPAIR_COUNT, completed);
        callbacks.replaceOne(eq("_id", COUNTS), counts, new ReplaceOptions().upsert(true));
        return counts;
    }

    /** {@code {"met.R4": 2}} as the nested document {@code {"met": {"R4": 2}}} that {@code $inc} keeps. */
    private static Document dotted(Document flat) {
        Document nested = new Document();
        flat.forEach((key, value) -> {
            int dot = key.indexOf('.');
            if (dot < 0) {
                nested.append(key, value);
            } else {
                ((Document) nested.computeIfAbsent(key.substring(0, dot), k -> new Document()))
                        .append(key.substring(dot + 1), value);
            }
        });
        return nested;
    }

    private static long count(Document counts, String field, SlaRule rule) {
        Object byRule = counts.get(field);
        return byRule instanceof Document d ? number(d.get(rule.name())) : 0L;
    }

    private static long number(Object value) {
        return value instanceof Number n ? n.longValue() : 0L;
    }

    /**
     * Issue 19: the rows dedupe by themselves (an obligation has one outcome document, {@code _id} = obligation id; a
     * late fulfilment is added once, while {@code fulfilledAt} is absent; a callback has one document and is
     * completed once, while {@code completedAt} is absent), so no inbox markers: the whole poll is folded in memory
     * against the rows it touches (one {@code _id $in} read per collection) and written in one ordered bulk write per
     * collection, the counts document's {@code $inc} last in it. Re-applying an event or a poll changes nothing.
     */
    @KafkaListener(
            topics = Topics.CALLBACK_EVENTS,
            groupId = GROUP,
            batch = "true",
            properties = ReadModelFetch.BATCHES)
    public void on(List<ConsumerRecord<String, byte[]>> poll) {
        inbound.handleUnmarked(
                poll, events -> apply(events.stream().map(Envelope::data).toList()));
    }

    void apply(List<Object> events) {
        Set<String> obligationIds = new LinkedHashSet<>();
        Set<String> callbackIds = new LinkedHashSet<>();
        for (Object event : events) {
            if (event instanceof ObligationFulfilled f) {
                obligationIds.add(f.obligationId());
            } else if (event instanceof SlaBreached b) {
                obligationIds.add(b.obligationId());
            } else if (event instanceof CallbackScheduled s) {
                callbackIds.add(s.callbackId());
            } else if (event instanceof CallbackCompleted c) {
                callbackIds.add(c.callbackId());
            }
        }
        PollFold fold = new PollFold();
        load(outcomes, obligationIds, fold.storedOutcomes, "fulfilledAt");
        load(callbacks, callbackIds, fold.storedCallbacks, "completedAt", "kind");
        events.forEach(fold::apply);
        write(outcomes, fold.newOutcomes, fold.outcomeSets, fold.outcomeCounts());
        write(callbacks, fold.newCallbacks, fold.callbackSets, fold.callbackCounts());
        publish(fold);
    }

    private static void load(
            MongoCollection<Document> collection, Set<String> ids, Map<String, Document> into, String... fields) {
        if (ids.isEmpty()) {
            return;
        }
        Document projection = new Document();
        for (String field : fields) {
            projection.append(field, 1);
        }
        for (Document d : collection.find(Filters.in("_id", ids)).projection(projection)) {
            into.put(d.getString("_id"), d);
        }
    }

    /** One ordered bulk write: the new rows, the changes to stored rows, then the counts' {@code $inc}. */
    private static void write(
            MongoCollection<Document> collection,
            Map<String, Document> inserts,
            Map<String, Document> sets,
            Map<String, Long> counts) {
        List<WriteModel<Document>> writes = new ArrayList<>(inserts.size() + sets.size() + 1);
        // a new row as an upsert of its fields on insert, so the poll's writes to a collection are one update
        // command (the driver sends a bulk write as one command per run of one kind); the row was read absent
        for (Document row : inserts.values()) {
            Document fields = new Document(row);
            fields.remove("_id");
            writes.add(new UpdateOneModel<>(
                    eq("_id", row.get("_id")), new Document("$setOnInsert", fields), new UpdateOptions().upsert(true)));
        }
        sets.forEach((id, fields) -> writes.add(new UpdateOneModel<>(eq("_id", id), new Document("$set", fields))));
        if (!counts.isEmpty()) {
            Document inc = new Document();
            counts.forEach(inc::append);
            writes.add(new UpdateOneModel<>(
                    eq("_id", COUNTS), new Document("$inc", inc), new UpdateOptions().upsert(true)));
        }
        if (!writes.isEmpty()) {
            collection.bulkWrite(writes, new BulkWriteOptions().ordered(true));
        }
    }

    /** After the poll's rows are stored: the in-memory gauges and the meters, once per new outcome or completion. */
    private void publish(PollFold fold) {
        fold.met.forEach((rule, n) -> metByRule.get(rule).addAndGet(n));
        fold.breached.forEach((rule, n) -> breachedByRule.get(rule).addAndGet(n));
        fold.metLate.forEach((rule, n) -> metLateByRule.get(rule).addAndGet(n));
        repairCallbacks.addAndGet(fold.repair);
        completedRepairCallbacks.addAndGet(fold.completedRepair);
        for (SlaBreached b : fold.newBreaches) {
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
        fold.completions.forEach(this::countSatisfaction);
    }

    /**
     * Rebuilds both collections into empty ones from the topic read from its start (delivery guarantee 6): the same
     * fold as {@link #on}, the whole topic as one poll, written by {@code insertMany} of 1,000 with the counts
     * documents; no markers (the live path keeps none). An undecodable record is skipped, as the live consumer sends
     * it to its dead-letter topic.
     *
     * @return the events applied (those that added or changed a row)
     */
    public long rebuild(Iterable<ConsumerRecord<String, byte[]>> records, String group) {
        PollFold fold = new PollFold();
        Rebuilds.fold(records, event -> {
            fold.apply(event.data());
            return true; // the fold counts what it applied
        });
        insertAll(outcomes, fold.newOutcomes.values(), fold.outcomeCounts());
        insertAll(callbacks, fold.newCallbacks.values(), fold.callbackCounts());
        publish(fold);
        return fold.applied;
    }

    private static void insertAll(
            MongoCollection<Document> collection, Collection<Document> rows, Map<String, Long> counts) {
        List<Document> documents = new ArrayList<>(rows);
        if (!counts.isEmpty()) {
            Document flat = new Document("_id", COUNTS);
            counts.forEach(flat::append);
            documents.add(dotted(flat));
        }
        Rebuilds.insertAll(collection, documents);
    }

    /**
     * One poll's (or a rebuild's) decisions, the same live and rebuilt: the rows as stored before ({@code _id} and the
     * fields the decisions read), the rows it inserts (with what later events of the poll add to them), the fields it
     * sets on stored rows, and what it adds to the counts.
     */
    private static final class PollFold {

        final Map<String, Document> storedOutcomes = new HashMap<>();
        final Map<String, Document> storedCallbacks = new HashMap<>();
        final Map<String, Document> newOutcomes = new LinkedHashMap<>();
        final Map<String, Document> newCallbacks = new LinkedHashMap<>();
        final Map<String, Document> outcomeSets = new LinkedHashMap<>();
        final Map<String, Document> callbackSets = new LinkedHashMap<>();
        final Map<SlaRule, Long> met = new EnumMap<>(SlaRule.class);
        final Map<SlaRule, Long> breached = new EnumMap<>(SlaRule.class);
        final Map<SlaRule, Long> metLate = new EnumMap<>(SlaRule.class);
        final List<SlaBreached> newBreaches = new ArrayList<>();
        final List<CallbackCompleted> completions = new ArrayList<>();
        long repair;
        long completedRepair;
        long applied;

        void apply(Object event) {
            if (event instanceof ObligationFulfilled f && f.late()) {
                // issue 18 item 4: the breach stays the outcome; the late fulfilment is added to it, once
                Document breach = current(f.obligationId(), newOutcomes, storedOutcomes);
                if (breach != null && breach.get("fulfilledAt") == null) {
                    Document late = new Document();
                    addLateFulfilment(late, f);
                    change(f.obligationId(), late, newOutcomes, storedOutcomes, outcomeSets);
                    metLate.merge(f.rule(), 1L, Long::sum);
                    applied++;
                }
            } else if (event instanceof ObligationFulfilled f) {
                if (insert(outcomeOf(f), newOutcomes, storedOutcomes)) {
                    met.merge(f.rule(), 1L, Long::sum);
                }
            } else if (event instanceof SlaBreached b) {
                if (insert(outcomeOf(b), newOutcomes, storedOutcomes)) {
                    breached.merge(b.rule(), 1L, Long::sum);
                    newBreaches.add(b);
                }
            } else if (event instanceof CallbackScheduled s) {
                Document row = new Document("_id", s.callbackId())
                        .append("ticketId", s.ticketId())
                        .append("orderId", s.orderId())
                        .append("kind", s.kind().name())
                        .append("dueAt", date(s.dueAt()))
                        .append("scheduledAt", date(s.scheduledAt()));
                if (insert(row, newCallbacks, storedCallbacks)
                        && isRepair(s.kind().name())) {
                    repair++;
                }
            } else if (event instanceof CallbackCompleted c) {
                // the owner's verdict stays with the callback for the callbacks export (issue 18)
                Document callback = current(c.callbackId(), newCallbacks, storedCallbacks);
                if (callback != null && callback.get("completedAt") == null) {
                    Document verdict = new Document("completedAt", date(c.completedAt()))
                            .append("satisfied", c.satisfied())
                            .append("rating", c.rating())
                            .append(
                                    "callerRole",
                                    c.callerRole() == null
                                            ? null
                                            : c.callerRole().name());
                    String kind = callback.getString("kind");
                    change(c.callbackId(), verdict, newCallbacks, storedCallbacks, callbackSets);
                    completions.add(c);
                    if (isRepair(kind)) {
                        completedRepair++;
                    }
                    applied++;
                }
            }
        }

        private static Document current(String id, Map<String, Document> fresh, Map<String, Document> stored) {
            Document row = fresh.get(id);
            return row != null ? row : stored.get(id);
        }

        /** An obligation (a callback) has one row; one already there, stored or of this poll, changes nothing. */
        private boolean insert(Document row, Map<String, Document> fresh, Map<String, Document> stored) {
            String id = row.getString("_id");
            if (current(id, fresh, stored) != null) {
                return false;
            }
            fresh.put(id, row);
            applied++;
            return true;
        }

        /** Adds {@code fields} to a row: into its insert when the poll created it, else as a {@code $set}. */
        private static void change(
                String id,
                Document fields,
                Map<String, Document> fresh,
                Map<String, Document> stored,
                Map<String, Document> sets) {
            Document inserted = fresh.get(id);
            if (inserted != null) {
                inserted.putAll(fields);
                return;
            }
            stored.get(id).putAll(fields);
            sets.computeIfAbsent(id, k -> new Document()).putAll(fields);
        }

        Map<String, Long> outcomeCounts() {
            Map<String, Long> counts = new LinkedHashMap<>();
            met.forEach((rule, n) -> counts.put(MET_COUNT + "." + rule.name(), n));
            breached.forEach((rule, n) -> counts.put(BREACHED_COUNT + "." + rule.name(), n));
            metLate.forEach((rule, n) -> counts.put(MET_LATE_COUNT + "." + rule.name(), n));
            return counts;
        }

        Map<String, Long> callbackCounts() {
            Map<String, Long> counts = new LinkedHashMap<>();
            if (repair > 0) {
                counts.put(REPAIR_COUNT, repair);
            }
            if (completedRepair > 0) {
                counts.put(COMPLETED_REPAIR_COUNT, completedRepair);
            }
            return counts;
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
