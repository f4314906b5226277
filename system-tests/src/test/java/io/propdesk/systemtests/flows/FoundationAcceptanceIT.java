package io.propdesk.systemtests.flows;

import static io.propdesk.platform.testing.TopicReader.header;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.propdesk.contracts.Topics;
import io.propdesk.platform.testing.TopicReader;
import io.propdesk.standalone.Options;
import io.propdesk.standalone.PropDeskStandalone;
import io.propdesk.standalone.Running;
import io.propdesk.standalone.ServiceClient;
import io.propdesk.standalone.ServiceClient.Reply;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The foundation's acceptance on the embedded default, through REST and a plain Kafka consumer only: a ticket is
 * opened (201), its TicketOpened is on the topic with every CloudEvents header, the same call id gives the same
 * ticket, malformed input is a 400 that stores nothing, and after a full restart on the same data directory the
 * ticket, its list row and its event are all still there.
 */
class FoundationAcceptanceIT {

    private static final List<String> CE_HEADERS =
            List.of("ce_specversion", "ce_id", "ce_type", "ce_source", "ce_time", "ce_subject", "content-type");

    @TempDir
    Path dataDir;

    private static final String TICKET = """
            {"callId":"call-0001","estateId":"sunrise-garden","unitId":"b1-101","kind":"REPAIR","paid":false,
             "description":"Kitchen tap leaking","callerName":"Wang","callerPhone":"13800000000","acceptor":"desk-chen"}""";

    @Test
    void aTicketOpenedOnTheEmbeddedDefaultIsPublishedIdempotentAndSurvivesARestart() throws Exception {
        String ticketId;
        try (Running system = PropDeskStandalone.start(Options.randomPorts(dataDir))) {
            ServiceClient api = ServiceClient.of(system);
            assertThat(api.put("ticket", "/api/estates/sunrise-garden", """
                    {"name":"Sunrise Garden","timeZone":"Asia/Shanghai","areas":[{"areaId":"north","name":"North"}],
                     "buildings":[{"buildingId":"b1","areaId":"north","name":"Building 1","stewardId":"steward-li",
                                   "units":["b1-101","b1-102"]}]}""").status())
                    .isEqualTo(200);

            Reply created = api.post("ticket", "/api/tickets", TICKET);
            assertThat(created.status()).as(created.raw()).isEqualTo(201);
            ticketId = created.text("ticketId");

            Reply again = api.post("ticket", "/api/tickets", TICKET);
            assertThat(again.status()).isEqualTo(200);
            assertThat(again.text("ticketId")).isEqualTo(ticketId);

            Reply malformed = api.post(
                    "ticket",
                    "/api/tickets",
                    TICKET.replace("call-0001", "call-0002")
                            .replace("\"b1-101\"", "42")
                            .replace("REPAIR", "RAIN"));
            assertThat(malformed.status()).isEqualTo(400);
            assertThat(malformed.contentType()).startsWith("application/problem+json");
            assertThat(api.get("ticket", "/api/tickets?estateId=sunrise-garden").status())
                    .isEqualTo(200);

            try (TopicReader reader = new TopicReader(system.kafkaBootstrapServers(), Topics.TICKET_EVENTS)) {
                List<ConsumerRecord<String, byte[]>> records = reader.readUntil(
                        rs -> rs.stream().anyMatch(r -> ticketId.equals(r.key())), Duration.ofSeconds(30));
                records = reader.readUntilQuiet(Duration.ofSeconds(2), Duration.ofSeconds(10));
                List<ConsumerRecord<String, byte[]>> opened =
                        records.stream().filter(r -> ticketId.equals(r.key())).toList();
                assertThat(opened)
                        .as("one TicketOpened for the two POSTs with one call id")
                        .hasSize(1);
                CE_HEADERS.forEach(
                        h -> assertThat(header(opened.get(0), h)).as(h).isNotBlank());
                assertThat(header(opened.get(0), "ce_type")).isEqualTo("propdesk.ticket.TicketOpened.v1");
                // the malformed request stored and published nothing: only the estate and this ticket are here
                assertThat(records).extracting(ConsumerRecord::key).containsOnly("sunrise-garden", ticketId);
            }
            await().atMost(Duration.ofSeconds(30))
                    .until(() -> api.get("ticket", "/api/tickets?estateId=sunrise-garden")
                            .raw()
                            .contains(ticketId));
        }

        try (Running restarted = PropDeskStandalone.start(Options.randomPorts(dataDir))) {
            ServiceClient api = ServiceClient.of(restarted);
            Reply read = api.get("ticket", "/api/tickets/" + ticketId);
            assertThat(read.status()).isEqualTo(200);
            assertThat(read.text("stewardId")).isEqualTo("steward-li");
            assertThat(api.get("ticket", "/api/tickets?estateId=sunrise-garden").raw())
                    .contains(ticketId);
            assertThat(api.post("ticket", "/api/tickets", TICKET).status())
                    .as("still idempotent")
                    .isEqualTo(200);
            try (TopicReader reader = new TopicReader(restarted.kafkaBootstrapServers(), Topics.TICKET_EVENTS)) {
                assertThat(reader.readUntil(
                                rs -> rs.stream().anyMatch(r -> ticketId.equals(r.key())), Duration.ofSeconds(30)))
                        .isNotEmpty();
            }
        }
    }
}
