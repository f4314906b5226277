package io.propdesk.platform.eventstore;

import java.time.Duration;

/**
 * The one timing rule shared by writer and relay. The relay clears an outbox entry only when it is older than
 * {@link #GRACE}; a writer whose commit insert finished later than half of that after its outbox touch touches the
 * outbox again. Together: no commit can become visible after the relay cleared the entry that announced it.
 */
public final class OutboxTiming {

    public static final Duration GRACE = Duration.ofSeconds(20);

    private OutboxTiming() {
    }
}
