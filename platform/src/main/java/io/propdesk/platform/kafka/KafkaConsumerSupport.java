package io.propdesk.platform.kafka;

import org.apache.kafka.common.TopicPartition;
import org.springframework.kafka.core.KafkaOperations;
import org.springframework.kafka.listener.DeadLetterPublishingRecoverer;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.kafka.support.KafkaUtils;
import org.springframework.util.backoff.ExponentialBackOff;

import io.propdesk.contracts.Topics;
import io.propdesk.contracts.cloudevents.MalformedCloudEventException;
import io.propdesk.platform.web.BadRequestException;
import io.propdesk.platform.web.RuleViolationException;

/**
 * Delivery guarantee 5: a record that keeps failing is retried a bounded number of times with backoff, then goes to
 * {@code <topic>.<consumer-group>.dlt} with the error in the {@code kafka_dlt-exception-*} headers, and the partition
 * moves on, so other tickets keep flowing. A record that cannot be decoded or is invalid is not retried at all.
 */
public final class KafkaConsumerSupport {

    private KafkaConsumerSupport() {
    }

    public static DefaultErrorHandler errorHandler(KafkaOperations<?, ?> template, int retries, long initialBackoffMs,
                                                   String fallbackGroup) {
        DeadLetterPublishingRecoverer recoverer = new DeadLetterPublishingRecoverer(template, (record, error) -> {
            String group = KafkaUtils.getConsumerGroupId();
            // Partition -1: let the producer choose, so the DLT needs no partition count matching the source.
            return new TopicPartition(Topics.deadLetter(record.topic(), group == null ? fallbackGroup : group), -1);
        });
        ExponentialBackOff backOff = new ExponentialBackOff(initialBackoffMs, 2.0);
        backOff.setMaxAttempts(retries);
        DefaultErrorHandler handler = new DefaultErrorHandler(recoverer, backOff);
        // Retrying cannot change these: bad input, or a rule that forbids the step (it lands with its reason).
        handler.addNotRetryableExceptions(MalformedCloudEventException.class, BadRequestException.class,
                RuleViolationException.class, IllegalArgumentException.class);
        return handler;
    }
}
