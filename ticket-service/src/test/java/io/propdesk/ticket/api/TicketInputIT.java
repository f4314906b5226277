package io.propdesk.ticket.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.propdesk.embedded.SharedInfrastructureInitializer;
import io.propdesk.platform.security.DemoUsers;
import io.propdesk.ticket.TicketServiceApplication;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.ContextConfiguration;

/**
 * Ticket-service's input bounds from outside (issue 15 items 3, 6, 7). The same context as TicketServiceIT, shared
 * by the test context cache; the service's clock is the system clock.
 */
@SpringBootTest(
        classes = TicketServiceApplication.class,
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"spring.config.name=ticket-service", "spring.data.mongodb.database=ticket_service_it"})
@ContextConfiguration(initializers = SharedInfrastructureInitializer.class)
// closed after the class like TicketServiceIT's: a cached context keeps its consumers in the service's groups and takes
// partitions from the next test class's context (CallerLookupIT's projections then write into this one's database)
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
class TicketInputIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String ESTATE = """
            {"name":"Sunrise Garden","timeZone":"Asia/Shanghai","holidays":[%s],
             "areas":[{"areaId":"%s","name":"North"}],
             "buildings":[{"buildingId":"%s","areaId":"north","name":"Building 1","stewardId":"steward-li",
                           "units":["b1-101",%s]}]}""";
    private final HttpClient http = HttpClient.newHttpClient();

    @LocalServerPort
    int port;

    private String estate;

    @BeforeEach
    void configureEstate() throws Exception {
        estate = "estate-" + UUID.randomUUID().toString().substring(0, 8);
        HttpResponse<String> put =
                send("PUT", "/api/estates/" + estate, ESTATE.formatted("\"2100-12-31\"", "north", "b1", "\"b1-102\""));
        assertThat(put.statusCode()).as(put.body()).isEqualTo(200);
    }

    private HttpResponse<String> send(String method, String path, String body) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .header("Content-Type", "application/json")
                .header("Authorization", DemoUsers.authorizationFor("ticket", method, path));
        return http.send(
                (body == null ? b.GET() : b.method(method, HttpRequest.BodyPublishers.ofString(body))).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static List<String> fields(HttpResponse<String> response) throws Exception {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(400);
        assertThat(response.headers().firstValue("Content-Type").orElse("")).startsWith("application/problem+json");
        assertThat(response.body()).doesNotContain("io.propdesk", "$", "java.");
        List<String> fields = new ArrayList<>();
        JSON.readTree(response.body())
                .get("errors")
                .forEach(e -> fields.add(e.get("field").asText()));
        return fields;
    }

    /** A call with {@code extra} JSON members, whose values replace the defaults ({@code "paid":false} etc.). */
    private String call(String unit, String extra) {
        return """
                {"callId":"call-%s","estateId":"%s","unitId":"%s","kind":"CLEANING_HOURLY",
                 "description":"Two hours of cleaning","callerName":"Wang","callerPhone":"13800000000",
                 "acceptor":"desk-chen"%s}""".formatted(UUID.randomUUID(), estate, unit, extra);
    }

    private static String serviceTime(Instant at) {
        return ",\"serviceTime\":\"" + at + "\"";
    }

    @Test
    void unitBuildingAndAreaIdsFollowTheEstateIdPattern_issue15_item3() throws Exception {
        assertThat(fields(send("PUT", "/api/estates/" + estate, ESTATE.formatted("", "north", "b1", "\"u/1\""))))
                .containsExactly("buildings[0].units[1]");
        assertThat(fields(send("PUT", "/api/estates/" + estate, ESTATE.formatted("", "north:1", "b1", "\"b1-102\""))))
                .containsExactly("areas[0].areaId");
        assertThat(fields(send("PUT", "/api/estates/" + estate, ESTATE.formatted("", "north", "b 1", "\"b1-102\""))))
                .containsExactly("buildings[0].buildingId");
        Instant in = Instant.now().plus(1, ChronoUnit.DAYS);
        assertThat(fields(send("POST", "/api/tickets", call("b1/101", serviceTime(in)))))
                .contains("unitId");
        // every owner that can exist is reachable by the erasure path
        HttpResponse<String> created = send("POST", "/api/tickets", call("b1-101", serviceTime(in)));
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        HttpResponse<String> owner = send("GET", "/api/owners/" + estate + ":b1-101/personal-data", null);
        assertThat(owner.statusCode()).as(owner.body()).isEqualTo(200);
    }

    @Test
    void callTimesLieInTheirWindowsAndHolidaysBetween2000And2100_issue15_item6() throws Exception {
        Instant now = Instant.now();
        for (String at : List.of(
                "+1000000000-12-31T23:59:59Z",
                "1900-01-01T00:00:00Z",
                now.minus(2, ChronoUnit.DAYS).toString(),
                now.plus(366, ChronoUnit.DAYS).toString())) {
            assertThat(fields(send("POST", "/api/tickets", call("b1-101", ",\"serviceTime\":\"" + at + "\""))))
                    .as(at)
                    .containsExactly("serviceTime");
        }
        for (String at : List.of(
                "1900-01-01T00:00:00Z",
                now.minus(31, ChronoUnit.DAYS).toString(),
                now.plus(1, ChronoUnit.HOURS).toString())) {
            assertThat(fields(send(
                            "POST",
                            "/api/tickets",
                            call(
                                    "b1-101",
                                    serviceTime(now.plus(1, ChronoUnit.DAYS)) + ",\"receivedAt\":\"" + at + "\""))))
                    .as(at)
                    .containsExactly("receivedAt");
        }
        assertThat(fields(send(
                        "PUT",
                        "/api/estates/" + estate,
                        ESTATE.formatted("\"+10000-01-01\"", "north", "b1", "\"b1-102\""))))
                .containsExactly("holidays[0]");
    }

    @Test
    void aCallIsReadWithStrictJsonTypes_issue15_item7() throws Exception {
        Instant in = Instant.now().plus(1, ChronoUnit.DAYS);
        assertThat(fields(send("POST", "/api/tickets", call("b1-101", serviceTime(in) + ",\"paid\":\"true\""))))
                .containsExactly("paid");
        assertThat(fields(send("POST", "/api/tickets", call("b1-101", serviceTime(in) + ",\"paid\":1"))))
                .containsExactly("paid");
        assertThat(fields(send(
                        "POST",
                        "/api/tickets",
                        call("b1-101", serviceTime(in)).replace("desk-chen", "desk\\u0000chen"))))
                .containsExactly("acceptor");
        assertThat(fields(send("POST", "/api/tickets", call("b1-101", serviceTime(in) + ",\"kind\":\"REPAIR\""))))
                .containsExactly("kind");
        HttpResponse<String> multiline = send(
                "POST",
                "/api/tickets",
                call("b1-101", serviceTime(in)).replace("Two hours of cleaning", "Kitchen:\\n\\tfloor and windows"));
        assertThat(multiline.statusCode()).as(multiline.body()).isEqualTo(201);
    }

    @Test
    void theTicketListAndTimelineShowACallAtTheEdgesOfItsWindows_issue15_item6() throws Exception {
        Instant now = Instant.now();
        Instant receivedAt = now.minus(30, ChronoUnit.DAYS).plus(1, ChronoUnit.MINUTES);
        Instant serviceTime = now.plus(365, ChronoUnit.DAYS).minus(1, ChronoUnit.MINUTES);
        HttpResponse<String> created = send(
                "POST",
                "/api/tickets",
                call("b1-102", serviceTime(serviceTime) + ",\"receivedAt\":\"" + receivedAt + "\""));
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        String ticketId = JSON.readTree(created.body()).get("ticketId").asText();
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            JsonNode list = JSON.readTree(
                    send("GET", "/api/tickets?estateId=" + estate, null).body());
            List<String> ids = new ArrayList<>();
            list.forEach(t -> ids.add(t.get("ticketId").asText()));
            assertThat(ids).contains(ticketId);
            JsonNode timeline = JSON.readTree(
                    send("GET", "/api/tickets/" + ticketId + "/timeline", null).body());
            assertThat(timeline.get(0).get("type").asText()).contains("TicketOpened");
            assertThat(Instant.parse(timeline.get(0).at("/data/serviceTime").asText()))
                    .isEqualTo(serviceTime);
        });
    }
}
