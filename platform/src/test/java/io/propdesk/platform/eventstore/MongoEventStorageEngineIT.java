package io.propdesk.platform.eventstore;

import static io.propdesk.platform.eventstore.TestEvents.commit;
import static io.propdesk.platform.eventstore.TestEvents.counted;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.mongodb.client.MongoDatabase;
import io.propdesk.platform.testing.Stores;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventsourcing.eventstore.DomainEventStream;
import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;
import org.axonframework.modelling.command.AggregateStreamCreationException;
import org.axonframework.modelling.command.ConcurrencyException;
import org.bson.Document;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The event store on the real MongoDB driver against the MongoDB-wire server (delivery guarantee 1). */
class MongoEventStorageEngineIT {

    private MongoDatabase database;
    private MongoEventStorageEngine engine;

    @BeforeEach
    void freshStore() {
        database = Stores.freshDatabase("engine");
        engine = Stores.engine(database);
    }

    private List<Long> sequences(DomainEventStream stream) {
        List<Long> seqs = new ArrayList<>();
        stream.asStream().forEach(e -> seqs.add(e.getSequenceNumber()));
        return seqs;
    }

    @Test
    void aCommitIsOneDocumentHoldingAllItsEvents() {
        engine.appendEvents(commit("c-1", 0, 3));

        assertThat(database.getCollection(MongoEventStorageEngine.EVENTS)
                        .countDocuments(MongoEventStorageEngine.commits()))
                .isEqualTo(1);
        Document stored = database.getCollection(MongoEventStorageEngine.EVENTS)
                .find(MongoEventStorageEngine.commits())
                .first();
        assertThat(stored.getString("_id")).isEqualTo("c-1:0");
        assertThat(stored.getList("events", Document.class)).hasSize(3);
        assertThat(sequences(engine.readEvents("c-1", 0))).containsExactly(0L, 1L, 2L);
    }

    @Test
    void aConflictingCommitStoresNoneOfItsEvents() {
        engine.appendEvents(commit("c-2", 0, 2));
        engine.appendEvents(commit("c-2", 2, 1));

        // a writer that loaded only up to sequence 1 appends three events starting at 2: all or nothing
        assertThatThrownBy(() -> engine.appendEvents(commit("c-2", 2, 3))).isInstanceOf(ConcurrencyException.class);

        assertThat(sequences(engine.readEvents("c-2", 0))).containsExactly(0L, 1L, 2L);
        assertThat(database.getCollection(MongoEventStorageEngine.EVENTS)
                        .countDocuments(MongoEventStorageEngine.commits()))
                .isEqualTo(2);
    }

    @Test
    void creatingAnAggregateThatExistsIsAStreamCreationConflict() {
        engine.appendEvents(commit("c-3", 0, 1));

        assertThatThrownBy(() -> engine.appendEvents(commit("c-3", 0, 1)))
                .isInstanceOf(AggregateStreamCreationException.class);
    }

