package io.propdesk.platform.relay;

import static com.mongodb.client.model.Filters.and;
import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Filters.lt;
import static com.mongodb.client.model.Filters.or;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.bson.Document;

import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Updates;

/**
 * One publishing relay per service: a single lease document ({@code relay_lease}, {@code _id} = service) naming the
 * holder and when its claim runs out. The collection holds one document, so its conditional filters are cheap even
 * on a server that scans. Renewed when half the term is left, so it costs a write every few seconds, not per event.
 */
final class RelayLease implements AutoCloseable {

    static final String COLLECTION = "relay_lease";

    private final MongoCollection<Document> leases;
    private final String service;
    private final String holder = UUID.randomUUID().toString();
    private final Duration ttl;
    private final Clock clock = Clock.systemUTC();
    private volatile Instant heldUntil = Instant.EPOCH;
    private final ScheduledExecutorService renewer;

    RelayLease(MongoDatabase database, String service, Duration ttl) {
        this.leases = database.getCollection(COLLECTION);
        this.service = service;
        this.ttl = ttl;
        this.renewer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "relay-lease-" + service);
            t.setDaemon(true);
            return t;
        });
    }

    /** Starts claiming and renewing in the background; {@link #held()} says whether this instance publishes. */
    RelayLease start() {
        try {
            holdOrAcquire(); // claim before the relay's first turn, so its first wake-ups are not passed over
        } catch (RuntimeException e) {
            heldUntil = Instant.EPOCH;
        }
        long period = Math.max(50, ttl.toMillis() / 4);
        renewer.scheduleWithFixedDelay(() -> {
            try {
                holdOrAcquire();
            } catch (RuntimeException e) {
                // MongoDB unreachable: the claim simply runs out; the next renewal tries again
                heldUntil = Instant.EPOCH;
            }
        }, period, period, TimeUnit.MILLISECONDS);
        return this;
    }

    boolean held() {
        return clock.instant().isBefore(heldUntil);
    }

    boolean holdOrAcquire() {
        Instant now = clock.instant();
        Instant until = now.plus(ttl);
        Document claimed = leases.findOneAndUpdate(
                and(eq("_id", service), or(eq("holder", holder), lt("until", Date.from(now)))),
                Updates.combine(Updates.set("holder", holder), Updates.set("until", Date.from(until))));
        if (claimed == null) {
            try {
                leases.insertOne(new Document("_id", service).append("holder", holder).append("until", Date.from(until)));
            } catch (MongoWriteException taken) {
                heldUntil = Instant.EPOCH;
                return false;
            }
        }
        // Our own view ends a little early, so two holders never both believe they hold it.
        heldUntil = until.minus(ttl.dividedBy(5));
        return true;
    }

    @Override
    public void close() {
        renewer.shutdownNow();
        release();
    }

    void release() {
        if (held()) {
            leases.deleteOne(and(eq("_id", service), eq("holder", holder)));
        }
        heldUntil = Instant.EPOCH;
    }
}
