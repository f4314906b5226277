package io.propdesk.platform.relay;

import static com.mongodb.client.model.Filters.and;
import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Filters.or;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.propdesk.contracts.PublicEvent;
import io.propdesk.contracts.cloudevents.CloudEventCodec;
import io.propdesk.contracts.cloudevents.CloudEventCodec.Envelope;
import io.propdesk.platform.eventstore.CommitListener;
import io.propdesk.platform.eventstore.FaultInjector;
import io.propdesk.platform.eventstore.FaultPoint;
import io.propdesk.platform.eventstore.MongoEventStorageEngine;
import io.propdesk.platform.eventstore.OutboxTiming;
import io.propdesk.platform.eventstore.StoredCommit;
import io.propdesk.platform.observability.TraceContexts;

/**
 * Moves stored events to the service's Kafka topic: at least once, in per-aggregate order, never an event the store
 * does not hold (it publishes only commits whose insert was acknowledged).
 *
 * <p>One relay per service publishes, the holder of a lease document; the others stand by. The holder is woken by
 * every local commit and publishes it at once; every {@code sweepInterval} it also walks the outbox, the small
 * collection of aggregates whose events may not be on Kafka yet (written by the store before each commit), publishes
 * whatever a crash or another instance left there, and clears entries older than the {@link OutboxTiming} grace period.
 * Which sequence numbers were published is kept in memory; a new holder starts from the outbox's {@code from} and may
 * publish some events again, which is what at-least-once allows and consumers dedupe by sequence.
 */
