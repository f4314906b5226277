package io.propdesk.callback.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.mongodb.client.MongoDatabase;
import io.propdesk.callback.CallbackServiceApplication;
import io.propdesk.callback.Upstream;
import io.propdesk.contracts.Topics;
import io.propdesk.embedded.SharedInfrastructure;
import io.propdesk.embedded.SharedInfrastructureInitializer;
import io.propdesk.platform.eventstore.MongoEventStorageEngine;
import io.propdesk.platform.testing.MutableClock;
import io.propdesk.platform.testing.TopicReader;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.bson.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.ContextConfiguration;

/**
 * The what-if of compliance after the scripted day ({@link ScriptedDay}; recorded: 22 due, 11 met, 11 breached, R4
 * 11 due, 4 met, 7 breached): the same recorded facts recomputed under 3-hour reply windows give the extra R4
 * breaches counted by hand, while nothing recorded changes: no event in the store or on propdesk.callback.events, no
 * document, the same recorded compliance.
 */
@SpringBootTest(
        classes = {CallbackServiceApplication.class, WhatIfIT.Clocks.class},
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"spring.config.name=callback-service", "spring.data.mongodb.database=callback_what_if"})
@ContextConfiguration(initializers = SharedInfrastructureInitializer.class)
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
class WhatIfIT {

    static final MutableClock CLOCK = new MutableClock(ScriptedDay.local("2026-12-01T08:00"));
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Upstream UPSTREAM =
            new Upstream(SharedInfrastructure.get().kafkaBootstrapServers());
    private static final String FROM = ScriptedDay.local("2026-12-01T00:00").toString();
    private static final String TO = ScriptedDay.local("2026-12-03T00:00").toString();

    /** Registered by class, not scanned: the test's hand-moved clock. */
    static class Clocks {
        @Bean
        @Primary
        Clock testClock() {
            return CLOCK;
        }
    }

    private final String run = UUID.randomUUID().toString().substring(0, 6);

    @LocalServerPort
    int port;

    @Autowired
    MongoDatabase database;

    @AfterAll
    static void closeProducer() {
        UPSTREAM.close();
    }

    private static String whatIf(String groupBy, String rules) {
        return """
                {"from":"%s","to":"%s","groupBy":"%s"%s}""".formatted(FROM, TO, groupBy, rules.isEmpty() ? "" : "," + rules);
    }

