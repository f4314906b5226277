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
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.context.SecurityContextHolder;

/**
 * Which rows each queue tab lists, from the services' answers: a small HTTP server answers as the four services would
 * (their list queries, over real HTTP), at 10:00 on a fixed clock with a 30 min due-soon window.
 */
class QueuesTest {

    private static final Instant NOW = Instant.parse("2026-12-02T10:00:00Z");

    private HttpServer services;
    private Queues queues;

    @BeforeEach
    void start() throws IOException {
        services = HttpServer.create(new InetSocketAddress("localhost", 0), 0);
        services.createContext("/", exchange -> {
            String path = exchange.getRequestURI().getPath();
            String query = exchange.getRequestURI().getQuery() == null
                    ? ""
                    : exchange.getRequestURI().getQuery();
            String body = answer(path, query);
            int status = body == null ? 404 : 200;
            byte[] bytes = (body == null ? "{\"status\":404}" : body).getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(status, bytes.length);
            exchange.getResponseBody().write(bytes);
            exchange.close();
        });
        services.start();
        URI base = URI.create("http://localhost:" + services.getAddress().getPort());
        ConsoleProperties properties = new ConsoleProperties(
                Map.of("ticket", base, "dispatch", base, "callback", base, "billing", base),
                List.of("e1"),
                ZoneId.of("Asia/Shanghai"),
                Duration.ofSeconds(5),
                Duration.ofSeconds(5),
                Duration.ofMinutes(30),
                Map.of());
        ServiceApi api = new ServiceApi(
                properties,
                new ObjectMapper(),
                new SimpleMeterRegistry(),
                new CurrentPerson(),
                org.springframework.web.client.RestClient.builder());
        queues = new Queues(api, new OpenObligations(api), properties, Clock.fixed(NOW, ZoneOffset.UTC));
        SecurityContextHolder.getContext()
                .setAuthentication(UsernamePasswordAuthenticationToken.authenticated(
                        new ConsoleUser("desk", new BasicCredentials("desk", "desk-demo"), true), null, List.of()));
    }

    /** What the services answer; null is a 404. */
    private static String answer(String path, String query) {
        if (path.equals("/api/obligations") && query.contains("rule=R7")) {
            return """
                    [{"obligationId":"O7","ticketId":"T-PAID","rule":"R7","party":"owner","orderId":"WO-T-PAID",
                      "estateId":"e1","department":"ENGINEERING","stewardId":"steward-wu"}]""";
        }
        if (path.equals("/api/obligations") && query.contains("rule=R4")) {
            return "[]";
        }
        if (path.equals("/api/obligations") && query.contains("status=open")) {
            return """
                    [{"obligationId":"O1","ticketId":"T-LATE","rule":"R4","party":"steward","stewardId":"steward-li",
                      "dueAt":"2026-12-02T09:00:00Z","estateId":"e1","department":"ENGINEERING"},
                     {"obligationId":"O2","callId":"call-9","rule":"M1","party":"desk",
                      "dueAt":"2026-12-02T09:50:00Z","estateId":"e1"},
                     {"obligationId":"O3","callId":"call-10","rule":"M1","party":"desk",
                      "dueAt":"2026-12-02T10:10:00Z","estateId":"e1"},
                     {"obligationId":"O5","ticketId":"T-WARNED","rule":"R8","party":"department",
                      "dueAt":"2026-12-02T10:25:00Z","atRiskAt":"2026-12-02T09:55:00Z","atRisk":true,
                      "estateId":"e1","department":"ENGINEERING"},
                     {"obligationId":"O6","ticketId":"T-NOT-YET","rule":"R5","party":"desk",
                      "dueAt":"2026-12-02T10:20:00Z","atRiskAt":"2026-12-02T10:10:00Z","atRisk":false,
                      "estateId":"e1"},
                     {"obligationId":"O4","ticketId":"T-NEW","rule":"R4","party":"steward","stewardId":"steward-wu",
                      "dueAt":"2026-12-02T14:00:00Z","estateId":"e1"}]""";
        }
        if (path.equals("/api/obligations") && query.contains("ticketId=T-ROUTED")) {
            return """
                    [{"obligationId":"O9","ticketId":"T-ROUTED","rule":"R4","status":"OPEN",
                      "dueAt":"2026-12-02T16:00:00Z"}]""";
        }
        if (path.equals("/api/orders") && query.contains("status=DISPATCHED")) {
            return """
                    [{"orderId":"WO-T-NEW","ticketId":"T-NEW","estateId":"e1","department":"ENGINEERING",
                      "kind":"REPAIR","status":"DISPATCHED"}]""";
        }
        if (path.equals("/api/orders") && query.contains("lateUnexplained=true")) {
            return """
                    [{"orderId":"WO-T-LATE","ticketId":"T-LATE","estateId":"e1","department":"ENGINEERING",
                      "kind":"REPAIR","status":"RETURNED","late":true,"explained":false}]""";
        }
        if (path.equals("/api/orders") && query.contains("kind=COMPLAINT")) {
            return """
                    [{"orderId":"WO-T-ROUTED","ticketId":"T-ROUTED","estateId":"e1","department":"ENGINEERING",
                      "kind":"COMPLAINT","status":"PICKED_UP"}]""";
        }
        if (path.equals("/api/tickets") && query.contains("kind=COMPLAINT")) {
            return """
                    [{"ticketId":"T-ROUTED","estateId":"e1","kind":"COMPLAINT","status":"OPEN","stewardId":"steward-li"},
                     {"ticketId":"T-UNROUTED","estateId":"e1","kind":"COMPLAINT","status":"OPEN",
                      "stewardId":"steward-li"}]""";
        }
        if (path.equals("/api/callbacks")) {
            return "[]";
        }
        return null;
    }

