package io.propdesk.callback.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.propdesk.callback.CallbackServiceApplication;
import io.propdesk.callback.Upstream;
import io.propdesk.contracts.access.Role;
import io.propdesk.embedded.SharedInfrastructure;
import io.propdesk.embedded.SharedInfrastructureInitializer;
import io.propdesk.platform.security.DemoUsers;
import io.propdesk.platform.testing.MutableClock;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.ContextConfiguration;

/**
 * The SLA exports (issue 18 item 5) through real HTTP after the scripted day ({@link ScriptedDay}), played at an
 * estate whose id holds Chinese text, a quote, a comma and a leading {@code =}: the rows are counted by hand in the
 * comments, the files start with a UTF-8 BOM, the Chinese id reads back unchanged, quoted and defused, every moment
 * is there as a UTC instant and as Shanghai wall-clock time, and only managers and admins may download them.
 */
@SpringBootTest(
        classes = {CallbackServiceApplication.class, SlaExportIT.Clocks.class},
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"spring.config.name=callback-service", "spring.data.mongodb.database=callback_sla_exports"})
@ContextConfiguration(initializers = SharedInfrastructureInitializer.class)
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
class SlaExportIT {

    static final MutableClock CLOCK = new MutableClock(ScriptedDay.local("2026-12-01T08:00"));
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Upstream UPSTREAM =
            new Upstream(SharedInfrastructure.get().kafkaBootstrapServers());
    private static final String FROM = ScriptedDay.local("2026-12-01T00:00").toString();
    private static final String TO = ScriptedDay.local("2026-12-03T00:00").toString();
    private static final List<String> EXPORTS = List.of(
            "/api/sla/obligations.csv",
            "/api/sla/breaches.csv",
            "/api/sla/callbacks.csv",
            "/api/sla/time-in-status.csv");

    /** Registered by class, not scanned: the test's hand-moved clock. */
    static class Clocks {
        @Bean
        @Primary
        Clock testClock() {
            return CLOCK;
        }
    }

    private final HttpClient http = HttpClient.newHttpClient();
    private final String run = UUID.randomUUID().toString().substring(0, 6);

    @LocalServerPort
    int port;

    @AfterAll
    static void closeProducer() {
        UPSTREAM.close();
    }

