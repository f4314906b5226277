package io.propdesk.platform.eventstore;

import static io.propdesk.platform.eventstore.TestEvents.commit;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.mongodb.client.MongoDatabase;
import io.propdesk.platform.testing.CountedCommands;
import io.propdesk.platform.testing.MutableClock;
import io.propdesk.platform.testing.Stores;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.axonframework.modelling.command.ConcurrencyException;
import org.bson.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Issue 19: a writer announces a commit with its own outbox touch of a moment ago instead of writing a new one
 * (docs/architecture.md, event store, rule 1), and still touches again after a slow insert (rule 3). Writes are counted
 * as the driver sends them; time is a MutableClock.
 */
class OutboxReuseIT {

    private static final Instant T0 = Instant.parse("2026-12-02T10:00:00Z");

    private final CountedCommands commands = new CountedCommands();
    private final MutableClock clock = new MutableClock(T0);
    private final List<StoredCommit> told = new CopyOnWriteArrayList<>();
    /** Runs between the outbox touch and the commit insert: an insert that takes that long, by the clock. */
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

    /** A writer process of its own (its own outbox memory) on the same store and clock. */
    private MongoEventStorageEngine writer() {
        FaultHook hook = point -> {
            if (point == FaultPoint.AFTER_OUTBOX_BEFORE_COMMIT) {
                duringInsert.run();
            }
        };
        return Stores.engine(database, OutboxTiming.DEFAULT, hook, clock);
    }

    private Document entry(String aggregateId) {
        return database.getCollection(Outbox.COLLECTION)
                .find(new Document("_id", aggregateId))
                .first();
    }

    private long outboxUpdates() {
        return commands.count(Outbox.COLLECTION, "update");
    }

    @Test
    void commitsWithinAQuarterOfTheGraceOfTheWritersLastTouchWriteNoOutboxUpdate_issue19() {
        engine.appendEvents(commit("r-1", 0, 1));
        clock.advance(Duration.ofSeconds(2));
        engine.appendEvents(commit("r-1", 1, 2));
        clock.advance(Duration.ofMillis(2_999)); // 4.999 s after the touch: the reuse window (G/4 = 5 s) still open
        engine.appendEvents(commit("r-1", 3, 1));

        assertThat(commands.count(MongoEventStorageEngine.EVENTS, "insert")).isEqualTo(3);
        assertThat(outboxUpdates()).as("one touch announced all three commits").isEqualTo(1);
        Document entry = entry("r-1");
        assertThat(entry.get("from", Number.class).longValue()).isZero();
        assertThat(entry.getDate("at").toInstant()).isEqualTo(T0);
        assertThat(told).extracting(StoredCommit::outboxTouch).containsOnly(entry.getString("touch"));
    }

    @Test
    void aTouchAsOldAsTheReuseWindowIsRenewed_issue19() {
        engine.appendEvents(commit("r-2", 0, 1));
        clock.advance(OutboxTiming.DEFAULT.reuseWithin());
        engine.appendEvents(commit("r-2", 1, 1));

        assertThat(outboxUpdates()).isEqualTo(2);
        Document entry = entry("r-2");
        assertThat(entry.get("from", Number.class).longValue()).isZero();
        assertThat(entry.getDate("at").toInstant()).isEqualTo(T0.plus(OutboxTiming.DEFAULT.reuseWithin()));
        assertThat(told.get(1).outboxTouch())
                .isEqualTo(entry.getString("touch"))
                .isNotEqualTo(told.get(0).outboxTouch());
    }

    @Test
    void aCommitBelowTheRememberedTouchsFromOrBeforeItsTimeTouchesAfresh_issue19() {
        engine.appendEvents(commit("r-3", 5, 1));
        engine.appendEvents(commit("r-3", 3, 1)); // a stale load on another thread: the touch announced from 5 only
        assertThat(outboxUpdates()).isEqualTo(2);
        assertThat(entry("r-3").get("from", Number.class).longValue()).isEqualTo(3);

        clock.set(T0.minusSeconds(1)); // the clock stepped back: the remembered touch is in its future
        engine.appendEvents(commit("r-3", 6, 1));
        assertThat(outboxUpdates()).isEqualTo(3);
    }

    @Test
    void aSlowInsertAfterAReusedTouchStillTouchesAgain_issue19() {
        engine.appendEvents(commit("r-4", 0, 1));
        clock.advance(Duration.ofSeconds(4)); // reuse window still open
        duringInsert = () -> clock.advance(Duration.ofSeconds(7)); // the insert ends 11 s after the touch: > G/2
        engine.appendEvents(commit("r-4", 1, 1));

        assertThat(outboxUpdates())
                .as("the first touch, then the re-touch after the slow insert")
                .isEqualTo(2);
        Document entry = entry("r-4");
        assertThat(entry.getDate("at").toInstant()).isEqualTo(T0.plusSeconds(11));
        assertThat(entry.get("from", Number.class).longValue()).isZero();
        assertThat(told.get(1).outboxTouch())
                .as("the relay is told the touch made after the insert")
                .isEqualTo(entry.getString("touch"))
                .isNotEqualTo(told.get(0).outboxTouch());

        // and that fresh touch is the one the next quick commit reuses
        duringInsert = () -> {};
        clock.advance(Duration.ofSeconds(1));
        engine.appendEvents(commit("r-4", 2, 1));
        assertThat(outboxUpdates()).isEqualTo(2);
        assertThat(told.get(2).outboxTouch()).isEqualTo(entry.getString("touch"));
    }

    @Test
    void anotherInstancesTouchInBetweenKeepsTheEntryWithItsLowestFrom_issue19() {
        MongoEventStorageEngine other = writer();
        engine.appendEvents(commit("r-5", 0, 1));
        clock.advance(Duration.ofSeconds(1));
        other.appendEvents(commit("r-5", 1, 1)); // the other instance has no touch of its own to reuse: it writes
        clock.advance(Duration.ofSeconds(1));
        engine.appendEvents(commit("r-5", 2, 1)); // reuses its own touch; the entry carries the other's token

        assertThat(outboxUpdates()).isEqualTo(2);
        Document entry = entry("r-5");
        assertThat(entry.get("from", Number.class).longValue()).isZero();
        assertThat(entry.getDate("at").toInstant()).isEqualTo(T0.plusSeconds(1));
        assertThat(told).extracting(StoredCommit::outboxTouch).doesNotContain(entry.getString("touch"));
    }

    @Test
    void aConflictAfterAReusedTouchStoresNothingAndTheNextCommitIsStillAnnounced_issue19() {
        MongoEventStorageEngine other = writer();
        engine.appendEvents(commit("r-6", 0, 1));
        other.appendEvents(commit("r-6", 1, 1));
        clock.advance(Duration.ofSeconds(1));
        assertThatThrownBy(() -> engine.appendEvents(commit("r-6", 1, 2))).isInstanceOf(ConcurrencyException.class);
        engine.appendEvents(commit("r-6", 2, 1)); // after reloading: reuses the touch, from 0 <= 2

        assertThat(outboxUpdates()).isEqualTo(2);
        assertThat(entry("r-6").get("from", Number.class).longValue()).isZero();
    }

    @Test
    void aRestartedWriterRemembersNothingAndTouches_issue19() {
        engine.appendEvents(commit("r-7", 0, 1));
        clock.advance(Duration.ofSeconds(1));
        writer().appendEvents(commit("r-7", 1, 1));

        assertThat(outboxUpdates()).isEqualTo(2);
    }
}
