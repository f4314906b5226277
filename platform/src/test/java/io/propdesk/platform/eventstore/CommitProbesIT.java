package io.propdesk.platform.eventstore;

import static io.propdesk.platform.eventstore.TestEvents.commit;
import static org.assertj.core.api.Assertions.assertThat;

import io.propdesk.platform.testing.CountedCommands;
import io.propdesk.platform.testing.Stores;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.axonframework.eventsourcing.eventstore.DomainEventStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Issue 19: how many store reads a load and the relay's sweep cost. A load from a commit's first sequence (every load
 * after a snapshot, every relay read after what it published) probes forward only; the reach-back for a sequence
 * inside a commit happens only when no commit starts there; the relay's "anything new?" is one read for many.
 */
class CommitProbesIT {

    private final CountedCommands commands = new CountedCommands();
    private MongoEventStorageEngine engine;

    @BeforeEach
    void freshStore() {
        engine = Stores.engine(
                commands.database("probes_" + UUID.randomUUID().toString().substring(0, 8)));
        engine.appendEvents(commit("p-1", 0, 2));
        engine.appendEvents(commit("p-1", 2, 1));
        engine.appendEvents(commit("p-1", 3, 3));
        engine.appendEvents(commit("p-2", 0, 1));
        commands.reset();
    }

    @AfterEach
    void close() {
        commands.close();
    }

    private static List<Long> sequences(DomainEventStream stream) {
        List<Long> seqs = new ArrayList<>();
        stream.asStream().forEach(e -> seqs.add(e.getSequenceNumber()));
        return seqs;
    }

    private long eventReads() {
        return commands.count(MongoEventStorageEngine.EVENTS, "find");
    }

    @Test
    void aLoadFromACommitsFirstSequenceIsOneForwardProbe_issue19() {
        assertThat(sequences(engine.readEvents("p-1", 2))).containsExactly(2L, 3L, 4L, 5L);
        assertThat(eventReads()).isEqualTo(1);
    }

    @Test
    void aLoadFromInsideACommitOrPastTheEndReachesBackOnce_issue19() {
        assertThat(sequences(engine.readEvents("p-1", 4))).containsExactly(4L, 5L);
        assertThat(eventReads()).isEqualTo(2);
        commands.reset();
        assertThat(sequences(engine.readEvents("p-1", 6))).isEmpty();
        assertThat(eventReads()).isEqualTo(2);
    }

    @Test
    void theRelaysLookForNewCommitsIsOneReadForManyAggregates_issue19() {
        assertThat(engine.startingAt(Map.of("p-1", 6L, "p-2", 0L, "p-3", 0L, "p-1:x", 3L)))
                .containsExactly("p-2");
        assertThat(engine.startingAt(Map.of("p-1", 3L))).containsExactly("p-1");
        assertThat(eventReads()).isEqualTo(2);
        assertThat(commands.writes()).isEmpty();
    }
}
