package io.propdesk.platform.eventstore;

import java.util.concurrent.atomic.AtomicLong;

/**
 * Crash switch for the reliability tests. Armed only by the system property
 * {@code propdesk.fault=<FaultPoint>:<n>}: the n-th time that point is reached the JVM halts at once, exactly as a
 * kill -9 would leave it. Unarmed it costs one volatile read.
 */
public final class FaultInjector {

    private static final FaultPoint ARMED_POINT;
    private static final long ARMED_AT;
    private static final AtomicLong REACHED = new AtomicLong();

    static {
        String spec = System.getProperty("propdesk.fault");
        if (spec == null || spec.isBlank()) {
            ARMED_POINT = null;
            ARMED_AT = 0;
        } else {
            String[] parts = spec.split(":");
            ARMED_POINT = FaultPoint.valueOf(parts[0]);
            ARMED_AT = parts.length > 1 ? Long.parseLong(parts[1]) : 1;
        }
    }

    private FaultInjector() {
    }

    public static void reached(FaultPoint point) {
        if (ARMED_POINT == point && REACHED.incrementAndGet() == ARMED_AT) {
            System.out.println("FAULT " + point + " halting");
            System.out.flush();
            Runtime.getRuntime().halt(137);
        }
    }
}
