package io.propdesk.systemtests.bench.startup;

import com.mongodb.MongoBulkWriteException;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.InsertManyOptions;
import io.propdesk.embedded.EmbeddedMongo;
import io.propdesk.platform.eventstore.MongoEventStorageEngine;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.bson.Document;
import org.bson.types.ObjectId;

/**
 * Multiplies a real history, stored by the four services in a stopped system's MongoDB store file, until the store
 * holds a target number of events (issue 19 goal 5: start-up with 10k against 1M events stored). Opens the file with
 * the same embedded MongoDB-wire server the system uses, reads every document of every {@code propdesk_*} database
 * once (the template) and inserts copy after copy ({@code insertMany} of 1,000, unordered), each with its ids
 * rewritten: every UUID in any string (ticket ids {@code T-<uuid>}, order ids {@code WO-T-<uuid>}, event ids, callback
 * and quote ids, aggregate ids inside commit {@code _id}s {@code <aggregateId>:<seq>}, JSON payloads, map keys) gets
 * the copy's number as its first eight hex digits, and so does the run's own id token (the lifecycles' call ids
 * {@code sys-<run>-<n>}). A document whose {@code _id} the rewrite leaves unchanged is shared state (estate, teams,
 * price lists, tracking tokens, counters) and is not copied; an {@code ObjectId} gets a new one. The {@code outbox}
 * and {@code relay_lease} are never copied: a copied outbox entry would announce commits that never went to Kafka.
 *
 * <p>Kafka is NOT multiplied: every consumer group of the four services has a committed offset at the end of its
 * topics after the real run, and none re-reads a topic at start (fixed group names, {@code auto-offset-reset:
 * earliest} only for a group without offsets; the console's live feed starts at the latest offset), so a copy in
 * Kafka would never be read at start-up. The copied read models, inbox markers and ledgers are what start-up can see.
 */
public final class StoreMultiplier {

    private static final Pattern UUID =
            Pattern.compile("[0-9a-fA-F]{8}(-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12})");
    private static final Set<String> NEVER_COPIED = Set.of("outbox", "relay_lease");
    private static final int BATCH = 1_000;

    /** What a multiplication did: events and documents before and after, per collection, and the time taken. */
    public record Result(
            long templateEvents,
            long events,
            int copies,
            Map<String, long[]> documents, // "db.collection" -> {template, after}
            double seconds) {}

    private final Pattern token;

    /** {@code runToken}: the 8-hex-digit run id the lifecycles' call ids carry, rewritten like a UUID's first part. */
    public StoreMultiplier(String runToken) {
        this.token = Pattern.compile(UUID.pattern() + "|" + Pattern.quote(runToken));
    }

    /** Events stored by the four services: the sum of {@code last - first + 1} over every commit. */
    public static long events(MongoClient client) {
        long count = 0;
        for (String db : databases(client)) {
            for (Document commit : client.getDatabase(db)
                    .getCollection("events")
                    .find(MongoEventStorageEngine.commits())
                    .projection(new Document("first", 1).append("last", 1))
                    .batchSize(BATCH)) {
                count += commit.get("last", Number.class).longValue()
                        - commit.get("first", Number.class).longValue()
                        + 1;
            }
        }
        return count;
    }

    static List<String> databases(MongoClient client) {
        List<String> dbs = new ArrayList<>();
        client.listDatabaseNames().forEach(n -> {
            if (n.startsWith("propdesk_")) {
                dbs.add(n);
            }
        });
        return dbs;
    }

