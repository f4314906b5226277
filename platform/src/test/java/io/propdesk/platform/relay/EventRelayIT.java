package io.propdesk.platform.relay;

import static io.propdesk.platform.testing.TopicReader.header;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.mongodb.client.MongoDatabase;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.propdesk.contracts.EventTypes;
import io.propdesk.contracts.ticket.TicketOpened;
import io.propdesk.embedded.SharedInfrastructure;
import io.propdesk.platform.eventstore.FaultHook;
import io.propdesk.platform.eventstore.FaultPoint;
import io.propdesk.platform.eventstore.MongoEventStorageEngine;
import io.propdesk.platform.eventstore.Outbox;
import io.propdesk.platform.eventstore.OutboxTiming;
import io.propdesk.platform.testing.MutableClock;
import io.propdesk.platform.testing.Stores;
import io.propdesk.platform.testing.Tickets;
import io.propdesk.platform.testing.TopicReader;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.bson.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The relay against the real broker (delivery guarantees 2 and 3). */
class EventRelayIT {

    /** Far longer than any of the tests' moves of their clocks. */
    private static final LeaseTiming LONG_LEASE = LeaseTiming.of(Duration.ofMinutes(10));

    private final String kafka = SharedInfrastructure.get().kafkaBootstrapServers();
    private final List<AutoCloseable> toClose = new ArrayList<>();
    private String topic;
    private MongoDatabase database;
    private MongoEventStorageEngine engine;

    @BeforeEach
    void setUp() {
        topic = "relay-test-" + UUID.randomUUID();
        database = Stores.freshDatabase("relay");
        engine = Stores.engine(database);
    }

    @AfterEach
    void tearDown() throws Exception {
        for (AutoCloseable c : toClose) {
            c.close();
        }
    }

    private <T extends AutoCloseable> T closeLater(T closeable) {
        toClose.add(closeable);
        return closeable;
    }

    @Test
    void everyPublicEventReachesTheTopicAsACloudEventKeyedByItsTicketInStreamOrder() {
        closeLater(Relays.start("svc", topic, database, engine, kafka, Duration.ofSeconds(5)));
        for (int t = 0; t < 10; t++) {
            engine.appendEvents(Tickets.opened("T-" + t));
        }
        for (int t = 0; t < 10; t++) {
            engine.appendEvents(Tickets.closedAt("T-" + t, 1), Tickets.closedAt("T-" + t, 2));
        }

        TopicReader reader = closeLater(new TopicReader(kafka, topic));
        List<ConsumerRecord<String, byte[]>> records = reader.readUntil(r -> r.size() >= 30, Duration.ofSeconds(30));

        assertThat(records).hasSize(30);
        Map<String, List<String>> sequencesByKey = new LinkedHashMap<>();
        for (ConsumerRecord<String, byte[]> r : records) {
            sequencesByKey.computeIfAbsent(r.key(), k -> new ArrayList<>()).add(header(r, "ce_sequence"));
            assertThat(header(r, "ce_specversion")).isEqualTo("1.0");
            assertThat(header(r, "ce_id")).isNotBlank();
            assertThat(header(r, "ce_source")).isEqualTo("/ticket-service");
            assertThat(header(r, "ce_time")).endsWith("Z");
            assertThat(header(r, "ce_subject")).isEqualTo(r.key());
            assertThat(header(r, "content-type")).isEqualTo("application/json");
        }
        assertThat(sequencesByKey)
                .hasSize(10)
                .allSatisfy((key, seqs) -> assertThat(seqs).containsExactly("0", "1", "2"));
        ConsumerRecord<String, byte[]> first = records.stream()
                .filter(r -> "0".equals(header(r, "ce_sequence")))
                .findFirst()
                .orElseThrow();
        assertThat(header(first, "ce_type")).isEqualTo(EventTypes.typeOf(TicketOpened.class));
    }

