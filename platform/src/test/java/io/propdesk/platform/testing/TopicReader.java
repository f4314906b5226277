package io.propdesk.platform.testing;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.UUID;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * Reads a topic from the start with a plain Kafka consumer, as an integrator would, until a condition holds or the
 * deadline passes. Shared by every module's tests (platform test-jar).
 */
public final class TopicReader implements AutoCloseable {

    private final KafkaConsumer<String, byte[]> consumer;
    private final List<ConsumerRecord<String, byte[]>> records = new ArrayList<>();

    public TopicReader(String bootstrapServers, String topic) {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        p.put(ConsumerConfig.GROUP_ID_CONFIG, "test-reader-" + UUID.randomUUID());
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        consumer = new KafkaConsumer<>(p);
        consumer.subscribe(List.of(topic));
    }

    /** Polls until {@code done} holds for everything read so far, or fails after {@code timeout}. */
    public List<ConsumerRecord<String, byte[]>> readUntil(
            Predicate<List<ConsumerRecord<String, byte[]>>> done, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!done.test(records)) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("topic did not reach the expected state in " + timeout + "; read "
                        + records.size() + " records");
            }
            consumer.poll(Duration.ofMillis(200)).forEach(records::add);
        }
        return List.copyOf(records);
    }

    /** Everything that arrives until the topic has been quiet for {@code quiet}. */
    public List<ConsumerRecord<String, byte[]>> readUntilQuiet(Duration quiet, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        long lastArrival = System.nanoTime();
        while (System.nanoTime() - lastArrival < quiet.toNanos() && System.nanoTime() < deadline) {
            var batch = consumer.poll(Duration.ofMillis(200));
            if (!batch.isEmpty()) {
                batch.forEach(records::add);
                lastArrival = System.nanoTime();
            }
        }
        return List.copyOf(records);
    }

    /**
     * Keeps the first delivery of each event: at-least-once delivery may repeat a record with the same
     * {@code ce_id}, which is a re-delivery, not a second event. Stateful: use one per stream.
     */
    public static Predicate<ConsumerRecord<String, byte[]>> firstDeliveryOfEachEvent() {
        java.util.Set<String> seen = new java.util.HashSet<>();
        return r -> seen.add(header(r, "ce_id"));
    }

    public static String header(ConsumerRecord<String, byte[]> record, String name) {
        var header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), java.nio.charset.StandardCharsets.UTF_8);
    }

    @Override
    public void close() {
        consumer.close();
    }
}
