package io.propdesk.ticket.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.propdesk.embedded.SharedInfrastructureInitializer;
import io.propdesk.platform.security.DemoUsers;
import io.propdesk.platform.testing.MutableClock;
import io.propdesk.platform.testing.Pages;
import io.propdesk.ticket.TicketServiceApplication;
import io.propdesk.ticket.domain.TicketIntake;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.ContextConfiguration;

/**
 * The ticket list pages by cursor (issue 15 item 9) and finds a call's ticket (issue 13, integrator friction), through
 * real HTTP on the real broker and MongoDB-wire server. The clock stands still, so every ticket opens at the same
 * instant and only the tie-break by id orders them.
 */
@SpringBootTest(
        classes = {TicketServiceApplication.class, TicketListPagingIT.Clocks.class},
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"spring.config.name=ticket-service", "spring.data.mongodb.database=ticket_list_paging_it"})
@ContextConfiguration(initializers = SharedInfrastructureInitializer.class)
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
class TicketListPagingIT {

    static final MutableClock CLOCK = MutableClock.at("2026-12-01T02:00:00Z");
    private static final ObjectMapper JSON = new ObjectMapper();

    /** Registered by class, not scanned: the test's standing clock. */
    static class Clocks {
        @Bean
        @Primary
        Clock testClock() {
            return CLOCK;
        }
    }

    private final HttpClient http = HttpClient.newHttpClient();
    private String estate;

    @LocalServerPort
    int port;

    @BeforeEach
    void configureEstate() throws Exception {
        estate = "estate-" + UUID.randomUUID().toString().substring(0, 8);
        HttpResponse<String> put = send("PUT", "/api/estates/" + estate, """
                {"name":"Sunrise Garden","timeZone":"Asia/Shanghai","paidReturnHours":2,
                 "areas":[{"areaId":"north","name":"North"}],
                 "buildings":[{"buildingId":"b1","areaId":"north","name":"Building 1","stewardId":"steward-li",
                               "units":["b1-101","b1-102"]}]}""");
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

    private HttpResponse<String> get(String path) throws Exception {
        return send("GET", path, null);
    }

    /** Opens {@code n} repairs at the standing clock's instant; answers their ids. */
    private List<String> openRepairs(int n, List<String> callIds) throws Exception {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            String callId = "call-" + UUID.randomUUID();
            HttpResponse<String> created = send("POST", "/api/tickets", """
                    {"callId":"%s","estateId":"%s","unitId":"b1-101","kind":"REPAIR","paid":false,
                     "description":"Kitchen tap leaking","callerName":"Wang","callerPhone":"13800000000",
                     "channel":"PHONE","acceptor":"desk-chen"}""".formatted(callId, estate));
            assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
            ids.add(JSON.readTree(created.body()).get("ticketId").asText());
            callIds.add(callId);
        }
        String all = "/api/tickets?estateId=" + estate + "&limit=500";
        await().atMost(Duration.ofSeconds(30))
                .until(() -> JSON.readTree(get(all).body()).size() == n);
        return ids;
    }

    private static List<String> ids(List<HttpResponse<String>> pages) throws Exception {
        List<String> ids = new ArrayList<>();
        for (HttpResponse<String> page : pages) {
            JSON.readTree(page.body()).forEach(t -> ids.add(t.get("ticketId").asText()));
        }
        return ids;
    }

    @Test
    void walkingThePagesGivesEveryTicketOnceNewestFirstAndTiesByIdAndTheLastPageHasNoLink_issue15_item9()
            throws Exception {
        List<String> opened = openRepairs(7, new ArrayList<>());

        List<HttpResponse<String>> pages =
                Pages.walk("/api/tickets?estateId=" + estate + "&status=OPEN&limit=3", this::get);

        assertThat(pages).extracting(p -> JSON.readTree(p.body()).size()).containsExactly(3, 3, 1);
        // all opened at one instant: newest first leaves only the tie-break, ticket id descending
        assertThat(ids(pages))
                .containsExactlyElementsOf(
                        opened.stream().sorted(Comparator.reverseOrder()).toList());
        assertThat(Pages.next(pages.get(0)))
                .get()
                .asString()
                .startsWith("/api/tickets?estateId=" + estate + "&status=OPEN&limit=3&cursor=");
        assertThat(pages.get(pages.size() - 1).headers().firstValue("Link")).isEmpty();
        // a page that ends exactly at the last row has no Link either
        assertThat(get("/api/tickets?estateId=" + estate + "&limit=7").headers().firstValue("Link"))
                .isEmpty();
    }

