package io.propdesk.platform.eventstore;

import static io.propdesk.platform.eventstore.TestEvents.commit;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import com.mongodb.client.MongoDatabase;
import io.propdesk.platform.testing.CountedCommands;
import io.propdesk.platform.testing.MutableClock;
import io.propdesk.platform.testing.Stores;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.axonframework.modelling.command.ConcurrencyException;
import org.bson.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Issue 19: a commit is announced in its own insert command by a journal document of its writer, or by the writer's
 * journal document for the aggregate of a moment ago (docs/architecture.md, event store, rule 1), and announced again
 * after a slow insert (rule 3); the writer's outbox entry is written once per quarter of the grace period, not per
 * aggregate. Writes are counted as the driver sends them; time is a MutableClock.
 */
class OutboxReuseIT {

    private static final Instant T0 = Instant.parse("2026-12-02T10:00:00Z");

    private final CountedCommands commands = new CountedCommands();
    private final MutableClock clock = new MutableClock(T0);
    private final List<StoredCommit> told = new CopyOnWriteArrayList<>();
    /** Runs after the announcement is settled and before the insert: an insert that takes that long, by the clock. */
    private volatile Runnable duringInsert = () -> {};

    private MongoDatabase database;
    private MongoEventStorageEngine engine;

    @BeforeEach
    void freshStore() {
        database = commands.database("reuse_" + UUID.randomUUID().toString().substring(0, 8));
        engine = writer();
        engine.addCommitListener(told::add);
    }

    @AfterEach
    void close() {
        commands.close();
    }

    /** A writer process of its own (its own journal and memory) on the same store and clock. */
    private MongoEventStorageEngine writer() {
        FaultHook hook = point -> {
            if (point == FaultPoint.AFTER_OUTBOX_BEFORE_COMMIT) {
                duringInsert.run();
            }
        };
        return Stores.engine(database, OutboxTiming.DEFAULT, hook, clock);
    }

    /** The writers' outbox entries. */
    private List<Document> writers() {
        return database.getCollection(Outbox.COLLECTION).find().into(new ArrayList<>());
    }

    /** Every journal document, in the order of their ids. */
    private List<Document> journal() {
        return database.getCollection(MongoEventStorageEngine.EVENTS)
                .find(Outbox.journal())
                .sort(new Document("at", 1).append("_id", 1))
                .into(new ArrayList<>());
    }

    private long outboxUpdates() {
        return commands.count(Outbox.COLLECTION, "update");
    }

    private long insertCommands() {
        return commands.count(MongoEventStorageEngine.EVENTS, "insert");
    }

    @Test
    void aCommitAndTheJournalDocumentThatAnnouncesItAreOneInsertCommand_issue19() {
        engine.appendEvents(commit("a-1", 0, 2));
        engine.appendEvents(commit("a-2", 0, 1));
        clock.advance(Duration.ofMillis(4_999));
        engine.appendEvents(commit("a-3", 0, 1));

        assertThat(insertCommands())
                .as("one insert command per commit, its announcement in it")
                .isEqualTo(3);
        assertThat(outboxUpdates())
                .as("the writer's outbox entry once for the three aggregates, not once per aggregate")
                .isEqualTo(1);
        Document writer = writers().get(0);
        assertThat(writer.get("from", Number.class).longValue()).isZero();
        assertThat(journal())
                .extracting(d -> d.getString("_id"), d -> d.getString("announces"), d -> d.get("from"))
                .containsExactly(
                        tuple(Outbox.JOURNAL_PREFIX + writer.getString("_id") + ":0", "a-1", 0L),
                        tuple(Outbox.JOURNAL_PREFIX + writer.getString("_id") + ":1", "a-2", 0L),
                        tuple(Outbox.JOURNAL_PREFIX + writer.getString("_id") + ":2", "a-3", 0L));
        assertThat(told)
                .extracting(StoredCommit::outboxTouch)
                .containsExactlyElementsOf(
                        journal().stream().map(d -> d.getString("_id")).toList());
    }

    @Test
    void commitsWithinAQuarterOfTheGraceOfTheAggregatesLastJournalDocumentAreAnnouncedByIt_issue19() {
        engine.appendEvents(commit("r-1", 0, 1));
        clock.advance(Duration.ofSeconds(2));
        engine.appendEvents(commit("r-1", 1, 2));
        clock.advance(Duration.ofMillis(2_999)); // 4.999 s after it: the reuse window (G/4 = 5 s) still open
        engine.appendEvents(commit("r-1", 3, 1));

        assertThat(insertCommands()).isEqualTo(3);
        assertThat(journal()).singleElement().satisfies(j -> {
            assertThat(j.get("from", Number.class).longValue()).isZero();
            assertThat(j.getDate("at").toInstant()).isEqualTo(T0);
        });
        assertThat(told)
                .extracting(StoredCommit::outboxTouch)
                .containsOnly(journal().get(0).getString("_id"));
    }

