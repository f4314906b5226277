package io.propdesk.platform.relay;

import java.time.Duration;

/**
 * How the relay's lease is held (delivery guarantee 2: a lease that flaps whenever the machine is busy re-publishes
 * exactly when the machine can least afford it).
 *
 * <ul>
 *   <li>{@code ttl}: the term every claim and renewal writes. Another instance may take the lease only once a whole
 *       term passed without a renewal, so it is also the longest a crashed holder's service goes unpublished.</li>
 *   <li>{@code margin}: the holder's own view ends this long before the term it wrote, and it stops publishing
 *       then. It covers a publishing turn already under way and the clock skew between instances, so two holders
 *       never both publish.</li>
 *   <li>{@code renewEvery}: the pause between renewals. The view ({@code ttl - margin}) holds at least two renewal
 *       chances, so one renewal starved of CPU or delayed by a slow MongoDB does not end it; a renewal that comes
 *       late but before the term ends keeps the lease, since the document still names the holder.</li>
 * </ul>
 * The defaults (30 s, 10 s, 5 s) were chosen on a saturated 2-core machine: four renewals in the view, six in the
 * term (docs/benchmarks.md, "Relay lease under CPU saturation").
 */
public record LeaseTiming(Duration ttl, Duration margin, Duration renewEvery) {

    public static final LeaseTiming DEFAULT = of(Duration.ofSeconds(30));

    public LeaseTiming {
        if (ttl.compareTo(Duration.ofMillis(300)) < 0) {
            throw new IllegalArgumentException("the relay lease term must be at least 300 ms: " + ttl);
        }
        if (margin.isNegative() || margin.isZero() || margin.compareTo(ttl) >= 0) {
            throw new IllegalArgumentException(
                    "the relay lease margin must be above zero and below the term " + ttl + ": " + margin);
        }
        if (renewEvery.isNegative()
                || renewEvery.isZero()
                || renewEvery.multipliedBy(2).compareTo(ttl.minus(margin)) > 0) {
            throw new IllegalArgumentException("the relay lease must be renewed at least twice within the holder's "
                    + "view (lease-ttl - lease-margin = " + ttl.minus(margin) + "): " + renewEvery);
        }
    }

    /** A term with the default proportions: the view ends a third before the term, four renewals in the view. */
    public static LeaseTiming of(Duration ttl) {
        return of(ttl, null, null);
    }

    /** The term with the margin and the renewal pause given, or in the default proportions where they are null. */
    public static LeaseTiming of(Duration ttl, Duration margin, Duration renewEvery) {
        Duration m = margin != null ? margin : ttl.dividedBy(3);
        Duration r = renewEvery != null ? renewEvery : ttl.minus(m).dividedBy(4);
        return new LeaseTiming(ttl, m, r);
    }

    /** How long after starting a renewal the holder still counts itself the holder. */
    Duration view() {
        return ttl.minus(margin);
    }
}