    @Test
    void internalEventsStayInTheStore() {
        closeLater(Relays.start("svc", topic, database, engine, kafka, Duration.ofSeconds(5)));
        engine.appendEvents(new GenericDomainEventMessage<>("Ticket", "T-int", 0, "an internal note"));
        engine.appendEvents(Tickets.closedAt("T-int", 1));

        TopicReader reader = closeLater(new TopicReader(kafka, topic));
        List<ConsumerRecord<String, byte[]>> records = reader.readUntil(r -> !r.isEmpty(), Duration.ofSeconds(30));
        records = reader.readUntilQuiet(Duration.ofSeconds(1), Duration.ofSeconds(10));

        assertThat(records)
                .singleElement()
                .satisfies(r -> assertThat(header(r, "ce_sequence")).isEqualTo("1"));
    }

    @Test
    void eventsCommittedWhileNoRelayRanArePublishedByTheSweepWhenOneStarts() {
        for (int t = 0; t < 5; t++) {
            engine.appendEvents(Tickets.opened("T-left-" + t));
        }

        MongoEventStorageEngine restarted = Stores.engine(database);
        closeLater(Relays.start("svc", topic, database, restarted, kafka, Duration.ofSeconds(5)));

        TopicReader reader = closeLater(new TopicReader(kafka, topic));
        assertThat(reader.readUntil(r -> r.size() >= 5, Duration.ofSeconds(30))).hasSize(5);
    }

    @Test
    void theOutboxEmptiesOnceEveryAnnouncedEventIsOutAndItsGracePeriodHasPassed() {
        OutboxTiming shortGrace = new OutboxTiming(Duration.ofMillis(800));
        MongoEventStorageEngine quick = Stores.engine(database, shortGrace);
        closeLater(Relays.start("svc", topic, database, quick, kafka, Duration.ofSeconds(5), shortGrace));
        for (int t = 0; t < 30; t++) {
            quick.appendEvents(Tickets.opened("T-clear-" + t));
        }
        TopicReader reader = closeLater(new TopicReader(kafka, topic));
        reader.readUntil(r -> r.size() >= 30, Duration.ofSeconds(30));

        var outbox = database.getCollection(MongoEventStorageEngine.OUTBOX);
        await().atMost(Duration.ofSeconds(15)).until(() -> outbox.countDocuments() == 0);
        assertThat(journalDocuments())
                .as("the writers' journals are cleared with them (issue 19)")
                .isZero();

        // a later commit to a cleared aggregate is announced afresh and published
        quick.appendEvents(Tickets.closedAt("T-clear-0", 1));
        assertThat(reader.readUntil(r -> r.size() >= 31, Duration.ofSeconds(30)))
                .hasSize(31);
        assertThat(reader.readUntilQuiet(Duration.ofSeconds(1), Duration.ofSeconds(5)))
                .hasSize(31);
    }

    @Test
    void aRelayWhoseLeaseViewLapsedResumesInTheSameTermWithoutPublishingAgain_issue13_defect8() {
        MutableClock clock = new MutableClock(Instant.now());
        SimpleMeterRegistry meters = new SimpleMeterRegistry();
        OutboxTiming longGrace = new OutboxTiming(Duration.ofMinutes(5)); // the entries stay: old code re-sent them
        MongoEventStorageEngine store = Stores.engine(database, longGrace);
        // no background renewal within the test: the worker itself must notice the lapse and renew
        LeaseTiming timing = new LeaseTiming(Duration.ofSeconds(30), Duration.ofSeconds(10), Duration.ofSeconds(10));
        closeLater(Relays.start("svc", topic, database, store, kafka, timing, longGrace, clock, meters));
        for (int t = 0; t < 10; t++) {
            store.appendEvents(Tickets.opened("T-lapse-" + t));
        }
        TopicReader reader = closeLater(new TopicReader(kafka, topic));
        reader.readUntil(r -> r.size() >= 10, Duration.ofSeconds(30));

        clock.advance(
                Duration.ofSeconds(21)); // past the holder's view (20 s), within its term (30 s): a starved renewer
        await().atMost(Duration.ofSeconds(15)).until(() -> leaseChanges(meters, "resumed") == 1);
        store.appendEvents(Tickets.closedAt("T-lapse-0", 1));

        List<ConsumerRecord<String, byte[]>> records = reader.readUntil(r -> r.size() >= 11, Duration.ofSeconds(30));
        records = reader.readUntilQuiet(Duration.ofSeconds(2), Duration.ofSeconds(10));
        assertThat(records).as("nothing published twice").hasSize(11);
        assertThat(leaseChanges(meters, "lost"))
                .as("it renewed as soon as it noticed, before stopping")
                .isZero();
        assertThat(leaseChanges(meters, "acquired")).isEqualTo(1);
        assertThat(meters.get("propdesk.relay.republished")
                        .tag("topic", topic)
                        .counter()
                        .count())
                .isZero();
    }

