package io.propdesk.callback.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.propdesk.callback.CallbackServiceApplication;
import io.propdesk.callback.Upstream;
import io.propdesk.callback.query.LedgerDocuments;
import io.propdesk.callback.query.LedgerProjection;
import io.propdesk.callback.query.ObligationOutcomes;
import io.propdesk.callback.query.OpenObligations;
import io.propdesk.contracts.EventTypes;
import io.propdesk.contracts.Topics;
import io.propdesk.contracts.callback.SlaBreached;
import io.propdesk.contracts.cloudevents.CloudEventCodec;
import io.propdesk.embedded.SharedInfrastructure;
import io.propdesk.embedded.SharedInfrastructureInitializer;
import io.propdesk.platform.kafka.InboundEvents;
import io.propdesk.platform.observability.TraceContexts;
import io.propdesk.platform.security.DemoUsers;
import io.propdesk.platform.testing.MutableClock;
import io.propdesk.platform.testing.Stores;
import io.propdesk.platform.testing.TopicReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.ContextConfiguration;

/**
 * A scripted day at one estate ({@link ScriptedDay}: Asia/Shanghai, 08:30-17:30, Monday-Friday; 2026-12-01 is a
 * Tuesday), driven by ticket, dispatch and billing events on their topics and the REST API, with the clock moved by
 * hand. The breaches and the compliance figures are counted by hand in the comments and must come out exactly.
 */
@SpringBootTest(
        classes = {CallbackServiceApplication.class, ScriptedDayIT.Clocks.class},
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"spring.config.name=callback-service", "spring.data.mongodb.database=callback_scripted_day"})
@ContextConfiguration(initializers = SharedInfrastructureInitializer.class)
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
class ScriptedDayIT {

    static final MutableClock CLOCK = new MutableClock(ScriptedDay.local("2026-12-01T08:00"));
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

    private final HttpClient http = HttpClient.newHttpClient();
    private final String run = UUID.randomUUID().toString().substring(0, 6);
    private final String estate = "estate-" + run;

    @LocalServerPort
    int port;

    @org.springframework.beans.factory.annotation.Autowired
    com.mongodb.client.MongoDatabase database;

    @org.springframework.beans.factory.annotation.Autowired
    io.propdesk.callback.domain.DueTimes dueTimes;

    @AfterAll
    static void closeProducer() {
        UPSTREAM.close();
    }

