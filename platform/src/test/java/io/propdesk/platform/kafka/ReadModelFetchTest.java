package io.propdesk.platform.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.propdesk.platform.PlatformProperties;
import java.io.StringReader;
import java.time.Duration;
import java.util.Properties;
import org.junit.jupiter.api.Test;

/** A read model's listener fetches after {@code propdesk.kafka.read-model-wait}; other listeners at once (issue 19). */
class ReadModelFetchTest {

    /** What {@code @KafkaListener(properties = ReadModelFetch.BATCHES)} gives the container, as Spring Kafka reads it. */
    private static Properties declared() throws Exception {
        Properties p = new Properties();
        p.load(new StringReader(ReadModelFetch.BATCHES));
        return p;
    }

    @Test
    void aReadModelsFetchWaitsTheConfiguredTimeForMoreRecords_issue19() throws Exception {
        Properties consumer = declared();
        ReadModelFetch.apply(consumer, Duration.ofMillis(100));
        assertThat(consumer)
                .containsEntry("fetch.max.wait.ms", "100")
                .containsEntry("fetch.min.bytes", String.valueOf(1 << 20));
    }

    @Test
    void aZeroWaitLetsAReadModelFetchAsSoonAsARecordIsThere_issue19() throws Exception {
        Properties consumer = declared();
        ReadModelFetch.apply(consumer, Duration.ZERO);
        assertThat(consumer).doesNotContainKeys("fetch.min.bytes", "fetch.max.wait.ms");
    }

    @Test
    void aListenerThatDidNotDeclareItFetchesAtOnce_issue19() {
        Properties consumer = new Properties();
        consumer.setProperty("fetch.min.bytes", "10");
        ReadModelFetch.apply(consumer, Duration.ofMillis(100));
        ReadModelFetch.apply(null, Duration.ofMillis(100));
        assertThat(consumer).containsOnlyKeys("fetch.min.bytes").containsEntry("fetch.min.bytes", "10");
    }

    @Test
    void aNegativeWaitIsRefusedAtStartUpNamingTheProperty_issue19() {
        assertThatThrownBy(() -> new PlatformProperties.Kafka("", Duration.ofSeconds(1), Duration.ofMillis(-1)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("propdesk.kafka.read-model-wait");
    }
}