    @Test
    void aCommitToAnAggregateANewHolderHasPublishedNothingOfIsPublishedAtOnce_issue19() {
        // Where a new holder's publication of an existing aggregate starts is known only from the writers' journals,
        // so its wake-up makes the relay sweep at once: the clock stands still here, as no sweep interval passes.
        // The writer stamps its journal by the test's clock too: stamped by the system clock, the entry stayed within
        // its grace period on the advanced clock whenever the lease took over a second to acquire (seen on CI).
        MutableClock clock = new MutableClock(Instant.now());
        MongoEventStorageEngine writer = Stores.engine(database, OutboxTiming.DEFAULT, FaultHook.NONE, clock);
        LeaseTiming timing = LeaseTiming.of(Duration.ofSeconds(3));
        EventRelay first =
                Relays.start("svc", topic, database, writer, kafka, timing, OutboxTiming.DEFAULT, clock, null);
        await().atMost(Duration.ofSeconds(10)).until(first::isLeader);
        writer.appendEvents(Tickets.opened("T-known"));
        TopicReader reader = closeLater(new TopicReader(kafka, topic));
        reader.readUntil(r -> r.size() >= 1, Duration.ofSeconds(30));
        clock.advance(OutboxTiming.DEFAULT.grace().plusSeconds(1));
        var outbox = database.getCollection(MongoEventStorageEngine.OUTBOX);
        await().atMost(Duration.ofSeconds(15)).until(() -> outbox.countDocuments() == 0 && journalDocuments() == 0);
        first.close();
        clock.advance(Duration.ofSeconds(5));
        MongoEventStorageEngine otherInstance = Stores.engine(database, OutboxTiming.DEFAULT, FaultHook.NONE, clock);
        EventRelay next = closeLater(
                Relays.start("svc", topic, database, otherInstance, kafka, timing, OutboxTiming.DEFAULT, clock, null));
        await().atMost(Duration.ofSeconds(10)).until(next::isLeader);
        await().pollDelay(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(2)).until(() -> true); // its first sweep

        otherInstance.appendEvents(Tickets.closedAt("T-known", 1));

        assertThat(reader.readUntil(r -> r.size() >= 2, Duration.ofSeconds(15)))
                .extracting(r -> header(r, "ce_sequence"))
                .containsExactly("0", "1");
    }

    @Test
    void eventsTheNextHolderSendsAgainAreCountedAsRepublished_issue13_defect8() {
        Instant clockMadeAt = Instant.now();
        MutableClock clock = new MutableClock(clockMadeAt);
        SimpleMeterRegistry firstMeters = new SimpleMeterRegistry();
        SimpleMeterRegistry nextMeters = new SimpleMeterRegistry();
        LeaseTiming timing = LeaseTiming.of(Duration.ofSeconds(3));
        EventRelay first =
                Relays.start("svc", topic, database, engine, kafka, timing, OutboxTiming.DEFAULT, clock, firstMeters);
        await().atMost(Duration.ofSeconds(10)).until(first::isLeader);
        for (int t = 0; t < 5; t++) {
            engine.appendEvents(Tickets.opened("T-again-" + t));
        }
        TopicReader reader = closeLater(new TopicReader(kafka, topic));
        reader.readUntil(r -> r.size() >= 5, Duration.ofSeconds(30));

        // The first holder stops well after it published; its outbox entries are still there (within their grace),
        // so the next holder, which cannot know what the first sent, sends them again from the outbox's `from`.
        // The events are stamped by the system clock: "well after" counts the real time that passed since the test's
        // clock was made (a slow lease acquisition on a busy machine), so it holds however long that took.
        clock.advance(Duration.ofSeconds(5).plus(Duration.between(clockMadeAt, Instant.now())));
        first.close();
        MongoEventStorageEngine otherInstance = Stores.engine(database);
        closeLater(Relays.start(
                "svc", topic, database, otherInstance, kafka, timing, OutboxTiming.DEFAULT, clock, nextMeters));

        List<ConsumerRecord<String, byte[]>> records = reader.readUntil(r -> r.size() >= 10, Duration.ofSeconds(30));
        assertThat(records).hasSize(10);
        assertThat(nextMeters
                        .get("propdesk.relay.republished")
                        .tag("topic", topic)
                        .counter()
                        .count())
                .isEqualTo(5);
        assertThat(firstMeters
                        .get("propdesk.relay.republished")
                        .tag("topic", topic)
                        .counter()
                        .count())
                .isZero();
        assertThat(nextMeters
                        .get("propdesk.relay.published")
                        .tag("topic", topic)
                        .counter()
                        .count())
                .isEqualTo(5);
    }

