package io.propdesk.embedded;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/** Issue 19: the group commit's wait for the write commands in progress. */
class WritesInProgressTest {

    @Test
    void aCommitAboutToStartWaitsUntilTheWriteInProgressHasTakenItsPlace_issue19() throws Exception {
        WritesInProgress writes = new WritesInProgress();
        writes.started();
        AtomicBoolean writeFinished = new AtomicBoolean();
        AtomicBoolean finishedWhenCommitWentAhead = new AtomicBoolean();
        Thread committer = new Thread(() -> {
            writes.awaitThoseInProgress(TimeUnit.SECONDS.toNanos(60));
            finishedWhenCommitWentAhead.set(writeFinished.get());
        });
        committer.start();
        // the write finishes only once the commit is waiting for it (parked), or the commit went ahead without it
        while (committer.getState() != Thread.State.TIMED_WAITING && committer.isAlive()) {
            Thread.onSpinWait();
        }
        writeFinished.set(true);
        writes.finished();
        committer.join(TimeUnit.SECONDS.toMillis(60));

        assertThat(committer.isAlive()).isFalse();
        assertThat(finishedWhenCommitWentAhead)
                .as("the write was in line when the commit went ahead")
                .isTrue();
    }

    @Test
    void aWriteThatStartsWhileACommitWaitsDoesNotHoldItLonger_issue19() throws Exception {
        WritesInProgress writes = new WritesInProgress();
        writes.started(); // in progress when the commit is about to start
        Thread committer = new Thread(() -> writes.awaitThoseInProgress(TimeUnit.SECONDS.toNanos(600)));
        committer.start();
        while (committer.getState() != Thread.State.TIMED_WAITING && committer.isAlive()) {
            Thread.onSpinWait();
        }
        writes.started(); // starts meanwhile and does not finish
        writes.finished(); // the first one is in line

        committer.join(TimeUnit.SECONDS.toMillis(60)); // well inside the 600 s
        assertThat(committer.isAlive()).as("the commit went ahead").isFalse();
    }

    @Test
    void aWriteThatDoesNotFinishHoldsACommitBackOnlyForTheBoundedWait_issue19() throws Exception {
        WritesInProgress writes = new WritesInProgress();
        writes.started(); // never finishes

        // returns: the commit goes ahead without it
        CompletableFuture.runAsync(() -> writes.awaitThoseInProgress(1_000_000)).get(60, TimeUnit.SECONDS);
    }

    @Test
    void withNoWriteInProgressACommitGoesAheadAtOnce_issue19() throws Exception {
        WritesInProgress writes = new WritesInProgress();
        writes.started();
        writes.finished();

        // well inside the 600 s it would wait for a write in progress
        CompletableFuture.runAsync(() -> writes.awaitThoseInProgress(TimeUnit.SECONDS.toNanos(600)))
                .get(60, TimeUnit.SECONDS);
    }
}