    private HttpResponse<byte[]> get(Role role, String path) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path));
        if (role != null) {
            b.header("Authorization", DemoUsers.basic(role));
        }
        return http.send(b.GET().build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    private static String period(String from, String to) {
        return "?from=" + URLEncoder.encode(from, StandardCharsets.UTF_8) + "&to="
                + URLEncoder.encode(to, StandardCharsets.UTF_8);
    }

    @Test
    void aScriptedDayExportsTheHandCountedRowsWithBomChineseTextQuotingAndLocalTimes() throws Exception {
        // Chinese text, a quote and a comma (quoted), and a leading "=" (defused with an apostrophe)
        String estate = "=翠湖\"苑\",东-" + run;
        ScriptedDay day = new ScriptedDay(run, estate, port, CLOCK, UPSTREAM);
        day.play();

        // obligations.csv: the 22 outcomes the scripted day's compliance counts (ScriptedDayIT): met R4 4, C3 2, C4 2,
        // R7 1, R9 1, R5 1 = 11; breached R4 7, C4 1, R8 1, R5 1, C2 1 = 11
        List<Map<String, String>> obligations = awaitRows("/api/sla/obligations.csv", 22);
        assertThat(obligations).hasSize(22);
        assertThat(count(obligations, "outcome")).containsEntry("MET", 11L).containsEntry("BREACHED", 11L);
        assertThat(count(obligations, "rule"))
                .containsExactlyInAnyOrderEntriesOf(
                        Map.of("R4", 11L, "C3", 2L, "C4", 3L, "R7", 1L, "R8", 1L, "R9", 1L, "R5", 2L, "C2", 1L));
        assertThat(obligations)
                .allSatisfy(row -> assertThat(row)
                        .containsEntry("estateId", "'" + estate)
                        .containsEntry("timeZone", "Asia/Shanghai"));
        // R8 of the paid order: due Tuesday 13:00 in Shanghai (05:00 UTC), breached at the 13:01 tick
        Map<String, String> r8 = byId(obligations).get(day.t2 + ":R8:" + day.o2);
        assertThat(r8)
                .containsEntry("outcome", "BREACHED")
                .containsEntry("stewardId", "steward-li")
                .containsEntry("dueAt", "2026-12-01T05:00:00Z")
                .containsEntry("dueAtLocal", "2026-12-01T13:00:00");
        assertThat(r8.get("settledAtLocal")).startsWith("2026-12-01T13:0");
        // R7 waits on the owner, without a clock: no due time, settled when the quote was accepted at 10:00
        Map<String, String> r7 = byId(obligations).get(day.t2 + ":R7:" + day.o2);
        assertThat(r7)
                .containsEntry("outcome", "MET")
                .containsEntry("dueAt", "")
                .containsEntry("dueAtLocal", "")
                .containsEntry("settledAt", "2026-12-01T02:00:00Z")
                .containsEntry("settledAtLocal", "2026-12-01T10:00:00");

        // breaches.csv: the 11 breaches, all between Tuesday 13:01 and Wednesday 17:31, so all in the period
        List<Map<String, String>> breaches = rows(get(Role.MANAGER, "/api/sla/breaches.csv" + period(FROM, TO)));
        assertThat(ids(breaches))
                .containsExactlyInAnyOrder(
                        day.t2 + ":R4:2",
                        day.t2 + ":R4:3",
                        day.t2 + ":R4:4",
                        day.t3 + ":R4:1",
                        day.t4 + ":R4:1",
                        day.t4 + ":R4:3",
                        day.t4 + ":R4:4",
                        day.t4 + ":C4:2",
                        day.t2 + ":R8:" + day.o2,
                        day.t2 + ":R5:CB1-" + day.t2,
                        day.t4 + ":C2:CB1-" + day.t4);
        // a period that ends at Tuesday 16:00 holds the 4 breaches before it: T2 R8 (13:01), T3 and T4 R4:1 (14:01),
        // and none of the 16:01 and Wednesday ones
        List<Map<String, String>> tuesday = rows(get(
                Role.ADMIN,
                "/api/sla/breaches.csv"
                        + period(FROM, ScriptedDay.local("2026-12-01T16:00").toString())));
        assertThat(ids(tuesday))
                .containsExactlyInAnyOrder(day.t2 + ":R8:" + day.o2, day.t3 + ":R4:1", day.t4 + ":R4:1");

        // callbacks.csv: 4 scheduled (T1 11:00, T2 14:00, T3 15:00, T4 15:10); T1 and T3 completed by duty staff,
        // satisfied, rated 5; T2's and T4's still open
        List<Map<String, String>> callbacks = rows(get(Role.MANAGER, "/api/sla/callbacks.csv" + period(FROM, TO)));
        Map<String, Map<String, String>> byCallback =
                callbacks.stream().collect(Collectors.toMap(r -> r.get("callbackId"), Function.identity()));
        assertThat(byCallback).hasSize(4);
        assertThat(byCallback.get("CB1-" + day.t1))
                .containsEntry("ticketId", day.t1)
                .containsEntry("kind", "REPAIR")
                .containsEntry("estateId", "'" + estate)
                .containsEntry("status", "COMPLETED")
                .containsEntry("completedAt", "2026-12-01T07:00:00Z")
                .containsEntry("completedAtLocal", "2026-12-01T15:00:00")
                .containsEntry("satisfied", "true")
                .containsEntry("rating", "5")
                .containsEntry("callerRole", "DUTY_STAFF");
        assertThat(byCallback.get("CB1-" + day.t3))
                .containsEntry("status", "COMPLETED")
                .containsEntry("satisfied", "true");
        assertThat(byCallback.get("CB1-" + day.t2))
                .containsEntry("status", "OPEN")
                .containsEntry("completedAt", "")
                .containsEntry("satisfied", "")
                .containsEntry("rating", "");
        assertThat(byCallback.get("CB1-" + day.t4)).containsEntry("status", "OPEN");

        // the dashboard's satisfaction figures count the same two completions: satisfied, rated 5 and 5 (issue 18 item
        // 7)
        assertThat(measurement("propdesk.callbacks.completed?tag=satisfied:true", "COUNT"))
                .isGreaterThanOrEqualTo(2.0);
        assertThat(measurement("propdesk.callbacks.rating", "COUNT")).isGreaterThanOrEqualTo(2.0);
        assertThat(measurement("propdesk.callbacks.rating", "TOTAL")).isGreaterThanOrEqualTo(10.0);
        assertThat(measurement("propdesk.callbacks.rating", "MAX")).isEqualTo(5.0);

        // no personal data: the scripted day's tickets carry no owner, and no column could hold one
        for (String export : EXPORTS) {
            String text =
                    new String(get(Role.MANAGER, export + period(FROM, TO)).body(), StandardCharsets.UTF_8);
            assertThat(text.lines().findFirst().orElseThrow())
                    .doesNotContainIgnoringCase("phone")
                    .doesNotContainIgnoringCase("name");
        }
    }

    @Test
    void theFilesAreUtf8CsvAttachmentsStartingWithAByteOrderMark() throws Exception {
        for (String export : EXPORTS) {
            HttpResponse<byte[]> response = get(Role.MANAGER, export + period(FROM, TO));
            assertThat(response.statusCode()).as(export).isEqualTo(200);
            assertThat(response.headers().firstValue("Content-Type")).hasValue("text/csv;charset=UTF-8");
            assertThat(response.headers().firstValue("Content-Disposition").orElseThrow())
                    .startsWith("attachment")
                    .contains(export.substring(export.lastIndexOf('/') + 1));
            assertThat(Arrays.copyOf(response.body(), 3)).as(export).containsExactly(0xEF, 0xBB, 0xBF);
        }
        String header = new String(
                        get(Role.MANAGER, "/api/sla/obligations.csv" + period(FROM, TO))
                                .body(),
                        StandardCharsets.UTF_8)
                .lines()
                .findFirst()
                .orElseThrow();
        assertThat(header)
                .isEqualTo("\uFEFFobligationId,ticketId,callId,orderId,rule,outcome,estateId,department,stewardId,"
                        + "acceptor,occurrence,timeZone,dueAt,dueAtLocal,settledAt,settledAtLocal,everBreached,"
                        + "minutesLate,workingMinutesLate,breachedNow,fulfilledAt,fulfilledAtLocal");
    }

    @Test
    void onlyManagersAndAdminsMayDownloadTheExports() throws Exception {
        for (String export : EXPORTS) {
            String path = export + period(FROM, TO);
            assertThat(get(null, path).statusCode()).as(export).isEqualTo(401);
            for (Role role : Role.values()) {
                int status = get(role, path).statusCode();
                boolean admitted = role == Role.MANAGER || role == Role.ADMIN;
                assertThat(status).as(role + " " + export).isEqualTo(admitted ? 200 : 403);
            }
        }
    }

    @Test
    void aBadPeriodIsA400NamingTheField() throws Exception {
        for (String export : EXPORTS) {
            assertBadRequest(export + "?to=" + TO, "from");
            assertBadRequest(export + "?from=" + FROM, "to");
            assertBadRequest(export + period("yesterday", TO), "from");
            assertBadRequest(export + period(FROM, FROM), "to");
            assertBadRequest(export + period(TO, FROM), "to");
            assertBadRequest(export + period("1999-12-31T00:00:00Z", TO), "from");
        }
    }

    private void assertBadRequest(String path, String field) throws Exception {
        HttpResponse<byte[]> response = get(Role.MANAGER, path);
        assertThat(response.statusCode()).as(path).isEqualTo(400);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        List<String> fields = new ArrayList<>();
        JsonNode problem = JSON.readTree(response.body());
        problem.get("errors").forEach(e -> fields.add(e.get("field").asText()));
        assertThat(fields).as(path).contains(field);
    }

    private List<Map<String, String>> awaitRows(String export, int expected) {
        List<List<Map<String, String>>> last = new ArrayList<>();
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            last.clear();
            last.add(rows(get(Role.MANAGER, export + period(FROM, TO))));
            assertThat(last.get(0)).hasSize(expected);
        });
        return last.get(0);
    }

    /** The file's records as maps by header name, only those of this run's tickets. */
    private List<Map<String, String>> rows(HttpResponse<byte[]> response) {
        assertThat(response.statusCode()).isEqualTo(200);
        String text = new String(response.body(), StandardCharsets.UTF_8);
        assertThat(text).startsWith("\uFEFF");
        List<List<String>> records = Rfc4180.parse(text.substring(1));
        List<String> header = records.get(0);
        List<Map<String, String>> rows = new ArrayList<>();
        for (List<String> record : records.subList(1, records.size())) {
            assertThat(record).hasSameSizeAs(header);
            Map<String, String> row = new LinkedHashMap<>();
            for (int i = 0; i < header.size(); i++) {
                row.put(header.get(i), record.get(i));
            }
            if (row.getOrDefault("ticketId", "").endsWith("-" + run)) {
                rows.add(row);
            }
        }
        return rows;
    }

    /** A figure of the service's Micrometer registry, as its metrics endpoint shows it. */
    private double measurement(String metric, String statistic) throws Exception {
        HttpResponse<byte[]> response = get(Role.ADMIN, "/actuator/metrics/" + metric);
        assertThat(response.statusCode()).as(metric).isEqualTo(200);
        for (JsonNode m : JSON.readTree(response.body()).get("measurements")) {
            if (m.get("statistic").asText().equals(statistic)) {
                return m.get("value").asDouble();
            }
        }
        throw new AssertionError(metric + " has no " + statistic);
    }

    private static Map<String, Long> count(List<Map<String, String>> rows, String column) {
        return rows.stream().collect(Collectors.groupingBy(r -> r.get(column), Collectors.counting()));
    }

    private static Map<String, Map<String, String>> byId(List<Map<String, String>> rows) {
        return rows.stream().collect(Collectors.toMap(r -> r.get("obligationId"), Function.identity()));
    }

    private static List<String> ids(List<Map<String, String>> rows) {
        return rows.stream().map(r -> r.get("obligationId")).toList();
    }

    /** An RFC 4180 reader, independent of the writer under test: quoted fields, doubled quotes, CRLF records. */
    static final class Rfc4180 {

        static List<List<String>> parse(String text) {
            List<List<String>> records = new ArrayList<>();
            List<String> record = new ArrayList<>();
            StringBuilder field = new StringBuilder();
            boolean quoted = false;
            for (int i = 0; i < text.length(); i++) {
                char c = text.charAt(i);
                if (quoted) {
                    if (c == '"' && i + 1 < text.length() && text.charAt(i + 1) == '"') {
                        field.append('"');
                        i++;
                    } else if (c == '"') {
                        quoted = false;
                    } else {
                        field.append(c);
                    }
                } else if (c == '"') {
                    quoted = true;
                } else if (c == ',') {
                    record.add(field.toString());
                    field.setLength(0);
                } else if (c == '\r' && i + 1 < text.length() && text.charAt(i + 1) == '\n') {
                    record.add(field.toString());
                    field.setLength(0);
                    records.add(record);
                    record = new ArrayList<>();
                    i++;
                } else {
                    field.append(c);
                }
            }
            assertThat(field).as("the file ends with CRLF").isEmpty();
            assertThat(record).isEmpty();
            return records;
        }
    }
}
