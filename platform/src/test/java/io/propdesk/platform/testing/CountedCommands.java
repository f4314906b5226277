package io.propdesk.platform.testing;

import com.mongodb.ConnectionString;
import com.mongodb.MongoClientSettings;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import com.mongodb.event.CommandListener;
import com.mongodb.event.CommandStartedEvent;
import io.propdesk.embedded.SharedInfrastructure;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.bson.BsonValue;

/**
 * A MongoDB client on the shared wire server that counts the driver's commands by collection and name ("outbox
 * update", "events find"), as the system benchmark counts store writes (a bulk write is one command). Issue 19.
 */
public final class CountedCommands implements CommandListener, AutoCloseable {

    private static final Set<String> WRITES = Set.of("insert", "update", "delete", "findAndModify");

    private final Map<String, AtomicLong> counts = new ConcurrentHashMap<>();
    private final Map<String, List<BsonValue>> insertedIds = new ConcurrentHashMap<>();
    private final MongoClient client;

    public CountedCommands() {
        this.client = MongoClients.create(MongoClientSettings.builder()
                .applyConnectionString(
                        new ConnectionString(SharedInfrastructure.get().mongoUri()))
                .addCommandListener(this)
                .build());
    }

    public MongoDatabase database(String name) {
        return client.getDatabase(name);
    }

    @Override
    public void commandStarted(CommandStartedEvent event) {
        BsonValue collection = event.getCommand().get(event.getCommandName());
        String on = collection != null && collection.isString()
                ? collection.asString().getValue()
                : "?";
        counts.computeIfAbsent(on + " " + event.getCommandName(), k -> new AtomicLong())
                .incrementAndGet();
        BsonValue documents = event.getCommand().get("documents");
        if ("insert".equals(event.getCommandName()) && documents != null && documents.isArray()) {
            List<BsonValue> ids = insertedIds.computeIfAbsent(on, k -> Collections.synchronizedList(new ArrayList<>()));
            documents.asArray().forEach(d -> ids.add(d.asDocument().get("_id")));
        }
    }

    /** The {@code _id}s of the documents inserted into {@code collection} since the last reset, in the order sent. */
    public List<BsonValue> insertedIds(String collection) {
        return List.copyOf(insertedIds.getOrDefault(collection, List.of()));
    }

    /** How many commands named {@code command} ran on {@code collection} since the last {@link #reset()}. */
    public long count(String collection, String command) {
        AtomicLong n = counts.get(collection + " " + command);
        return n == null ? 0 : n.get();
    }

    /** Every write command (insert, update, delete, findAndModify) since the last reset, by collection and name. */
    public Map<String, Long> writes() {
        Map<String, Long> writes = new TreeMap<>();
        counts.forEach((key, n) -> {
            if (WRITES.contains(key.substring(key.indexOf(' ') + 1))) {
                writes.put(key, n.get());
            }
        });
        return writes;
    }

    /** Every command since the last reset, by collection and name. */
    public Map<String, Long> all() {
        Map<String, Long> all = new TreeMap<>();
        counts.forEach((key, n) -> all.put(key, n.get()));
        return all;
    }

    public void reset() {
        counts.clear();
        insertedIds.clear();
    }

    @Override
    public void close() {
        client.close();
    }
}
