package io.propdesk.embedded;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EmbeddedKafkaTest {

    @TempDir
    Path tmp;

    @Test
    void idempotentProducerWithAcksAllSendsAndConsumerReadsBack() throws Exception {
        try (EmbeddedKafka kafka = EmbeddedKafka.start()) {
            assertThat(kafka.isPersistent()).isFalse();
            String topic = "propdesk.ticket.events";
            List<String> sent = new ArrayList<>();
            try (KafkaProducer<String, String> producer = KafkaMains.producer(kafka.bootstrapServers())) {
                for (int i = 0; i < 20; i++) {
                    String value = "{\"ticketId\":\"t-" + (i % 4) + "\",\"n\":" + i + "}";
                    RecordMetadata meta = producer.send(new ProducerRecord<>(topic, "t-" + (i % 4), value))
                            .get();
                    assertThat(meta.offset()).isNotNegative();
                    sent.add(value);
                }
            }

            List<String> received =
                    consumeAll(kafka.bootstrapServers(), topic, "group-" + UUID.randomUUID(), sent.size());
            assertThat(received).containsExactlyInAnyOrderElementsOf(sent);
            assertThat(describe(kafka.bootstrapServers(), topic).partitions())
                    .as("auto-created topics get 3 partitions")
                    .hasSize(EmbeddedKafka.DEFAULT_PARTITIONS);
        }
    }

    @Test
    void fixedPortIsUsed() throws Exception {
        int port = FreePorts.pick();
        try (EmbeddedKafka kafka = EmbeddedKafka.builder().port(port).start()) {
            assertThat(kafka.port()).isEqualTo(port);
            assertThat(kafka.bootstrapServers()).endsWith(":" + port);
            try (KafkaProducer<String, String> producer = KafkaMains.producer(kafka.bootstrapServers())) {
                producer.send(new ProducerRecord<>("fixed", "k", "v")).get(30, TimeUnit.SECONDS);
            }
        }
        assertThat(FreePorts.isListening(port)).isFalse();
    }

    @Test
    void persistentBrokerKeepsTopicsAndGroupOffsetsAcrossARestart() throws Exception {
        Path dir = this.tmp.resolve("kafka");
        String topic = "propdesk.dispatch.events";
        String group = "restart-group";
        try (EmbeddedKafka kafka = EmbeddedKafka.builder().logDir(dir).start()) {
            assertThat(kafka.isPersistent()).isTrue();
            assertThat(kafka.logDir()).contains(dir.toAbsolutePath());
            try (KafkaProducer<String, String> producer = KafkaMains.producer(kafka.bootstrapServers())) {
                for (int i = 0; i < 10; i++) {
                    producer.send(new ProducerRecord<>(topic, "t-" + i, "before-" + i))
                            .get();
                }
            }
            // a consumer group reads and commits the first 10
            assertThat(consumeAll(kafka.bootstrapServers(), topic, group, 10)).hasSize(10);
        }
        assertThat(dir.resolve("meta.properties")).exists();

        // again on the same directory, on another random port
        try (EmbeddedKafka kafka = EmbeddedKafka.builder().logDir(dir).start()) {
            assertThat(describe(kafka.bootstrapServers(), topic).partitions()).hasSize(3);
            assertThat(consumeAll(kafka.bootstrapServers(), topic, "new-group-" + UUID.randomUUID(), 10))
                    .containsExactlyInAnyOrderElementsOf(List.of(
                            "before-0",
                            "before-1",
                            "before-2",
                            "before-3",
                            "before-4",
                            "before-5",
                            "before-6",
                            "before-7",
                            "before-8",
                            "before-9"));
            try (Admin admin = admin(kafka.bootstrapServers())) {
                Map<TopicPartition, OffsetAndMetadata> offsets = admin.listConsumerGroupOffsets(group)
                        .partitionsToOffsetAndMetadata()
                        .get(30, TimeUnit.SECONDS);
                assertThat(offsets.values().stream()
                                .mapToLong(OffsetAndMetadata::offset)
                                .sum())
                        .as("the group's committed offsets survived")
                        .isEqualTo(10);
            }
        }
    }

    @Test
    void persistentBrokerKeepsAcknowledgedRecordsAfterAHardKill() throws Exception {
        Path dir = this.tmp.resolve("kafka-kill");
        int n = 50;
        try (ChildJvm child =
                ChildJvm.start(KafkaMains.WriteAndWait.class, KafkaMains.READY, dir.toString(), Integer.toString(n))) {
            child.awaitReady(Duration.ofSeconds(120));
            child.killHard();
        }
        try (EmbeddedKafka kafka = EmbeddedKafka.builder().logDir(dir).start()) {
            assertThat(consumeAll(kafka.bootstrapServers(), "hard-kill", "g-" + UUID.randomUUID(), n))
                    .hasSize(n);
        }
    }

    @Test
    void ephemeralBrokerStopsCleanlySoMainCanExit() throws Exception {
        assertMainExitsAfterClose("ephemeral");
    }

    @Test
    void persistentBrokerStopsCleanlySoMainCanExit() throws Exception {
        assertMainExitsAfterClose(this.tmp.resolve("kafka-exit").toString());
    }

    private static void assertMainExitsAfterClose(String mode) throws Exception {
        try (ChildJvm child = ChildJvm.start(KafkaMains.StartStop.class, KafkaMains.CLOSED, mode)) {
            child.awaitReady(Duration.ofSeconds(120));
            Integer exit = child.waitForExit(Duration.ofSeconds(30));
            assertThat(exit)
                    .as("JVM exit after close() (null = still running):\n" + child.output())
                    .isEqualTo(0);
        }
    }

    static List<String> consumeAll(String bootstrapServers, String topic, String group, int expected) {
        Map<String, Object> config = Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                bootstrapServers,
                ConsumerConfig.GROUP_ID_CONFIG,
                group,
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG,
                "earliest",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG,
                false);
        List<String> values = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer =
                new KafkaConsumer<>(config, new StringDeserializer(), new StringDeserializer())) {
            consumer.subscribe(Set.of(topic));
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (values.size() < expected && System.nanoTime() < deadline) {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(200))) {
                    values.add(record.value());
                }
            }
            consumer.commitSync();
        }
        return values;
    }

    private static TopicDescription describe(String bootstrapServers, String topic) throws Exception {
        try (Admin admin = admin(bootstrapServers)) {
            return admin.describeTopics(Set.of(topic))
                    .allTopicNames()
                    .get(30, TimeUnit.SECONDS)
                    .get(topic);
        }
    }

    private static Admin admin(String bootstrapServers) {
        return Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers));
    }
}