    @Test
    void offsetPageAndUnknownParametersAre400NamingThemAndABadCursorIs400NamingCursor_issue15_item9() throws Exception {
        assertField(get("/api/tickets?offset=100"), "offset");
        assertField(get("/api/tickets?page=2"), "page");
        assertField(get("/api/tickets?estateId=" + estate + "&pageSize=2"), "pageSize");
        assertField(get("/api/tickets?cursor=not-a-cursor"), "cursor");
        assertField(get("/api/tickets?cursor=" + "x".repeat(600)), "cursor");
        // a well-formed token whose key is not an instant, and one past any date a row can hold
        assertField(get("/api/tickets?cursor=" + token("yesterday\nT-1")), "cursor");
        assertField(get("/api/tickets?cursor=" + token("+1000000000-12-31T23:59:59Z\nT-1")), "cursor");
        assertField(get("/api/tickets?limit=501"), "limit");
        assertField(get("/api/tickets?limit=0"), "limit");
        assertField(get("/api/tickets?limit=ten"), "limit");
    }

    @Test
    void aCallsTicketIsFoundByItsCallIdAndAnUnknownCallFindsNone_issue13() throws Exception {
        List<String> callIds = new ArrayList<>();
        List<String> opened = openRepairs(3, callIds);

        JsonNode found =
                JSON.readTree(get("/api/tickets?callId=" + callIds.get(1)).body());
        assertThat(found).hasSize(1);
        assertThat(found.get(0).get("ticketId").asText())
                .isEqualTo(opened.get(1))
                .isEqualTo(TicketIntake.ticketIdForCall(callIds.get(1)));
        // with the other filters: they narrow as ever
        assertThat(JSON.readTree(get("/api/tickets?callId=" + callIds.get(1) + "&status=OPEN&estateId=" + estate)
                        .body()))
                .hasSize(1);
        assertThat(JSON.readTree(get("/api/tickets?callId=" + callIds.get(1) + "&status=CLOSED")
                        .body()))
                .isEmpty();
        HttpResponse<String> none = get("/api/tickets?callId=call-never-made-" + UUID.randomUUID());
        assertThat(none.statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(none.body())).isEmpty();
    }

    @Test
    void theCallCenterFindsTheTicketOfItsCallByCallIdButCannotBrowseTheDesksTickets_issue13() throws Exception {
        List<String> callIds = new ArrayList<>();
        List<String> opened = openRepairs(1, callIds);
        String callcenter = DemoUsers.basic(DemoUsers.named("callcenter"));

        HttpResponse<String> found = http.send(
                HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/tickets?callId=" + callIds.get(0)))
                        .header("Authorization", callcenter)
                        .GET()
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(found.statusCode()).as(found.body()).isEqualTo(200);
        assertThat(JSON.readTree(found.body()).get(0).get("ticketId").asText()).isEqualTo(opened.get(0));

        HttpResponse<String> browse = http.send(
                HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/tickets?estateId=" + estate))
                        .header("Authorization", callcenter)
                        .GET()
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertField(browse, "callId");
    }

    private static String token(String content) {
        return java.util.Base64.getUrlEncoder()
                .withoutPadding()
                .encodeToString(content.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    private static void assertField(HttpResponse<String> response, String field) throws Exception {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(400);
        assertThat(response.headers().firstValue("Content-Type").orElse("")).startsWith("application/problem+json");
        assertThat(JSON.readTree(response.body()).at("/errors/0/field").asText())
                .as(response.body())
                .isEqualTo(field);
    }
}
