package io.propdesk.platform.eventstore;

import static com.mongodb.client.model.Filters.and;
import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Filters.or;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import org.bson.Document;
import org.bson.conversions.Bson;

/**
 * The outbox protocol between the event store (writer) and the relay (reader), in one place: the collection, its
 * fields, the writer's touch, the reader's view of an entry, the conditional clear and the {@link OutboxTiming} rule.
 *
 * <p>One entry per aggregate whose events may not be on Kafka yet: {@code _id} the aggregate id, {@code from} the
 * lowest sequence number announced since the entry was created, {@code touch} a fresh token per touch and
 * {@code at} when it was touched. The writer touches before each commit insert (and again after a slow insert); the
 * relay publishes from {@code from}, and clears an entry past the grace period only while it still carries the touch
 * the relay read, so a commit announced in between keeps it. The completeness argument is in docs/architecture.md
 * (event store).
 *
 * <p>Issue 19: a writer remembers, in memory, the last touch it made per aggregate, and a commit that follows within
 * {@link OutboxTiming#reuseWithin()} of that touch (and from a sequence not below it) is announced by that same touch
 * without writing: the relay cannot have cleared an entry that young, and the retouch rule still runs against the
 * remembered touch's time. Memory is per writer process and bounded; an empty memory (a restart) only means a write.
 */
public final class Outbox {

    public static final String COLLECTION = "outbox";

    static final String FROM = "from";
    static final String TOUCH = "touch";
    static final String AT = "at";

    private static final int CLEAR_BATCH = 500;
    /** How many aggregates' last touches a writer remembers (oldest out); each is useful for a few seconds only. */
    static final int REMEMBERED_MAX = 10_000;

    private final MongoCollection<Document> entries;
    private final OutboxTiming timing;
    private final Clock clock;

    /** This writer's last touch per aggregate, made by this process (never read from the collection). */
    private final Map<String, Touch> lastTouches = new LinkedHashMap<>(256, 0.75f, false) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Touch> eldest) {
            return size() > REMEMBERED_MAX;
        }
    };

    public Outbox(MongoDatabase database, OutboxTiming timing, Clock clock) {
        this.entries = database.getCollection(COLLECTION);
        this.timing = Objects.requireNonNull(timing, "timing");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    public OutboxTiming timing() {
        return timing;
    }

    /** One touch by a writer: the token the relay compares, when it was made, and the sequence it announced from. */
    public record Touch(String token, Instant at, long from) {}

    /** What the relay reads of one entry. */
    public record Entry(String aggregateId, long from, String touch, Instant at) {}

    /**
     * Announces that the aggregate is about to get a commit starting at {@code firstSequence}, before the commit is
     * inserted. Issue 19: when this writer touched the aggregate less than {@link OutboxTiming#reuseWithin()} ago
     * (by its clock, and not in its future) from a sequence not above {@code firstSequence}, that touch announces this
     * commit too and nothing is written; otherwise the entry is upserted with {@code from = min(from, firstSequence)}
     * and a fresh token. The proof that the reuse loses nothing is in docs/architecture.md (event store, rule 1).
     */
    public Touch touch(String aggregateId, long firstSequence) {
        Instant now = clock.instant();
        Touch last;
        synchronized (lastTouches) {
            last = lastTouches.get(aggregateId);
        }
        if (last != null
                && last.from() <= firstSequence
                && !now.isBefore(last.at())
                && now.isBefore(last.at().plus(timing.reuseWithin()))) {
            return last;
        }
        return write(aggregateId, firstSequence);
    }

    /** Upserts a fresh touch and remembers it (only once the write returned, so no reuse precedes the write). */
    private Touch write(String aggregateId, long firstSequence) {
        Touch touch = new Touch(UUID.randomUUID().toString(), clock.instant(), firstSequence);
        entries.updateOne(
                eq("_id", aggregateId),
                Updates.combine(
                        Updates.min(FROM, firstSequence),
                        Updates.set(TOUCH, touch.token()),
                        Updates.set(AT, Date.from(touch.at()))),
                new UpdateOptions().upsert(true));
        synchronized (lastTouches) {
            lastTouches.remove(aggregateId); // to the young end, so the bound drops the longest-untouched first
            lastTouches.put(aggregateId, touch);
        }
        return touch;
    }

    /**
     * After the commit insert: a writer that took longer than {@link OutboxTiming#retouchAfter()} since the touch
     * that announced the commit (written by it or reused) writes a fresh touch, so the relay cannot have cleared the
     * entry before this commit became visible.
     */
    public Touch afterCommit(String aggregateId, long firstSequence, Touch before) {
        return clock.instant().isAfter(before.at().plus(timing.retouchAfter()))
                ? write(aggregateId, firstSequence)
                : before;
    }

    /** The entry's {@code from}, or 0 when there is none (nothing of the aggregate is known to be published). */
    public long from(String aggregateId) {
        Document entry = entries.find(eq("_id", aggregateId)).first();
        return entry == null ? 0 : entry.get(FROM, Number.class).longValue();
    }

    /** Every entry: the outbox is small, it holds only aggregates with recent or unpublished commits. */
    public List<Entry> entries() {
        List<Entry> all = new ArrayList<>();
        for (Document doc : entries.find()) {
            all.add(new Entry(
                    doc.getString("_id"),
                    doc.get(FROM, Number.class).longValue(),
                    doc.getString(TOUCH),
                    doc.getDate(AT).toInstant()));
        }
        return all;
    }

    /** An entry the relay may clear at {@code now} once its events are out: older than the grace period. */
    public boolean pastGrace(Entry entry, Instant now) {
        return entry.at().isBefore(now.minus(timing.grace()));
    }

    /**
     * A touch younger than the writer's re-touch limit may announce a commit not inserted yet (by another instance),
     * and a writer that quick does not touch again: the relay looks at the store again for such an entry.
     */
    public boolean settled(Entry entry, Instant now) {
        return entry.at().isBefore(now.minus(timing.retouchAfter()));
    }

    /**
     * Deletes the given entries, each only if it still carries the touch read: a writer that touched it since keeps
     * it alive. Batched, so a sweep costs a few writes however many aggregates it clears.
     */
    public void clear(List<Entry> read) {
        for (int i = 0; i < read.size(); i += CLEAR_BATCH) {
            List<Bson> batch = new ArrayList<>();
            for (Entry entry : read.subList(i, Math.min(read.size(), i + CLEAR_BATCH))) {
                batch.add(and(eq("_id", entry.aggregateId()), eq(TOUCH, entry.touch())));
            }
            entries.deleteMany(or(batch));
        }
    }
}
