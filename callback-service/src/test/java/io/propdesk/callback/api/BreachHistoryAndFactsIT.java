package io.propdesk.callback.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.propdesk.callback.CallbackServiceApplication;
import io.propdesk.callback.Upstream;
import io.propdesk.callback.facts.SlaFactsProjection;
import io.propdesk.contracts.Department;
import io.propdesk.contracts.SlaRule;
import io.propdesk.contracts.TicketKind;
import io.propdesk.contracts.Topics;
import io.propdesk.contracts.callback.FollowUpClosed;
import io.propdesk.contracts.cloudevents.CloudEventCodec;
import io.propdesk.contracts.sla.SlaFact;
import io.propdesk.embedded.SharedInfrastructure;
import io.propdesk.embedded.SharedInfrastructureInitializer;
import io.propdesk.platform.security.DemoUsers;
import io.propdesk.platform.testing.MutableClock;
import io.propdesk.platform.testing.TopicReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.ContextConfiguration;

/**
 * Issue 18 items 4 and 6 over a scripted week: {@link ScriptedDay}'s Tuesday and Wednesday, then Thursday 2026-12-03,
 * when steward-li finally replies on T2 (09:00), T2's owner is called back (09:30) and ticket-service closes T2
 * (10:00). Every figure and column below is counted by hand in the comments (estate calendar: Asia/Shanghai,
 * 08:30-17:30, Monday-Friday).
 */
