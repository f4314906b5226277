package io.propdesk.platform.relay;

import static io.propdesk.platform.relay.PublishedEvents.assertKafkaMatchesStore;
import static io.propdesk.platform.relay.PublishedEvents.ids;
import static io.propdesk.platform.relay.PublishedEvents.storedEvents;
import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.client.MongoDatabase;
import io.propdesk.embedded.SharedInfrastructure;
import io.propdesk.platform.eventstore.MongoEventStorageEngine;
import io.propdesk.platform.testing.HaltingFaultHook;
import io.propdesk.platform.testing.Stores;
import io.propdesk.platform.testing.TopicReader;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Delivery guarantee 2 across crashes: a service JVM is halted abruptly at each point of the write and publish path
 * (and once at a random moment), a new relay starts on the same store, and then every stored event is on Kafka in
 * per-aggregate order, duplicates only as re-sends, and nothing is on Kafka that the store does not hold.
 */
class RelayCrashIT {

    private static final int TICKETS = 20;
    private static final int ROUNDS = 15;

    private final SharedInfrastructure infra = SharedInfrastructure.get();

    @ParameterizedTest(name = "halted at {0}")
    @ValueSource(
            strings = {
                "AFTER_OUTBOX_BEFORE_COMMIT:60",
                "AFTER_COMMIT_BEFORE_PUBLISH:60",
                "AFTER_PUBLISH_BEFORE_CLEAR:15",
                "RANDOM_KILL"
            })
    void everyStoredEventReachesKafkaAfterAnAbruptStop(String fault) throws Exception {
        String dbName = "crash_" + UUID.randomUUID().toString().substring(0, 8);
        String topic = "crash-test-" + UUID.randomUUID();
        MongoDatabase database = Stores.client().getDatabase(dbName);

        int exit = runChildUntilItDies(dbName, topic, fault);
        assertThat(exit).as("the service process died abruptly").isNotZero();
        if (!fault.equals("RANDOM_KILL")) {
            assertThat(exit).as("halted by its fault hook").isEqualTo(HaltingFaultHook.EXIT_STATUS);
        }

        long stored = storedEvents(database).size();
        // at least one event behind each fault-point pass (15 publishes is the fewest): how many more depends on how
        // the
        // relay's batches fall under the machine's load, so the bound is the fewest the fault points guarantee
        assertThat(stored).as("the child stored events before it died").isGreaterThanOrEqualTo(15);

        MongoEventStorageEngine engine = Stores.engine(database);
        try (EventRelay restarted = Relays.start(
                        "crash-svc", topic, database, engine, infra.kafkaBootstrapServers(), Duration.ofSeconds(2));
                TopicReader reader = new TopicReader(infra.kafkaBootstrapServers(), topic)) {
            Map<String, Long> expected = storedEvents(database);
            reader.readUntil(records -> ids(records).containsAll(expected.keySet()), Duration.ofSeconds(60));
            List<ConsumerRecord<String, byte[]>> records =
                    reader.readUntilQuiet(Duration.ofSeconds(1), Duration.ofSeconds(20));
            assertKafkaMatchesStore(records, expected);
        }
    }

    private int runChildUntilItDies(String dbName, String topic, String fault) throws Exception {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp",
                System.getProperty("java.class.path"),
                "-Xmx256m"));
        // The child wires a HaltingFaultHook (test code) into its store and relay: the product has no crash switch.
        command.addAll(List.of(
                RelayCrashChild.class.getName(),
                infra.mongoUri(),
                dbName,
                infra.kafkaBootstrapServers(),
                topic,
                String.valueOf(TICKETS),
                String.valueOf(ROUNDS),
                fault.equals("RANDOM_KILL") ? "none" : fault));
        Process child = new ProcessBuilder(command).redirectErrorStream(true).start();
        CountDownLatch midway = new CountDownLatch(1);
        Thread output = new Thread(() -> {
            try (BufferedReader lines = new BufferedReader(new InputStreamReader(child.getInputStream()))) {
                String line;
                while ((line = lines.readLine()) != null) {
                    if (line.startsWith("progress 150")) {
                        midway.countDown();
                    }
                }
            } catch (Exception ignored) {
                // the child died; that is the point
            }
        });
        output.setDaemon(true);
        output.start();
        if (fault.equals("RANDOM_KILL")) {
            assertThat(midway.await(60, TimeUnit.SECONDS))
                    .as("child reached midway")
                    .isTrue();
            Thread.sleep(new java.util.Random().nextInt(150));
            child.destroyForcibly();
        }
        assertThat(child.waitFor(90, TimeUnit.SECONDS))
                .as("child died within 90 s")
                .isTrue();
        return child.exitValue();
    }
}
