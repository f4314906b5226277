package io.propdesk.callback.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.propdesk.callback.CallbackServiceApplication;
import io.propdesk.callback.Upstream;
import io.propdesk.contracts.TicketKind;
import io.propdesk.embedded.SharedInfrastructure;
import io.propdesk.embedded.SharedInfrastructureInitializer;
import io.propdesk.platform.testing.MutableClock;
import io.propdesk.platform.testing.Pages;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.ContextConfiguration;

/**
 * The callback queue pages by cursor (issue 15 item 9) and answers a ticket's callbacks (issue 13, integrator
 * friction). Free repairs returned at one instant, in their own estate on a day of their own (not the scripted day's,
 * whose compliance figures count every estate), so every callback falls due at the same time and only the tie-break
 * by callback id orders them.
 */
@SpringBootTest(
        classes = {CallbackServiceApplication.class, CallbackListPagingIT.Clocks.class},
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"spring.config.name=callback-service", "spring.data.mongodb.database=callback_list_paging"})
@ContextConfiguration(initializers = SharedInfrastructureInitializer.class)
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
class CallbackListPagingIT {

    static final MutableClock CLOCK = new MutableClock(ScriptedDay.local("2026-11-10T09:00"));
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Upstream UPSTREAM =
            new Upstream(SharedInfrastructure.get().kafkaBootstrapServers());

    /** Registered by class, not scanned: the test's hand-moved clock. */
    static class Clocks {
        @Bean
        @Primary
        Clock testClock() {
            return CLOCK;
        }
    }

    @LocalServerPort
    int port;

    @AfterAll
    static void closeProducer() {
        UPSTREAM.close();
    }