@SpringBootTest(
        classes = {CallbackServiceApplication.class, BreachHistoryAndFactsIT.Clocks.class},
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"spring.config.name=callback-service", "spring.data.mongodb.database=callback_breach_history"})
@ContextConfiguration(initializers = SharedInfrastructureInitializer.class)
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class BreachHistoryAndFactsIT {

    static final MutableClock CLOCK = new MutableClock(ScriptedDay.local("2026-12-01T08:00"));
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Upstream UPSTREAM =
            new Upstream(SharedInfrastructure.get().kafkaBootstrapServers());
    private static final String RUN = UUID.randomUUID().toString().substring(0, 6);
    private static ScriptedDay week;

    /** Registered by class, not scanned: the test's hand-moved clock. */
    static class Clocks {
        @Bean
        @Primary
        Clock testClock() {
            return CLOCK;
        }
    }

    private final HttpClient http = HttpClient.newHttpClient();

    @LocalServerPort
    int port;

    @Autowired
    SlaFactsProjection facts;

    @AfterAll
    static void closeProducer() {
        UPSTREAM.close();
    }

    private HttpResponse<String> send(String method, String path) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .header("Content-Type", "application/json")
                .header("Authorization", DemoUsers.authorizationFor("callback", method, path));
        return http.send(
                (method.equals("GET") ? b.GET() : b.method(method, HttpRequest.BodyPublishers.noBody())).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** The scripted day, then Thursday morning; played once for both tests. */
    private synchronized ScriptedDay week() throws Exception {
        if (week != null) {
            return week;
        }
        ScriptedDay day = new ScriptedDay(RUN, port, CLOCK, UPSTREAM);
        day.play();
        // Thursday 09:00: steward-li replies on T2 at last; its windows 2-4 (breached) are met late, window 5 (due
        // 10:00) on time
        CLOCK.set(ScriptedDay.local("2026-12-03T09:00"));
        assertThat(day.post("/api/tickets/" + day.t2 + "/steward-replies", day.reply("steward-li"))
                        .statusCode())
                .isEqualTo(201);
        // 09:30: T2's owner is called back; its R5 (due Wednesday 17:30, breached) is met late
        CLOCK.set(ScriptedDay.local("2026-12-03T09:30"));
        assertThat(day.post("/api/callbacks/CB1-" + day.t2 + "/complete", day.completion("DUTY_STAFF"))
                        .statusCode())
                .isEqualTo(200);
        UPSTREAM.ticketClosed(day.t2, ScriptedDay.local("2026-12-03T10:00"));
        CLOCK.set(ScriptedDay.local("2026-12-03T10:00"));
        day.awaitStatus(day.t2, "R4:6", "WITHDRAWN");
        week = day;
        return week;
    }

    @Test
    @Order(1)
    void complianceCountsABreachMetLateAsBreachedEverAndAsMetNow_issue18_item4() throws Exception {
        ScriptedDay day = week();
        // The scripted day's 22 obligations due Tuesday-Wednesday: 11 met on time, 11 breached (ScriptedDayIT).
        // Met late since: T3 R4:1 (reply Tue 14:30), T4 R4:1 (reply Tue 15:00), T2 R8 (returned Tue 14:00),
        // T2 R4:2, R4:3, R4:4 (reply Thu 09:00), T2 R5 (callback Thu 09:30) = 7.
        // ever: met 11, breached 11, 50 %; now: met 11 + 7 = 18, breached 11 - 7 = 4 (T4 R4:3, R4:4, C4:2, C2),
        // 18 / 22 = 81.82 %.
        String period = "from=" + ScriptedDay.local("2026-12-01T00:00") + "&to=" + ScriptedDay.local("2026-12-03T00:00")
                + "&groupBy=rule";
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            JsonNode now = JSON.readTree(send("GET", "/api/sla/compliance?" + period + "&breached=now")
                    .body());
            assertThat(now.get("breached").asText()).isEqualTo("now");
            assertThat(totals(now.get("total"))).containsExactly(22L, 18L, 4L, 7L);
            assertThat(now.get("total").get("compliancePercent").asDouble()).isEqualTo(81.82);
            Map<String, JsonNode> rules = byKey(now);
            // R4: 11 due, 4 met on time + 5 late (T3:1, T4:1, T2:2,3,4) = 9 met now, T4:3,4 still breached
            assertThat(totals(rules.get("R4"))).containsExactly(11L, 9L, 2L, 5L);
            assertThat(totals(rules.get("R8"))).containsExactly(1L, 1L, 0L, 1L);
            assertThat(totals(rules.get("R5"))).containsExactly(2L, 2L, 0L, 1L);
            assertThat(totals(rules.get("C2"))).containsExactly(1L, 0L, 1L, 0L);
            assertThat(totals(rules.get("C4"))).containsExactly(3L, 2L, 1L, 0L);
        });
        for (String ever : List.of("", "&breached=ever", "&breached=EVER")) {
            JsonNode figures = JSON.readTree(
                    send("GET", "/api/sla/compliance?" + period + ever).body());
            assertThat(figures.get("breached").asText()).isEqualTo("ever");
            // the breach stays: the same figures as before anything was met late, 7 of them met late since
            assertThat(totals(figures.get("total"))).containsExactly(22L, 11L, 11L, 7L);
            assertThat(figures.get("total").get("compliancePercent").asDouble()).isEqualTo(50.0);
            assertThat(totals(byKey(figures).get("R4"))).containsExactly(11L, 4L, 7L, 5L);
        }
        HttpResponse<String> bad = send("GET", "/api/sla/compliance?" + period + "&breached=sometimes");
        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(bad.body()).contains("breached");
        // the ledger read model keeps the breach and shows when it was met
        JsonNode obligations = JSON.readTree(
                send("GET", "/api/obligations?status=all&ticketId=" + day.t2).body());
        JsonNode r5 = ScriptedDay.stream(obligations)
                .filter(o -> o.get("obligationId").asText().equals(day.t2 + ":R5:CB1-" + day.t2))
                .findFirst()
                .orElseThrow();
        assertThat(r5.get("status").asText()).isEqualTo("BREACHED");
        assertThat(Instant.parse(r5.get("fulfilledAt").asText())).isEqualTo(ScriptedDay.local("2026-12-03T09:30"));
    }

    @Test
    @Order(2)
    void theFeedHasOneFlatRowPerOutcomeAndClosedTicketRedeliveredAndRebuiltAlike_issue18_item6() throws Exception {
        ScriptedDay day = week();
        String t1 = day.t1;
        String t2 = day.t2;
        String r5 = "obligation:" + t2 + ":R5:CB1-" + t2;
        String r42 = "obligation:" + t2 + ":R4:2";
        String r9 = "obligation:" + t1 + ":R9:" + day.o1;
        List<ConsumerRecord<String, byte[]>> live;
        try (TopicReader reader =
                new TopicReader(SharedInfrastructure.get().kafkaBootstrapServers(), Topics.SLA_FACTS)) {
            live = reader.readUntil(
                    rs -> rows(rs, day.estate)
                            .keySet()
                            .containsAll(List.of(r5 + "#v2", r42 + "#v2", "ticket:" + t2 + "#v1")),
                    Duration.ofSeconds(60));
            live = reader.readUntilQuiet(Duration.ofSeconds(3), Duration.ofSeconds(20));
        }
        Map<String, SlaFact> rows = rows(live, day.estate);
        // flat: every value of every row is a scalar
        for (ConsumerRecord<String, byte[]> r : live) {
            JsonNode data = JSON.readTree(r.value());
            data.fields()
                    .forEachRemaining(f -> assertThat(f.getValue().isValueNode())
                            .as(f.getKey())
                            .isTrue());
            assertThat(r.key()).isEqualTo(data.get("factId").asText());
        }

        // T2's callback: breached when the ticker passed Wednesday 17:30 (at 17:31), met late Thursday 09:30:
        // wall clock 17:30 -> 09:30 = 16 h = 960 min; working time only Thursday 08:30-09:30 = 60 min
        SlaFact breached = rows.get(r5 + "#v1");
        assertThat(breached.outcome()).isEqualTo("BREACHED");
        assertThat(breached.everBreached()).isTrue();
        assertThat(breached.breachedNow()).isTrue();
        assertThat(breached.doneAt()).isNull();
        SlaFact metLate = rows.get(r5 + "#v2");
        assertThat(metLate.factType()).isEqualTo(SlaFact.OBLIGATION);
        assertThat(metLate.outcome()).isEqualTo("MET_LATE");
        assertThat(metLate.rule()).isEqualTo(SlaRule.R5);
        assertThat(metLate.kind()).isEqualTo(TicketKind.REPAIR);
        assertThat(metLate.paid()).isTrue();
        assertThat(metLate.areaId()).isEqualTo("north");
        assertThat(metLate.buildingId()).isEqualTo("b1");
        assertThat(metLate.department()).isEqualTo(Department.ENGINEERING);
        assertThat(metLate.stewardId()).isEqualTo("steward-li");
        assertThat(metLate.dueAt()).isEqualTo(ScriptedDay.local("2026-12-02T17:30"));
        assertThat(metLate.breachedAt()).isEqualTo(ScriptedDay.local("2026-12-02T17:31"));
        assertThat(metLate.doneAt()).isEqualTo(ScriptedDay.local("2026-12-03T09:30"));
        assertThat(metLate.everBreached()).isTrue();
        assertThat(metLate.breachedNow()).isFalse();
        assertThat(metLate.minutesLate()).isEqualTo(960);
        assertThat(metLate.workingMinutesLate()).isEqualTo(60);
        // T2's window 2, due Tuesday 16:00, met by Thursday's 09:00 reply: 41 h = 2460 min wall clock; working
        // Tuesday 16:00-17:30 (90) + Wednesday 08:30-17:30 (540) + Thursday 08:30-09:00 (30) = 660 min
        assertThat(rows.get(r42 + "#v2").minutesLate()).isEqualTo(2460);
        assertThat(rows.get(r42 + "#v2").workingMinutesLate()).isEqualTo(660);
        // T1's free order, returned on time: met, 0 minutes late, not paid
        SlaFact r9met = rows.get(r9 + "#v1");
        assertThat(r9met.outcome()).isEqualTo("MET");
        assertThat(r9met.paid()).isFalse();
        assertThat(r9met.minutesLate()).isZero();
        assertThat(rows).doesNotContainKey(r9 + "#v2");
        // T2 closed Thursday 10:00: R4:1, R7, R8, R4:2-4, R5, R4:5 counted = 8; R8, R4:2-4, R5 breached = 5, all met
        // late since, so none is breached now
        SlaFact ticket = rows.get("ticket:" + t2 + "#v1");
        assertThat(ticket.factType()).isEqualTo(SlaFact.TICKET);
        assertThat(ticket.outcome()).isEqualTo("CLOSED");
        assertThat(ticket.doneAt()).isEqualTo(ScriptedDay.local("2026-12-03T10:00"));
        assertThat(ticket.openedAt()).isEqualTo(ScriptedDay.local("2026-12-01T09:30"));
        assertThat(ticket.obligationsDue()).isEqualTo(8);
        assertThat(ticket.obligationsBreached()).isEqualTo(5);
        assertThat(ticket.everBreached()).isTrue();
        assertThat(ticket.breachedNow()).isFalse();
        // T1 and T3 closed on Tuesday; T4 is still open, so it has no ticket row
        assertThat(rows).containsKeys("ticket:" + t1 + "#v1", "ticket:" + day.t3 + "#v1");
        assertThat(rows.keySet()).noneMatch(k -> k.startsWith("ticket:" + day.t4));
        assertThat(rows.get("ticket:" + t1 + "#v1").obligationsDue()).isEqualTo(3);
        assertThat(rows.get("ticket:" + t1 + "#v1").obligationsBreached()).isZero();

        // A re-delivery of T2's close publishes the same row again: same factId, same version, same columns
        ConsumerRecord<String, byte[]> close;
        try (TopicReader reader =
                new TopicReader(SharedInfrastructure.get().kafkaBootstrapServers(), Topics.CALLBACK_EVENTS)) {
            close = reader.readUntil(rs -> closeOf(rs, t2) != null, Duration.ofSeconds(30)).stream()
                    .filter(r -> isCloseOf(r, t2))
                    .findFirst()
                    .orElseThrow();
        }
        // handed to the projection again (issue 19: the ticket's document, which keeps the sequences it applied,
        // skips it; after a crash between publish and save it would publish the same row again)
        facts.apply(CloudEventCodec.fromRecord(close));
        try (TopicReader reader =
                new TopicReader(SharedInfrastructure.get().kafkaBootstrapServers(), Topics.SLA_FACTS)) {
            List<ConsumerRecord<String, byte[]>> again =
                    reader.readUntilQuiet(Duration.ofSeconds(3), Duration.ofSeconds(20));
            assertThat(again.stream()
                            .filter(r -> r.key().equals("ticket:" + t2))
                            .map(r -> fact(r))
                            .distinct())
                    .containsExactly(ticket);
        }

        // Rebuilt from the ledger's history into a fresh topic: the same rows
        String fresh = Topics.SLA_FACTS + ".rebuild-" + RUN;
        HttpResponse<String> rebuilt = send("POST", "/api/sla/facts/rebuild?topic=" + fresh);
        assertThat(rebuilt.statusCode()).as(rebuilt.body()).isEqualTo(200);
        assertThat(JSON.readTree(rebuilt.body()).get("factsPublished").asLong()).isPositive();
        Map<String, SlaFact> rebuiltRows;
        try (TopicReader reader = new TopicReader(SharedInfrastructure.get().kafkaBootstrapServers(), fresh)) {
            rebuiltRows = rows(reader.readUntilQuiet(Duration.ofSeconds(3), Duration.ofSeconds(30)), day.estate);
        }
        assertThat(rebuiltRows).isEqualTo(rows);
        // not fresh any more, or not the feed's name: refused naming the field, nothing published
        HttpResponse<String> again = send("POST", "/api/sla/facts/rebuild?topic=" + fresh);
        assertThat(again.statusCode()).isEqualTo(400);
        assertThat(again.body()).contains("topic").contains("fresh");
        HttpResponse<String> foreign = send("POST", "/api/sla/facts/rebuild?topic=" + Topics.CALLBACK_EVENTS);
        assertThat(foreign.statusCode()).isEqualTo(400);
        assertThat(foreign.body()).contains("topic");
    }

    private static List<Long> totals(JsonNode figures) {
        return List.of(
                figures.get("due").asLong(),
                figures.get("met").asLong(),
                figures.get("breached").asLong(),
                figures.get("metLate").asLong());
    }

    private static Map<String, JsonNode> byKey(JsonNode report) {
        return ScriptedDay.stream(report.get("groups"))
                .collect(Collectors.toMap(g -> g.get("key").asText(), Function.identity()));
    }

    private static SlaFact fact(ConsumerRecord<String, byte[]> r) {
        return CloudEventCodec.fromJson(r.value(), SlaFact.class);
    }

    /** The estate's rows by {@code <factId>#v<version>} (the ce_id); a row published twice must be the same row. */
    private static Map<String, SlaFact> rows(List<ConsumerRecord<String, byte[]>> records, String estate) {
        return records.stream()
                .map(BreachHistoryAndFactsIT::fact)
                .filter(f -> estate.equals(f.estateId()))
                .collect(Collectors.toMap(f -> f.factId() + "#v" + f.version(), Function.identity(), (a, b) -> {
                    assertThat(b)
                            .as("the same factId and version, published again")
                            .isEqualTo(a);
                    return a;
                }));
    }

    private static boolean isCloseOf(ConsumerRecord<String, byte[]> r, String ticketId) {
        return ticketId.equals(r.key())
                && io.propdesk.contracts.EventTypes.typeOf(FollowUpClosed.class)
                        .equals(TopicReader.header(r, "ce_type"));
    }

    private static ConsumerRecord<String, byte[]> closeOf(List<ConsumerRecord<String, byte[]>> rs, String ticketId) {
        return rs.stream().filter(r -> isCloseOf(r, ticketId)).findFirst().orElse(null);
    }
}
