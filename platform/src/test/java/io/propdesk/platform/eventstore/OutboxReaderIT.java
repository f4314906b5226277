package io.propdesk.platform.eventstore;

import static io.propdesk.platform.eventstore.TestEvents.commit;
import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.client.MongoDatabase;
import io.propdesk.platform.testing.MutableClock;
import io.propdesk.platform.testing.Stores;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import org.bson.Document;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Issue 19: the relay's side of the outbox. It finds every writer by its outbox entry and reads the writer's journal
 * from the lowest number that may be live up to the first one not stored; it clears a journal only as a prefix, raising
 * the writer's {@code from} first, and the writer's entry only once nothing of its journal is left and the entry is past
 * the grace period (docs/architecture.md, event store, rule 2).
 */
class OutboxReaderIT {

    private static final Instant T0 = Instant.parse("2026-12-02T10:00:00Z");

    private final MutableClock clock = new MutableClock(T0);
    private MongoDatabase database;
    private Outbox outbox;
    private MongoEventStorageEngine engine;

    @BeforeEach
    void freshStore() {
        database = Stores.freshDatabase("outbox_reader");
        outbox = new Outbox(database, OutboxTiming.DEFAULT, clock);
        engine = MongoEventStorageEngine.builder()
                .database(database)
                .eventSerializer(Stores.serializer())
                .snapshotSerializer(Stores.serializer())
                .outbox(outbox)
                .build();
    }

    private Document writerEntry() {
        return database.getCollection(Outbox.COLLECTION).find().first();
    }

    private List<String> journalIds() {
        List<String> ids = new ArrayList<>();
        database.getCollection(MongoEventStorageEngine.EVENTS)
                .find(Outbox.journal())
                .forEach(d -> ids.add(d.getString("_id")));
        return ids.stream().sorted().toList();
    }

    @Test
    void theRelayReadsTheJournalInOrderAndClearsOnlyAPrefixOfIt_issue19() {
        for (int i = 0; i < 5; i++) {
            engine.appendEvents(commit("p-" + i, 0, 1));
            clock.advance(Duration.ofSeconds(1));
        }
        Outbox.Reader reader = outbox.reader();
        List<Outbox.Entry> entries = reader.entries();
        assertThat(entries).extracting(Outbox.Entry::aggregateId).containsExactly("p-0", "p-1", "p-2", "p-3", "p-4");

        // p-3 is not clearable yet: p-4 waits behind it even though it is
        List<Outbox.Entry> clearable = List.of(entries.get(0), entries.get(1), entries.get(2), entries.get(4));
        List<String> cleared = reader.clear(clearable, clock.instant().plus(OutboxTiming.DEFAULT.grace()));

        assertThat(cleared)
                .containsExactly(
                        entries.get(0).touch(),
                        entries.get(1).touch(),
                        entries.get(2).touch());
        assertThat(journalIds())
                .containsExactly(entries.get(3).touch(), entries.get(4).touch());
        assertThat(writerEntry().get("from", Number.class).longValue())
                .as("three cleared numbers are not worth a write")
                .isZero();
        assertThat(outbox.reader().entries())
                .as("a relay of a new term reads from the writer's from, past the cleared numbers below the first live")
                .extracting(Outbox.Entry::aggregateId)
                .containsExactly("p-3", "p-4");
    }

    @Test
    void aWritersFromIsRaisedOnceHalfAReadsWorthOfClearedNumbersLieBelowIt_issue19() {
        int n = Outbox.RAISE_FROM_AFTER + 1;
        for (int i = 0; i < n; i++) {
            engine.appendEvents(commit("m-" + i, 0, 1));
        }
        Outbox.Reader reader = outbox.reader();
        List<Outbox.Entry> entries = reader.entries();
        assertThat(entries).hasSize(n);

        reader.clear(
                entries.subList(0, n - 1),
                clock.instant().plus(OutboxTiming.DEFAULT.grace()).plusSeconds(1));

        assertThat(writerEntry().get("from", Number.class).longValue()).isEqualTo(n - 1);
        assertThat(journalIds()).containsExactly(entries.get(n - 1).touch());
        assertThat(outbox.reader().entries())
                .extracting(Outbox.Entry::aggregateId)
                .containsExactly("m-" + (n - 1));
    }

    @Test
    void aWritersEntryGoesOnlyWhenItsJournalIsClearedAndItIsPastTheGracePeriod_issue19() {
        engine.appendEvents(commit("q-0", 0, 1));
        Outbox.Reader reader = outbox.reader();
        List<Outbox.Entry> entries = reader.entries();

        reader.clear(entries, T0.plus(OutboxTiming.DEFAULT.grace())); // exactly as old as the grace: not past it
        assertThat(journalIds()).isEmpty();
        assertThat(writerEntry()).as("kept while not past the grace period").isNotNull();

        // the writer writes again, reusing its entry's touch; the reader has read nothing of it yet
        clock.advance(Duration.ofSeconds(1));
        engine.appendEvents(commit("q-1", 0, 1));
        reader.clear(List.of(), T0.plus(OutboxTiming.DEFAULT.grace()).plusSeconds(1));
        assertThat(writerEntry())
                .as("the reader had not read to the end of the journal: the entry stays")
                .isNotNull();

        List<Outbox.Entry> next = reader.entries();
        assertThat(next).extracting(Outbox.Entry::aggregateId).containsExactly("q-1");
        reader.clear(next, T0.plus(OutboxTiming.DEFAULT.grace()).plusSeconds(2));
        assertThat(writerEntry()).isNull();
        assertThat(journalIds()).isEmpty();

        // a writer that writes again afterwards announces its journal afresh, from where it goes on
        clock.advance(OutboxTiming.DEFAULT.grace());
        engine.appendEvents(commit("q-2", 0, 1));
        assertThat(writerEntry().get("from", Number.class).longValue()).isEqualTo(2);
        assertThat(outbox.reader().entries())
                .extracting(Outbox.Entry::aggregateId)
                .containsExactly("q-2");
    }

    @Test
    void aRelayOfANewTermDeletesClearedDocumentsLeftBelowAWritersFrom_issue19() {
        engine.appendEvents(commit("s-0", 0, 1));
        engine.appendEvents(commit("s-1", 0, 1));
        String writer = writerEntry().getString("_id");
        // a relay that raised from past both and stopped before it deleted them
        database.getCollection(Outbox.COLLECTION)
                .updateOne(new Document("_id", writer), new Document("$max", new Document("from", 2L)));

        assertThat(outbox.reader().entries()).isEmpty();
        assertThat(journalIds()).isEmpty();
    }

    @Test
    void aNumberFilledAfterAnInsertOfUnknownOutcomeAnnouncesNothingAndIsCleared_issue19() {
        engine.appendEvents(commit("u-0", 0, 1));
        String writer = writerEntry().getString("_id");
        database.getCollection(MongoEventStorageEngine.EVENTS)
                .insertOne(new Document("_id", Outbox.JOURNAL_PREFIX + writer + ":1").append("at", Date.from(T0)));

        Outbox.Reader reader = outbox.reader();
        List<Outbox.Entry> entries = reader.entries();
        assertThat(entries).extracting(Outbox.Entry::aggregateId).containsExactly("u-0", null);
        reader.clear(entries, T0.plus(OutboxTiming.DEFAULT.grace()).plusSeconds(1));
        assertThat(journalIds()).isEmpty();
        assertThat(writerEntry()).isNull();
    }
}
