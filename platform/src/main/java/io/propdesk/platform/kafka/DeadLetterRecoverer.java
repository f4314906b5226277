package io.propdesk.platform.kafka;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.propdesk.contracts.Topics;
import io.propdesk.contracts.cloudevents.MalformedCloudEventException;
import io.propdesk.platform.domain.BadRequestException;
import io.propdesk.platform.domain.RuleViolationException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Headers;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.core.KafkaOperations;
import org.springframework.kafka.listener.DeadLetterPublishingRecoverer;
import org.springframework.kafka.support.KafkaUtils;

/**
 * Copies a record that cannot be handled to {@code <topic>.<consumer-group>.dlt} (delivery guarantee 5), and:
 * <ul>
 * <li>bounds that topic's retention before the first copy goes there (it may carry personal data);</li>
 * <li>lets the service scrub the copy of personal data ({@link DeadLetterScrubber});</li>
 * <li>says so: one WARN line per record with topic, group, partition, offset and reason, never the record's value,
 * and the counter {@value #COUNTER}{topic, group}, for the alert.</li>
 * </ul>
 */
public class DeadLetterRecoverer extends DeadLetterPublishingRecoverer {

    public static final String COUNTER = "propdesk.dlt.records";

    private static final Logger log = LoggerFactory.getLogger(DeadLetterRecoverer.class);

    private final String fallbackGroup;
    private final Map<String, DeadLetterScrubber> scrubbers;
    private final MeterRegistry meters;

    public DeadLetterRecoverer(
            KafkaOperations<?, ?> template,
            String fallbackGroup,
            TopicRetention retention,
            Duration deadLetterRetention,
            List<DeadLetterScrubber> scrubbers,
            MeterRegistry meters) {
        super(template, (record, error) -> {
            String dlt = Topics.deadLetter(record.topic(), groupOr(fallbackGroup));
            try {
                retention.bound(dlt, deadLetterRetention);
            } catch (RuntimeException e) {
                // the copy still goes out (the broker creates the topic); the next dead letter tries again
                log.warn("Could not bound the retention of {}: {}", dlt, e.getMessage());
            }
            // Partition -1: let the producer choose, so the DLT needs no partition count matching the source.
            return new TopicPartition(dlt, -1);
        });
        this.fallbackGroup = fallbackGroup;
        this.scrubbers = scrubbers.stream()
                .collect(Collectors.toUnmodifiableMap(DeadLetterScrubber::topic, Function.identity()));
        this.meters = meters;
    }

    private static String groupOr(String fallbackGroup) {
        String group = KafkaUtils.getConsumerGroupId();
        return group == null ? fallbackGroup : group;
    }

    @Override
    protected ProducerRecord<Object, Object> createProducerRecord(
            ConsumerRecord<?, ?> record, TopicPartition topicPartition, Headers headers, byte[] key, byte[] value) {
        DeadLetterScrubber scrubber = scrubbers.get(record.topic());
        if (scrubber != null) {
            Object original = value != null ? value : record.value();
            value = scrubber.scrub(original instanceof byte[] bytes ? bytes : new byte[0]);
            headers.add("propdesk_scrubbed", "personal data removed".getBytes(java.nio.charset.StandardCharsets.UTF_8));
        }
        return super.createProducerRecord(record, topicPartition, headers, key, value);
    }

    @Override
    public void accept(ConsumerRecord<?, ?> record, Consumer<?, ?> consumer, Exception exception) {
        super.accept(record, consumer, exception);
        // only once the copy is out: a failed publish is retried, and would otherwise be counted twice
        String group = groupOr(fallbackGroup);
        counter(meters, record.topic(), group).increment();
        log.warn(
                "Dead-lettered record {}-{}@{} of consumer group {} to {}: {}",
                record.topic(),
                record.partition(),
                record.offset(),
                group,
                Topics.deadLetter(record.topic(), group),
                reason(exception));
    }

    /** The counter of one source topic and consumer group. */
    public static Counter counter(MeterRegistry meters, String topic, String group) {
        return Counter.builder(COUNTER)
                .description("records copied to the dead-letter topic <topic>.<group>.dlt")
                .tag("topic", topic)
                .tag("group", group)
                .register(meters);
    }

    /**
     * Why, without the record's content: our own exceptions say which field or rule; any other only its kind (a
     * parser's message may quote the value it choked on).
     */
    static String reason(Throwable exception) {
        for (Throwable t = exception; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof BadRequestException bad) {
                return bad.field() + ": " + bad.reason();
            }
            if (t instanceof RuleViolationException rule) {
                return rule.getMessage();
            }
            if (t instanceof MalformedCloudEventException malformed) {
                return "malformed CloudEvent (" + malformed.attribute() + ")";
            }
        }
        Throwable root = exception;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getClass().getSimpleName();
    }
}