    /** Opens the stopped system's store file and copies its history until at least {@code targetEvents} are stored. */
    public Result multiply(Path storeFile, long targetEvents, java.util.function.Consumer<String> progress) {
        long t0 = System.nanoTime();
        try (EmbeddedMongo mongo =
                        EmbeddedMongo.builder().randomPort().file(storeFile).start();
                MongoClient client = MongoClients.create(mongo.connectionString())) {
            long templateEvents = events(client);
            if (templateEvents == 0) {
                throw new IllegalStateException("no events in " + storeFile);
            }
            int copies = (int) Math.max(0, (targetEvents + templateEvents - 1) / templateEvents - 1);
            Map<String, long[]> documents = new TreeMap<>();
            Map<String, List<Document>> template = new LinkedHashMap<>();
            for (String db : databases(client)) {
                MongoDatabase database = client.getDatabase(db);
                for (String name : database.listCollectionNames()) {
                    List<Document> docs = new ArrayList<>();
                    database.getCollection(name).find().batchSize(BATCH).forEach(docs::add);
                    template.put(db + "." + name, docs);
                    documents.put(db + "." + name, new long[] {docs.size(), docs.size()});
                }
            }
            progress.accept(String.format(
                    "template: %,d events, %,d documents in %d collections; %d copies",
                    templateEvents,
                    template.values().stream().mapToLong(List::size).sum(),
                    template.size(),
                    copies));
            InsertManyOptions unordered = new InsertManyOptions().ordered(false);
            for (int copy = 1; copy <= copies; copy++) {
                String prefix = String.format("%08x", copy);
                for (Map.Entry<String, List<Document>> e : template.entrySet()) {
                    String collectionName = e.getKey().substring(e.getKey().indexOf('.') + 1);
                    if (NEVER_COPIED.contains(collectionName)) {
                        continue;
                    }
                    MongoCollection<Document> target = client.getDatabase(
                                    e.getKey().substring(0, e.getKey().indexOf('.')))
                            .getCollection(collectionName);
                    List<Document> batch = new ArrayList<>(BATCH);
                    long inserted = 0;
                    for (Document original : e.getValue()) {
                        Document copied = (Document) rewrite(original, prefix);
                        Object id = original.get("_id");
                        if (id instanceof ObjectId) {
                            copied.put("_id", new ObjectId());
                        } else if (id != null && id.equals(copied.get("_id"))) {
                            continue; // shared state, not history
                        }
                        batch.add(copied);
                        if (batch.size() == BATCH) {
                            inserted += insert(target, batch, unordered);
                            batch = new ArrayList<>(BATCH);
                        }
                    }
                    if (!batch.isEmpty()) {
                        inserted += insert(target, batch, unordered);
                    }
                    documents.get(e.getKey())[1] += inserted;
                }
                if (copy % 10 == 0 || copy == copies) {
                    progress.accept(
                            String.format("copy %d of %d done, %.0f s", copy, copies, (System.nanoTime() - t0) / 1e9));
                }
            }
            long events = events(client);
            return new Result(templateEvents, events, copies, documents, (System.nanoTime() - t0) / 1e9);
        }
    }

    private static long insert(MongoCollection<Document> target, List<Document> batch, InsertManyOptions options) {
        try {
            target.insertMany(batch, options);
            return batch.size();
        } catch (MongoBulkWriteException e) {
            // a duplicate key: an id the rewrite did not make unique (e.g. a secondary unique key); the rest went in
            return batch.size() - e.getWriteErrors().size();
        }
    }

    /** The value with every UUID and run token in its strings and keys given the copy's prefix. */
    Object rewrite(Object value, String prefix) {
        if (value instanceof String s) {
            return rewrite(s, prefix);
        }
        if (value instanceof Document d) {
            Document out = new Document();
            d.forEach((k, v) -> out.put(rewrite(k, prefix), rewrite(v, prefix)));
            return out;
        }
        if (value instanceof List<?> list) {
            List<Object> out = new ArrayList<>(list.size());
            list.forEach(v -> out.add(rewrite(v, prefix)));
            return out;
        }
        return value; // numbers, dates, booleans, binaries, ObjectIds, null
    }

    private String rewrite(String s, String prefix) {
        if (s.length() < 8) {
            return s;
        }
        Matcher m = token.matcher(s);
        if (!m.find()) {
            return s;
        }
        StringBuilder out = new StringBuilder(s.length());
        do {
            // a UUID keeps its last four groups; a run token is replaced whole (it is 8 hex digits too)
            String tail = m.group(1) == null ? "" : m.group(1);
            m.appendReplacement(out, Matcher.quoteReplacement(prefix + tail));
        } while (m.find());
        m.appendTail(out);
        return out.toString();
    }
}
