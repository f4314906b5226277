package io.propdesk.embedded;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

/**
 * The write commands being carried out now that are not yet in line for a commit. A commit about to start waits for
 * them (briefly) so that they are in it, instead of each starting a commit of its own right after it: the store's
 * group commit under load (issue 19).
 */
final class WritesInProgress {

    private final AtomicInteger writing = new AtomicInteger();

    /** A write command starts. */
    void started() {
        this.writing.incrementAndGet();
    }

    /** It has taken its place in line for a commit (its ticket). */
    void finished() {
        this.writing.decrementAndGet();
    }

    /** Returns once no write command is in progress, or after {@code maxNanos}; parked meanwhile, not spinning. */
    void awaitNone(long maxNanos) {
        long deadline = System.nanoTime() + maxNanos;
        while (this.writing.get() > 0 && System.nanoTime() - deadline < 0) {
            LockSupport.parkNanos(50_000);
        }
    }
}
