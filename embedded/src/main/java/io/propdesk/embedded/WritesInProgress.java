package io.propdesk.embedded;

import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * The write commands being carried out now that are not yet in line for a commit. A commit about to start waits for
 * those in progress at that moment (briefly) so that they are in it, instead of each starting a commit of its own
 * right after it: the store's group commit under load (issue 19). Writes that start while it waits do not hold it
 * longer, so under a steady stream of writes a commit waits about one write's time, not the whole bound.
 */
final class WritesInProgress {

    private final AtomicLong started = new AtomicLong();

    private final AtomicLong finished = new AtomicLong();

    /** A write command starts. */
    void started() {
        this.started.incrementAndGet();
    }

    /** It has taken its place in line for a commit (its ticket). */
    void finished() {
        this.finished.incrementAndGet();
    }

    /**
     * Returns once as many writes have finished as had started when it was called, or after {@code maxNanos}; parked
     * meanwhile, not spinning.
     */
    void awaitThoseInProgress(long maxNanos) {
        long target = this.started.get();
        long deadline = System.nanoTime() + maxNanos;
        while (this.finished.get() < target && System.nanoTime() - deadline < 0) {
            LockSupport.parkNanos(50_000);
        }
    }
}