    @Test
    void threeHourRepliesShowTheHandCountedExtraBreachesBesideTheUnchangedRecord_R4() throws Exception {
        ScriptedDay day = new ScriptedDay(run, port, CLOCK, UPSTREAM);
        day.play();
        String compliancePath = "/api/sla/compliance?from=" + FROM + "&to=" + TO + "&groupBy=rule";
        await().atMost(Duration.ofSeconds(30))
                .untilAsserted(() -> assertThat(JSON.readTree(
                                        day.send("GET", compliancePath, null).body())
                                .get("total")
                                .get("breached")
                                .asLong())
                        .isEqualTo(11));
        Recorded before = recorded(day);

        // By hand, 3-hour windows in working hours (08:30-17:30), the facts as recorded:
        // T1 opened 09:00: R4:1 due 12:00 met by the reply at 12:00; R4:2 due 15:00 breached before the close at
        //    15:05 (recorded: due 16:00, withdrawn) -> +1
        // T2 opened 09:30: R4:1 due 12:30 met at 12:00; R4:2 due 15:00, R4:3 Wed 09:00, R4:4 Wed 12:00, R4:5 Wed 15:00
        //    breached; R4:6 due Thu 09:00 open (recorded: 2, 3, 4 breached) -> +1
        // T3 opened 10:00: R4:1 due 13:00 breached, R4:2 and C4:1 due 16:00 met by the reply at 14:30 (as recorded)
        // T4 opened 10:00: R4:1 due 13:00 breached, R4:2 and C4:1 met at 15:00; R4:3 Wed 09:00, R4:4 Wed 12:00,
        //    R4:5 Wed 15:00 breached; C4:2 from Wed 09:00 due 12:00 breached, C4:3 due Thu 09:00 open (recorded: R4 1,
        //    3, 4 and C4:2 breached) -> +1
        // R4: 14 due, 4 met, 10 breached (recorded 11, 4, 7); every other rule as recorded; total 25, 11, 14, 44 %.
        JsonNode byRule = post(day, whatIf("rule", "\"replyEveryHours\":3"));
        assertThat(byRule.get("recorded")).isEqualTo(before.compliance());
        Map<String, JsonNode> whatIfRules = groups(byRule.get("whatIf"));
        Map<String, JsonNode> recordedRules = groups(byRule.get("recorded"));
        assertThat(figures(recordedRules.get("R4"))).containsExactly(11L, 4L, 7L);
        assertThat(figures(whatIfRules.get("R4"))).containsExactly(14L, 4L, 10L);
        for (String rule : List.of("R5", "R7", "R8", "R9", "C2", "C3", "C4")) {
            assertThat(whatIfRules.get(rule)).as(rule).isEqualTo(recordedRules.get(rule));
        }
        assertThat(figures(byRule.get("whatIf").get("total"))).containsExactly(25L, 11L, 14L);
        assertThat(byRule.get("whatIf").get("total").get("compliancePercent").asDouble())
                .isEqualTo(44.0);
        assertThat(byRule.get("whatIf").get("total").get("repairCallbackRate").asDouble())
                .isEqualTo(50.0);
        assertThat(byRule.get("rules").get("replyEvery").asText()).isEqualTo("PT3H");
        assertThat(byRule.get("ticketsReplayed").asInt()).isEqualTo(4);
        assertThat(byRule.get("skippedFacts").asInt()).isZero();

        // By steward: steward-li (T1, T2) 10, 5, 5 recorded -> 12, 5, 7; steward-wu (T3, T4) 12, 6, 6 -> 13, 6, 7
        JsonNode bySteward = post(day, whatIf("steward", "\"replyEveryHours\":3"));
        assertThat(figures(groups(bySteward.get("whatIf")).get("steward-li"))).containsExactly(12L, 5L, 7L);
        assertThat(figures(groups(bySteward.get("whatIf")).get("steward-wu"))).containsExactly(13L, 6L, 7L);
        assertThat(figures(groups(bySteward.get("recorded")).get("steward-li"))).containsExactly(10L, 5L, 5L);

        // The rules in force, replayed, give back exactly the recorded figures: one set of rules, not two.
        JsonNode same = post(day, whatIf("rule", ""));
        assertThat(same.get("whatIf").get("groups"))
                .isEqualTo(same.get("recorded").get("groups"));
        assertThat(same.get("whatIf").get("total"))
                .isEqualTo(same.get("recorded").get("total"));
        // The estate's working day moved an hour earlier (07:30-16:30) through an override: a different answer, and
        // an override for an estate nobody configured is ignored.
        JsonNode earlier = post(day, whatIf("rule", """
                "estates":{"%s":{"workdayStart":"07:30","workdayEnd":"16:30"},"nowhere":{"replyEveryHours":1}}""".formatted(day.estate)));
        assertThat(earlier.get("ignoredEstates")).hasSize(1);
        assertThat(earlier.get("ignoredEstates").get(0).asText()).isEqualTo("nowhere");
        assertThat(earlier.get("rules")
                        .get("estates")
                        .get(day.estate)
                        .get("workdayEnd")
                        .asText())
                .startsWith("16:30");

        assertThat(recorded(day)).isEqualTo(before);
    }

