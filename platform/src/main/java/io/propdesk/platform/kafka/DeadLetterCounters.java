package io.propdesk.platform.kafka;

import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.event.ApplicationStartedEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import org.springframework.kafka.listener.MessageListenerContainer;

/**
 * Registers {@value DeadLetterRecoverer#COUNTER} at 0 for every topic and consumer group a listener of this service
 * reads, when the service has started. A counter that first appears at 1 hides its first record
 * from {@code increase()}, so the alert would miss the first dead letter after a restart; and the dashboard panel
 * shows every listener, quiet ones included.
 */
public class DeadLetterCounters implements ApplicationListener<ApplicationStartedEvent> {

    private final ObjectProvider<KafkaListenerEndpointRegistry> listeners;
    private final MeterRegistry meters;

    public DeadLetterCounters(ObjectProvider<KafkaListenerEndpointRegistry> listeners, MeterRegistry meters) {
        this.listeners = listeners;
        this.meters = meters;
    }

    @Override
    public void onApplicationEvent(ApplicationStartedEvent event) {
        KafkaListenerEndpointRegistry registry = listeners.getIfAvailable();
        if (registry == null) {
            return;
        }
        for (MessageListenerContainer container : registry.getListenerContainers()) {
            String[] topics = container.getContainerProperties().getTopics();
            if (topics == null || container.getGroupId() == null) {
                continue;
            }
            for (String topic : topics) {
                DeadLetterRecoverer.counter(meters, topic, container.getGroupId());
            }
        }
    }
}
