package io.propdesk.dispatch.query;

import com.mongodb.ConnectionString;
import com.mongodb.MongoClientSettings;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.event.CommandListener;
import com.mongodb.event.CommandStartedEvent;
import io.propdesk.embedded.SharedInfrastructure;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Counts the MongoDB driver's write commands per collection, as the issue 19 benchmark does: a bulk write is one
 * command, an insertMany of up to the driver's batch size is one.
 */
final class StoreWrites implements CommandListener, AutoCloseable {

    private static final Set<String> WRITES = Set.of("insert", "update", "delete", "findAndModify");

    private final Map<String, AtomicLong> byCollection = new ConcurrentHashMap<>();
    private final MongoClient client;

    StoreWrites() {
        this.client = MongoClients.create(MongoClientSettings.builder()
                .applyConnectionString(
                        new ConnectionString(SharedInfrastructure.get().mongoUri()))
                .addCommandListener(this)
                .build());
    }

    /** A client whose writes are counted. */
    MongoClient client() {
        return client;
    }

    @Override
    public void commandStarted(CommandStartedEvent event) {
        if (WRITES.contains(event.getCommandName())) {
            String collection =
                    event.getCommand().getString(event.getCommandName()).getValue();
            byCollection.computeIfAbsent(collection, c -> new AtomicLong()).incrementAndGet();
        }
    }

    long of(String collection) {
        AtomicLong n = byCollection.get(collection);
        return n == null ? 0 : n.get();
    }

    Map<String, Long> all() {
        Map<String, Long> result = new TreeMap<>();
        byCollection.forEach((c, n) -> result.put(c, n.get()));
        return result;
    }

    void reset() {
        byCollection.clear();
    }

    @Override
    public void close() {
        client.close();
    }
}
