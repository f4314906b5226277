package io.propdesk.platform.eventstore;

import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Filters.in;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoBulkWriteException;
import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.ReplaceOptions;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;
import io.propdesk.platform.observability.TraceContexts;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;
import org.axonframework.common.jdbc.PersistenceExceptionResolver;
import org.axonframework.eventhandling.DomainEventData;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GenericDomainEventEntry;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventhandling.GlobalSequenceTrackingToken;
import org.axonframework.eventhandling.TrackedDomainEventData;
import org.axonframework.eventhandling.TrackedEventData;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventsourcing.eventstore.AbstractEventStorageEngine;
import org.axonframework.serialization.SerializedObject;
import org.axonframework.serialization.Serializer;
import org.bson.Document;
import org.bson.conversions.Bson;

/**
 * Axon's event store on the plain MongoDB driver, shaped so that every hot-path operation is an {@code _id} lookup
 * or a single-document write (the embedded wire server scans for anything else and has no transactions).
 *
 * <ul>
 *   <li>{@code events}: one document per commit, {@code _id = <aggregateId>:<first sequence number>}, holding all the
 *       events one unit of work appended to that aggregate. The insert is atomic; two writers that loaded the same
 *       stream both write the same {@code _id} and the loser's duplicate-key error is the optimistic-concurrency
 *       conflict ({@code ConcurrencyException}).</li>
 *   <li>{@code event_heads}: per aggregate the highest sequence number known, raised with {@code $max} every
 *       {@value #HEAD_HINT_EVERY} events. Only a loading hint: the loader probes past it until a commit is missing.</li>
 *   <li>{@code snapshots}: one per aggregate, {@code _id = aggregateId}, so a load reads the snapshot and the tail.</li>
 *   <li>{@code outbox}: one entry per writer whose journal may announce events not on Kafka yet; the journal's
 *       documents sit in {@code events} ({@code _id ~journal:<writer>:<n>}), each stored in the insert command of
 *       the commit it announces, so a crash between commit and publish is always found by the relay's sweep
 *       ({@link Outbox}).</li>
 * </ul>
 * Per command: reads the snapshot (one {@code _id} find) and one {@code _id $in} probe of {@value #FIRST_PROBE}
 * commit ids (more only for a stream longer than that since its snapshot); writes the commit insert (with a journal
 * document in the same command when this writer has not announced the aggregate within
 * {@link OutboxTiming#reuseWithin()}, issue 19), the writer's outbox entry at most every
 * {@link OutboxTiming#reuseWithin()}, the head hint every {@value #HEAD_HINT_EVERY} events and a snapshot every
 * {@code snapshot-threshold} events; the relay clears the journal documents later.
 */
public class MongoEventStorageEngine extends AbstractEventStorageEngine implements EventStreams, CommitStarts {

    public static final String EVENTS = "events";
    public static final String HEADS = "event_heads";
    public static final String SNAPSHOTS = "snapshots";
    public static final String OUTBOX = Outbox.COLLECTION;

    static final int HEAD_HINT_EVERY = 32;
    private static final int PROBE_BATCH = 64;
    private static final int FIRST_PROBE = 8;
    private static final int GLOBAL_BATCH = 100;
    private static final int PROBE_MANY = 500;
    private static final int DUPLICATE_KEY = 11000;

    private final MongoCollection<Document> events;
    private final MongoCollection<Document> heads;
    private final MongoCollection<Document> snapshots;
    private final Outbox outbox;
    private final FaultHook faultHook;
    private final TraceContexts traceContexts;
    private final List<CommitListener> listeners = new CopyOnWriteArrayList<>();