public class EventRelay implements CommitListener, AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(EventRelay.class);
    private static final int CLEAR_BATCH = 500;
    private static final int RECENTLY_CLEARED_MAX = 100_000;

    private final String topic;
    private final EventStorageEngine store;
    private final MongoCollection<Document> outbox;
    private final RelayLease lease;
    private final Producer<String, byte[]> producer;
    private final Clock clock = Clock.systemUTC();
    private final Duration sweepInterval;
    private final OutboxTiming outboxTiming;
    private final LinkedBlockingQueue<StoredCommit> woken = new LinkedBlockingQueue<>();
    private final Map<String, Long> published = new HashMap<>();
    /**
     * Aggregates whose outbox entry this relay cleared lately, with the last sequence published: a wake-up that
     * arrives after the clear (a slow turn) is then recognised instead of being sent again. Bounded, oldest out.
     */
    private final Map<String, Long> recentlyCleared = new java.util.LinkedHashMap<>(16, 0.75f, false) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Long> eldest) {
            return size() > RECENTLY_CLEARED_MAX;
        }
    };
    /** The outbox touch each published aggregate had when this relay last caught up with it. */
    private final Map<String, String> seenTouch = new HashMap<>();
    private final Thread worker;
    private final Counter publishedCount;
    private final Timer lag;
    private volatile boolean running = true;
    private Instant lastSweep = Instant.EPOCH;

    public EventRelay(String serviceName, String topic, MongoDatabase database, EventStorageEngine store,
                      Producer<String, byte[]> producer, Duration sweepInterval, OutboxTiming outboxTiming,
                      Duration leaseTtl, MeterRegistry meters) {
        this.outboxTiming = outboxTiming;
        this.topic = topic;
        this.store = store;
        this.outbox = database.getCollection(MongoEventStorageEngine.OUTBOX);
        this.lease = new RelayLease(database, serviceName, leaseTtl);
        this.producer = producer;
        this.sweepInterval = sweepInterval;
        MeterRegistry registry = meters == null ? new SimpleMeterRegistry() : meters;
        this.publishedCount = Counter.builder("propdesk.relay.published").description("events published to Kafka")
                .tag("topic", topic).register(registry);
        this.lag = Timer.builder("propdesk.relay.lag").description("from an event's timestamp to its Kafka ack")
                .tag("topic", topic).publishPercentiles(0.5, 0.99).register(registry);
        this.worker = new Thread(this::run, "event-relay-" + serviceName);
        this.worker.setDaemon(true);
    }

    public EventRelay start() {
        lease.start();
        worker.start();
        return this;
    }

    public boolean isLeader() {
        return lease.held();
    }

    @Override
    public void committed(StoredCommit commit) {
        woken.add(commit);
    }

    private void run() {
        boolean wasLeader = false;
        while (running) {
            try {
                StoredCommit first = woken.poll(Math.min(200, sweepInterval.toMillis()), TimeUnit.MILLISECONDS);
                List<StoredCommit> batch = new ArrayList<>();
                if (first != null) {
                    batch.add(first);
                    woken.drainTo(batch);
                }
                if (!lease.held()) {
                    wasLeader = false;
                    forgetProgress();
                    continue;
                }
                if (!wasLeader) {
                    wasLeader = true;
                    log.info("relay for {} is now the publishing instance", topic);
                    lastSweep = Instant.EPOCH;
                }
                publishWoken(batch);
                if (clock.instant().isAfter(lastSweep.plus(sweepInterval))) {
                    sweep();
                    lastSweep = clock.instant();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                // Kafka or MongoDB unavailable: nothing is lost, the outbox still names every aggregate concerned.
                log.warn("relay for {} failed, will retry from the outbox: {}", topic, e.toString());
                forgetProgress();
                sleepQuietly();
            }
        }
    }

    private void forgetProgress() {
        published.clear();
        seenTouch.clear();
        recentlyCleared.clear();
    }

    private void publishWoken(List<StoredCommit> batch) {
        List<Future<RecordMetadata>> acks = new ArrayList<>();
        Map<String, Long> reached = new HashMap<>();
        Map<String, String> touches = new HashMap<>();
        for (StoredCommit commit : batch) {
            touches.put(commit.aggregateId(), commit.outboxTouch());
            Long done = reached.containsKey(commit.aggregateId()) ? reached.get(commit.aggregateId())
                    : published.containsKey(commit.aggregateId()) ? published.get(commit.aggregateId())
                    : recentlyCleared.get(commit.aggregateId());
            if (done == null) {
                // A new aggregate needs no look-up: nothing of it can have been published.
                done = commit.firstSequence() == 0 ? -1 : outboxFrom(commit.aggregateId()) - 1;
            }
            if (commit.lastSequence() <= done) {
                continue;
            }
            if (commit.firstSequence() == done + 1) {
                commit.events().forEach(event -> send(event, acks));
                reached.put(commit.aggregateId(), commit.lastSequence());
            } else {
                // Woken out of order or after a failure: take the aggregate's tail from the store instead.
                reached.put(commit.aggregateId(), publishFromStore(commit.aggregateId(), done + 1, acks));
            }
        }
        awaitAll(acks);
        if (!acks.isEmpty()) {
            FaultInjector.reached(FaultPoint.AFTER_PUBLISH_BEFORE_CLEAR);
        }
        published.putAll(reached);
        seenTouch.putAll(touches);
    }

    private long outboxFrom(String aggregateId) {
        Document entry = outbox.find(eq("_id", aggregateId)).first();
        return entry == null ? 0 : entry.get("from", Number.class).longValue();
    }

    /**
     * Publishes what the outbox names and this relay has not caught up with (a crash's leftovers, another instance's
     * commits), then clears the entries past the grace period whose events are all out, in one batched delete: the
     * sweep's cost per second stays one scan of the small outbox and one write, however many tickets came in.
     */
    void sweep() {
        List<Document> entries = outbox.find().into(new ArrayList<>());
        Instant clearBefore = clock.instant().minus(outboxTiming.grace());
        List<Bson> clearable = new ArrayList<>();
        List<String> cleared = new ArrayList<>();
        for (Document entry : entries) {
            String aggregateId = entry.getString("_id");
            String touch = entry.getString("touch");
            boolean pastGrace = entry.getDate("at").toInstant().isBefore(clearBefore);
            Long done = published.get(aggregateId);
            // Same touch as when we caught up: no commit was announced since, so nothing can be missing.
            boolean caughtUp = done != null && touch.equals(seenTouch.get(aggregateId));
            if (!caughtUp) {
                long from = entry.get("from", Number.class).longValue();
                long start = done == null ? from : Math.max(from, done + 1);
                List<Future<RecordMetadata>> acks = new ArrayList<>();
                long reached = publishFromStore(aggregateId, start, acks);
                awaitAll(acks);
                published.put(aggregateId, Math.max(reached, start - 1));
                seenTouch.put(aggregateId, touch);
                FaultInjector.reached(FaultPoint.AFTER_PUBLISH_BEFORE_CLEAR);
            }
            if (pastGrace) {
                // Conditional on the touch we read: a writer that touched it since keeps it alive.
                clearable.add(and(eq("_id", aggregateId), eq("touch", touch)));
                cleared.add(aggregateId);
            }
        }
        for (int i = 0; i < clearable.size(); i += CLEAR_BATCH) {
            List<Bson> batch = clearable.subList(i, Math.min(clearable.size(), i + CLEAR_BATCH));
            outbox.deleteMany(or(batch));
        }
        // An entry a writer re-touched in between survives the delete and is caught up with again next sweep.
        cleared.forEach(aggregateId -> {
            Long last = published.remove(aggregateId);
            if (last != null) {
                recentlyCleared.put(aggregateId, last);
            }
            seenTouch.remove(aggregateId);
        });
    }

    /** Sends the aggregate's stored events from {@code fromSequence}; returns the last sequence sent (or before). */
    private long publishFromStore(String aggregateId, long fromSequence, List<Future<RecordMetadata>> acks) {
        long reached = fromSequence - 1;
        var events = store.readEvents(aggregateId, fromSequence);
        while (events.hasNext()) {
            DomainEventMessage<?> event = events.next();
            send(event, acks);
            reached = event.getSequenceNumber();
        }
        return reached;
    }

    private void send(DomainEventMessage<?> event, List<Future<RecordMetadata>> acks) {
        Object payload = event.getPayload();
        if (!(payload instanceof PublicEvent publicEvent)) {
            return; // an internal event: it stays in the store
        }
        Envelope envelope = Envelope.of(event.getIdentifier(), event.getTimestamp(), publicEvent,
                event.getAggregateIdentifier(), event.getSequenceNumber());
        Instant stamped = event.getTimestamp();
        ProducerRecord<String, byte[]> record = CloudEventCodec.toRecord(topic, envelope);
        Object traceparent = event.getMetaData().get(TraceContexts.HEADER);
        if (traceparent instanceof String tp) {
            record.headers().add(TraceContexts.HEADER, tp.getBytes(StandardCharsets.UTF_8));
        }
        acks.add(producer.send(record, (metadata, error) -> {
            if (error == null) {
                publishedCount.increment();
                lag.record(Duration.between(stamped, Instant.now()));
            }
        }));
    }

    private static void awaitAll(List<Future<RecordMetadata>> acks) {
        for (Future<RecordMetadata> ack : acks) {
            try {
                ack.get(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for Kafka", e);
            } catch (ExecutionException | TimeoutException e) {
                throw new IllegalStateException("Kafka did not acknowledge: " + e.getMessage(), e);
            }
        }
    }

    private void sleepQuietly() {
        try {
            Thread.sleep(500);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        running = false;
        worker.interrupt();
        try {
            worker.join(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        lease.close();
        producer.close(Duration.ofSeconds(5));
    }
}