    private HttpResponse<String> send(String method, String path, String body) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .header("Content-Type", "application/json")
                .header("Authorization", DemoUsers.authorizationFor("callback", method, path));
        return http.send(
                (body == null ? b.GET() : b.method(method, HttpRequest.BodyPublishers.ofString(body))).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> post(String path, String body) throws Exception {
        return send("POST", path, body);
    }

    private static java.util.stream.Stream<JsonNode> stream(JsonNode array) {
        return java.util.stream.StreamSupport.stream(array.spliterator(), false);
    }

    private String reply(String stewardId) {
        return """
                {"stewardId":"%s","message":"working on it","progress":"parts ordered"}""".formatted(stewardId);
    }

    private String completion(String role) {
        return """
                {"callerId":"desk-chen","callerRole":"%s","satisfied":true,"rating":5,"comment":"all good"}""".formatted(role);
    }

    @Test
    void aScriptedDayYieldsExactlyTheHandCountedBreachesAndCompliance_R4_R5_R7_R8_R9_C2_C3_C4() throws Exception {
        ScriptedDay day = new ScriptedDay(run, port, CLOCK, UPSTREAM);
        String t1 = day.t1;
        String t2 = day.t2;
        String t3 = day.t3;
        String t4 = day.t4;
        String o2 = day.o2;
        day.play();

        // Breaches by hand: R4 T2:2,3,4 T3:1 T4:1,3,4 = 7; C4 T4:2 = 1; R8 T2 = 1; R5 T2 = 1; C2 T4 = 1 -> 11,
        // each exactly once on the topic
        List<String> expected = List.of(
                t2 + ":R4:2",
                t2 + ":R4:3",
                t2 + ":R4:4",
                t3 + ":R4:1",
                t4 + ":R4:1",
                t4 + ":R4:3",
                t4 + ":R4:4",
                t4 + ":C4:2",
                t2 + ":R8:" + o2,
                t2 + ":R5:CB1-" + t2,
                t4 + ":C2:CB1-" + t4);
        try (TopicReader reader =
                new TopicReader(SharedInfrastructure.get().kafkaBootstrapServers(), Topics.CALLBACK_EVENTS)) {
            reader.readUntil(rs -> breaches(rs).keySet().containsAll(expected), Duration.ofSeconds(30));
            Map<String, Long> breaches = breaches(reader.readUntilQuiet(Duration.ofSeconds(3), Duration.ofSeconds(15)));
            assertThat(breaches)
                    .containsOnlyKeys(expected)
                    .allSatisfy((id, count) -> assertThat(count).isEqualTo(1));
        }

        // Met by hand: R4 T1:1 T2:1 T3:2 T4:2 = 4; C3 T3, T4 = 2; C4 T3:1, T4:1 = 2; R7 T2 = 1; R9 T1 = 1; R5 T1 = 1
        // -> 11 met, 11 breached, 22 due, 50 %. Repair callbacks: T1 completed, T2 missing -> 1 of 2.
        String from = ScriptedDay.local("2026-12-01T00:00").toString();
        String to = ScriptedDay.local("2026-12-03T00:00").toString();
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            JsonNode byRule =
                    JSON.readTree(send("GET", "/api/sla/compliance?from=" + from + "&to=" + to + "&groupBy=rule", null)
                            .body());
            assertThat(byRule.get("total").get("due").asLong()).isEqualTo(22);
            Map<String, JsonNode> rules = stream(byRule.get("groups"))
                    .collect(Collectors.toMap(g -> g.get("key").asText(), Function.identity()));
            assertThat(figures(rules.get("R4"))).containsExactly(11L, 4L, 7L);
            assertThat(figures(rules.get("C3"))).containsExactly(2L, 2L, 0L);
            assertThat(figures(rules.get("C4"))).containsExactly(3L, 2L, 1L);
            assertThat(figures(rules.get("R7"))).containsExactly(1L, 1L, 0L);
            assertThat(figures(rules.get("R8"))).containsExactly(1L, 0L, 1L);
            assertThat(figures(rules.get("R9"))).containsExactly(1L, 1L, 0L);
            assertThat(figures(rules.get("R5"))).containsExactly(2L, 1L, 1L);
            assertThat(figures(rules.get("C2"))).containsExactly(1L, 0L, 1L);
            assertThat(byRule.get("total").get("met").asLong()).isEqualTo(11);
            assertThat(byRule.get("total").get("breached").asLong()).isEqualTo(11);
            assertThat(byRule.get("total").get("compliancePercent").asDouble()).isEqualTo(50.0);
            assertThat(byRule.get("total").get("repairCallbackRate").asDouble()).isEqualTo(50.0);
        });
        // By steward: steward-li met R4 2, R7, R9, R5 = 5, breached R4 3, R8, R5 = 5; steward-wu met R4 2, C3 2,
        // C4 2 = 6, breached R4 4, C4 1, C2 1 = 6
        JsonNode bySteward =
                JSON.readTree(send("GET", "/api/sla/compliance?from=" + from + "&to=" + to + "&groupBy=steward", null)
                        .body());
        Map<String, JsonNode> stewards = stream(bySteward.get("groups"))
                .collect(Collectors.toMap(g -> g.get("key").asText(), Function.identity()));
        assertThat(figures(stewards.get("steward-li"))).containsExactly(10L, 5L, 5L);
        assertThat(figures(stewards.get("steward-wu"))).containsExactly(12L, 6L, 6L);

        // C5: at Wednesday 17:31 T2 and T4 are open; their fifth windows fall on Thursday, after this shift's end
        JsonNode handover = JSON.readTree(
                send("GET", "/api/handover?estateId=" + estate, null).body());
        assertThat(stream(handover.get("openTickets"))
                        .map(n -> n.get("ticketId").asText()))
                .containsExactlyInAnyOrder(t2, t4);
        assertThat(stream(handover.get("callbacksDue"))
                        .map(n -> n.get("callbackId").asText()))
                .containsExactlyInAnyOrder("CB1-" + t2, "CB1-" + t4);
        assertThat(handover.get("breaches")).hasSize(11);
        assertThat(post("/api/handover", "{\"estateId\":\"" + estate + "\",\"handedOverBy\":\"desk-chen\"}")
                        .statusCode())
                .isEqualTo(200);
        assertThat(JSON.readTree(send("GET", "/api/handover?estateId=" + estate, null)
                                .body())
                        .get("breaches"))
                .isEmpty();
        JsonNode due = JSON.readTree(send("GET", "/api/callbacks?status=due&estateId=" + estate, null)
                .body());
        assertThat(stream(due).map(n -> n.get("callbackId").asText()))
                .containsExactlyInAnyOrder("CB1-" + t2, "CB1-" + t4);

