package io.propdesk.ticket.integration;

import io.propdesk.contracts.Topics;
import io.propdesk.platform.kafka.KafkaTopicProperties;
import io.propdesk.platform.kafka.TopicRetention;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.stereotype.Component;

/**
 * The call center's calls carry the caller's name and phone in the clear, so their topic keeps them only for
 * {@code propdesk.kafka.inbound-retention} (default 7 days), unlike the event topics, which keep
 * everything. Done before the listeners start, so the topic is created with the bound (or given it, when the call
 * center created it first). A broker that cannot be reached then does not keep the service from starting (it
 * reconnects like every Kafka client); the bound is tried again every {@link #RETRY} until it is set.
 */
@Component
class InboundTopicRetention implements SmartInitializingSingleton, DisposableBean {

    static final Duration RETRY = Duration.ofSeconds(30);
    private static final Logger log = LoggerFactory.getLogger(InboundTopicRetention.class);

    private final TopicRetention retention;
    private final KafkaTopicProperties properties;
    private volatile Thread retrying;

    InboundTopicRetention(TopicRetention retention, KafkaTopicProperties properties) {
        this.retention = retention;
        this.properties = properties;
    }

    @Override
    public void afterSingletonsInstantiated() {
        if (bound()) {
            return;
        }
        Thread thread = new Thread(
                () -> {
                    try {
                        do {
                            Thread.sleep(RETRY.toMillis());
                        } while (!bound());
                    } catch (InterruptedException stopping) {
                        Thread.currentThread().interrupt();
                    }
                },
                "inbound-topic-retention");
        thread.setDaemon(true);
        thread.start();
        retrying = thread;
    }

    private boolean bound() {
        try {
            retention.bound(Topics.CALLCENTER_CALLS, properties.inboundRetention());
            return true;
        } catch (RuntimeException e) {
            log.warn(
                    "The retention of {} (propdesk.kafka.inbound-retention) is not set yet, trying again in {}: {}",
                    Topics.CALLCENTER_CALLS,
                    RETRY,
                    e.getMessage());
            return false;
        }
    }

    @Override
    public void destroy() {
        Thread thread = retrying;
        if (thread != null) {
            thread.interrupt();
        }
    }
}
