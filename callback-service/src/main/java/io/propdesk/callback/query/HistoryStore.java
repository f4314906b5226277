package io.propdesk.callback.query;

import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Filters.in;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.ReplaceOptions;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;
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
import org.bson.types.Binary;

/**
 * Where the obligation history keeps its documents, all found by {@code _id} (the embedded server scans for anything
 * else): {@code o:<obligationId>} the obligation's latest state; {@code c:<partition>:<epoch hour>} the states an hour
 * brought, one field per event; {@code s:<partition>:<epoch day>} the day's checkpoint, every obligation outstanding
 * at the day's start (UTC), gzipped lines in one binary field; {@code t:<ticketId>} the ids of the ticket's
 * obligations, so its follow-up's closing finds them; {@code meta} the latest day of each Kafka partition.
 * Checkpoints and hours are per partition because one consumer owns a partition, so only it writes them. The live
 * projection works on MongoDB; a rebuild on the in-memory store, written in bulk at the end.
 */
abstract class HistoryStore {

    static final String COLLECTION = "obligation_history";
    static final String META = "meta";

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

    static String lifeId(String obligationId) {
        return "o:" + obligationId;
    }

    static String ticketId(String ticketId) {
        return "t:" + ticketId;
    }

    static String hourId(int partition, long hour) {
        return "c:" + partition + ":" + hour;
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

    static Map<String, List<ObligationLife>> parse(Iterable<Document> documents) {
        Map<String, List<ObligationLife>> read = new HashMap<>();
        for (Document d : documents) {
            String id = d.getString("_id");
            if (id.startsWith("s:")) {
                read.put(id, unzip(d.get("z", Binary.class).getData()));
            } else if (id.startsWith("c:")) {
                List<ObligationLife> changes = new ArrayList<>();
                d.get("c", Document.class).values().forEach(line -> changes.add(ObligationLife.decode((String) line)));
                read.put(id, changes);
            }
        }
        return read;
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
            docs.updateOne(
                    eq("_id", hourId(partition, hour)),
                    Updates.set("c." + changeKey(life), life.encode()),
                    new UpdateOptions().upsert(true));
        }

        @Override
        void putCheckpoint(int partition, long day, Collection<ObligationLife> outstanding) {
            String id = checkpointId(partition, day);
            docs.replaceOne(
                    eq("_id", id),
                    new Document("_id", id).append("z", new Binary(zip(outstanding))),
                    new ReplaceOptions().upsert(true));
        }

        @Override
        Map<String, List<ObligationLife>> read(Collection<String> ids) {
            return parse(docs.find(in("_id", ids)));
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

        /** Writes what was folded into MongoDB: {@code insertMany} of 1,000, the partitions' latest days raised. */
        void writeTo(MongoDatabase database) {
            MongoCollection<Document> docs = database.getCollection(COLLECTION);
            List<Document> batch = new ArrayList<>(1_000);
            Runnable flush = () -> {
                if (!batch.isEmpty()) {
                    docs.insertMany(batch);
                    batch.clear();
                }
            };
            for (ObligationLife life : lives.values()) {
                batch.add(new Document("_id", lifeId(life.obligationId())).append("v", life.encode()));
                if (batch.size() == 1_000) {
                    flush.run();
                }
            }
            for (Map.Entry<String, Set<String>> ticket : tickets.entrySet()) {
                batch.add(new Document("_id", ticketId(ticket.getKey())).append("o", List.copyOf(ticket.getValue())));
                if (batch.size() == 1_000) {
                    flush.run();
                }
            }
            for (Map.Entry<String, Map<String, ObligationLife>> hour : hours.entrySet()) {
                Document changes = new Document();
                hour.getValue().forEach((key, life) -> changes.append(key, life.encode()));
                batch.add(new Document("_id", hour.getKey()).append("c", changes));
                if (batch.size() == 1_000) {
                    flush.run();
                }
            }
            for (Map.Entry<String, List<ObligationLife>> checkpoint : checkpoints.entrySet()) {
                batch.add(new Document("_id", checkpoint.getKey()).append("z", new Binary(zip(checkpoint.getValue()))));
                if (batch.size() == 100) {
                    flush.run();
                }
            }
            flush.run();
            // upserted, not inserted: a live partition may have written its day already
            HistoryStore.Mongo live = new HistoryStore.Mongo(database);
            latest.forEach(live::raiseLatestDay);
        }
    }
}
