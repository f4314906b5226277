package io.propdesk.callback.query;

import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Filters.in;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.BulkWriteOptions;
import com.mongodb.client.model.ReplaceOneModel;
import com.mongodb.client.model.ReplaceOptions;
import com.mongodb.client.model.UpdateOneModel;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;
import com.mongodb.client.model.WriteModel;
import io.propdesk.platform.kafka.Rebuilds;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.bson.types.Binary;

/**
 * Where the obligation history keeps its documents, all found by {@code _id} (the embedded server scans for anything
 * else): {@code o:<obligationId>} the obligation's latest state; {@code c:<partition>:<epoch hour>} the hour's head,
 * which names its last bucket and how many changes that bucket holds, and {@code c:<partition>:<epoch hour>:<n>} its
 * buckets, the states the hour brought, one field per event, at most {@link #BUCKET} to a bucket (issue 19: one
 * document per hour grew with the traffic and every poll rewrote it whole); {@code s:<partition>:<epoch day>} the
 * day's checkpoint, every obligation outstanding
 * at the day's start (UTC), gzipped lines in one binary field; {@code t:<ticketId>} the ids of the ticket's
 * obligations, so its follow-up's closing finds them; {@code meta} the latest day of each Kafka partition.
 * Checkpoints and hours are per partition because one consumer owns a partition, so only it writes them. The live
 * projection works on MongoDB; a rebuild on the in-memory store, written in bulk at the end.
 */
abstract class HistoryStore {

    static final String COLLECTION = "obligation_history";
    static final String META = "meta";

    /**
     * The changes an hour's bucket holds at most: a poll rewrites its hour's last bucket, up to about 20 KB, however
     * busy the hour (issue 19), and a day's read stays a few hundred documents at a few thousand changes a day.
     */
    static final int BUCKET = 50;

    abstract ObligationLife life(String obligationId);

    abstract void putLife(ObligationLife life);

    /** The ids of the obligations opened for this ticket, in the order they were opened. */
    abstract List<String> obligationsOf(String ticketId);

    abstract void addToTicket(String ticketId, String obligationId);

    abstract Long latestDay(int partition);

    abstract Map<Integer, Long> latestDays();

    abstract void raiseLatestDay(int partition, long day);

    abstract void putChange(int partition, long hour, ObligationLife life);

    abstract void putCheckpoint(int partition, long day, Collection<ObligationLife> outstanding);

    /** The documents of these ids that exist: checkpoints as their lines, hours as their changes. */
    abstract Map<String, List<ObligationLife>> read(Collection<String> ids);

    /**
     * What a poll starts from (issue 19): the latest states of these obligations, the lists of these tickets (absent
     * ones as empty lists) and every partition's latest day, in one read.
     */
    abstract Loaded load(Collection<String> obligationIds, Collection<String> ticketIds);

    /** Stores one poll's changes, in {@link Writes}' order. */
    abstract void write(Writes writes);

    /** A poll's first read; see {@link #load}. */
    record Loaded(Map<String, ObligationLife> lives, Map<String, List<String>> tickets, Map<Integer, Long> latest) {}

    /**
     * One poll's changes, stored in this order (issue 19), which keeps the per-event crash argument of
     * {@link ObligationHistory#apply}: the checkpoints and the hours' changes first (recomputed alike when an event is
     * applied again), then the partitions' latest days and the tickets' lists (both only grow), the obligations'
     * latest states, which make their events known, last. A store that stops midway leaves events whose latest state
     * is not stored; their re-delivery applies them again over the same checkpoints and hours.
     */
    static final class Writes {
        final Map<String, List<ObligationLife>> checkpoints = new LinkedHashMap<>();
        final Map<String, Map<String, ObligationLife>> hours = new LinkedHashMap<>();
        final Map<Integer, Long> latest = new LinkedHashMap<>();
        final Map<String, Set<String>> tickets = new LinkedHashMap<>();
        final Map<String, ObligationLife> lives = new LinkedHashMap<>();

        boolean isEmpty() {
            return checkpoints.isEmpty() && hours.isEmpty() && latest.isEmpty() && tickets.isEmpty() && lives.isEmpty();
        }
    }

