package io.propdesk.systemtests.flows;

import static io.propdesk.platform.testing.TopicReader.header;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.propdesk.contracts.Topics;
import io.propdesk.platform.testing.TopicReader;
import io.propdesk.platform.security.DemoUsers;
import io.propdesk.standalone.Options;
import io.propdesk.standalone.Running;
import io.propdesk.standalone.PropDeskStandalone;

/**
 * The foundation's acceptance on the embedded default, through REST and a plain Kafka consumer only: a ticket is
 * opened (201), its TicketOpened is on the topic with every CloudEvents header, the same call id gives the same
 * ticket, malformed input is a 400 that stores nothing, and after a full restart on the same data directory the
 * ticket, its list row and its event are all still there.
 */
class FoundationAcceptanceIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<String> CE_HEADERS = List.of("ce_specversion", "ce_id", "ce_type", "ce_source",
            "ce_time", "ce_subject", "content-type");

    @TempDir
    Path dataDir;

    private final HttpClient http = HttpClient.newHttpClient();

    private HttpResponse<String> call(String method, String url, String body) throws Exception {
        URI uri = URI.create(url);
        HttpRequest.Builder b = HttpRequest.newBuilder(uri).header("Content-Type", "application/json")
                .header("Authorization", DemoUsers.authorizationFor("ticket", method, uri.getPath()));
        return http.send((body == null ? b.GET() : b.method(method, HttpRequest.BodyPublishers.ofString(body))).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static final String TICKET = """
            {"callId":"call-0001","estateId":"sunrise-garden","unitId":"b1-101","kind":"REPAIR","paid":false,
             "description":"Kitchen tap leaking","callerName":"Wang","callerPhone":"13800000000","acceptor":"desk-chen"}""";

    @Test
    void aTicketOpenedOnTheEmbeddedDefaultIsPublishedIdempotentAndSurvivesARestart() throws Exception {
        String ticketId;
        try (Running system = PropDeskStandalone.start(Options.randomPorts(dataDir))) {
            String tickets = system.baseUrl("ticket");
            assertThat(call("PUT", tickets + "/api/estates/sunrise-garden", """
                    {"name":"Sunrise Garden","timeZone":"Asia/Shanghai","areas":[{"areaId":"north","name":"North"}],
                     "buildings":[{"buildingId":"b1","areaId":"north","name":"Building 1","stewardId":"steward-li",
                                   "units":["b1-101","b1-102"]}]}""").statusCode()).isEqualTo(200);

            HttpResponse<String> created = call("POST", tickets + "/api/tickets", TICKET);
            assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
            ticketId = JSON.readTree(created.body()).get("ticketId").asText();

            HttpResponse<String> again = call("POST", tickets + "/api/tickets", TICKET);
            assertThat(again.statusCode()).isEqualTo(200);
            assertThat(JSON.readTree(again.body()).get("ticketId").asText()).isEqualTo(ticketId);

            HttpResponse<String> malformed = call("POST", tickets + "/api/tickets",
                    TICKET.replace("call-0001", "call-0002").replace("\"b1-101\"", "42").replace("REPAIR", "RAIN"));
            assertThat(malformed.statusCode()).isEqualTo(400);
            assertThat(malformed.headers().firstValue("Content-Type").orElse("")).startsWith("application/problem+json");
            assertThat(call("GET", tickets + "/api/tickets?estateId=sunrise-garden", null).statusCode()).isEqualTo(200);

            try (TopicReader reader = new TopicReader(system.kafkaBootstrapServers(), Topics.TICKET_EVENTS)) {
                List<ConsumerRecord<String, byte[]>> records = reader.readUntil(
                        rs -> rs.stream().anyMatch(r -> ticketId.equals(r.key())), Duration.ofSeconds(30));
                records = reader.readUntilQuiet(Duration.ofSeconds(2), Duration.ofSeconds(10));
                List<ConsumerRecord<String, byte[]>> opened = records.stream().filter(r -> ticketId.equals(r.key()))
                        .toList();
                assertThat(opened).as("one TicketOpened for the two POSTs with one call id").hasSize(1);
                CE_HEADERS.forEach(h -> assertThat(header(opened.get(0), h)).as(h).isNotBlank());
                assertThat(header(opened.get(0), "ce_type")).isEqualTo("propdesk.ticket.TicketOpened.v1");
                // the malformed request stored and published nothing: only the estate and this ticket are here
                assertThat(records).extracting(ConsumerRecord::key).containsOnly("sunrise-garden", ticketId);
            }
            await().atMost(Duration.ofSeconds(30)).until(() -> call("GET", tickets + "/api/tickets?estateId=sunrise-garden",
                    null).body().contains(ticketId));
        }

        try (Running restarted = PropDeskStandalone.start(Options.randomPorts(dataDir))) {
            String tickets = restarted.baseUrl("ticket");
            HttpResponse<String> read = call("GET", tickets + "/api/tickets/" + ticketId, null);
            assertThat(read.statusCode()).isEqualTo(200);
            JsonNode ticket = JSON.readTree(read.body());
            assertThat(ticket.get("stewardId").asText()).isEqualTo("steward-li");
            assertThat(call("GET", tickets + "/api/tickets?estateId=sunrise-garden", null).body()).contains(ticketId);
            assertThat(call("POST", tickets + "/api/tickets", TICKET).statusCode()).as("still idempotent").isEqualTo(200);
            try (TopicReader reader = new TopicReader(restarted.kafkaBootstrapServers(), Topics.TICKET_EVENTS)) {
                assertThat(reader.readUntil(rs -> rs.stream().anyMatch(r -> ticketId.equals(r.key())),
                        Duration.ofSeconds(30))).isNotEmpty();
            }
        }
    }
}
