package io.propdesk.platform.eventstore;

import static com.mongodb.client.model.Filters.and;
import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Filters.in;
import static com.mongodb.client.model.Filters.or;

import com.mongodb.MongoBulkWriteException;
import com.mongodb.MongoException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.InsertManyOptions;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.locks.ReentrantLock;
import java.util.regex.Pattern;
import org.bson.Document;
import org.bson.conversions.Bson;

/**
 * The outbox protocol between the event store (writer) and the relay (reader), in one place: what announces a commit
 * before it can be seen, what the relay reads to find every commit it may not have published, and what it clears when
 * (docs/architecture.md, event store, where the completeness argument is written down).
 *
 * <p>Issue 19: a commit is announced in the same insert command that stores it. Each writer (one store instance, one
 * process) keeps a <em>journal</em>: documents in the store's {@code events} collection with the {@code _id}
 * {@code ~journal:<writer>:<n>}, numbered without gaps, each naming an aggregate and the sequence from which its
 * commits are announced ({@code announces}, {@code from}, {@code at}). The journal document goes first in the ordered insert
 * of the commit that needs it, so it is stored whenever the commit is. The {@code outbox} collection holds one entry
 * per writer ({@code _id} the writer, {@code from} the lowest journal number that may still be live, {@code touch} a
 * token, {@code at}), announced before the writer's journal grows, the same way an aggregate's entry was before: an
 * upsert at most every {@link OutboxTiming#reuseWithin()} while the writer is writing, so its cost no longer grows with
 * the aggregates written.
 *
 * <p>A writer remembers, in memory, its last journal document per aggregate and its last outbox touch; a commit that
 * follows within {@link OutboxTiming#reuseWithin()} of either (from a sequence not below it) is announced by it without
 * writing it again. Memory is per writer process and bounded; an empty memory (a restart) only means a write.
 */
public final class Outbox {

    public static final String COLLECTION = "outbox";
    /** The prefix of every journal document's {@code _id} in the events collection; no commit id starts with it. */
    public static final String JOURNAL_PREFIX = "~journal:";

    static final String FROM = "from";
    static final String TOUCH = "touch";
    static final String AT = "at";
    static final String AGGREGATE = "announces";

    private static final int CLEAR_BATCH = 500;
    private static final int READ_BATCH = 512;
    /**
     * How many cleared numbers may lie below a writer's {@code from} before the relay raises it (one write, not one per
     * sweep): fewer than a read's worth, so a read from {@code from} always reaches the first live number.
     */
    static final int RAISE_FROM_AFTER = READ_BATCH / 2;
    /** How many aggregates' last announcements a writer remembers (oldest out); each is useful for a few seconds. */
    static final int REMEMBERED_MAX = 10_000;

    private final MongoCollection<Document> entries;
    private final MongoCollection<Document> events;
    private final OutboxTiming timing;
    private final Clock clock;
    private final String writer = UUID.randomUUID().toString();

    /** Held from a journal number's choice until its document is known to be stored: the journal has no gaps. */
    private final ReentrantLock journalLock = new ReentrantLock();
    /** The next journal number; guarded by {@link #journalLock}. */
    private long nextNumber;
    /** A number whose insert failed with an unknown outcome and that is not filled yet; guarded by the lock. */
    private boolean unfilled;
    /** This writer's last touch of its outbox entry; guarded by the lock. */
    private Touch writerTouch;