    @AfterEach
    void stop() {
        SecurityContextHolder.clearContext();
        services.stop(0);
    }

    @Test
    void aComplaintItsStewardHasNotRoutedIsNewBesideTheOrdersNotPickedUp_C1() {
        Queues.Tab fresh = queues.read(new Queues.Filter(null, null, null)).get("new");

        assertThat(fresh.rows())
                .extracting(Queues.Row::ticketId, Queues.Row::what)
                .containsExactlyInAnyOrder(
                        org.assertj.core.groups.Tuple.tuple("T-NEW", "DISPATCHED"),
                        org.assertj.core.groups.Tuple.tuple("T-UNROUTED", "UNROUTED"));
        // the order's ticket counts down to its next obligation, read beyond the due-soon window
        assertThat(fresh.rows().get(0).dueAt()).isEqualTo(Instant.parse("2026-12-02T14:00:00Z"));
        // no obligation of the complaint was read: its next one is due no earlier than the last one read
        assertThat(fresh.rows().get(1).dueAt()).isNull();
        assertThat(fresh.rows().get(1).dueNotBefore()).isEqualTo(Instant.parse("2026-12-02T14:00:00Z"));
    }

    @Test
    void missedCallsToReturnAreOverdueOrDueSoonWithTheirCall_M1() {
        Map<String, Queues.Tab> tabs = queues.read(new Queues.Filter(null, null, null));

        assertThat(tabs.get("overdue").rows())
                .extracting(Queues.Row::what, Queues.Row::ticketId, Queues.Row::callId)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("R4", "T-LATE", null),
                        org.assertj.core.groups.Tuple.tuple("M1", null, "call-9"));
        assertThat(tabs.get("soon").rows())
                .filteredOn(row -> "M1".equals(row.what()))
                .extracting(Queues.Row::what, Queues.Row::callId)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("M1", "call-10"));
    }

    @Test
    void dueSoonListsWhatCallbackServiceReportsAtRiskWhateverTheConsolesWindow_W1() {
        Map<String, Queues.Tab> tabs = queues.read(new Queues.Filter(null, null, null));

        // at 10:00: O5 (R8, due 10:25) was announced at risk at 09:55; O6 (R5, due 10:20) lies inside the console's
        // 30 min window but the service's warning for it starts at 10:10; M1 call-10 (due 10:10) carries no at-risk
        // moment, so the console's own window decides it
        assertThat(tabs.get("soon").rows())
                .extracting(Queues.Row::what, Queues.Row::ticketId, Queues.Row::callId)
                .containsExactlyInAnyOrder(
                        org.assertj.core.groups.Tuple.tuple("R8", "T-WARNED", null),
                        org.assertj.core.groups.Tuple.tuple("M1", null, "call-10"));
    }

    @Test
    void paidOrdersAwaitingTheirQuoteAndLateOrdersNotExplainedHaveTheirOwnTabs_R7_R11() {
        Map<String, Queues.Tab> tabs = queues.read(new Queues.Filter(null, null, null));

        assertThat(tabs.get("quotes").rows()).extracting(Queues.Row::ticketId).containsExactly("T-PAID");
        assertThat(tabs.get("late").rows())
                .extracting(Queues.Row::ticketId, Queues.Row::what)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("T-LATE", "R11"));
        assertThat(tabs.keySet()).containsExactlyElementsOf(Queues.TABS);
    }

    @Test
    void theStewardFilterKeepsTheRowsOfThatStewardsTickets() {
        Map<String, Queues.Tab> tabs = queues.read(new Queues.Filter(null, null, null, "steward-wu"));

        assertThat(tabs.get("new").rows()).extracting(Queues.Row::ticketId).containsExactly("T-NEW");
        assertThat(tabs.get("quotes").rows()).extracting(Queues.Row::ticketId).containsExactly("T-PAID");
        assertThat(tabs.get("overdue").rows()).isEmpty();
        assertThat(tabs.get("late").count()).isZero();
    }
}
