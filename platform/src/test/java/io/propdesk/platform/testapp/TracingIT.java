package io.propdesk.platform.testapp;

import static io.propdesk.platform.testing.TopicReader.header;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.mongodb.client.MongoDatabase;
import io.propdesk.contracts.access.Role;
import io.propdesk.contracts.cloudevents.CloudEventCodec;
import io.propdesk.contracts.cloudevents.CloudEventCodec.Envelope;
import io.propdesk.contracts.ticket.TicketClosed;
import io.propdesk.embedded.SharedInfrastructure;
import io.propdesk.embedded.SharedInfrastructureInitializer;
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
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.actuate.observability.AutoConfigureObservability;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.ContextConfiguration;

/** One ticket's flow is one trace: the W3C trace context crosses Kafka in the {@code traceparent} header. */
@SpringBootTest(
        classes = CounterApp.class,
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "spring.data.mongodb.database=tracing_it",
            "propdesk.relay.topic=tracing-it.events",
            "platform-test.group=platform-test.tracing-it"
        })
@ContextConfiguration(initializers = SharedInfrastructureInitializer.class)
@AutoConfigureObservability
// Its consumer group reads the shared inbound topic from the start, poison records of other tests included: stop it
// with the class, so its retries do not log into the next test's captured output.
@DirtiesContext
class TracingIT {

    private final String kafka = SharedInfrastructure.get().kafkaBootstrapServers();

    @LocalServerPort
    int port;

    @Autowired
    ClosedTicketsListener listener;

    @Autowired
    MongoDatabase database;

    @Test
    void aCommandsTraceLeavesWithItsEventsOnKafka() throws Exception {
        String traceId = UUID.randomUUID().toString().replace("-", "");
        String counter = "trace-" + UUID.randomUUID();
        HttpClient http = HttpClient.newHttpClient();
        http.send(
                HttpRequest.newBuilder(
                                URI.create("http://localhost:" + port + "/api/counters/" + counter + "/increments"))
                        .header("Content-Type", "application/json")
                        .header("Authorization", DemoUsers.basic(Role.ADMIN))
                        .POST(HttpRequest.BodyPublishers.ofString("{\"who\":\"desk\",\"by\":1}"))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        HttpResponse<String> response = http.send(
                HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/counters/" + counter + "/close"))
                        .header("Authorization", DemoUsers.basic(Role.ADMIN))
                        .header("traceparent", "00-" + traceId + "-00f067aa0ba902b7-01")
                        .POST(HttpRequest.BodyPublishers.noBody())
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(202);

        try (TopicReader reader = new TopicReader(kafka, "tracing-it.events")) {
            var record = reader
                    .readUntil(rs -> rs.stream().anyMatch(r -> counter.equals(r.key())), Duration.ofSeconds(30))
                    .stream()
                    .filter(r -> counter.equals(r.key()))
                    .findFirst()
                    .orElseThrow();
            assertThat(header(record, "traceparent")).startsWith("00-" + traceId + "-");
        }
    }

    @Test
    void anEventStoresTheTraceOfItsCommandAndNoMessageIds_issue19() throws Exception {
        String traceId = UUID.randomUUID().toString().replace("-", "");
        String counter = "trace-meta-" + UUID.randomUUID();
        HttpResponse<String> response = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create(
                                        "http://localhost:" + port + "/api/counters/" + counter + "/increments"))
                                .header("Content-Type", "application/json")
                                .header("Authorization", DemoUsers.basic(Role.ADMIN))
                                .header("traceparent", "00-" + traceId + "-00f067aa0ba902b7-01")
                                .POST(HttpRequest.BodyPublishers.ofString("{\"who\":\"desk\",\"by\":1}"))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isLessThan(300);

        List<Document> events = new ArrayList<>();
        for (Document commit : database.getCollection("events").find(new Document("agg", counter))) {
            events.addAll(commit.getList("events", Document.class));
        }
        assertThat(events).isNotEmpty();
        for (Document event : events) {
            // Axon's default would add traceId and correlationId, two message ids nothing reads (issue 19 goal 7)
            Document meta = Document.parse(event.getString("meta"));
            assertThat(meta.keySet()).containsExactly("traceparent");
            assertThat(meta.getString("traceparent")).startsWith("00-" + traceId + "-");
        }
    }

    @Test
    void aConsumerContinuesTheTraceOfTheRecordItHandles() throws Exception {
        String traceId = UUID.randomUUID().toString().replace("-", "");
        String ticket = "T-trace-" + UUID.randomUUID();
        TicketClosed closed = new TicketClosed(ticket, "fine", Instant.now());
        ProducerRecord<String, byte[]> record = CloudEventCodec.toRecord(
                ClosedTicketsListener.TOPIC,
                Envelope.of(UUID.randomUUID().toString(), closed.closedAt(), closed, ticket, 1));
        record.headers()
                .add("traceparent", ("00-" + traceId + "-00f067aa0ba902b7-01").getBytes(StandardCharsets.UTF_8));
        try (KafkaProducer<String, byte[]> producer = Relays.producer(kafka)) {
            producer.send(record).get();
        }
        await().atMost(Duration.ofSeconds(30)).until(() -> listener.traceIdByTicket.containsKey(ticket));
        assertThat(listener.traceIdByTicket.get(ticket)).isEqualTo(traceId);
    }
}
