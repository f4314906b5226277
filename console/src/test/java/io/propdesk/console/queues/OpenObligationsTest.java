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
 * Which callback-service query the queues' obligations come from: the cross-ticket query
 * ({@code GET /api/obligations?status=open&estateId=}) where the service has it, else one ticket at a time. A small
 * HTTP server answers as callback-service would, so both answers are read over real HTTP with the signed-in person's
 * credentials.
 */
class OpenObligationsTest {

    private HttpServer callback;
    private final List<String> asked = new CopyOnWriteArrayList<>();
    private final List<String> authorizations = new CopyOnWriteArrayList<>();
    private volatile boolean crossTicketQuery;

    @BeforeEach
    void start() throws IOException {
        callback = HttpServer.create(new InetSocketAddress("localhost", 0), 0);
        callback.createContext("/api/obligations", exchange -> {
            String query = exchange.getRequestURI().getQuery();
            asked.add(query);
            authorizations.add(exchange.getRequestHeaders().getFirst("Authorization"));
            int status;
            String body;
            if (query.contains("status=open")) {
                status = crossTicketQuery ? 200 : 400;
                body = crossTicketQuery ? """
                        [{"obligationId":"O1","ticketId":"T-1","callId":"c-1","rule":"R4","party":"steward",
                          "dueAt":"2026-12-02T08:00:00Z","estateId":"e1","department":"ENGINEERING"},
                         {"obligationId":"O2","ticketId":"T-2","callId":"c-2","rule":"R5","party":"acceptor",
                          "dueAt":"2026-12-02T09:00:00Z","estateId":"e1","department":"ENGINEERING"}]""" : """
                        {"status":400,"errors":[{"field":"ticketId","reason":"must not be blank"}]}""";
            } else if (query.contains("ticketId=T-1")) {
                status = 200;
                body = """
                        [{"obligationId":"O1","ticketId":"T-1","rule":"R4","party":"steward","status":"FULFILLED",
                          "dueAt":"2026-12-02T06:00:00Z","estateId":"e1"},
                         {"obligationId":"O3","ticketId":"T-1","rule":"R4","party":"steward","status":"OPEN",
                          "dueAt":"2026-12-02T10:00:00.5Z","estateId":"e1","department":"ENGINEERING"}]""";
            } else {
                status = 200;
                body = """
                        [{"obligationId":"O4","ticketId":"T-2","rule":"R5","party":"acceptor","status":"OPEN",
                          "dueAt":"2026-12-02T10:00:00Z","estateId":"e1","callbackId":"CB1-T-2"},
                         {"obligationId":"O5","ticketId":"T-2","rule":"R4","party":"steward","status":"OPEN",
                          "dueAt":"2026-12-02T07:00:00Z","estateId":"other"}]""";
            }
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(status, bytes.length);
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
    void theCrossTicketQueryIsAskedOnceAsTheSignedInPersonWhereTheServiceHasIt() {
        crossTicketQuery = true;
        OpenObligations.Result result = obligations().list("e1", List.of("T-1", "T-2"));

        assertThat(result.refused()).isNull();
        assertThat(result.rows())
                .extracting(OpenObligations.Row::obligationId, OpenObligations.Row::rule, OpenObligations.Row::dueAt)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("O1", "R4", Instant.parse("2026-12-02T08:00:00Z")),
                        org.assertj.core.groups.Tuple.tuple("O2", "R5", Instant.parse("2026-12-02T09:00:00Z")));
        assertThat(asked).containsExactly("status=open&estateId=e1&limit=500");
        assertThat(authorizations).containsOnly(new BasicCredentials("desk", "desk-demo").authorization());
    }

    @Test
    void withoutItTheOpenObligationsOfEachOpenTicketAreReadEarliestDueFirst() {
        crossTicketQuery = false;
        OpenObligations.Result result = obligations().list("e1", List.of("T-1", "T-2"));

        assertThat(result.refused()).isNull();
        // only OPEN ones of the estate asked for, earliest due first (instants compared, not their text)
        assertThat(result.rows()).extracting(OpenObligations.Row::obligationId).containsExactly("O4", "O3");
        assertThat(result.rows().get(0).callbackId()).isEqualTo("CB1-T-2");
        assertThat(asked)
                .containsExactly(
                        "status=open&estateId=e1&limit=500", "ticketId=T-1&limit=500", "ticketId=T-2&limit=500");
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
