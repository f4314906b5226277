package io.propdesk.platform.testapp;

import static io.propdesk.platform.testing.TopicReader.header;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.mongodb.client.MongoDatabase;
import io.propdesk.contracts.Topics;
import io.propdesk.contracts.cloudevents.CloudEventCodec;
import io.propdesk.contracts.cloudevents.CloudEventCodec.Envelope;
import io.propdesk.contracts.ticket.TicketClosed;
import io.propdesk.embedded.SharedInfrastructure;
import io.propdesk.embedded.SharedInfrastructureInitializer;
import io.propdesk.platform.relay.Relays;
import io.propdesk.platform.testapp.CounterApp.ClosedTicketsListener;
import io.propdesk.platform.testing.TopicReader;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ConsumerGroupListing;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.bson.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Issue 15 item 18: two deployments of the same service sharing one broker, told apart by
 * {@code propdesk.kafka.group-prefix}, each consume every event in a group of their own (they do not split the
 * partitions between them), and each dead-letters into, and remembers handled events under, its own group.
 */
class GroupPrefixIT {

    private final String kafka = SharedInfrastructure.get().kafkaBootstrapServers();
    private final String run = UUID.randomUUID().toString().substring(0, 6);
    private final List<ConfigurableApplicationContext> contexts = new ArrayList<>();

    @AfterEach
    void stop() {
        contexts.forEach(ConfigurableApplicationContext::close);
    }

    private ClosedTicketsListener deployment(String prefix) {
        ConfigurableApplicationContext context = new SpringApplicationBuilder(CounterApp.class)
                .initializers(new SharedInfrastructureInitializer())
                // command-line arguments: they outrank every config file, so no fixed port can sneak in
                .run(
                        "--server.port=0",
                        "--spring.data.mongodb.database=group_prefix_" + prefix.replace(".", "") + run,
                        "--propdesk.kafka.group-prefix=" + prefix);
        contexts.add(context);
        return context.getBean(ClosedTicketsListener.class);
    }

    @Test
    void twoDeploymentsWithDifferentGroupPrefixesOnOneBrokerEachReceiveEveryEvent_issue15_item18() throws Exception {
        String blue = "blue-" + run + ".";
        String green = "green-" + run + ".";
        ClosedTicketsListener blueListener = deployment(blue);
        ClosedTicketsListener greenListener = deployment(green);

        List<String> tickets = new ArrayList<>();
        try (KafkaProducer<String, byte[]> producer = Relays.producer(kafka)) {
            for (int i = 0; i < 12; i++) {
                String ticketId = "GP" + i + "-" + run;
                tickets.add(ticketId + "#1");
                send(producer, ticketId, "fine");
            }
            send(producer, "GP-poison-" + run, "poison");
        }

        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            assertThat(blueListener.handled)
                    .filteredOn(h -> h.contains(run))
                    .containsExactlyInAnyOrderElementsOf(tickets);
            assertThat(greenListener.handled)
                    .filteredOn(h -> h.contains(run))
                    .containsExactlyInAnyOrderElementsOf(tickets);
        });

        try (Admin admin = Admin.create(java.util.Map.of("bootstrap.servers", kafka))) {
            List<String> groups = admin.listConsumerGroups().all().get().stream()
                    .map(ConsumerGroupListing::groupId)
                    .toList();
            assertThat(groups).contains(blue + ClosedTicketsListener.GROUP, green + ClosedTicketsListener.GROUP);
        }
        for (String prefix : List.of(blue, green)) {
            String dlt = Topics.deadLetter(ClosedTicketsListener.TOPIC, prefix + ClosedTicketsListener.GROUP);
            try (TopicReader reader = new TopicReader(kafka, dlt)) {
                List<ConsumerRecord<String, byte[]>> dead = reader.readUntil(
                        rs -> rs.stream().anyMatch(r -> ("GP-poison-" + run).equals(r.key())), Duration.ofSeconds(30));
                assertThat(dead)
                        .anySatisfy(r -> assertThat(header(r, "kafka_dlt-exception-message"))
                                .isNotBlank());
            }
            MongoDatabase db = contexts.get(prefix.equals(blue) ? 0 : 1).getBean(MongoDatabase.class);
            assertThat(db.getCollection("inbox")
                            .find(new Document(
                                    "_id",
                                    java.util.regex.Pattern.compile(
                                            "^" + java.util.regex.Pattern.quote(prefix + ClosedTicketsListener.GROUP)
                                                    + "\\|")))
                            .into(new ArrayList<>()))
                    .as("dedupe markers under the prefixed group")
                    .isNotEmpty();
        }
    }

    private static void send(KafkaProducer<String, byte[]> producer, String ticketId, String reason) throws Exception {
        TicketClosed closed = new TicketClosed(ticketId, reason, Instant.parse("2026-11-27T04:00:00Z"));
        producer.send(CloudEventCodec.toRecord(
                        ClosedTicketsListener.TOPIC,
                        Envelope.of("evt-" + ticketId, closed.closedAt(), closed, ticketId, 1)))
                .get();
    }
}