        openObligationsAcrossTicketsEarliestDueFirst(List.of(t1, t2, t3, t4));
        aRebuildFromTheTopicGivesTheSameDocumentsAsTheLiveRun();
    }

    /**
     * Issue 16 §3: the open obligations of the estate across its tickets, earliest due first and those without a due
     * time last, paged by limit and Link rel=next: exactly those each ticket's own ledger holds open.
     */
    private void openObligationsAcrossTicketsEarliestDueFirst(List<String> tickets) throws Exception {
        List<JsonNode> truth = new java.util.ArrayList<>();
        for (String ticket : tickets) {
            stream(JSON.readTree(send("GET", "/api/obligations?status=all&ticketId=" + ticket, null)
                            .body()))
                    .filter(o -> o.get("status").asText().equals("OPEN"))
                    .forEach(truth::add);
        }
        List<String> expected = truth.stream()
                .sorted(java.util.Comparator.comparing(
                                (JsonNode o) -> o.get("dueAt").isNull()
                                        ? java.time.Instant.MAX
                                        : java.time.Instant.parse(o.get("dueAt").asText()))
                        .thenComparing(o -> o.get("obligationId").asText()))
                .map(o -> o.get("obligationId").asText())
                .toList();
        assertThat(expected).isNotEmpty();
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            List<String> listed = new java.util.ArrayList<>();
            String path = "/api/obligations?status=open&estateId=" + estate + "&limit=2";
            while (path != null) {
                HttpResponse<String> page = send("GET", path, null);
                assertThat(page.statusCode()).isEqualTo(200);
                stream(JSON.readTree(page.body())).forEach(o -> {
                    assertThat(o.get("callId").isNull()).isTrue();
                    listed.add(o.get("obligationId").asText());
                });
                path = page.headers()
                        .firstValue("Link")
                        .map(link -> link.substring(link.indexOf('<') + 1, link.indexOf('>')))
                        .orElse(null);
            }
            assertThat(listed).containsExactlyElementsOf(expected);
        });
        List<String> r4 = stream(JSON.readTree(send("GET", "/api/obligations?rule=R4&estateId=" + estate, null)
                        .body()))
                .map(o -> o.get("obligationId").asText())
                .toList();
        assertThat(r4)
                .containsExactlyElementsOf(
                        expected.stream().filter(id -> id.contains(":R4:")).toList());
        HttpResponse<String> badRule = send("GET", "/api/obligations?status=open&rule=R99", null);
        assertThat(badRule.statusCode()).isEqualTo(400);
        assertThat(badRule.body()).contains("rule");
        HttpResponse<String> badDepartment = send("GET", "/api/obligations?department=PLUMBING", null);
        assertThat(badDepartment.statusCode()).isEqualTo(400);
        assertThat(badDepartment.body()).contains("department");
        HttpResponse<String> badStatus = send("GET", "/api/obligations?status=late", null);
        assertThat(badStatus.statusCode()).isEqualTo(400);
        assertThat(badStatus.body()).contains("status");
    }

    /**
     * Delivery guarantee 6: the ledger documents and the open obligations rebuilt by reading the topic from its start
     * into empty collections are the documents the live run wrote.
     */
    private void aRebuildFromTheTopicGivesTheSameDocumentsAsTheLiveRun() {
        List<ConsumerRecord<String, byte[]>> topic;
        try (TopicReader reader =
                new TopicReader(SharedInfrastructure.get().kafkaBootstrapServers(), Topics.CALLBACK_EVENTS)) {
            topic = reader.readUntilQuiet(Duration.ofSeconds(3), Duration.ofSeconds(30));
        }
        com.mongodb.client.MongoDatabase rebuilt = Stores.freshDatabase("callback_rebuilt");
        InboundEvents inbound = new InboundEvents(rebuilt, new SimpleMeterRegistry(), TraceContexts.none());
        long ledgers = new LedgerProjection(new LedgerDocuments(rebuilt), inbound)
                .rebuild(topic, LedgerProjection.GROUP + "-rebuild");
        OpenObligations openObligations = new OpenObligations(rebuilt, inbound, dueTimes);
        long open = openObligations.rebuild(topic, OpenObligations.GROUP + "-rebuild");
        // issue 19: the outcomes keep no markers now; their rebuild folds the topic as the live polls do
        long outcomes = new ObligationOutcomes(rebuilt, inbound, new SimpleMeterRegistry(), openObligations)
                .rebuild(topic, ObligationOutcomes.GROUP + "-rebuild");
        assertThat(ledgers).isPositive();
        assertThat(open).isPositive();
        assertThat(outcomes).isPositive();
        org.bson.conversions.Bson ofEstate = com.mongodb.client.model.Filters.eq("estateId", estate);
        await().atMost(Duration.ofSeconds(30))
                .untilAsserted(() -> assertThat(documents(database, "ledgers", ofEstate))
                        .isEqualTo(documents(rebuilt, "ledgers", ofEstate))
                        .hasSize(4));
        await().atMost(Duration.ofSeconds(30))
                .untilAsserted(() -> assertThat(documents(database, "open_obligations", ofEstate))
                        .isEqualTo(documents(rebuilt, "open_obligations", ofEstate))
                        .isNotEmpty());
        await().atMost(Duration.ofSeconds(30))
                .untilAsserted(() -> assertThat(documents(database, "obligation_outcomes", ofEstate))
                        .isEqualTo(documents(rebuilt, "obligation_outcomes", ofEstate))
                        .isNotEmpty());
        org.bson.conversions.Bson ofRun = com.mongodb.client.model.Filters.regex("ticketId", "-" + run + "$");
        await().atMost(Duration.ofSeconds(30))
                .untilAsserted(() -> assertThat(documents(database, "callback_stats", ofRun))
                        .isEqualTo(documents(rebuilt, "callback_stats", ofRun))
                        .isNotEmpty());
    }

    private static List<org.bson.Document> documents(
            com.mongodb.client.MongoDatabase db, String collection, org.bson.conversions.Bson filter) {
        List<org.bson.Document> docs = db.getCollection(collection).find(filter).into(new java.util.ArrayList<>());
        docs.sort(java.util.Comparator.comparing(d -> d.getString("_id")));
        return docs;
    }

    @Test
    void badInputIsRefusedNamingTheFieldAndUnknownIdsAre404() throws Exception {
        HttpResponse<String> unknown = post("/api/tickets/T-nobody-" + run + "/steward-replies", reply("steward-li"));
        assertThat(unknown.statusCode()).isEqualTo(404);
        HttpResponse<String> blank =
                post("/api/tickets/T-nobody-" + run + "/steward-replies", "{\"stewardId\":\"\",\"message\":\"hi\"}");
        assertThat(blank.statusCode()).isEqualTo(400);
        assertThat(blank.body()).contains("stewardId");
        HttpResponse<String> rating = post(
                "/api/callbacks/CB1-T-nobody/complete",
                "{\"callerId\":\"desk-chen\",\"callerRole\":\"DUTY_STAFF\",\"satisfied\":true,\"rating\":7}");
        assertThat(rating.statusCode()).isEqualTo(400);
        assertThat(rating.body()).contains("rating");
        HttpResponse<String> role = post(
                "/api/callbacks/CB1-T-nobody/complete",
                "{\"callerId\":\"desk-chen\",\"callerRole\":\"JANITOR\",\"satisfied\":true,\"rating\":3}");
        assertThat(role.statusCode()).isEqualTo(400);
        assertThat(role.body()).contains("callerRole");
        assertThat(post("/api/callbacks/nonsense/complete", completion("MANAGER"))
                        .statusCode())
                .isEqualTo(404);
        assertThat(send(
                                "GET",
                                "/api/sla/compliance?from=2026-12-01T00:00:00Z&to=2026-12-02T00:00:00Z&groupBy=moon",
                                null)
                        .body())
                .contains("groupBy");
        assertThat(send("GET", "/api/sla/compliance?from=2026-12-02T00:00:00Z&to=2026-12-01T00:00:00Z", null)
                        .statusCode())
                .isEqualTo(400);
        assertThat(send("GET", "/api/sla/compliance?from=yesterday&to=2026-12-01T00:00:00Z", null)
                        .body())
                .contains("from");
        assertThat(send("GET", "/api/callbacks?status=someday", null).statusCode())
                .isEqualTo(400);
        assertThat(send("GET", "/api/obligations?ticketId=T-nobody-" + run, null)
                        .statusCode())
                .isEqualTo(404);
    }

    private static List<Long> figures(JsonNode group) {
        return List.of(
                group.get("due").asLong(),
                group.get("met").asLong(),
                group.get("breached").asLong());
    }

    private Map<String, Long> breaches(List<ConsumerRecord<String, byte[]>> records) {
        return records.stream()
                .filter(r -> EventTypes.typeOf(SlaBreached.class).equals(TopicReader.header(r, "ce_type")))
                // the relay delivers at least once with a stable ce_id (delivery guarantee 2): one breach is one id
                .filter(TopicReader.firstDeliveryOfEachEvent())
                .map(r -> CloudEventCodec.fromJson(r.value(), SlaBreached.class))
                .filter(b -> estate.equals(b.estateId()))
                .collect(Collectors.groupingBy(SlaBreached::obligationId, Collectors.counting()));
    }
}
