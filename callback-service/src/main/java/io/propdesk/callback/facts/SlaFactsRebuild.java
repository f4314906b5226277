package io.propdesk.callback.facts;

import io.propdesk.contracts.PublicEvent;
import io.propdesk.contracts.Topics;
import io.propdesk.contracts.sla.SlaFact;
import io.propdesk.platform.domain.BadRequestException;
import io.propdesk.platform.kafka.InboundEvents;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.springframework.boot.autoconfigure.kafka.KafkaProperties;
import org.springframework.stereotype.Component;

/**
 * Rebuilds the warehouse feed into a fresh topic (issue 18 item 6): reads {@code propdesk.callback.events} from its
 * start with a consumer of no group (it commits nothing and disturbs no live group), folds it with the live
 * projection's {@link SlaFactFold} and the same dedupe, in memory, and publishes the rows to the topic named. The
 * live feed goes on meanwhile; a warehouse switches to the rebuilt topic, or loads it beside the old one.
 */
@Component
public class SlaFactsRebuild {

    /** A rebuild's topic: the feed's name and a suffix of the operator's choosing. */
    static final Pattern TOPIC = Pattern.compile(Pattern.quote(Topics.SLA_FACTS) + "\\.[A-Za-z0-9._-]{1,100}");

    private static final Duration POLL = Duration.ofMillis(500);

    public record Result(String topic, long eventsRead, long eventsApplied, long factsPublished) {}

    private final KafkaProperties kafka;
    private final InboundEvents inbound;
    private final SlaFactPublisher publisher;

    SlaFactsRebuild(KafkaProperties kafka, InboundEvents inbound, SlaFactPublisher publisher) {
        this.kafka = kafka;
        this.inbound = inbound;
        this.publisher = publisher;
    }

    public Result rebuild(String topic) {
        if (topic == null || !TOPIC.matcher(topic).matches()) {
            throw new BadRequestException(
                    "topic", "must be " + Topics.SLA_FACTS + ".<suffix> (letters, digits, '.', '_', '-')");
        }
        try (KafkaConsumer<String, byte[]> consumer = consumer()) {
            long held = recordsIn(consumer, topic);
            if (held > 0) {
                throw new BadRequestException(
                        "topic", topic + " already holds " + held + " records; rebuild into a fresh topic");
            }
            List<ConsumerRecord<String, byte[]>> history = readAll(consumer, Topics.CALLBACK_EVENTS);
            Map<String, TicketFacts> tickets = new HashMap<>();
            List<SlaFact> rows = new ArrayList<>();
            // the live group's dedupe decisions, kept in memory: no marker is written for this group
            InboundEvents.Replay replay = inbound.replay(SlaFactsProjection.GROUP + ".rebuild." + topic);
            replay.fold(history, event -> {
                Object data = event.data();
                if (!SlaFactsProjection.folds(data)) {
                    return;
                }
                String ticketId = ((PublicEvent) data).ticketId();
                TicketFacts ticket = ticketId == null
                        ? new TicketFacts()
                        : tickets.computeIfAbsent(ticketId, id -> new TicketFacts());
                rows.addAll(SlaFactFold.apply(data, ticket));
            });
            publisher.publish(topic, rows);
            return new Result(topic, history.size(), replay.applied(), rows.size());
        }
    }

    private KafkaConsumer<String, byte[]> consumer() {
        Map<String, Object> config = kafka.buildConsumerProperties(null);
        config.remove(ConsumerConfig.GROUP_ID_CONFIG);
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        config.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        config.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        return new KafkaConsumer<>(config);
    }

    private static List<TopicPartition> partitions(KafkaConsumer<String, byte[]> consumer, String topic) {
        return consumer.listTopics().containsKey(topic)
                ? consumer.partitionsFor(topic).stream()
                        .map(p -> new TopicPartition(topic, p.partition()))
                        .toList()
                : List.of();
    }

    private static long recordsIn(KafkaConsumer<String, byte[]> consumer, String topic) {
        List<TopicPartition> partitions = partitions(consumer, topic);
        Map<TopicPartition, Long> begin = consumer.beginningOffsets(partitions);
        return consumer.endOffsets(partitions).entrySet().stream()
                .mapToLong(end -> end.getValue() - begin.get(end.getKey()))
                .sum();
    }

    /** The topic from its start to its end as of now, partition by partition in order. */
    private static List<ConsumerRecord<String, byte[]>> readAll(KafkaConsumer<String, byte[]> consumer, String topic) {
        List<TopicPartition> partitions = partitions(consumer, topic);
        Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
        consumer.assign(partitions);
        consumer.seekToBeginning(partitions);
        List<ConsumerRecord<String, byte[]>> records = new ArrayList<>();
        while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))) {
            consumer.poll(POLL).forEach(records::add);
        }
        return records;
    }
}