    @Test
    void anAnnouncementAsOldAsTheReuseWindowIsMadeAfresh_issue19() {
        engine.appendEvents(commit("r-2", 0, 1));
        clock.advance(OutboxTiming.DEFAULT.reuseWithin());
        engine.appendEvents(commit("r-2", 1, 1));

        assertThat(journal()).hasSize(2);
        assertThat(journal().get(1).get("from", Number.class).longValue()).isEqualTo(1);
        assertThat(outboxUpdates())
                .as("the writer's entry is as old: touched again")
                .isEqualTo(2);
        assertThat(writers().get(0).getDate("at").toInstant()).isEqualTo(T0.plus(OutboxTiming.DEFAULT.reuseWithin()));
        assertThat(told.get(1).outboxTouch())
                .isEqualTo(journal().get(1).getString("_id"))
                .isNotEqualTo(told.get(0).outboxTouch());
    }

    @Test
    void aCommitBelowTheRememberedFromOrBeforeItsTimeIsAnnouncedAfresh_issue19() {
        engine.appendEvents(commit("r-3", 5, 1));
        engine.appendEvents(commit("r-3", 3, 1)); // a stale load on another thread: announced from 5 only
        assertThat(journal()).extracting(j -> j.get("from")).containsExactly(5L, 3L);

        clock.set(T0.minusSeconds(1)); // the clock stepped back: the remembered announcement is in its future
        engine.appendEvents(commit("r-3", 6, 1));
        assertThat(journal()).hasSize(3);
    }

    @Test
    void aSlowInsertIsAnnouncedAgainAfterIt_issue19() {
        engine.appendEvents(commit("r-4", 0, 1));
        clock.advance(Duration.ofSeconds(4)); // reuse window still open
        duringInsert = () -> clock.advance(Duration.ofSeconds(7)); // the insert ends 11 s after it: > G/2
        engine.appendEvents(commit("r-4", 1, 1));

        assertThat(journal())
                .as("the first announcement, then the one made after the slow insert")
                .hasSize(2);
        Document fresh = journal().get(1);
        assertThat(fresh.getDate("at").toInstant()).isEqualTo(T0.plusSeconds(11));
        assertThat(fresh.get("from", Number.class).longValue()).isEqualTo(1);
        assertThat(told.get(1).outboxTouch())
                .as("the relay is told the announcement made after the insert")
                .isEqualTo(fresh.getString("_id"));
        assertThat(writers().get(0).getDate("at").toInstant())
                .as("and the writer's entry, older than G/4 by then, was touched again before it")
                .isEqualTo(T0.plusSeconds(11));

        // and that fresh announcement is the one the next quick commit reuses
        duringInsert = () -> {};
        clock.advance(Duration.ofSeconds(1));
        engine.appendEvents(commit("r-4", 2, 1));
        assertThat(journal()).hasSize(2);
        assertThat(told.get(2).outboxTouch()).isEqualTo(fresh.getString("_id"));
    }

    @Test
    void aSlowInsertWithItsOwnJournalDocumentTouchesTheWritersEntryAgain_issue19() {
        duringInsert = () -> clock.advance(Duration.ofSeconds(11)); // > G/2 after the entry's touch and the document
        engine.appendEvents(commit("r-8", 0, 1));

        assertThat(outboxUpdates())
                .as("the entry before the insert, and again after it")
                .isEqualTo(2);
        assertThat(writers().get(0).getDate("at").toInstant()).isEqualTo(T0.plusSeconds(11));
        assertThat(writers().get(0).get("from", Number.class).longValue()).isZero();
        assertThat(journal()).extracting(j -> j.getDate("at").toInstant()).containsExactly(T0, T0.plusSeconds(11));
    }

    @Test
    void aRefusedCommitLeavesNoGapInTheJournal_issue19() {
        MongoEventStorageEngine other = writer();
        engine.appendEvents(commit("r-6", 0, 1));
        other.appendEvents(commit("r-6", 1, 1));
        clock.advance(Duration.ofSeconds(1));
        engine.appendEvents(commit("r-9", 0, 1));
        // a writer that loaded r-6 before the other's commit: the conflict, with a journal document of its own
        clock.advance(OutboxTiming.DEFAULT.reuseWithin());
        assertThatThrownBy(() -> engine.appendEvents(commit("r-6", 1, 2))).isInstanceOf(ConcurrencyException.class);
        engine.appendEvents(commit("r-9", 1, 1));

        String writer =
                told.get(0).outboxTouch().substring(0, told.get(0).outboxTouch().lastIndexOf(':'));
        assertThat(journal())
                .filteredOn(j -> j.getString("_id").startsWith(writer + ":"))
                .extracting(j -> j.getString("_id").substring(writer.length() + 1))
                .as("numbered without a gap: the refused commit's document was stored before its commit was refused")
                .containsExactly("0", "1", "2", "3");
        assertThat(database.getCollection(MongoEventStorageEngine.EVENTS)
                        .countDocuments(MongoEventStorageEngine.commits()))
                .isEqualTo(4);
    }

    @Test
    void aRestartedWriterHasAJournalOfItsOwn_issue19() {
        engine.appendEvents(commit("r-7", 0, 1));
        clock.advance(Duration.ofSeconds(1));
        writer().appendEvents(commit("r-7", 1, 1));

        assertThat(writers()).hasSize(2);
        assertThat(journal())
                .extracting(j -> j.getString("_id").substring(j.getString("_id").lastIndexOf(':') + 1))
                .containsExactly("0", "0");
    }
}
