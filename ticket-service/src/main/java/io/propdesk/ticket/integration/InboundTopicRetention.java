package io.propdesk.ticket.integration;

import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.stereotype.Component;

import io.propdesk.contracts.Topics;
import io.propdesk.platform.kafka.KafkaTopicProperties;
import io.propdesk.platform.kafka.TopicRetention;

/**
 * The call center's calls carry the caller's name and phone in the clear, so their topic keeps them only for
 * {@code propdesk.kafka.inbound-retention} (default 7 days, issue 15 item 2), unlike the event topics, which keep
 * everything. Done before the listeners start, so the topic is created with the bound (or given it, when the call
 * center created it first).
 */
@Component
class InboundTopicRetention implements SmartInitializingSingleton {

    private final TopicRetention retention;
    private final KafkaTopicProperties properties;

    InboundTopicRetention(TopicRetention retention, KafkaTopicProperties properties) {
        this.retention = retention;
        this.properties = properties;
    }

    @Override
    public void afterSingletonsInstantiated() {
        retention.bound(Topics.CALLCENTER_CALLS, properties.inboundRetention());
    }
}