    @Test
    void aStandbyInstancesCommitAnnouncedBeforeItIsStoredIsStillPublished_issue13_defect8() {
        // The writer touches the outbox, then inserts its commit; a sweep in between finds nothing new in the store.
        // A writer that quick does not touch again, so the relay must not take that touch as caught up.
        closeLater(Relays.start("svc", topic, database, engine, kafka, Duration.ofSeconds(5)));
        MongoDatabase elsewhere = Stores.freshDatabase("relay_elsewhere");
        Stores.engine(elsewhere).appendEvents(Tickets.opened("T-race"));
        Document commit = elsewhere
                .getCollection(MongoEventStorageEngine.EVENTS)
                .find(MongoEventStorageEngine.commits())
                .first();
        // announced as a writer does (issue 19): its outbox entry, then its journal document naming the aggregate
        database.getCollection(MongoEventStorageEngine.OUTBOX)
                .insertOne(new Document("_id", "W-race")
                        .append("from", 0L)
                        .append("touch", "announced")
                        .append("at", new java.util.Date()));
        database.getCollection(MongoEventStorageEngine.EVENTS)
                .insertOne(new Document("_id", Outbox.JOURNAL_PREFIX + "W-race:0")
                        .append("announces", "T-race")
                        .append("from", 0L)
                        .append("at", new java.util.Date()));
        await().pollDelay(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(2)).until(() -> true); // a few sweeps

        database.getCollection(MongoEventStorageEngine.EVENTS).insertOne(commit);

        TopicReader reader = closeLater(new TopicReader(kafka, topic));
        assertThat(reader.readUntil(r -> !r.isEmpty(), Duration.ofSeconds(15)))
                .extracting(ConsumerRecord::key)
                .containsExactly("T-race");
    }

    @Test
    void aCommitAnnouncedByAReusedTouchIsPublishedBeforeTheRelayClearsTheEntryThoughItsWakeUpNeverCame_issue19() {
        // The writer's second commit reuses the touch the relay already caught up with through the first commit's
        // wake-up; the second wake-up never comes (the writer failed right after its insert). The relay must look
        // at the store before it clears that entry, or the stored commit never reaches Kafka.
        MutableClock clock = new MutableClock(Instant.now());
        AtomicBoolean failAfterInsert = new AtomicBoolean();
        MongoEventStorageEngine writer = Stores.engine(
                database,
                OutboxTiming.DEFAULT,
                point -> {
                    if (point == FaultPoint.AFTER_COMMIT_BEFORE_PUBLISH && failAfterInsert.get()) {
                        throw new IllegalStateException("the head hint write failed");
                    }
                },
                clock);
        EventRelay relay = relayOnTestClock(writer, clock, LONG_LEASE, FaultHook.NONE);
        await().atMost(Duration.ofSeconds(10)).until(relay::isLeader);
        writer.appendEvents(Tickets.opened("T-reused"));
        TopicReader reader = closeLater(new TopicReader(kafka, topic));
        reader.readUntil(r -> r.size() >= 1, Duration.ofSeconds(30));

        clock.advance(Duration.ofSeconds(1));
        failAfterInsert.set(true);
        assertThatThrownBy(() -> writer.appendEvents(Tickets.closedAt("T-reused", 1)))
                .hasMessageContaining("head hint");
        var outbox = database.getCollection(MongoEventStorageEngine.OUTBOX);
        assertThat(outbox.countDocuments()).isEqualTo(1);
        clock.advance(Duration.ofSeconds(1)); // a sweep within the grace period: the entry stays
        clock.advance(OutboxTiming.DEFAULT.grace()); // past the grace period: the sweep may clear it now

        await().atMost(Duration.ofSeconds(15)).until(() -> outbox.countDocuments() == 0);
        assertThat(journalDocuments()).isZero();
        List<ConsumerRecord<String, byte[]>> records =
                reader.readUntilQuiet(Duration.ofSeconds(1), Duration.ofSeconds(10));
        assertThat(records).extracting(r -> header(r, "ce_sequence")).containsExactly("0", "1");
    }