    static String lifeId(String obligationId) {
        return "o:" + obligationId;
    }

    static String ticketId(String ticketId) {
        return "t:" + ticketId;
    }

    static String hourId(int partition, long hour) {
        return "c:" + partition + ":" + hour;
    }

    static String bucketId(String hourId, int bucket) {
        return hourId + ":" + bucket;
    }

    static String checkpointId(int partition, long day) {
        return "s:" + partition + ":" + day;
    }

    /** A field name per event: the obligation (without the dots and dollars field names may not hold) and sequence. */
    static String changeKey(ObligationLife life) {
        return life.obligationId().replace("%", "%25").replace(".", "%2E").replace("$", "%24") + "@" + life.seq();
    }

    static byte[] zip(Collection<ObligationLife> lives) {
        StringBuilder text = new StringBuilder(lives.size() * 160);
        for (ObligationLife life : lives) {
            text.append(life.encode()).append('\n');
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (GZIPOutputStream gzip = new GZIPOutputStream(bytes)) {
            gzip.write(text.toString().getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    static List<ObligationLife> unzip(byte[] zipped) {
        String text;
        try (GZIPInputStream gzip = new GZIPInputStream(new ByteArrayInputStream(zipped))) {
            text = new String(gzip.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<ObligationLife> lives = new ArrayList<>();
        int from = 0;
        for (int end = text.indexOf('\n'); end >= 0; end = text.indexOf('\n', from)) {
            lives.add(ObligationLife.decode(text.substring(from, end)));
            from = end + 1;
        }
        return lives;
    }

    /** The changes a bucket holds (an hour's head written before issue 19's buckets holds its changes itself). */
    private static void addChanges(Document bucket, List<ObligationLife> to) {
        if (bucket.get("c") instanceof Document changes) {
            changes.values().forEach(line -> to.add(ObligationLife.decode((String) line)));
        }
    }

    /**
     * An hour's changes as they are stored: the fields each bucket gains, by bucket id in order (the head's last
     * bucket first, filled up to {@link #BUCKET}, then new ones), and the head after them: its last bucket and how
     * many changes that one holds. The head is written after the buckets, so a store that stops midway leaves it as
     * it was, and the same changes stored again land in the same buckets.
     */
    record Bucketed(Map<String, Map<String, String>> buckets, int last, int held) {

        static Bucketed of(String hourId, int last, int held, Collection<ObligationLife> changes) {
            Map<String, Map<String, String>> buckets = new LinkedHashMap<>();
            Map<String, String> fields = new LinkedHashMap<>();
            for (ObligationLife life : changes) {
                if (held == BUCKET) {
                    if (!fields.isEmpty()) {
                        buckets.put(bucketId(hourId, last), fields);
                    }
                    fields = new LinkedHashMap<>();
                    last++;
                    held = 0;
                }
                fields.put(changeKey(life), life.encode());
                held++;
            }
            buckets.put(bucketId(hourId, last), fields);
            return new Bucketed(buckets, last, held);
        }
    }

    /** The live projection's store: one MongoDB collection. */
    static final class Mongo extends HistoryStore {

        private final MongoCollection<Document> docs;

        Mongo(MongoDatabase database) {
            this.docs = database.getCollection(COLLECTION);
        }

        @Override
        ObligationLife life(String obligationId) {
            Document d = docs.find(eq("_id", lifeId(obligationId))).first();
            return d == null ? null : ObligationLife.decode(d.getString("v"));
        }

        @Override
        void putLife(ObligationLife life) {
            docs.replaceOne(
                    eq("_id", lifeId(life.obligationId())),
                    new Document("_id", lifeId(life.obligationId())).append("v", life.encode()),
                    new ReplaceOptions().upsert(true));
        }

        @Override
        List<String> obligationsOf(String ticketId) {
            Document d = docs.find(eq("_id", ticketId(ticketId))).first();
            return d == null ? List.of() : d.getList("o", String.class);
        }

        @Override
        void addToTicket(String ticketId, String obligationId) {
            docs.updateOne(
                    eq("_id", ticketId(ticketId)),
                    Updates.addToSet("o", obligationId),
                    new UpdateOptions().upsert(true));
        }

        @Override
        Long latestDay(int partition) {
            return latestDays().get(partition);
        }

        @Override
        Map<Integer, Long> latestDays() {
            Document meta = docs.find(eq("_id", META)).first();
            Map<Integer, Long> days = new LinkedHashMap<>();
            if (meta != null && meta.get("latest") instanceof Document latest) {
                latest.forEach((p, day) -> days.put(Integer.valueOf(p), ((Number) day).longValue()));
            }
            return days;
        }

        @Override
        void raiseLatestDay(int partition, long day) {
            docs.updateOne(eq("_id", META), Updates.max("latest." + partition, day), new UpdateOptions().upsert(true));
        }

        @Override
        void putChange(int partition, long hour, ObligationLife life) {
            Writes one = new Writes();
            one.hours.put(hourId(partition, hour), Map.of(changeKey(life), life));
            write(one);
        }

        @Override
        void putCheckpoint(int partition, long day, Collection<ObligationLife> outstanding) {
            String id = checkpointId(partition, day);
            docs.replaceOne(
                    eq("_id", id),
                    new Document("_id", id).append("z", new Binary(zip(outstanding))),
                    new ReplaceOptions().upsert(true));
        }

        /** The checkpoints and hours asked for, by {@code _id}: the hours' heads, then the buckets they name. */
        @Override
        Map<String, List<ObligationLife>> read(Collection<String> ids) {
            Map<String, List<ObligationLife>> read = new HashMap<>();
            Map<String, String> hourOfBucket = new HashMap<>();
            for (Document d : docs.find(in("_id", ids))) {
                String id = d.getString("_id");
                if (id.startsWith("s:")) {
                    read.put(id, unzip(d.get("z", Binary.class).getData()));
                } else if (id.startsWith("c:")) {
                    List<ObligationLife> changes = new ArrayList<>();
                    addChanges(d, changes);
                    read.put(id, changes);
                    for (int bucket = 0; bucket <= d.getInteger("n", -1); bucket++) {
                        hourOfBucket.put(bucketId(id, bucket), id);
                    }
                }
            }
            if (!hourOfBucket.isEmpty()) {
                for (Document d : docs.find(in("_id", hourOfBucket.keySet()))) {
                    addChanges(d, read.get(hourOfBucket.get(d.getString("_id"))));
                }
            }
            return read;
        }

        @Override
        Loaded load(Collection<String> obligationIds, Collection<String> ticketIds) {
            List<String> ids = new ArrayList<>(obligationIds.size() + ticketIds.size() + 1);
            obligationIds.forEach(id -> ids.add(lifeId(id)));
            ticketIds.forEach(id -> ids.add(ticketId(id)));
            ids.add(META);
            Map<String, ObligationLife> lives = new HashMap<>();
            Map<String, List<String>> tickets = new HashMap<>();
            ticketIds.forEach(id -> tickets.put(id, List.of()));
            Map<Integer, Long> latest = new LinkedHashMap<>();
            for (Document d : docs.find(in("_id", ids))) {
                String id = d.getString("_id");
                if (id.startsWith("o:")) {
                    ObligationLife life = ObligationLife.decode(d.getString("v"));
                    lives.put(life.obligationId(), life);
                } else if (id.startsWith("t:")) {
                    tickets.put(id.substring(2), d.getList("o", String.class));
                } else if (id.equals(META) && d.get("latest") instanceof Document days) {
                    days.forEach((p, day) -> latest.put(Integer.valueOf(p), ((Number) day).longValue()));
                }
            }
            return new Loaded(lives, tickets, latest);
        }

        /**
         * One ordered bulk write: ordered, so a failure midway has stored a prefix of {@link Writes}' order; before
         * it, one read of the heads of the hours it changes, for their last buckets.
         */
        @Override
        void write(Writes writes) {
            if (writes.isEmpty()) {
                return;
            }
            List<WriteModel<Document>> models = new ArrayList<>();
            writes.checkpoints.forEach((id, lives) -> models.add(new ReplaceOneModel<>(
                    eq("_id", id),
                    new Document("_id", id).append("z", new Binary(zip(lives))),
                    new ReplaceOptions().upsert(true))));
            Map<String, Document> heads = new HashMap<>();
            if (!writes.hours.isEmpty()) {
                docs.find(in("_id", writes.hours.keySet())).forEach(d -> heads.put(d.getString("_id"), d));
            }
            writes.hours.forEach((id, changes) -> {
                Document head = heads.getOrDefault(id, new Document());
                Bucketed stored = Bucketed.of(id, head.getInteger("n", 0), head.getInteger("k", 0), changes.values());
                stored.buckets().forEach((bucket, fields) -> {
                    List<Bson> sets = new ArrayList<>(fields.size());
                    fields.forEach((key, line) -> sets.add(Updates.set("c." + key, line)));
                    models.add(new UpdateOneModel<>(
                            eq("_id", bucket), Updates.combine(sets), new UpdateOptions().upsert(true)));
                });
                models.add(new UpdateOneModel<>(
                        eq("_id", id),
                        Updates.combine(Updates.set("n", stored.last()), Updates.set("k", stored.held())),
                        new UpdateOptions().upsert(true)));
            });
            if (!writes.latest.isEmpty()) {
                List<Bson> raises = new ArrayList<>();
                writes.latest.forEach((partition, day) -> raises.add(Updates.max("latest." + partition, day)));
                models.add(new UpdateOneModel<>(
                        eq("_id", META), Updates.combine(raises), new UpdateOptions().upsert(true)));
            }
            writes.tickets.forEach((id, obligations) -> models.add(new UpdateOneModel<>(
                    eq("_id", ticketId(id)),
                    Updates.addEachToSet("o", List.copyOf(obligations)),
                    new UpdateOptions().upsert(true))));
            writes.lives.forEach((id, life) -> models.add(new ReplaceOneModel<>(
                    eq("_id", lifeId(id)),
                    new Document("_id", lifeId(id)).append("v", life.encode()),
                    new ReplaceOptions().upsert(true))));
            docs.bulkWrite(models, new BulkWriteOptions().ordered(true));
        }
    }

    /**
     * One poll's store (issue 19): reads through to the stored history for what the poll has not touched, keeps the
     * poll's changes in memory, and stores them at the end in one {@link #write}. Every read sees the poll's own
     * changes, so the fold decides exactly as it would event by event on the stored history.
     */
    static final class Poll extends HistoryStore {

        private final HistoryStore stored;
        private final Map<String, ObligationLife> lives = new HashMap<>();
        private final Map<String, List<String>> tickets = new HashMap<>();
        private final Map<Integer, Long> latest = new LinkedHashMap<>();
        private final Writes writes = new Writes();

        /**
         * Reads the poll's obligations and tickets, and the obligations of the tickets whose follow-up closes: at most
         * two reads.
         */
        Poll(
                HistoryStore stored,
                Collection<String> obligationIds,
                Collection<String> ticketIds,
                Collection<String> closingTicketIds) {
            this.stored = stored;
            Loaded first = stored.load(obligationIds, ticketIds);
            lives.putAll(first.lives());
            tickets.putAll(first.tickets());
            latest.putAll(first.latest());
            Set<String> more = new LinkedHashSet<>();
            closingTicketIds.forEach(id -> more.addAll(first.tickets().getOrDefault(id, List.of())));
            more.removeAll(obligationIds);
            if (!more.isEmpty()) {
                lives.putAll(stored.load(more, List.of()).lives());
            }
            for (String id : obligationIds) {
                lives.putIfAbsent(id, null);
            }
            for (String id : more) {
                lives.putIfAbsent(id, null);
            }
        }

        @Override
        ObligationLife life(String obligationId) {
            if (!lives.containsKey(obligationId)) {
                lives.put(obligationId, stored.life(obligationId));
            }
            return lives.get(obligationId);
        }

        @Override
        void putLife(ObligationLife life) {
            lives.put(life.obligationId(), life);
            writes.lives.put(life.obligationId(), life);
        }

        @Override
        List<String> obligationsOf(String ticketId) {
            return tickets.computeIfAbsent(ticketId, stored::obligationsOf);
        }

        @Override
        void addToTicket(String ticketId, String obligationId) {
            List<String> known = obligationsOf(ticketId);
            if (!known.contains(obligationId)) {
                List<String> grown = new ArrayList<>(known);
                grown.add(obligationId);
                tickets.put(ticketId, grown);
            }
            writes.tickets
                    .computeIfAbsent(ticketId, id -> new LinkedHashSet<>())
                    .add(obligationId);
        }

        @Override
        Long latestDay(int partition) {
            return latest.get(partition);
        }

        @Override
        Map<Integer, Long> latestDays() {
            return latest;
        }

        @Override
        void raiseLatestDay(int partition, long day) {
            latest.merge(partition, day, Math::max);
            writes.latest.merge(partition, day, Math::max);
        }

        @Override
        void putChange(int partition, long hour, ObligationLife life) {
            writes.hours
                    .computeIfAbsent(hourId(partition, hour), id -> new LinkedHashMap<>())
                    .put(changeKey(life), life);
        }

        @Override
        void putCheckpoint(int partition, long day, Collection<ObligationLife> outstanding) {
            writes.checkpoints.put(checkpointId(partition, day), List.copyOf(outstanding));
        }

        @Override
        Map<String, List<ObligationLife>> read(Collection<String> ids) {
            List<String> unread = new ArrayList<>();
            for (String id : ids) {
                if (!writes.checkpoints.containsKey(id)) {
                    unread.add(id);
                }
            }
            Map<String, List<ObligationLife>> read =
                    unread.isEmpty() ? new HashMap<>() : new HashMap<>(stored.read(unread));
            for (String id : ids) {
                if (writes.checkpoints.containsKey(id)) {
                    read.put(id, writes.checkpoints.get(id));
                } else if (writes.hours.containsKey(id)) {
                    Map<String, ObligationLife> changes = new LinkedHashMap<>();
                    read.getOrDefault(id, List.of()).forEach(life -> changes.put(changeKey(life), life));
                    changes.putAll(writes.hours.get(id));
                    read.put(id, List.copyOf(changes.values()));
                }
            }
            return read;
        }

        @Override
        Loaded load(Collection<String> obligationIds, Collection<String> ticketIds) {
            throw new UnsupportedOperationException("a poll's store is loaded once");
        }

        @Override
        void write(Writes ignored) {
            throw new UnsupportedOperationException("a poll's store is written by flush()");
        }

        /** Stores the poll's changes in one write of the store read through. */
        void flush() {
            stored.write(writes);
        }
    }

    /** A rebuild's store: everything in memory, then written in bulk into an empty collection. */
    static final class Memory extends HistoryStore {

        private final Map<String, ObligationLife> lives = new LinkedHashMap<>();
        private final Map<Integer, Long> latest = new LinkedHashMap<>();
        private final Map<String, Map<String, ObligationLife>> hours = new LinkedHashMap<>();
        private final Map<String, List<ObligationLife>> checkpoints = new LinkedHashMap<>();
        private final Map<String, Set<String>> tickets = new LinkedHashMap<>();

        @Override
        ObligationLife life(String obligationId) {
            return lives.get(obligationId);
        }

        @Override
        void putLife(ObligationLife life) {
            lives.put(life.obligationId(), life);
        }

        @Override
        List<String> obligationsOf(String ticketId) {
            return List.copyOf(tickets.getOrDefault(ticketId, Set.of()));
        }

        @Override
        void addToTicket(String ticketId, String obligationId) {
            tickets.computeIfAbsent(ticketId, id -> new LinkedHashSet<>()).add(obligationId);
        }

        @Override
        Long latestDay(int partition) {
            return latest.get(partition);
        }

        @Override
        Map<Integer, Long> latestDays() {
            return latest;
        }

        @Override
        void raiseLatestDay(int partition, long day) {
            latest.merge(partition, day, Math::max);
        }

        @Override
        void putChange(int partition, long hour, ObligationLife life) {
            hours.computeIfAbsent(hourId(partition, hour), id -> new LinkedHashMap<>())
                    .put(changeKey(life), life);
        }

        @Override
        void putCheckpoint(int partition, long day, Collection<ObligationLife> outstanding) {
            checkpoints.put(checkpointId(partition, day), List.copyOf(outstanding));
        }

        @Override
        Map<String, List<ObligationLife>> read(Collection<String> ids) {
            Map<String, List<ObligationLife>> read = new HashMap<>();
            for (String id : ids) {
                if (checkpoints.containsKey(id)) {
                    read.put(id, checkpoints.get(id));
                } else if (hours.containsKey(id)) {
                    read.put(id, List.copyOf(hours.get(id).values()));
                }
            }
            return read;
        }

        @Override
        Loaded load(Collection<String> obligationIds, Collection<String> ticketIds) {
            Map<String, ObligationLife> found = new HashMap<>();
            obligationIds.forEach(id -> {
                if (lives.containsKey(id)) {
                    found.put(id, lives.get(id));
                }
            });
            Map<String, List<String>> lists = new HashMap<>();
            ticketIds.forEach(id -> lists.put(id, obligationsOf(id)));
            return new Loaded(found, lists, new LinkedHashMap<>(latest));
        }

        @Override
        void write(Writes writes) {
            writes.checkpoints.forEach(checkpoints::put);
            writes.hours.forEach((id, changes) ->
                    hours.computeIfAbsent(id, h -> new LinkedHashMap<>()).putAll(changes));
            writes.latest.forEach(this::raiseLatestDay);
            writes.tickets.forEach((id, obligations) -> obligations.forEach(o -> addToTicket(id, o)));
            writes.lives.values().forEach(this::putLife);
        }

        /** Everything held, for comparing two histories. */
        List<Object> contents() {
            Map<String, List<ObligationLife>> hourLists = new java.util.TreeMap<>();
            hours.forEach((id, changes) -> hourLists.put(
                    id,
                    changes.values().stream()
                            .sorted(java.util.Comparator.comparing(HistoryStore::changeKey))
                            .toList()));
            return List.of(
                    new java.util.TreeMap<>(lives),
                    hourLists,
                    new java.util.TreeMap<>(checkpoints),
                    new java.util.TreeMap<>(tickets),
                    new java.util.TreeMap<>(latest));
        }

        /** Writes what was folded into MongoDB: {@code insertMany} of 1,000, the partitions' latest days raised. */
        void writeTo(MongoDatabase database) {
            MongoCollection<Document> docs = database.getCollection(COLLECTION);
            Rebuilds.insertAll(
                    docs,
                    lives.values(),
                    life -> new Document("_id", lifeId(life.obligationId())).append("v", life.encode()));
            Rebuilds.insertAll(
                    docs,
                    tickets.entrySet(),
                    ticket ->
                            new Document("_id", ticketId(ticket.getKey())).append("o", List.copyOf(ticket.getValue())));
            List<Document> stored = new ArrayList<>();
            hours.forEach((id, changes) -> {
                Bucketed hour = Bucketed.of(id, 0, 0, changes.values());
                hour.buckets()
                        .forEach((bucket, fields) ->
                                stored.add(new Document("_id", bucket).append("c", new Document(fields))));
                stored.add(new Document("_id", id).append("n", hour.last()).append("k", hour.held()));
            });
            Rebuilds.insertAll(docs, stored);
            // a checkpoint holds every obligation its partition had outstanding: fewer of them to a message
            Rebuilds.insertAll(
                    docs,
                    checkpoints.entrySet(),
                    checkpoint -> new Document("_id", checkpoint.getKey())
                            .append("z", new Binary(zip(checkpoint.getValue()))),
                    100);
            // upserted, not inserted: a live partition may have written its day already
            HistoryStore.Mongo live = new HistoryStore.Mongo(database);
            latest.forEach(live::raiseLatestDay);
        }
    }
}
