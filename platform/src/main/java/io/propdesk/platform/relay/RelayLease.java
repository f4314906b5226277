package io.propdesk.platform.relay;

import static com.mongodb.client.model.Filters.and;
import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Filters.lt;
import static com.mongodb.client.model.Filters.or;

import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Updates;
import java.time.Clock;
import java.time.Instant;
import java.util.Date;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One publishing relay per service: a single lease document ({@code relay_lease}, {@code _id} = service) naming the
 * holder, when its term runs out ({@code until}) and when it last renewed ({@code renewed}). The collection holds one
 * document, so its conditional filters are cheap even on a server that scans. Timing: {@link LeaseTiming}.
 *
 * <p>A renewal reads the document as it was before the write. When it still named this holder, nobody else can have
 * published since this holder's last renewal, even if this holder's own view lapsed meanwhile (a starved renewer):
 * the term number stays the same and the relay keeps what it knows it published. Only a claim that follows another
 * holder, or none, starts a new term.
 */
final class RelayLease implements AutoCloseable {

    static final String COLLECTION = "relay_lease";
    private static final Logger log = LoggerFactory.getLogger(RelayLease.class);

    private final MongoCollection<Document> leases;
    private final String service;
    private final String holder = UUID.randomUUID().toString();
    private final LeaseTiming timing;
    private final Clock clock;
    private final ScheduledExecutorService renewer;
    private volatile Instant heldUntil = Instant.EPOCH;
    private volatile long term;
    private volatile Instant previousHolderRenewed;
    private boolean renewalFailing;

    RelayLease(MongoDatabase database, String service, LeaseTiming timing, Clock clock) {
        this.leases = database.getCollection(COLLECTION);
        this.service = service;
        this.timing = timing;
        this.clock = clock;
        this.renewer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "relay-lease-" + service);
            t.setDaemon(true);
            return t;
        });
    }

    /** Starts claiming and renewing in the background; {@link #held()} says whether this instance publishes. */
    RelayLease start() {
        holdOrAcquire(); // claim before the relay's first turn, so its first wake-ups are not passed over
        long period = timing.renewEvery().toMillis();
        renewer.scheduleWithFixedDelay(this::holdOrAcquire, period, period, TimeUnit.MILLISECONDS);
        return this;
    }

    boolean held() {
        return clock.instant().isBefore(heldUntil);
    }

    /**
     * The term this instance publishes under: it changes whenever this instance claims the lease after another
     * holder (or none), never when it merely renews, even late.
     */
    long term() {
        return term;
    }

    /** When the holder before the current term last renewed or released, or null if no earlier holder is known. */
    Instant previousHolderRenewed() {
        return previousHolderRenewed;
    }

    /**
     * Renews the lease, or claims it if its term ran out. A failure (MongoDB unreachable) changes nothing: the view
     * runs out by itself, and the next renewal tries again.
     */
    synchronized boolean holdOrAcquire() {
        try {
            boolean held = claim();
            renewalFailing = false;
            return held;
        } catch (RuntimeException e) {
            if (!renewalFailing) {
                log.warn("relay lease of {} could not be renewed, will retry: {}", service, e.toString());
            }
            renewalFailing = true;
            return held();
        }
    }

    private boolean claim() {
        Instant now = clock.instant();
        Instant until = now.plus(timing.ttl());
        Document before = leases.findOneAndUpdate(
                and(eq("_id", service), or(eq("holder", holder), lt("until", Date.from(now)))),
                Updates.combine(
                        Updates.set("holder", holder),
                        Updates.set("until", Date.from(until)),
                        Updates.set("renewed", Date.from(now))));
        if (before == null) {
            try {
                leases.insertOne(new Document("_id", service)
                        .append("holder", holder)
                        .append("until", Date.from(until))
                        .append("renewed", Date.from(now)));
            } catch (MongoWriteException taken) {
                heldUntil = Instant.EPOCH;
                return false;
            }
        }
        if (before == null || !holder.equals(before.getString("holder"))) {
            Date renewed = before == null ? null : before.getDate("renewed");
            previousHolderRenewed = renewed == null ? null : renewed.toInstant();
            term++;
        }
        // Our own view ends early (the margin), measured from before the write, so two holders never both publish.
        heldUntil = now.plus(timing.view());
        return true;
    }

    @Override
    public void close() {
        renewer.shutdownNow();
        release();
    }

    /**
     * Hands the lease on at once: the term ends now, the document keeps naming this holder and its last renewal, so
     * the next holder knows what this one had time to publish.
     */
    synchronized void release() {
        try {
            Instant now = clock.instant();
            leases.updateOne(
                    and(eq("_id", service), eq("holder", holder)),
                    Updates.combine(
                            Updates.set("until", Date.from(Instant.EPOCH)), Updates.set("renewed", Date.from(now))));
        } catch (RuntimeException e) {
            log.warn("relay lease of {} could not be released, it runs out by itself: {}", service, e.toString());
        }
        heldUntil = Instant.EPOCH;
    }
}