    @Test
    void timeThatPassesDuringASweepBringsTheNextSweepSoAnEntryPastItsGraceMeanwhileIsCleared_issue19() {
        // The sweep that publishes the commit is slow: the grace period runs out while it runs. It could clear
        // nothing (the entry was young at the instant it judged from); the next sweep must come at once, not one
        // interval after the sweep's end, or with a clock that then stands still the entry is never cleared.
        MutableClock clock = new MutableClock(Instant.now());
        MongoEventStorageEngine writer = Stores.engine(database, OutboxTiming.DEFAULT, FaultHook.NONE, clock);
        writer.appendEvents(Tickets.opened("T-slow")); // before the relay listens: no wake-up, the sweep finds it
        AtomicBoolean once = new AtomicBoolean();
        relayOnTestClock(writer, clock, LONG_LEASE, pastGraceOnceItPublished(clock, once));
        var outbox = database.getCollection(MongoEventStorageEngine.OUTBOX);

        await().atMost(Duration.ofSeconds(15)).until(() -> outbox.countDocuments() == 0);
        assertThat(once).isTrue();
        assertThat(journalDocuments()).isZero();
        assertThat(sequencesOnTheTopic()).containsExactly("0");
    }

    @Test
    void aSweepCutShortByALapsedLeaseViewIsOwedSoTheEntryIsClearedOnceTheLeaseIsRenewed_issue19() {
        // Seen on CI: the clock moved past the lease's view and the grace period while the relay published a wake-up;
        // the sweep that followed stopped at once (the view had lapsed) yet counted as done, so with the clock then
        // standing still no sweep came again and the entry stayed. Here the move is made at that very instant.
        MutableClock clock = new MutableClock(Instant.now());
        MongoEventStorageEngine writer = Stores.engine(database, OutboxTiming.DEFAULT, FaultHook.NONE, clock);
        AtomicBoolean once = new AtomicBoolean();
        EventRelay relay = relayOnTestClock(
                writer, clock, LeaseTiming.of(Duration.ofSeconds(3)), pastGraceOnceItPublished(clock, once));
        await().atMost(Duration.ofSeconds(10)).until(relay::isLeader);
        writer.appendEvents(Tickets.opened("T-cut"));

        var outbox = database.getCollection(MongoEventStorageEngine.OUTBOX);
        await().atMost(Duration.ofSeconds(15)).until(() -> outbox.countDocuments() == 0 && journalDocuments() == 0);
        assertThat(once).isTrue();
        assertThat(sequencesOnTheTopic()).containsExactly("0");
    }

