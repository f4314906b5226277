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

/** Callback-service's input bounds from outside (issue 15 items 3, 6, 7), and its ledger fed the extremes. */
@SpringBootTest(
        classes = {CallbackServiceApplication.class, CallbackInputIT.Clocks.class},
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"spring.config.name=callback-service", "spring.data.mongodb.database=callback_input_it"})
@ContextConfiguration(initializers = SharedInfrastructureInitializer.class)
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
class CallbackInputIT {

    static final MutableClock CLOCK = new MutableClock(Instant.parse("2026-12-01T02:00:00Z"));
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Upstream UPSTREAM =
            new Upstream(SharedInfrastructure.get().kafkaBootstrapServers());

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

    private ScriptedDay http() {
        return new ScriptedDay(UUID.randomUUID().toString().substring(0, 6), port, CLOCK, UPSTREAM);
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

    @Test
    void periodsLieBetween2000And2100_issue15_item6() throws Exception {
        ScriptedDay http = http();
        assertThat(fields(http.post("/api/sla/what-if", """
                {"from":"+10000-01-01T00:00:00Z","to":"+10000-01-02T00:00:00Z"}"""))).containsExactlyInAnyOrder("from", "to");
        assertThat(fields(http.send(
                        "GET", "/api/sla/compliance?from=1999-12-31T00:00:00Z&to=2026-12-01T00:00:00Z", null)))
                .containsExactly("from");
    }

    @Test
    void namesAndIdsRefuseControlCharactersAndFreeTextKeepsNewlines_issue15_items3_7() throws Exception {
        ScriptedDay http = http();
        assertThat(fields(http.post("/api/handover", """
                {"estateId":"sun rise","handedOverBy":"desk-chen"}"""))).containsExactly("estateId");
        assertThat(fields(http.post("/api/tickets/T-none/steward-replies", """
                {"stewardId":"steward\\u0007li","message":"on it"}""")))
                .containsExactly("stewardId");
        assertThat(fields(http.post("/api/tickets/T-none/steward-replies", """
                {"stewardId":"steward-li","message":"on it\\u001b[31m"}""")))
                .containsExactly("message");
        // a newline and a tab pass the reader: the unknown ticket is what stops this one
        assertThat(http.post("/api/tickets/T-none/steward-replies", """
                {"stewardId":"steward-li","message":"on it:\\n\\tparts ordered"}""").statusCode())
                .isEqualTo(404);
    }

    @Test
    void theLedgerCallsBackATicketAtTheEdgesOfTheCallWindows_issue15_item6() throws Exception {
        String estate = "estate-" + UUID.randomUUID().toString().substring(0, 6);
        String ticketId = "T-" + UUID.randomUUID();
        String orderId = "WO-" + ticketId;
        Instant now = CLOCK.instant();
        UPSTREAM.estate(estate, now);
        // the earliest receivedAt and the latest service time ticket-service accepts
        UPSTREAM.ticketOpened(
                ticketId,
                estate,
                TicketKind.REPAIR,
                now.minus(Duration.ofDays(30)),
                now.plus(Duration.ofDays(365)),
                now);
        UPSTREAM.dispatched(ticketId, orderId, estate, false, now);
        UPSTREAM.completed(ticketId, orderId, estate, false, now.plusSeconds(600));
        UPSTREAM.returned(
                ticketId, orderId, estate, false, now.plusSeconds(600), now.plusSeconds(3600), now.plusSeconds(900));
        ScriptedDay http = http();
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            JsonNode callbacks = JSON.readTree(http.send("GET", "/api/callbacks?status=all&estateId=" + estate, null)
                    .body());
            List<String> tickets = new ArrayList<>();
            callbacks.forEach(c -> tickets.add(c.get("ticketId").asText()));
            assertThat(tickets).contains(ticketId);
        });
    }
}
