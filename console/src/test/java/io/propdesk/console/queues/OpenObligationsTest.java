package io.propdesk.console.queues;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.propdesk.console.ConsoleProperties;
import io.propdesk.console.security.ConsoleUser;
import io.propdesk.console.services.BasicCredentials;
import io.propdesk.console.services.CurrentPerson;
import io.propdesk.console.services.ServiceApi;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.context.SecurityContextHolder;

/**
 * How the queues read callback-service's open obligations across tickets and missed calls
 * ({@code GET /api/obligations?status=open}): as the signed-in person, following the Link rel=next pages as far as the
 * due-soon window reaches (earliest due first, so a page reaching past it ends the read), or to the end for one rule.
 * A small HTTP server answers as callback-service would, over real HTTP.
 */
class OpenObligationsTest {

    private HttpServer callback;
    private final List<String> asked = new CopyOnWriteArrayList<>();
    private final List<String> authorizations = new CopyOnWriteArrayList<>();

    /** Three pages: O1 (T-1), M1 of a missed call; O3; O4 due later, O5 without a due time (R7). */
    private static final Map<String, String> PAGES = Map.of("", """
            [{"obligationId":"O1","ticketId":"T-1","rule":"R4","party":"steward","stewardId":"steward-li",
              "dueAt":"2026-12-02T08:00:00Z","estateId":"e1","department":"ENGINEERING"},
             {"obligationId":"O2","callId":"call-9","rule":"M1","party":"desk",
              "dueAt":"2026-12-02T08:30:00Z","estateId":"e1"}]""", "p2", """
            [{"obligationId":"O3","ticketId":"T-2","rule":"R5","party":"acceptor","callbackId":"CB1-T-2",
              "dueAt":"2026-12-02T09:00:00Z","estateId":"e1","department":"ENGINEERING"}]""", "p3", """
            [{"obligationId":"O4","ticketId":"T-3","rule":"R4","party":"steward",
              "dueAt":"2026-12-03T09:00:00Z","estateId":"e1"},
             {"obligationId":"O5","ticketId":"T-4","rule":"R7","party":"owner","orderId":"WO-T-4","estateId":"e1"}]""");

    @BeforeEach
    void start() throws IOException {
        callback = HttpServer.create(new InetSocketAddress("localhost", 0), 0);
        callback.createContext("/api/obligations", exchange -> {
            String query = exchange.getRequestURI().getQuery();
            asked.add(query);
            authorizations.add(exchange.getRequestHeaders().getFirst("Authorization"));
            String cursor = query.contains("cursor=") ? query.replaceAll(".*cursor=([^&]*).*", "$1") : "";
            String next = cursor.isEmpty() ? "p2" : cursor.equals("p2") ? "p3" : null;
            if (next != null) {
                exchange.getResponseHeaders()
                        .add(
                                "Link",
                                "</api/obligations?" + query.replaceAll("&cursor=[^&]*", "") + "&cursor=" + next
                                        + ">; rel=\"next\"");
            }
            byte[] bytes = PAGES.get(cursor).getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, bytes.length);
            exchange.getResponseBody().write(bytes);
            exchange.close();
        });
        callback.start();
        SecurityContextHolder.getContext()
                .setAuthentication(UsernamePasswordAuthenticationToken.authenticated(
                        new ConsoleUser("desk", new BasicCredentials("desk", "desk-demo"), true), null, List.of()));
    }

    @AfterEach
    void stop() {
        SecurityContextHolder.clearContext();
        callback.stop(0);
    }

    @Test
    void thePagesAreFollowedUntilOneReachesPastTheDueSoonWindowAsTheSignedInPerson() {
        OpenObligations.Result result = obligations().dueBefore(Instant.parse("2026-12-02T10:00:00Z"), "e1", null);

        assertThat(result.refused()).isNull();
        assertThat(result.rows()).extracting(OpenObligations.Row::obligationId).containsExactly("O1", "O2", "O3");
        // the third page held one due later: no fourth page is asked for, nothing after the window is kept
        assertThat(asked)
                .containsExactly(
                        "status=open&estateId=e1&limit=500",
                        "status=open&estateId=e1&limit=500&cursor=p2",
                        "status=open&estateId=e1&limit=500&cursor=p3");
        assertThat(authorizations).containsOnly(new BasicCredentials("desk", "desk-demo").authorization());
        assertThat(result.rows().get(0).stewardId()).isEqualTo("steward-li");
        assertThat(result.rows().get(2).callbackId()).isEqualTo("CB1-T-2");
    }

    @Test
    void aMissedCallWithoutATicketIsAnObligationToReturnIt_M1() {
        OpenObligations.Row missed = obligations()
                .dueBefore(Instant.parse("2026-12-02T08:45:00Z"), null, null)
                .rows()
                .get(1);

        assertThat(missed.rule()).isEqualTo("M1");
        assertThat(missed.missedCall()).isTrue();
        assertThat(missed.ticketId()).isNull();
        assertThat(missed.callId()).isEqualTo("call-9");
        // the first page was all inside the window: the second is read, and ends it
        assertThat(asked).hasSize(2);
    }

    @Test
    void oneRuleIsReadToItsLastPageObligationsWithoutADueTimeIncluded_R7() {
        OpenObligations.Result result = obligations().ofRule("R7", "e1", "ENGINEERING");

        assertThat(result.rows())
                .extracting(OpenObligations.Row::obligationId)
                .containsExactly("O1", "O2", "O3", "O4", "O5");
        assertThat(result.rows().get(4).dueAt()).isNull();
        assertThat(result.rows().get(4).orderId()).isEqualTo("WO-T-4");
        assertThat(asked).first().isEqualTo("status=open&rule=R7&estateId=e1&department=ENGINEERING&limit=500");
        assertThat(asked).hasSize(3);
    }

    private OpenObligations obligations() {
        URI base = URI.create("http://localhost:" + callback.getAddress().getPort());
        ConsoleProperties properties = new ConsoleProperties(
                Map.of("ticket", base, "dispatch", base, "callback", base, "billing", base),
                List.of("e1"),
                ZoneId.of("Asia/Shanghai"),
                Duration.ofSeconds(5),
                Duration.ofSeconds(5),
                Duration.ofMinutes(30),
                Map.of());
        return new OpenObligations(new ServiceApi(
                properties,
                new ObjectMapper(),
                new SimpleMeterRegistry(),
                new CurrentPerson(),
                org.springframework.web.client.RestClient.builder()));
    }
}