    /** Free repairs opened, served and returned at one instant each step: their callbacks fall due together. */
    private List<String> returnedRepairs(ScriptedDay day, int n) throws Exception {
        Instant opened = ScriptedDay.local("2026-11-10T09:00");
        Instant done = ScriptedDay.local("2026-11-10T10:30");
        Instant returned = ScriptedDay.local("2026-11-10T11:00");
        UPSTREAM.estate(day.estate, opened);
        List<String> tickets = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            String ticketId = "T" + i + "-" + day.run;
            UPSTREAM.ticketOpened(ticketId, day.estate, TicketKind.REPAIR, false, null, "steward-li", opened);
            tickets.add(ticketId);
        }
        for (String ticketId : tickets) {
            day.awaitStatus(ticketId, "R4:1", "OPEN");
        }
        CLOCK.set(returned);
        for (String ticketId : tickets) {
            String orderId = "WO-" + ticketId;
            UPSTREAM.dispatched(ticketId, orderId, day.estate, false, opened);
            UPSTREAM.completed(ticketId, orderId, day.estate, false, done);
            UPSTREAM.returned(
                    ticketId, orderId, day.estate, false, done, ScriptedDay.local("2026-11-10T17:30"), returned);
        }
        for (String ticketId : tickets) {
            day.awaitStatus(ticketId, "R5:CB1-" + ticketId, "OPEN");
        }
        return tickets;
    }

    private ScriptedDay day() {
        return new ScriptedDay(UUID.randomUUID().toString().substring(0, 6), port, CLOCK, UPSTREAM);
    }

    private static List<String> callbackIds(JsonNode array) {
        List<String> ids = new ArrayList<>();
        array.forEach(c -> ids.add(c.get("callbackId").asText()));
        return ids;
    }

    @Test
    void walkingTheCallbackPagesGivesEveryCallbackOnceEarliestDueFirstTiesByIdAndNoLinkOnTheLastPage_issue15_item9()
            throws Exception {
        ScriptedDay day = day();
        List<String> tickets = returnedRepairs(day, 5);

        List<HttpResponse<String>> pages = Pages.walk(
                "/api/callbacks?estateId=" + day.estate + "&status=all&limit=2", path -> day.send("GET", path, null));

        List<String> walked = new ArrayList<>();
        List<String> dueTimes = new ArrayList<>();
        for (HttpResponse<String> page : pages) {
            JsonNode rows = JSON.readTree(page.body());
            walked.addAll(callbackIds(rows));
            rows.forEach(c -> dueTimes.add(c.get("dueAt").asText()));
        }
        assertThat(pages).extracting(p -> JSON.readTree(p.body()).size()).containsExactly(2, 2, 1);
        assertThat(dueTimes)
                .as("all due at one instant: the order is the tie-break's")
                .containsOnly(dueTimes.get(0));
        assertThat(walked)
                .containsExactlyElementsOf(
                        tickets.stream().map(t -> "CB1-" + t).sorted().toList());
        assertThat(pages.get(2).headers().firstValue("Link")).isEmpty();
        assertThat(day.send("GET", "/api/callbacks?estateId=" + day.estate + "&limit=5", null)
                        .headers()
                        .firstValue("Link"))
                .isEmpty();

        assertField(day.send("GET", "/api/callbacks?offset=2", null), "offset");
        assertField(day.send("GET", "/api/callbacks?status=all&page=2", null), "page");
        assertField(day.send("GET", "/api/callbacks?cursor=AAAA", null), "cursor");
        assertField(day.send("GET", "/api/callbacks?limit=1000", null), "limit");
    }

    @Test
    void aTicketsCallbacksOfAnyStatusAreFoundByTicketId_issue13() throws Exception {
        ScriptedDay day = day();
        List<String> tickets = returnedRepairs(day, 2);
        String ticketId = tickets.get(0);
        String callbackId = "CB1-" + ticketId;
        assertThat(day.post("/api/callbacks/" + callbackId + "/complete", day.completion("DUTY_STAFF"))
                        .statusCode())
                .isEqualTo(200);

        // the list is read from the topic: wait until the completion reached it, not only the callback
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            JsonNode completed = JSON.readTree(
                    day.send("GET", "/api/callbacks?ticketId=" + ticketId, null).body());
            assertThat(callbackIds(completed)).containsExactly(callbackId);
            assertThat(completed.get(0).get("completed").asBoolean()).isTrue();
        });
        assertThat(JSON.readTree(day.send("GET", "/api/callbacks?ticketId=" + ticketId + "&status=due", null)
                        .body()))
                .isEmpty();
        assertThat(callbackIds(JSON.readTree(day.send("GET", "/api/callbacks?ticketId=" + tickets.get(1), null)
                        .body())))
                .containsExactly("CB1-" + tickets.get(1));
        assertThat(JSON.readTree(
                        day.send("GET", "/api/callbacks?ticketId=" + tickets.get(1) + "&estateId=elsewhere", null)
                                .body()))
                .isEmpty();
        HttpResponse<String> none = day.send("GET", "/api/callbacks?ticketId=T-never-" + day.run, null);
        assertThat(none.statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(none.body())).isEmpty();
    }

    @Test
    void aTicketsObligationsWalkedPageByPageAreAllOfThemOnceOldestFirst_issue15_item9() throws Exception {
        ScriptedDay day = day();
        String ticketId = returnedRepairs(day, 1).get(0);
        String path = "/api/obligations?ticketId=" + ticketId;

        JsonNode whole =
                JSON.readTree(day.send("GET", path + "&limit=500", null).body());
        List<HttpResponse<String>> pages = Pages.walk(path + "&limit=1", p -> day.send("GET", p, null));

        List<String> expected = new ArrayList<>();
        whole.forEach(o -> expected.add(
                o.get("openedAt").asText() + " " + o.get("obligationId").asText()));
        List<String> walked = new ArrayList<>();
        for (HttpResponse<String> page : pages) {
            JSON.readTree(page.body())
                    .forEach(o -> walked.add(o.get("openedAt").asText() + " "
                            + o.get("obligationId").asText()));
        }
        assertThat(expected)
                .hasSizeGreaterThanOrEqualTo(3)
                .isSortedAccordingTo(java.util.Comparator.comparing((String o) -> Instant.parse(o.split(" ")[0]))
                        .thenComparing(o -> o.split(" ")[1]));
        assertThat(walked).containsExactlyElementsOf(expected);
        assertThat(pages).hasSize(expected.size());
        assertThat(pages.get(pages.size() - 1).headers().firstValue("Link")).isEmpty();
        assertField(day.send("GET", path + "&page=2", null), "page");
        assertField(day.send("GET", path + "&cursor=AAAA", null), "cursor");
    }

    private static void assertField(HttpResponse<String> response, String field) throws Exception {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(400);
        assertThat(response.headers().firstValue("Content-Type").orElse("")).startsWith("application/problem+json");
        assertThat(JSON.readTree(response.body()).at("/errors/0/field").asText())
                .as(response.body())
                .isEqualTo(field);
    }
}
