package io.propdesk.embedded;

import java.nio.file.Path;
import java.util.Map;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;

/** Child-JVM programs for the Kafka tests. */
public final class KafkaMains {

    static final String READY = "ready";

    static final String CLOSED = "closed";

    private KafkaMains() {}

    /** Starts a broker, closes it and returns from main: the JVM must then exit on its own. Arg: "ephemeral" or a log dir. */
    public static final class StartStop {

        public static void main(String[] args) {
            EmbeddedKafka.Builder builder = EmbeddedKafka.builder();
            if (!args[0].equals("ephemeral")) {
                builder.logDir(Path.of(args[0]));
            }
            EmbeddedKafka kafka = builder.start();
            try (KafkaProducer<String, String> producer = producer(kafka.bootstrapServers())) {
                producer.send(new ProducerRecord<>("start-stop", "k", "v")).get();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
            kafka.close();
            System.out.println(CLOSED);
            System.out.flush();
        }
    }

    /** Persistent broker; sends n records acknowledged by the broker, prints "ready", waits to be killed. Args: dir n. */
    public static final class WriteAndWait {

        public static void main(String[] args) throws Exception {
            EmbeddedKafka kafka =
                    EmbeddedKafka.builder().logDir(Path.of(args[0])).start();
            int n = Integer.parseInt(args[1]);
            try (KafkaProducer<String, String> producer = producer(kafka.bootstrapServers())) {
                for (int i = 0; i < n; i++) {
                    producer.send(new ProducerRecord<>("hard-kill", "ticket-" + (i % 7), "event-" + i))
                            .get();
                }
            }
            System.out.println(READY);
            System.out.flush();
            Thread.sleep(Long.MAX_VALUE);
        }
    }

    static KafkaProducer<String, String> producer(String bootstrapServers) {
        return new KafkaProducer<>(
                Map.of(
                        ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                        bootstrapServers,
                        ProducerConfig.ACKS_CONFIG,
                        "all",
                        ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG,
                        true),
                new StringSerializer(),
                new StringSerializer());
    }
}