    protected MongoEventStorageEngine(Builder builder) {
        super(builder);
        MongoDatabase db = builder.database;
        this.events = db.getCollection(EVENTS);
        this.heads = db.getCollection(HEADS);
        this.snapshots = db.getCollection(SNAPSHOTS);
        this.outbox = builder.outbox != null
                ? builder.outbox
                : new Outbox(
                        db,
                        builder.outboxTiming,
                        Objects.requireNonNull(
                                builder.clock, "the event store needs the service's Clock (or an Outbox)"));
        this.faultHook = builder.faultHook;
        this.traceContexts = builder.traceContexts;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The outbox that announces each commit before it is inserted; its relay reads the same one. */
    public Outbox outbox() {
        return outbox;
    }

    public void addCommitListener(CommitListener listener) {
        listeners.add(listener);
    }

    /**
     * The commits of the events collection, without the writers' journal documents beside them ({@link Outbox}): for
     * whoever reads or counts the collection as a whole.
     */
    public static Bson commits() {
        return Filters.not(Outbox.journal());
    }

    static String commitId(String aggregateId, long firstSequence) {
        return aggregateId + ":" + firstSequence;
    }

    @Override
    protected void appendEvents(List<? extends EventMessage<?>> messages, Serializer serializer) {
        for (List<DomainEventMessage<?>> commit : byAggregate(messages).values()) {
            appendCommit(commit, serializer);
        }
    }

    private void appendCommit(List<DomainEventMessage<?>> unitOfWork, Serializer serializer) {
        // The command's trace travels with its events, so the relay can hand it on to Kafka (TraceContexts).
        Map<String, String> trace = traceContexts.current();
        List<DomainEventMessage<?>> commit = trace.isEmpty()
                ? unitOfWork
                : unitOfWork.stream()
                        .<DomainEventMessage<?>>map(e -> e.andMetaData(trace))
                        .toList();
        DomainEventMessage<?> first = commit.get(0);
        String aggregateId = first.getAggregateIdentifier();
        long firstSeq = first.getSequenceNumber();
        long lastSeq = commit.get(commit.size() - 1).getSequenceNumber();
        if (lastSeq - firstSeq + 1 != commit.size()) {
            throw new IllegalStateException("events of " + aggregateId + " are not contiguous: " + firstSeq + ".."
                    + lastSeq + " for " + commit.size() + " events");
        }
        List<Document> serialized = new ArrayList<>(commit.size());
        for (DomainEventMessage<?> event : commit) {
            serialized.add(toDocument(event, serializer));
        }
        Document doc = new Document("_id", commitId(aggregateId, firstSeq))
                .append("agg", aggregateId)
                .append("type", first.getType())
                .append("first", firstSeq)
                .append("last", lastSeq)
                .append("events", serialized);

        // Announced no later than it is stored: by a journal document in the same insert command, or by this writer's
        // journal document of a moment ago (issue 19).
        Outbox.Touch touch;
        try {
            touch = outbox.insert(
                    aggregateId, firstSeq, doc, () -> faultHook.reached(FaultPoint.AFTER_OUTBOX_BEFORE_COMMIT));
        } catch (MongoWriteException | MongoBulkWriteException e) {
            handlePersistenceException(e, first);
            return;
        }
        // A writer stalled past half the relay's grace period since the touch that announced this commit (its own or
        // the reused one) re-touches the outbox, so the sweep cannot have cleared the entry before this commit became
        // visible (OutboxTiming).
        touch = outbox.afterCommit(aggregateId, firstSeq, touch);
        if (Math.floorDiv(lastSeq + 1, HEAD_HINT_EVERY) > Math.floorDiv(firstSeq, HEAD_HINT_EVERY)) {
            heads.updateOne(eq("_id", aggregateId), Updates.max("last", lastSeq), new UpdateOptions().upsert(true));
        }
        faultHook.reached(FaultPoint.AFTER_COMMIT_BEFORE_PUBLISH);
        StoredCommit stored = new StoredCommit(aggregateId, firstSeq, lastSeq, List.copyOf(commit), touch.token());
        for (CommitListener listener : listeners) {
            listener.committed(stored);
        }
    }

    private static Map<String, List<DomainEventMessage<?>>> byAggregate(List<? extends EventMessage<?>> messages) {
        Map<String, List<DomainEventMessage<?>>> grouped = new LinkedHashMap<>();
        for (EventMessage<?> message : messages) {
            DomainEventMessage<?> domain = message instanceof DomainEventMessage<?> d
                    ? d
                    // An event published outside any aggregate becomes its own one-event stream.
                    : new GenericDomainEventMessage<>(
                            "event",
                            "event-" + message.getIdentifier(),
                            0L,
                            message.getPayload(),
                            message.getMetaData(),
                            message.getIdentifier(),
                            message.getTimestamp());
            grouped.computeIfAbsent(domain.getAggregateIdentifier(), id -> new ArrayList<>())
                    .add(domain);
        }
        return grouped;
    }

    private static Document toDocument(DomainEventMessage<?> event, Serializer serializer) {
        SerializedObject<String> payload = event.serializePayload(serializer, String.class);
        SerializedObject<String> metaData = event.serializeMetaData(serializer, String.class);
        return new Document("seq", event.getSequenceNumber())
                .append("id", event.getIdentifier())
                .append("ts", event.getTimestamp().toString())
                .append("ptype", payload.getType().getName())
                .append("prev", payload.getType().getRevision())
                .append("payload", payload.getData())
                .append("meta", metaData.getData());
    }

    private static DomainEventData<String> toEventData(String type, String aggregateId, Document e) {
        return new GenericDomainEventEntry<>(
                type,
                aggregateId,
                e.get("seq", Number.class).longValue(),
                e.getString("id"),
                e.getString("ts"),
                e.getString("ptype"),
                e.getString("prev"),
                e.getString("payload"),
                e.getString("meta"));
    }

    @Override
    protected Stream<? extends DomainEventData<?>> readEventData(String aggregateId, long firstSequenceNumber) {
        return loadCommits(aggregateId, firstSequenceNumber).stream()
                .flatMap(commit -> commit.getList("events", Document.class).stream()
                        .filter(e -> e.get("seq", Number.class).longValue() >= firstSequenceNumber)
                        .map(e -> toEventData(commit.getString("type"), aggregateId, e)));
    }

    /**
     * The aggregate's commits from the one holding {@code fromSequence} on, in order, by {@code _id} probes only:
     * each probe asks for a window of possible commit ids and the chain ends at the first id that does not exist.
     * When no commit starts at {@code fromSequence}, a second probe reaches back, in case it lies inside a commit. Windows start at
     * {@value #FIRST_PROBE} ids and double up to {@value #PROBE_BATCH}: on the embedded server every id of an
     * {@code $in} is its own index lookup, and most streams (an order, a ticket) hold a handful of commits, so a
     * first window of 64 ids spent most of the store's CPU on ids that cannot exist (a JFR profile).
     */
    List<Document> loadCommits(String aggregateId, long fromSequence) {
        List<Document> chain = new ArrayList<>();
        long window = FIRST_PROBE;
        long upTo = fromSequence + window - 1;
        // Issue 19: forward first. Every caller but a test asks from a commit's first sequence (after a snapshot, the
        // relay after what it published), so the reach-back probe is needed only when no commit starts there.
        Map<Long, Document> found = probe(aggregateId, fromSequence, upTo);
        if (!found.containsKey(fromSequence) && fromSequence > 0) {
            found.putAll(probe(aggregateId, Math.max(0, fromSequence - PROBE_BATCH + 1), fromSequence - 1));
        }
        long next = found.containsKey(fromSequence)
                ? fromSequence
                : found.values().stream()
                        .filter(c -> first(c) < fromSequence && last(c) >= fromSequence)
                        .mapToLong(MongoEventStorageEngine::first)
                        .findFirst()
                        .orElse(-1L);
        if (next < 0) {
            return chain;
        }
        boolean hintUsed = false;
        while (true) {
            Document commit;
            while ((commit = found.get(next)) != null) {
                chain.add(commit);
                next = last(commit) + 1;
            }
            if (next <= upTo) {
                return chain;
            }
            window = Math.min(PROBE_BATCH, window * 2);
            upTo = next + window - 1;
            if (!hintUsed) {
                // A long tail (no recent snapshot): one probe up to the head hint instead of many small ones.
                hintUsed = true;
                Document head = heads.find(eq("_id", aggregateId)).first();
                if (head != null) {
                    upTo = Math.max(upTo, head.get("last", Number.class).longValue());
                }
            }
            found = probe(aggregateId, next, upTo);
        }
    }

    private static long first(Document commit) {
        return commit.get("first", Number.class).longValue();
    }

    private static long last(Document commit) {
        return commit.get("last", Number.class).longValue();
    }

    private Map<Long, Document> probe(String aggregateId, long from, long to) {
        List<String> ids = new ArrayList<>((int) (to - from + 1));
        for (long seq = from; seq <= to; seq++) {
            ids.add(commitId(aggregateId, seq));
        }
        Map<Long, Document> byFirst = new LinkedHashMap<>();
        for (Document commit : events.find(in("_id", ids))) {
            byFirst.put(commit.get("first", Number.class).longValue(), commit);
        }
        return byFirst;
    }

    /** One {@code _id $in} read per {@value #PROBE_MANY} aggregates, only the ids returned (issue 19: the relay's sweep). */
    @Override
    public Set<String> startingAt(Map<String, Long> firstSequences) {
        Set<String> found = new HashSet<>();
        List<Map.Entry<String, Long>> all = new ArrayList<>(firstSequences.entrySet());
        for (int i = 0; i < all.size(); i += PROBE_MANY) {
            Map<String, String> byId = new HashMap<>();
            for (Map.Entry<String, Long> next : all.subList(i, Math.min(all.size(), i + PROBE_MANY))) {
                byId.put(commitId(next.getKey(), next.getValue()), next.getKey());
            }
            for (Document commit : events.find(in("_id", byId.keySet())).projection(new Document("_id", 1))) {
                found.add(byId.get(commit.getString("_id")));
            }
        }
        return found;
    }

    /** Whether the aggregate has any event: one {@code _id} lookup of its first commit. */
    @Override
    public boolean hasStream(String aggregateId) {
        return events.find(eq("_id", commitId(aggregateId, 0)))
                        .projection(new Document("_id", 1))
                        .first()
                != null;
    }

    @Override
    public Optional<Long> lastSequenceNumberFor(String aggregateId) {
        List<Document> commits = loadCommits(aggregateId, 0);
        return commits.isEmpty()
                ? Optional.empty()
                : Optional.of(commits.get(commits.size() - 1)
                        .get("last", Number.class)
                        .longValue());
    }

    @Override
    protected void storeSnapshot(DomainEventMessage<?> snapshot, Serializer serializer) {
        Document doc = toDocument(snapshot, serializer)
                .append("_id", snapshot.getAggregateIdentifier())
                .append("type", snapshot.getType());
        // An older snapshot overwriting a newer one in a race is still a correct snapshot: no conditional write.
        snapshots.replaceOne(eq("_id", snapshot.getAggregateIdentifier()), doc, new ReplaceOptions().upsert(true));
    }

    @Override
    protected Stream<? extends DomainEventData<?>> readSnapshotData(String aggregateId) {
        Document doc = snapshots.find(eq("_id", aggregateId)).first();
        return doc == null ? Stream.empty() : Stream.of(toEventData(doc.getString("type"), aggregateId, doc));
    }

    /**
     * The whole store in storage order, for admin replays only (no processor tracks this store; projections read
     * Kafka). Each aggregate's events come in order; there is no global order across aggregates. The token counts
     * events read so far.
     */
    @Override
    protected Stream<? extends TrackedEventData<?>> readEventData(TrackingToken lastToken, boolean mayBlock) {
        long position = lastToken == null ? -1 : ((GlobalSequenceTrackingToken) lastToken).getGlobalIndex();
        List<TrackedEventData<?>> page = new ArrayList<>();
        long index = -1;
        for (Document commit : events.find()) {
            if (Outbox.isJournal(commit)) {
                continue;
            }
            for (Document e : commit.getList("events", Document.class)) {
                index++;
                if (index > position) {
                    page.add(new TrackedDomainEventData<>(
                            new GlobalSequenceTrackingToken(index),
                            toEventData(commit.getString("type"), commit.getString("agg"), e)));
                }
            }
            if (page.size() >= GLOBAL_BATCH) {
                break;
            }
        }
        return page.stream();
    }

    @Override
    public TrackingToken createTailToken() {
        return null;
    }

    @Override
    public TrackingToken createHeadToken() {
        return new GlobalSequenceTrackingToken(events.countDocuments() == 0 ? -1 : countEvents() - 1);
    }

    @Override
    public TrackingToken createTokenAt(Instant dateTime) {
        throw new UnsupportedOperationException(
                "the MongoDB event store has no global time index; replay from the tail");
    }

    private long countEvents() {
        long count = 0;
        for (Document commit : events.find().projection(new Document("first", 1).append("last", 1))) {
            if (Outbox.isJournal(commit)) {
                continue;
            }
            count += commit.get("last", Number.class).longValue()
                    - commit.get("first", Number.class).longValue()
                    + 1;
        }
        return count;
    }

    /** Creates the collections' only index, the implicit {@code _id}: nothing else would be used by the server. */
    public static final class Builder extends AbstractEventStorageEngine.Builder {
        private MongoDatabase database;
        private Clock clock;
        private OutboxTiming outboxTiming = OutboxTiming.DEFAULT;
        private Outbox outbox;
        private FaultHook faultHook = FaultHook.NONE;
        private TraceContexts traceContexts = TraceContexts.none();

        public Builder() {
            persistenceExceptionResolver(DUPLICATE_KEY_RESOLVER);
        }

        public Builder database(MongoDatabase database) {
            this.database = database;
            return this;
        }

        public Builder traceContexts(TraceContexts traceContexts) {
            this.traceContexts = traceContexts;
            return this;
        }

        public Builder outboxTiming(OutboxTiming outboxTiming) {
            this.outboxTiming = outboxTiming;
            return this;
        }

        /** The clock of the outbox touches; required unless an {@link #outbox(Outbox)} is given. */
        public Builder clock(Clock clock) {
            this.clock = clock;
            return this;
        }

        /** The service's one outbox, shared with its relay (then clock and timing come from it). */
        public Builder outbox(Outbox outbox) {
            this.outbox = outbox;
            return this;
        }

        /** Told at each {@link FaultPoint} of the write path; {@link FaultHook#NONE} unless a crash test sets one. */
        public Builder faultHook(FaultHook faultHook) {
            this.faultHook = Objects.requireNonNull(faultHook, "faultHook");
            return this;
        }

        @Override
        public Builder snapshotSerializer(Serializer snapshotSerializer) {
            super.snapshotSerializer(snapshotSerializer);
            return this;
        }

        @Override
        public Builder eventSerializer(Serializer eventSerializer) {
            super.eventSerializer(eventSerializer);
            return this;
        }

        public MongoEventStorageEngine build() {
            validate();
            if (database == null) {
                throw new IllegalStateException("the event store needs a MongoDatabase");
            }
            return new MongoEventStorageEngine(this);
        }
    }

    static final PersistenceExceptionResolver DUPLICATE_KEY_RESOLVER =
            e -> e instanceof MongoWriteException w && duplicateKey(w.getError())
                    || e instanceof MongoBulkWriteException b
                            && !b.getWriteErrors().isEmpty()
                            && b.getWriteErrors().stream().allMatch(MongoEventStorageEngine::duplicateKey);

    private static boolean duplicateKey(com.mongodb.WriteError error) {
        return error.getCategory() == ErrorCategory.DUPLICATE_KEY || error.getCode() == DUPLICATE_KEY;
    }
}