    @Test
    void commitsOfTwoInstancesInterleavedWithReusedTouchesAreAllPublished_issue19() {
        // Instance A touches, the standby instance B touches the same aggregate, A's next commit reuses its own
        // touch (the entry carries B's token): the leader's sweep publishes all three, and only then clears.
        MutableClock clock = new MutableClock(Instant.now());
        MongoEventStorageEngine a = Stores.engine(database, OutboxTiming.DEFAULT, FaultHook.NONE, clock);
        MongoEventStorageEngine b = Stores.engine(database, OutboxTiming.DEFAULT, FaultHook.NONE, clock);
        EventRelay relay = relayOnTestClock(a, clock, LONG_LEASE, FaultHook.NONE);
        await().atMost(Duration.ofSeconds(10)).until(relay::isLeader);
        a.appendEvents(Tickets.opened("T-two"));
        clock.advance(Duration.ofSeconds(1));
        b.appendEvents(Tickets.closedAt("T-two", 1));
        clock.advance(Duration.ofSeconds(1));
        a.appendEvents(Tickets.closedAt("T-two", 2));
        clock.advance(OutboxTiming.DEFAULT.grace());

        var outbox = database.getCollection(MongoEventStorageEngine.OUTBOX);
        await().atMost(Duration.ofSeconds(15)).until(() -> outbox.countDocuments() == 0);
        TopicReader reader = closeLater(new TopicReader(kafka, topic));
        reader.readUntil(r -> r.size() >= 3, Duration.ofSeconds(30));
        List<ConsumerRecord<String, byte[]>> records =
                reader.readUntilQuiet(Duration.ofSeconds(1), Duration.ofSeconds(10));
        assertThat(records).extracting(r -> header(r, "ce_sequence")).containsExactly("0", "1", "2");
    }

    /** A relay judging by {@code clock}, started on {@code lease}. */
    private EventRelay relayOnTestClock(
            MongoEventStorageEngine store, MutableClock clock, LeaseTiming lease, FaultHook faultHook) {
        return closeLater(Relays.start(
                "svc", topic, database, store, kafka, lease, OutboxTiming.DEFAULT, clock, null, faultHook));
    }

    /** Moves {@code clock} past the grace period the first time the relay has published something. */
    private static FaultHook pastGraceOnceItPublished(MutableClock clock, AtomicBoolean once) {
        return point -> {
            if (point == FaultPoint.AFTER_PUBLISH_BEFORE_CLEAR && once.compareAndSet(false, true)) {
                clock.advance(OutboxTiming.DEFAULT.grace().plusSeconds(1));
            }
        };
    }

    /** The {@code ce_sequence} of every record on the topic, once it has been quiet for a second. */
    private List<String> sequencesOnTheTopic() {
        TopicReader reader = closeLater(new TopicReader(kafka, topic));
        return reader.readUntilQuiet(Duration.ofSeconds(1), Duration.ofSeconds(10)).stream()
                .map(r -> header(r, "ce_sequence"))
                .toList();
    }

    private static double leaseChanges(SimpleMeterRegistry meters, String change) {
        var counter = meters.find("propdesk.relay.lease.changes")
                .tag("change", change)
                .counter();
        return counter == null ? 0 : counter.count();
    }

    @Test
    void onlyOneRelayPerServicePublishesAndAnotherTakesOverWhenItStops() {
        EventRelay first = Relays.start("svc", topic, database, engine, kafka, Duration.ofSeconds(2));
        await().atMost(Duration.ofSeconds(10)).until(first::isLeader);
        MongoEventStorageEngine otherInstance = Stores.engine(database);
        EventRelay second =
                closeLater(Relays.start("svc", topic, database, otherInstance, kafka, Duration.ofSeconds(2)));
        await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(5)).until(() -> !second.isLeader());

        // the standby instance's commits are published by the leader's sweep
        otherInstance.appendEvents(Tickets.opened("T-other"));
        TopicReader reader = closeLater(new TopicReader(kafka, topic));
        reader.readUntil(r -> r.size() >= 1, Duration.ofSeconds(30));

        first.close();
        await().atMost(Duration.ofSeconds(15)).until(second::isLeader);
        otherInstance.appendEvents(Tickets.opened("T-after-handover"));
        assertThat(reader.readUntil(
                        r -> r.stream().anyMatch(x -> x.key().equals("T-after-handover")), Duration.ofSeconds(30)))
                .extracting(ConsumerRecord::key)
                .contains("T-other", "T-after-handover");
    }

    /** The writers' journal documents still in the store (issue 19: cleared with their writers' outbox entries). */
    private long journalDocuments() {
        return database.getCollection(MongoEventStorageEngine.EVENTS).countDocuments(Outbox.journal());
    }
}
