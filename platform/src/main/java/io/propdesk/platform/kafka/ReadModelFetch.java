package io.propdesk.platform.kafka;

import java.time.Duration;
import java.util.Properties;

/**
 * How a read model's listener fetches: {@code @KafkaListener(..., properties = ReadModelFetch.BATCHES)}. Its
 * fetches wait up to {@code propdesk.kafka.read-model-wait} for more records, so that under load one poll carries the
 * events of several commands and the listener writes each of its collections once for all of them (issue 19: every
 * poll costs at least one store write per collection, whatever it carries). Listeners that send commands, on which the
 * next step of a ticket waits, do not declare it and fetch as soon as a record is there.
 *
 * <p>The declaration is a {@code fetch.min.bytes} that a read model's poll does not reach at these rates, so the wait
 * decides; the listener containers' customizer ({@code PlatformAutoConfiguration}) adds the wait as
 * {@code fetch.max.wait.ms}, or takes the declaration away when the wait is 0. An idle read model's consumer asks the
 * broker once per wait instead of once per 500 ms.
 */
public final class ReadModelFetch {

    static final String MIN_BYTES_KEY = "fetch.min.bytes";
    static final String MAX_WAIT_KEY = "fetch.max.wait.ms";

    /** 1 MiB: several hundred events; fewer arrive within a wait, so a fetch returns when the wait is over. */
    static final int MIN_BYTES = 1 << 20;

    /** A read model listener's {@code properties}. */
    public static final String BATCHES = MIN_BYTES_KEY + "=" + MIN_BYTES;

    private ReadModelFetch() {}

    /** Gives a container's consumer properties the wait, if its listener declared {@link #BATCHES}. */
    public static void apply(Properties consumer, Duration wait) {
        if (consumer == null || !String.valueOf(MIN_BYTES).equals(consumer.getProperty(MIN_BYTES_KEY))) {
            return;
        }
        if (wait.isZero()) {
            consumer.remove(MIN_BYTES_KEY);
        } else {
            consumer.setProperty(MAX_WAIT_KEY, String.valueOf(wait.toMillis()));
        }
    }
}