    /** This writer's last journal document per aggregate, made by this process (never read from the store). */
    private final Map<String, Touch> lastTouches = new LinkedHashMap<>(256, 0.75f, false) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Touch> eldest) {
            return size() > REMEMBERED_MAX;
        }
    };

    public Outbox(MongoDatabase database, OutboxTiming timing, Clock clock) {
        this.entries = database.getCollection(COLLECTION);
        this.events = database.getCollection(MongoEventStorageEngine.EVENTS);
        this.timing = Objects.requireNonNull(timing, "timing");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /**
     * What announced a commit: the journal document's {@code _id} (the token the relay compares), when it was made and
     * the sequence it announced from. For the writer's outbox entry: the entry's token, time and journal number.
     */
    public record Touch(String token, Instant at, long from) {}

    /** What the relay reads of one journal document: the aggregate, the sequence announced from, the token, when. */
    public record Entry(String aggregateId, long from, String touch, Instant at) {}

    static String journalId(String writer, long number) {
        return JOURNAL_PREFIX + writer + ":" + number;
    }

    /** The journal documents of the events collection, as a filter (their {@code _id} prefix). */
    public static Bson journal() {
        return Filters.regex("_id", "^" + Pattern.quote(JOURNAL_PREFIX));
    }

    /** Whether a document of the events collection is a journal document rather than a commit. */
    public static boolean isJournal(Document document) {
        return document.getString("_id").startsWith(JOURNAL_PREFIX);
    }

    /**
     * Stores {@code commit} (aggregate {@code aggregateId}, first sequence {@code firstSequence}) announced: by this
     * writer's journal document for the aggregate if it is younger than {@link OutboxTiming#reuseWithin()} by its clock
     * (and not in its future) and announced from a sequence not above {@code firstSequence}, else by a new journal
     * document inserted before the commit in the same ordered insert command. {@code beforeInsert} runs once the
     * announcement is settled and before the insert. A failed insert throws the driver's exception (a duplicate
     * commit {@code _id} is the optimistic-concurrency conflict) and stores no commit.
     */
    public Touch insert(String aggregateId, long firstSequence, Document commit, Runnable beforeInsert) {
        Instant now = clock.instant();
        Touch last;
        synchronized (lastTouches) {
            last = lastTouches.get(aggregateId);
        }
        if (last != null
                && last.from() <= firstSequence
                && !now.isBefore(last.at())
                && now.isBefore(last.at().plus(timing.reuseWithin()))) {
            beforeInsert.run();
            events.insertOne(commit);
            return last;
        }
        return journal(aggregateId, firstSequence, commit, beforeInsert);
    }

    /**
     * After the commit insert: a writer that took longer than {@link OutboxTiming#retouchAfter()} since the journal
     * document that announced the commit (written with it or reused) writes a fresh one, so the relay cannot have
     * cleared the announcement before this commit became visible.
     */
    public Touch afterCommit(String aggregateId, long firstSequence, Touch before) {
        return clock.instant().isAfter(before.at().plus(timing.retouchAfter()))
                ? journal(aggregateId, firstSequence, null, () -> {})
                : before;
    }

    /**
     * Appends a journal document for the aggregate, with {@code commit} after it in one ordered insert (or alone when
     * {@code commit} is null), under the journal lock: the writer's outbox entry announces the number first (rule 1),
     * and is touched again after an insert slower than {@link OutboxTiming#retouchAfter()} (rule 3).
     */
    private Touch journal(String aggregateId, long firstSequence, Document commit, Runnable beforeInsert) {
        journalLock.lock();
        try {
            fillIfUnfilled();
            long number = nextNumber;
            touchWriter(number);
            Touch touch = new Touch(journalId(writer, number), clock.instant(), firstSequence);
            Document entry = new Document("_id", touch.token())
                    .append(AGGREGATE, aggregateId)
                    .append(FROM, firstSequence)
                    .append(AT, Date.from(touch.at()));
            beforeInsert.run();
            try {
                events.insertMany(
                        commit == null ? List.of(entry) : List.of(entry, commit),
                        new InsertManyOptions().ordered(true));
                nextNumber = number + 1;
            } catch (MongoBulkWriteException refused) {
                // ordered: an error at index 0 stored nothing; one at index 1 (the commit's _id taken) stored the entry
                if (refused.getWriteErrors().stream().noneMatch(e -> e.getIndex() == 0)) {
                    nextNumber = number + 1;
                }
                throw refused;
            } catch (MongoException unknown) {
                unfilled = true; // whether the entry is stored is not known: fill its number before the next one
                fillIfUnfilled();
                throw unknown;
            }
            if (clock.instant().isAfter(writerTouch.at().plus(timing.retouchAfter()))) {
                writerTouch = writeWriterEntry(number);
            }
            synchronized (lastTouches) {
                lastTouches.remove(aggregateId); // to the young end, so the bound drops the longest-untouched first
                lastTouches.put(aggregateId, touch);
            }
            return touch;
        } finally {
            journalLock.unlock();
        }
    }

    /** Stores a journal document that announces nothing under the number whose insert's outcome is unknown. */
    private void fillIfUnfilled() {
        if (!unfilled) {
            return;
        }
        events.updateOne(
                eq("_id", journalId(writer, nextNumber)),
                Updates.setOnInsert(AT, Date.from(clock.instant())),
                new UpdateOptions().upsert(true));
        unfilled = false;
        nextNumber++;
    }

    /** Rule 1 for the writer's journal: its outbox entry announces {@code number}, touched now or a moment ago. */
    private void touchWriter(long number) {
        Instant now = clock.instant();
        if (writerTouch == null
                || now.isBefore(writerTouch.at())
                || !now.isBefore(writerTouch.at().plus(timing.reuseWithin()))) {
            writerTouch = writeWriterEntry(number);
        }
    }

    private Touch writeWriterEntry(long number) {
        Touch touch = new Touch(UUID.randomUUID().toString(), clock.instant(), number);
        entries.updateOne(
                eq("_id", writer),
                Updates.combine(
                        Updates.min(FROM, number),
                        Updates.set(TOUCH, touch.token()),
                        Updates.set(AT, Date.from(touch.at()))),
                new UpdateOptions().upsert(true));
        return touch;
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

    /** A relay's reading of every writer's journal; one per relay, forgotten with its progress. */
    public Reader reader() {
        return new Reader();
    }

    /**
     * The relay's side. Per writer it keeps the lowest journal number that may be live (documents below it are all
     * cleared) and the documents read in the last sweep, so that it clears them as a prefix of the journal.
     */
    public final class Reader {

        private record WriterEntry(String writer, long from, String touch, Instant at) {}

        /** Per writer, the lowest number that may be live: every one below it was cleared. */
        private final Map<String, Long> low = new HashMap<>();
        /** Per writer, the numbers of the live documents the last {@link #entries()} read, in order. */
        private final Map<String, List<Long>> read = new HashMap<>();

        private final Map<String, WriterEntry> writers = new HashMap<>();

        private Reader() {}

        /**
         * Every live journal document of every writer with an outbox entry, in journal order: each writer's journal
         * read from its lowest live number up to the first number not stored, after this call began.
         */
        public List<Entry> entries() {
            List<Entry> all = new ArrayList<>();
            writers.clear();
            read.clear();
            for (Document doc : entries.find()) {
                WriterEntry w = new WriterEntry(
                        doc.getString("_id"),
                        doc.get(FROM, Number.class).longValue(),
                        doc.getString(TOUCH),
                        doc.getDate(AT).toInstant());
                writers.put(w.writer(), w);
                Long known = low.get(w.writer());
                if (known == null) {
                    forgetLeftovers(w);
                }
                long start = Math.max(w.from(), known == null ? 0 : known);
                low.put(w.writer(), start);
                List<Long> found = new ArrayList<>();
                for (long s = start; ; s += READ_BATCH) {
                    Map<String, Long> ids = new LinkedHashMap<>();
                    for (long n = s; n < s + READ_BATCH; n++) {
                        ids.put(journalId(w.writer(), n), n);
                    }
                    Map<Long, Document> batch = new TreeMap<>();
                    for (Document j : events.find(in("_id", ids.keySet()))) {
                        batch.put(ids.get(j.getString("_id")), j);
                    }
                    long expected = s;
                    if (s == start && !batch.isEmpty()) {
                        // numbers below the first stored one were cleared: one is used only once the one before is
                        // stored, and the writer's from is raised before fewer than half a read's worth pile up
                        expected = batch.keySet().iterator().next();
                    }
                    for (Map.Entry<Long, Document> j : batch.entrySet()) {
                        if (j.getKey() != expected) {
                            break; // not stored yet (the journal has no gaps)
                        }
                        expected++;
                        found.add(j.getKey());
                        Document d = j.getValue();
                        String token = d.getString("_id");
                        if (d.getString(AGGREGATE) != null) {
                            all.add(new Entry(
                                    d.getString(AGGREGATE),
                                    d.get(FROM, Number.class).longValue(),
                                    token,
                                    d.getDate(AT).toInstant()));
                        } else {
                            // a filled number announces nothing: an entry of no aggregate, cleared with its neighbours
                            all.add(new Entry(null, 0, token, d.getDate(AT).toInstant()));
                        }
                    }
                    if (expected < s + READ_BATCH) {
                        break;
                    }
                }
                read.put(w.writer(), found);
            }
            return all;
        }

        /** A new reader's first look at a writer: journal documents below its {@code from} are cleared ones left over. */
        private void forgetLeftovers(WriterEntry w) {
            List<String> below = new ArrayList<>();
            for (long n = Math.max(0, w.from() - READ_BATCH); n < w.from(); n++) {
                below.add(journalId(w.writer(), n));
            }
            if (!below.isEmpty()) {
                events.deleteMany(in("_id", below));
            }
        }

        /**
         * Clears the given journal documents, as far as they are a prefix of their writer's live journal: raises the
         * writer's {@code from} past them once {@value #RAISE_FROM_AFTER} or more lie below it, then deletes them in
         * batches. A writer's outbox entry goes too when it is past the grace period at {@code sweptAt}, still carries
         * the touch read and no journal document of it is left (conditional on the touch: a writer that touched it
         * since keeps it). Answers the tokens cleared.
         */
        public List<String> clear(List<Entry> clearable, Instant sweptAt) {
            Map<String, Set<Long>> byWriter = new HashMap<>();
            for (Entry e : clearable) {
                // the token is the document's _id, ~journal:<writer>:<number>; only numbers read count (below)
                int colon = e.touch().lastIndexOf(':');
                byWriter.computeIfAbsent(e.touch().substring(JOURNAL_PREFIX.length(), colon), k -> new HashSet<>())
                        .add(Long.parseLong(e.touch().substring(colon + 1)));
            }
            List<String> cleared = new ArrayList<>();
            List<Bson> emptyWriters = new ArrayList<>();
            for (Map.Entry<String, List<Long>> journal : read.entrySet()) {
                String w = journal.getKey();
                Set<Long> marked = byWriter.getOrDefault(w, Set.of());
                List<Long> live = journal.getValue();
                int prefix = 0;
                while (prefix < live.size() && marked.contains(live.get(prefix))) {
                    prefix++;
                }
                WriterEntry entry = writers.get(w);
                if (prefix > 0) {
                    long past = live.get(prefix - 1) + 1;
                    if (past - entry.from() >= RAISE_FROM_AFTER) {
                        // before the deletes, so the numbers cleared below a writer's from never reach a read's size
                        entries.updateOne(eq("_id", w), Updates.max(FROM, past));
                    }
                    List<String> ids = new ArrayList<>();
                    for (Long n : live.subList(0, prefix)) {
                        ids.add(journalId(w, n));
                    }
                    for (int i = 0; i < ids.size(); i += CLEAR_BATCH) {
                        events.deleteMany(in("_id", ids.subList(i, Math.min(ids.size(), i + CLEAR_BATCH))));
                    }
                    cleared.addAll(ids);
                    low.put(w, past);
                }
                if (prefix == live.size() && entry.at().isBefore(sweptAt.minus(timing.grace()))) {
                    emptyWriters.add(and(eq("_id", w), eq(TOUCH, entry.touch())));
                    low.remove(w); // if it writes again, its new entry's from says where its journal goes on
                }
            }
            for (int i = 0; i < emptyWriters.size(); i += CLEAR_BATCH) {
                entries.deleteMany(or(emptyWriters.subList(i, Math.min(emptyWriters.size(), i + CLEAR_BATCH))));
            }
            return cleared;
        }
    }
}
