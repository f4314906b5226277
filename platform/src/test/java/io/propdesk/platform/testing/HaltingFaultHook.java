package io.propdesk.platform.testing;

import io.propdesk.platform.eventstore.FaultHook;
import io.propdesk.platform.eventstore.FaultPoint;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A crash for crash tests only (issue 14 item 1): the {@code nth} time {@code point} is reached, the JVM halts at
 * once, exactly as a kill -9 would leave it (no shutdown hooks, no flush of anybody's buffers). Register it where the
 * product takes a {@link FaultHook} (the store's builder, the relay, or a FaultHook bean in a service context).
 */
public final class HaltingFaultHook implements FaultHook {

    /** The exit status of a halted process, as after SIGKILL. */
    public static final int EXIT_STATUS = 137;

    private final FaultPoint point;
    private final long nth;
    private final AtomicLong reached = new AtomicLong();

    public HaltingFaultHook(FaultPoint point, long nth) {
        if (nth < 1) {
            throw new IllegalArgumentException("nth counts from 1: " + nth);
        }
        this.point = point;
        this.nth = nth;
    }

    /** Parses {@code POINT:n} (or {@code POINT} for the first time), as crash tests pass it to a child JVM. */
    public static HaltingFaultHook parse(String spec) {
        String[] parts = spec.split(":");
        return new HaltingFaultHook(FaultPoint.valueOf(parts[0]), parts.length > 1 ? Long.parseLong(parts[1]) : 1);
    }

    @Override
    public void reached(FaultPoint at) {
        if (at == point && reached.incrementAndGet() == nth) {
            System.out.println("FAULT " + at + " halting");
            System.out.flush();
            Runtime.getRuntime().halt(EXIT_STATUS);
        }
    }
}
