package io.propdesk.platform.kafka;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How long Kafka keeps what may carry personal data in the clear. The event topics are the replay
 * source and keep everything; these two kinds of topic do not.
 *
 * @param inboundRetention    retention of the inbound topic {@code propdesk.callcenter.calls}, whose calls carry the
 *                            caller's name and phone as the call center sent them
 * @param deadLetterRetention retention of every {@code <topic>.<group>.dlt} topic
 */
@ConfigurationProperties("propdesk.kafka")
public record KafkaTopicProperties(
        @DefaultValue("7d") Duration inboundRetention,
        @DefaultValue("7d") Duration deadLetterRetention) {}
