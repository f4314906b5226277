package io.propdesk.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.kafka.listener.ContainerProperties;

/** How a listener's offsets commit after it returned (delivery guarantee 3), by {@code propdesk.kafka.commit-interval}. */
class OffsetCommitsTest {

    @Test
    void anIntervalCommitsTheHandledPollsOfThatIntervalTogether_issue19() {
        ContainerProperties container = new ContainerProperties("t");
        PlatformAutoConfiguration.commitAfterHandling(container, Duration.ofMillis(1_500));
        assertThat(container.getAckMode()).isEqualTo(ContainerProperties.AckMode.TIME);
        assertThat(container.getAckTime()).isEqualTo(1_500L);
    }

    @Test
    void aZeroIntervalCommitsAfterEveryPoll_issue19() {
        ContainerProperties container = new ContainerProperties("t");
        PlatformAutoConfiguration.commitAfterHandling(container, Duration.ZERO);
        assertThat(container.getAckMode()).isEqualTo(ContainerProperties.AckMode.BATCH);
    }

    @Test
    void aNegativeIntervalIsRefusedAtStartUpNamingTheProperty_issue19() {
        assertThatThrownBy(() -> new PlatformProperties.Kafka("", Duration.ofSeconds(-1), Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("propdesk.kafka.commit-interval");
    }
}
