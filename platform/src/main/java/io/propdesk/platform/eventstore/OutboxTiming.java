package io.propdesk.platform.eventstore;

import java.time.Duration;

/**
 * The one timing rule of the {@link Outbox}, shared by writer and relay. The relay clears an announcement (a journal
 * document, or a writer's outbox entry) only when it is older than {@code grace}; a writer whose insert finished later
 * than half of that after the announcement made for it announces it again. Together: no commit can become visible
 * after the relay cleared the announcement of it.
 * Writer and relay of one service must use the same grace ({@code propdesk.relay.outbox-grace}).
 */
public record OutboxTiming(Duration grace) {

    public static final OutboxTiming DEFAULT = new OutboxTiming(Duration.ofSeconds(20));

    public OutboxTiming {
        if (grace.compareTo(Duration.ofMillis(100)) < 0) {
            throw new IllegalArgumentException("the outbox grace period must be at least 100 ms: " + grace);
        }
    }

    /** A writer slower than this between outbox touch and commit touches the outbox again. */
    public Duration retouchAfter() {
        return grace.dividedBy(2);
    }

    /**
     * Issue 19: a writer's own touch younger than this announces its next commit of the same aggregate too, without a
     * write. Half the re-touch limit, so a reusing commit has a quarter of the grace period left for its insert
     * before it must touch again.
     */
    public Duration reuseWithin() {
        return grace.dividedBy(4);
    }
}