    @Test
    void badWhatIfsAreRefusedNamingTheField() throws Exception {
        ScriptedDay http = new ScriptedDay(run, port, CLOCK, UPSTREAM);
        assertBadRequest(http, """
                {"from":"2026-12-02T00:00:00Z","to":"2026-12-01T00:00:00Z"}""", "to");
        assertBadRequest(http, """
                {"from":"2026-01-01T00:00:00Z","to":"2027-01-03T00:00:00Z"}""", "to");
        assertBadRequest(http, """
                {"from":"2026-12-01T00:00:00Z","to":"2026-12-02T00:00:00Z","replyEveryHours":0}""", "replyEveryHours");
        assertBadRequest(http, """
                {"from":"2026-12-01T00:00:00Z","to":"2026-12-02T00:00:00Z","replyEveryHours":25}""", "replyEveryHours");
        assertBadRequest(http, """
                {"from":"2026-12-01T00:00:00Z","to":"2026-12-02T00:00:00Z","groupBy":"moon"}""", "groupBy");
        assertBadRequest(http, """
                {"from":"2026-12-01T00:00:00Z","to":"2026-12-02T00:00:00Z",
                 "estates":{"e1":{"workdayStart":"17:30","workdayEnd":"08:30"}}}""", "estates.e1.workdayEnd");
        assertBadRequest(http, """
                {"from":"2026-12-01T00:00:00Z","to":"2026-12-02T00:00:00Z",
                 "estates":{"e1":{"replyEveryHours":48}}}""", "estates.e1.replyEveryHours");
        assertBadRequest(http, """
                {"from":"2026-12-01T00:00:00Z","to":"2026-12-02T00:00:00Z","replyClock":"SUNDIAL"}""", "replyClock");
        assertBadRequest(http, """
                {"to":"2026-12-02T00:00:00Z"}""", "from");
        // a year and a day of a leap year is the longest period; an unknown estate's override is ignored
        HttpResponse<String> leapYear = http.post("/api/sla/what-if", """
                {"from":"2028-01-01T00:00:00Z","to":"2029-01-01T00:00:00Z",
                 "estates":{"nowhere":{"workdayStart":"09:00","workdayEnd":"18:00"}}}""");
        assertThat(leapYear.statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(leapYear.body()).get("ignoredEstates").get(0).asText())
                .isEqualTo("nowhere");
    }

    private static void assertBadRequest(ScriptedDay http, String body, String field) throws Exception {
        HttpResponse<String> response = http.post("/api/sla/what-if", body);
        assertThat(response.statusCode()).as(body).isEqualTo(400);
        List<String> fields = new ArrayList<>();
        JSON.readTree(response.body())
                .get("errors")
                .forEach(e -> fields.add(e.get("field").asText()));
        assertThat(fields).as(body).contains(field);
    }

    /** Everything the what-if must leave as it was. */
    private record Recorded(
            JsonNode compliance,
            Map<String, String> obligations,
            long storedCommits,
            List<Document> ledgers,
            List<Document> outcomes,
            long topicRecords) {}

    private Recorded recorded(ScriptedDay day) throws Exception {
        JsonNode compliance =
                JSON.readTree(day.send("GET", "/api/sla/compliance?from=" + FROM + "&to=" + TO + "&groupBy=rule", null)
                        .body());
        Map<String, String> obligations = new java.util.TreeMap<>();
        for (String ticket : List.of(day.t1, day.t2, day.t3, day.t4)) {
            obligations.put(
                    ticket,
                    day.send("GET", "/api/obligations?ticketId=" + ticket, null).body());
        }
        try (TopicReader reader =
                new TopicReader(SharedInfrastructure.get().kafkaBootstrapServers(), Topics.CALLBACK_EVENTS)) {
            long records = reader.readUntilQuiet(Duration.ofSeconds(3), Duration.ofSeconds(15))
                    .size();
            return new Recorded(
                    compliance,
                    obligations,
                    database.getCollection("events").countDocuments(MongoEventStorageEngine.commits()),
                    database.getCollection("ledgers").find().into(new ArrayList<>()),
                    database.getCollection("obligation_outcomes").find().into(new ArrayList<>()),
                    records);
        }
    }

    private static JsonNode post(ScriptedDay day, String body) throws Exception {
        HttpResponse<String> response = day.post("/api/sla/what-if", body);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return JSON.readTree(response.body());
    }

    private static Map<String, JsonNode> groups(JsonNode report) {
        return ScriptedDay.stream(report.get("groups"))
                .collect(Collectors.toMap(g -> g.get("key").asText(), Function.identity()));
    }

    private static List<Long> figures(JsonNode group) {
        return List.of(
                group.get("due").asLong(),
                group.get("met").asLong(),
                group.get("breached").asLong());
    }
}
