package io.propdesk.platform.relay;

import com.mongodb.client.MongoDatabase;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.propdesk.contracts.PublicEvent;
import io.propdesk.contracts.cloudevents.CloudEventCodec;
import io.propdesk.contracts.cloudevents.CloudEventCodec.Envelope;
import io.propdesk.platform.eventstore.CommitListener;
import io.propdesk.platform.eventstore.CommitStarts;
import io.propdesk.platform.eventstore.FaultHook;
import io.propdesk.platform.eventstore.FaultPoint;
import io.propdesk.platform.eventstore.Outbox;
import io.propdesk.platform.eventstore.OutboxTiming;
import io.propdesk.platform.eventstore.StoredCommit;
import io.propdesk.platform.observability.TraceContexts;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
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
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Moves stored events to the service's Kafka topic: at least once, in per-aggregate order, never an event the store
 * does not hold (it publishes only commits whose insert was acknowledged).
 *
 * <p>One relay per service publishes, the holder of a lease document; the others stand by. The holder is woken by
 * every local commit and publishes it at once; every {@code sweepInterval} it also reads the writers' journals, found
 * through the outbox's one entry per writer: each journal document names an aggregate whose events may not be on Kafka
 * yet (announced in the insert of the commit, {@link Outbox}); it publishes whatever a crash or another instance left
 * there, and clears documents older than the {@link OutboxTiming} grace period. Which sequence numbers were published
 * is kept in memory; a new holder starts from the lowest live announcement of each aggregate and may publish some
 * events again, which is what at-least-once allows and consumers dedupe by {@code ce_id}.
 *
 * <p>Under load: a holder whose own view of the lease lapsed (its renewal starved of CPU) stops publishing, but
 * when it renews before anybody else took the lease it resumes under the same term and keeps what it knows it
 * published, so a busy machine no longer makes it send the outbox again. Metrics, tagged {@code topic}:
 * {@code propdesk.relay.republished} (events sent again that this relay, or by the look of the lease the previous
 * holder, had sent) and {@code propdesk.relay.lease.changes} (tag {@code change}: {@code acquired} a new term,
 * {@code resumed} the same term after the holder's view lapsed, {@code lost} this relay stopped publishing).
 */
public class EventRelay implements CommitListener, AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(EventRelay.class);
    private static final int RECENTLY_CLEARED_MAX = 100_000;
    private static final int SENT_MAX = 100_000;

    private final String topic;
    private final EventStorageEngine store;
    private final Outbox outbox;
    private final RelayLease lease;
    private final Producer<String, byte[]> producer;
    private final Clock clock;
    private final Duration sweepInterval;
    private final FaultHook faultHook;
    private final LinkedBlockingQueue<StoredCommit> woken = new LinkedBlockingQueue<>();
    private final Map<String, Long> published = new HashMap<>();
    /**
     * Aggregates whose last announcement this relay cleared lately, with the last sequence published: a wake-up that
     * arrives after the clear (a slow turn) is then recognised instead of being sent again. Bounded, oldest out.
     */
    private final Map<String, Long> recentlyCleared = new java.util.LinkedHashMap<>(16, 0.75f, false) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Long> eldest) {
            return size() > RECENTLY_CLEARED_MAX;
        }
    };
    /**
     * The announcements (journal documents' ids) this relay caught up with: every commit announced by one of them
     * that it was told of is out. Bounded, oldest out; forgotten with the progress.
     */
    private final Set<String> seenTouch =
            java.util.Collections.newSetFromMap(new java.util.LinkedHashMap<String, Boolean>(16, 0.75f, false) {
                @Override
                protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
                    return size() > SENT_MAX;
                }
            });
    /** This relay's reading of the writers' journals; a new one with each new term or failure. */
    private Outbox.Reader journals;
    /**
     * The last sequence this relay ever sent per aggregate, kept across lost terms and failures (unlike the progress
     * above), bounded, oldest out: only to recognise a re-publication.
     */
    private final Map<String, Long> sentBefore = new java.util.LinkedHashMap<>(16, 0.75f, false) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Long> eldest) {
            return size() > SENT_MAX;
        }
    };

    private final Thread worker;
    private final Counter publishedCount;
    private final Counter republished;
    private final Counter leaseAcquired;
    private final Counter leaseResumed;
    private final Counter leaseLost;
    private final Timer lag;
    private volatile boolean running = true;
    private Instant lastSweep = Instant.EPOCH;
    /** Events stamped before this were, by the look of the lease, sent by the holder before this relay's term. */
    private Instant previousHolderSentBefore;

    /**
     * @param outbox    the service's outbox, the one its store announces with (same collections and {@link OutboxTiming})
     * @param faultHook told at {@link FaultPoint#AFTER_PUBLISH_BEFORE_CLEAR}; {@link FaultHook#NONE} in production
     */
    public EventRelay(
            String serviceName,
            String topic,
            MongoDatabase database,
            EventStorageEngine store,
            Outbox outbox,
            Producer<String, byte[]> producer,
            Duration sweepInterval,
            LeaseTiming leaseTiming,
            Clock clock,
            MeterRegistry meters,
            FaultHook faultHook) {
        this.topic = topic;
        this.store = store;
        this.clock = clock;
        this.outbox = outbox;
        this.journals = outbox.reader();
        this.faultHook = faultHook;
        this.lease = new RelayLease(database, serviceName, leaseTiming, clock);
        this.producer = producer;
        this.sweepInterval = sweepInterval;
        MeterRegistry registry = meters == null ? new SimpleMeterRegistry() : meters;
        this.publishedCount = Counter.builder("propdesk.relay.published")
                .description("events published to Kafka")
                .tag("topic", topic)
                .register(registry);
        this.lag = Timer.builder("propdesk.relay.lag")
                .description("from an event's timestamp to its Kafka ack")
                .tag("topic", topic)
                .publishPercentiles(0.5, 0.99)
                .register(registry);
        this.republished = Counter.builder("propdesk.relay.republished")
                .description("events sent to Kafka again that this relay or the previous lease holder had sent")
                .tag("topic", topic)
                .register(registry);
        this.leaseAcquired = leaseChanges(registry, topic, "acquired");
        this.leaseResumed = leaseChanges(registry, topic, "resumed");
        this.leaseLost = leaseChanges(registry, topic, "lost");
        this.worker = new Thread(this::run, "event-relay-" + serviceName);
        this.worker.setDaemon(true);
    }

    private static Counter leaseChanges(MeterRegistry registry, String topic, String change) {
        return Counter.builder("propdesk.relay.lease.changes")
                .description("acquired: a new publishing term; resumed: the same term after the holder's view lapsed;"
                        + " lost: this relay stopped publishing")
                .tag("topic", topic)
                .tag("change", change)
                .register(registry);
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
        long publishingTerm = -1;
        while (running) {
            try {
                StoredCommit first = woken.poll(Math.min(200, sweepInterval.toMillis()), TimeUnit.MILLISECONDS);
                List<StoredCommit> batch = new ArrayList<>();
                if (first != null) {
                    batch.add(first);
                    woken.drainTo(batch);
                }
                if (!lease.held() && wasLeader) {
                    // The view lapsed while we held it (the renewer starved or MongoDB slow): renew from here rather
                    // than wait for the renewer's next turn; the document still names us unless another took it.
                    lease.holdOrAcquire();
                    if (lease.held() && lease.term() == publishingTerm) {
                        leaseResumed.increment();
                        log.info("relay for {} renewed its lapsed lease in the same term", topic);
                    }
                }
                if (!lease.held()) {
                    if (wasLeader) {
                        wasLeader = false;
                        leaseLost.increment();
                        log.info("relay for {} stopped publishing: its lease view lapsed", topic);
                    }
                    // Progress is kept: if we renew before anyone else holds the lease, it is still true. The
                    // dropped wake-ups are caught up with by the sweep: their aggregates count as not caught up
                    // (issue 19: a dropped commit may carry the very touch we caught up with, reused by its writer).
                    batch.forEach(dropped -> seenTouch.remove(dropped.outboxTouch()));
                    continue;
                }
                long term = lease.term();
                if (term != publishingTerm) {
                    // A new term: another holder may have published and cleared meanwhile, so start from the journals.
                    forgetProgress();
                    publishingTerm = term;
                    Instant previous = lease.previousHolderRenewed();
                    previousHolderSentBefore = previous == null ? null : previous.minus(sweepInterval);
                    leaseAcquired.increment();
                    log.info("relay for {} is now the publishing instance", topic);
                } else if (!wasLeader) {
                    leaseResumed.increment();
                    log.info("relay for {} resumed publishing in the same lease term", topic);
                }
                if (!wasLeader) {
                    wasLeader = true;
                    lastSweep = Instant.EPOCH;
                }
                boolean leftToSweep = publishWoken(batch);
                Instant now = clock.instant();
                // Timed from the instant a finished sweep started, not the one it ended at: time that passed during
                // the sweep (a grace period that ran out meanwhile) must bring the next sweep, not be counted as swept.
                // A sweep cut short by a lapsed lease view is owed: the next turn that holds the lease sweeps at once.
                if (leftToSweep || now.isAfter(lastSweep.plus(sweepInterval))) {
                    lastSweep = sweep() ? now : Instant.EPOCH;
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                // Kafka or MongoDB unavailable: nothing is lost, the journals still name every aggregate concerned.
                log.warn("relay for {} failed, will retry from the journals: {}", topic, e.toString());
                forgetProgress();
                sleepQuietly();
            }
        }
    }

    private void forgetProgress() {
        published.clear();
        seenTouch.clear();
        recentlyCleared.clear();
        journals = outbox.reader();
    }

    /** Publishes the commits woken with; answers whether some are left to a sweep, which then runs at once. */
    private boolean publishWoken(List<StoredCommit> batch) {
        boolean leftToSweep = false;
        List<Future<RecordMetadata>> acks = new ArrayList<>();
        Map<String, Long> reached = new HashMap<>();
        List<String> touches = new ArrayList<>();
        for (StoredCommit commit : batch) {
            Long done = reached.containsKey(commit.aggregateId())
                    ? reached.get(commit.aggregateId())
                    : published.containsKey(commit.aggregateId())
                            ? published.get(commit.aggregateId())
                            : recentlyCleared.get(commit.aggregateId());
            if (done == null) {
                if (commit.firstSequence() != 0) {
                    // Where this relay's publication of the aggregate would start is known only from the journals
                    // (the lowest live announcement of it): a sweep publishes it, at once.
                    leftToSweep = true;
                    continue;
                }
                done = -1L; // a new aggregate: nothing of it can have been published
            }
            touches.add(commit.outboxTouch());
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
            faultHook.reached(FaultPoint.AFTER_PUBLISH_BEFORE_CLEAR);
        }
        published.putAll(reached);
        seenTouch.addAll(touches);
        return leftToSweep;
    }

    /**
     * Publishes what the writers' journals announce and this relay has not caught up with (a crash's leftovers,
     * another instance's commits), then clears the journal documents past the grace period whose events are all out,
     * as a prefix of each journal: the sweep's cost per second stays one scan of the outbox (one entry per writer), a
     * read of each writer's live journal, one {@code _id} probe of the store and a few writes, however many tickets
     * came in.
     *
     * <p>Issue 19: a journal document may announce several commits of its writer, so having published the commit a
     * wake-up named with it proves nothing about the next one it announces (its wake-up may be late, or lost while
     * this relay's lease view lapsed). So every announcement is looked at in the store once more before it is
     * cleared, after its grace period, when every commit it announced is stored or was announced again
     * (docs/architecture.md, event store). The look is one batched probe for the commit that would follow what was
     * published ({@link CommitStarts}); only aggregates that have one are read.
     *
     * @return whether the sweep ran to its end; false when this relay's lease view lapsed during it
     */
    boolean sweep() {
        // Taken before the journals are read, so every read of this sweep comes after the instant the grace period
        // is judged at (docs/architecture.md, event store, rule 2).
        Instant sweptAt = clock.instant();
        List<Outbox.Entry> entries = journals.entries();
        // Where each aggregate's unpublished events would start: after what was published, or at the lowest live
        // announcement of it when this relay has published none of it.
        Map<String, Long> lowest = new HashMap<>();
        for (Outbox.Entry entry : entries) {
            if (entry.aggregateId() != null) {
                lowest.merge(entry.aggregateId(), entry.from(), Math::min);
            }
        }
        Map<String, Long> next = new LinkedHashMap<>();
        for (Outbox.Entry entry : entries) {
            String aggregateId = entry.aggregateId();
            if (aggregateId == null) {
                continue;
            }
            Long done = published.get(aggregateId);
            // An announcement caught up with: nothing was announced by it but what this relay has published.
            boolean caughtUp = done != null && seenTouch.contains(entry.touch());
            if (!caughtUp || outbox.pastGrace(entry, sweptAt)) {
                long from = lowest.get(aggregateId);
                next.put(aggregateId, done == null ? from : Math.max(from, done + 1));
            }
        }
        Set<String> behind = next.isEmpty()
                ? Set.of()
                : store instanceof CommitStarts starts ? starts.startingAt(next) : next.keySet();
        List<Outbox.Entry> clearable = new ArrayList<>();
        Set<String> looked = new HashSet<>();
        for (Outbox.Entry entry : entries) {
            if (!lease.held()) {
                return false; // the view lapsed during the sweep: publish and clear no more; swept again once held
            }
            String aggregateId = entry.aggregateId();
            Long start = aggregateId == null ? null : next.get(aggregateId);
            if (start != null) {
                if (looked.add(aggregateId)) {
                    long reached = start - 1;
                    if (behind.contains(aggregateId)) {
                        List<Future<RecordMetadata>> acks = new ArrayList<>();
                        reached = Math.max(reached, publishFromStore(aggregateId, start, acks));
                        awaitAll(acks);
                        faultHook.reached(FaultPoint.AFTER_PUBLISH_BEFORE_CLEAR);
                    }
                    published.put(aggregateId, reached);
                }
                // A touch younger than the writer's re-touch limit may announce a commit not inserted yet (by this or
                // another instance), and a writer that quick does not touch again: look at the store again next sweep.
                if (outbox.settled(entry, sweptAt)) {
                    seenTouch.add(entry.touch());
                }
            }
            if (outbox.pastGrace(entry, sweptAt)) {
                clearable.add(entry);
            }
        }
        // Each writer's journal is cleared as a prefix; what is left is read and looked at again next sweep.
        Set<String> cleared = new HashSet<>(journals.clear(clearable, sweptAt));
        Set<String> stillAnnounced = new HashSet<>();
        for (Outbox.Entry entry : entries) {
            if (!cleared.contains(entry.touch()) && entry.aggregateId() != null) {
                stillAnnounced.add(entry.aggregateId());
            }
        }
        for (Outbox.Entry entry : entries) {
            if (!cleared.contains(entry.touch())) {
                continue;
            }
            seenTouch.remove(entry.touch());
            String aggregateId = entry.aggregateId();
            if (aggregateId != null && !stillAnnounced.contains(aggregateId)) {
                Long last = published.remove(aggregateId);
                if (last != null) {
                    recentlyCleared.put(aggregateId, last);
                }
            }
        }
        return true;
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
        countIfSentBefore(event);
        Envelope envelope = Envelope.of(
                event.getIdentifier(),
                event.getTimestamp(),
                publicEvent,
                event.getAggregateIdentifier(),
                event.getSequenceNumber());
        Instant stamped = event.getTimestamp();
        ProducerRecord<String, byte[]> record = CloudEventCodec.toRecord(topic, envelope);
        Object traceparent = event.getMetaData().get(TraceContexts.HEADER);
        if (traceparent instanceof String tp) {
            record.headers().add(TraceContexts.HEADER, tp.getBytes(StandardCharsets.UTF_8));
        }
        acks.add(producer.send(record, (metadata, error) -> {
            if (error == null) {
                publishedCount.increment();
                lag.record(Duration.between(stamped, clock.instant()));
            }
        }));
    }

    /**
     * A re-publication: this relay sent the event before (it lost its term, or Kafka failed mid-batch), or the event
     * was stamped well before the previous holder last renewed (one sweep earlier: even a standby instance's commit
     * was published by then), so that holder had sent it. The second is read from the lease, not from Kafka.
     */
    private void countIfSentBefore(DomainEventMessage<?> event) {
        String aggregateId = event.getAggregateIdentifier();
        long sequence = event.getSequenceNumber();
        Long sent = sentBefore.get(aggregateId);
        boolean again = sent != null && sequence <= sent
                || previousHolderSentBefore != null && event.getTimestamp().isBefore(previousHolderSentBefore);
        if (again) {
            republished.increment();
        }
        if (sent == null || sequence > sent) {
            sentBefore.put(aggregateId, sequence);
        }
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