    @Test
    void twoThreadsAppendingTheSameNextEventEndInOneSuccessAndOneConflict() throws Exception {
        engine.appendEvents(commit("c-4", 0, 5));
        CyclicBarrier bothReady = new CyclicBarrier(2);
        Callable<String> writer = () -> {
            bothReady.await();
            try {
                engine.appendEvents(commit("c-4", 5, 2));
                return "ok";
            } catch (ConcurrencyException e) {
                return "conflict";
            }
        };
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            Future<String> a = pool.submit(writer);
            Future<String> b = pool.submit(writer);
            assertThat(List.of(a.get(), b.get())).containsExactlyInAnyOrder("ok", "conflict");
        } finally {
            pool.shutdown();
        }
        assertThat(sequences(engine.readEvents("c-4", 0))).containsExactly(0L, 1L, 2L, 3L, 4L, 5L, 6L);
    }

    @Test
    void anAggregateWithFiveThousandEventsLoadsFromItsSnapshotAndTail() {
        Random random = new Random(42);
        long next = 0;
        while (next < 5_000) {
            int size = (int) Math.min(1 + random.nextInt(3), 5_000 - next);
            engine.appendEvents(commit("big", next, size));
            next += size;
        }
        assertThat(sequences(engine.readEvents("big", 0)))
                .hasSize(5_000)
                .isSortedAccordingTo(Long::compare)
                .startsWith(0L)
                .endsWith(4_999L);

        long snapshotAt = 4_000;
        engine.storeSnapshot(TestEvents.snapshot("big", snapshotAt));
        EmbeddedEventStore store =
                EmbeddedEventStore.builder().storageEngine(engine).build();
        try {
            DomainEventStream loaded = store.readEvents("big");
            DomainEventMessage<?> first = loaded.next();
            assertThat(first.getSequenceNumber()).isEqualTo(snapshotAt);
            assertThat(first.getPayload()).isEqualTo(new TestEvents.Counted("big", snapshotAt));
            List<Long> tail = sequences(loaded);
            assertThat(tail).hasSize(999).startsWith(4_001L).endsWith(4_999L).isSortedAccordingTo(Long::compare);
        } finally {
            store.shutDown();
        }
    }

    @Test
    void readingFromInsideACommitReturnsOnlyTheRequestedTail() {
        engine.appendEvents(commit("c-5", 0, 4));
        engine.appendEvents(commit("c-5", 4, 4));

        assertThat(sequences(engine.readEvents("c-5", 6))).containsExactly(6L, 7L);
        assertThat(sequences(engine.readEvents("c-5", 2))).containsExactly(2L, 3L, 4L, 5L, 6L, 7L);
        assertThat(engine.lastSequenceNumberFor("c-5")).contains(7L);
        assertThat(engine.lastSequenceNumberFor("unknown")).isEmpty();
    }

    @Test
    void streamsLongerThanTheFirstProbeWindowLoadWhole() {
        // commits straddling the growing probe windows (8, 16, 32, 64 ids): single events, then a 10-event commit
        for (long seq = 0; seq < 7; seq++) {
            engine.appendEvents(List.of(counted("c-7", seq)));
        }
        engine.appendEvents(commit("c-7", 7, 10));
        for (long seq = 17; seq < 60; seq++) {
            engine.appendEvents(List.of(counted("c-7", seq)));
        }
        List<Long> all = new ArrayList<>();
        for (long seq = 0; seq < 60; seq++) {
            all.add(seq);
        }

        assertThat(sequences(engine.readEvents("c-7", 0))).containsExactlyElementsOf(all);
        assertThat(sequences(engine.readEvents("c-7", 12))).containsExactlyElementsOf(all.subList(12, 60));
        assertThat(engine.lastSequenceNumberFor("c-7")).contains(59L);
    }

    @Test
    void theHeadHintIsOnlyAHintALostUpdateLosesNoEvents() {
        for (long seq = 0; seq < 200; seq++) {
            engine.appendEvents(List.of(counted("c-6", seq)));
        }
        database.getCollection(MongoEventStorageEngine.HEADS).deleteMany(new Document());

        assertThat(sequences(engine.readEvents("c-6", 0))).hasSize(200).endsWith(199L);
    }

    @Test
    void everyCommitIsAnnouncedInItsOwnInsertByAJournalDocumentOfAWriterTheOutboxNames_issue19() {
        List<StoredCommit> told = new ArrayList<>();
        engine.addCommitListener(told::add);

        engine.appendEvents(commit("c-7", 0, 2));

        Document writer =
                database.getCollection(MongoEventStorageEngine.OUTBOX).find().first();
        assertThat(writer.get("from", Number.class).longValue()).isZero();
        Document journal = database.getCollection(MongoEventStorageEngine.EVENTS)
                .find(new Document("_id", Outbox.JOURNAL_PREFIX + writer.getString("_id") + ":0"))
                .first();
        assertThat(journal.getString("announces")).isEqualTo("c-7");
        assertThat(journal.get("from", Number.class).longValue()).isZero();
        assertThat(told).singleElement().satisfies(c -> {
            assertThat(c.firstSequence()).isZero();
            assertThat(c.lastSequence()).isEqualTo(1);
            assertThat(c.outboxTouch()).isEqualTo(journal.getString("_id"));
        });
    }
}
