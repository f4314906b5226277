package io.propdesk.ticket.call.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.mongodb.client.MongoDatabase;
import io.propdesk.contracts.CallerRole;
import io.propdesk.contracts.EventTypes;
import io.propdesk.contracts.Severity;
import io.propdesk.contracts.TicketKind;
import io.propdesk.contracts.Topics;
import io.propdesk.contracts.access.Role;
import io.propdesk.contracts.callback.CallbackScheduled;
import io.propdesk.contracts.cloudevents.CloudEventCodec;
import io.propdesk.contracts.cloudevents.CloudEventCodec.Envelope;
import io.propdesk.contracts.ticket.CallAnswered;
import io.propdesk.contracts.ticket.CallEnded;
import io.propdesk.contracts.ticket.CallStarted;
import io.propdesk.embedded.SharedInfrastructure;
import io.propdesk.embedded.SharedInfrastructureInitializer;
import io.propdesk.platform.eventstore.MongoEventStorageEngine;
import io.propdesk.platform.relay.Relays;
import io.propdesk.platform.security.DemoUsers;
import io.propdesk.platform.security.webhook.WebhookSignature;
import io.propdesk.platform.testing.TopicReader;
import io.propdesk.ticket.TicketServiceApplication;
import io.propdesk.ticket.caller.CallerIndex;
import io.propdesk.ticket.privacy.PersonalData;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.ContextConfiguration;

/**
 * Call events in through real HTTP, out on the real broker (issue 16 §1, §4): once per (call, event), right in any
 * order, signed webhooks, form bodies, the link to the ticket opened during the call, callbacks dialled by rank (C2).
 */
@SpringBootTest(
        classes = TicketServiceApplication.class,
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "spring.config.name=ticket-service",
            "spring.data.mongodb.database=ticket_cti_it",
            "propdesk.cti.webhook-secrets.pbx=" + CtiIT.SECRET
        })
@ContextConfiguration(initializers = SharedInfrastructureInitializer.class)
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
class CtiIT {

    static final String SECRET = "whsec_cHJvcGRlc2stZGVtby13ZWJob29rLXNlY3JldC0zMmI=";
    private static final String OWNER_PHONE = "13800000000";
    private static final String HOTLINE = "4008001234";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient http = HttpClient.newHttpClient();
    private final String kafka = SharedInfrastructure.get().kafkaBootstrapServers();

    @LocalServerPort
    int port;

    @Autowired
    MongoDatabase database;

    @Autowired
    CallerIndex callers;

    private String estate;

    @BeforeEach
    void configureEstate() throws Exception {
        estate = "estate-" + UUID.randomUUID().toString().substring(0, 8);
        HttpResponse<String> put = send("PUT", "/api/estates/" + estate, Role.ADMIN, """
                {"name":"Sunrise Garden","timeZone":"Asia/Shanghai","hotlines":["400-800-1234"],
                 "areas":[{"areaId":"north","name":"North"}],
                 "buildings":[{"buildingId":"b1","areaId":"north","name":"Building 1","stewardId":"steward-li",
                               "units":["b1-101","b1-102"]}]}""");
        assertThat(put.statusCode()).as(put.body()).isEqualTo(200);
    }

    private HttpResponse<String> send(String method, String path, Role role, String body) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .header("Content-Type", "application/json")
                .header("Authorization", DemoUsers.basic(role));
        return http.send(
                (body == null ? b.GET() : b.method(method, HttpRequest.BodyPublishers.ofString(body))).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> event(String json) throws Exception {
        return send("POST", "/api/cti/events", Role.INTEGRATION, json);
    }

    private HttpResponse<String> signed(String id, long timestamp, String signature, String body) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/cti/events"))
                .header("Content-Type", "application/json")
                .header(WebhookSignature.ID, id)
                .header(WebhookSignature.TIMESTAMP, Long.toString(timestamp))
                .header(WebhookSignature.SIGNATURE, signature)
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build();
        return http.send(request, HttpResponse.BodyHandlers.ofString());
    }

    private static String sign(String id, long timestamp, String body) {
        return WebhookSignature.sign(
                WebhookSignature.key(SECRET), id, timestamp, body.getBytes(StandardCharsets.UTF_8));
    }

    private static String newCall(String callId) {
        return """
                {"event":"newCall","callId":"%s","from":"%s","to":"%s","direction":"in","user":["desk"]}""".formatted(callId, OWNER_PHONE, HOTLINE);
    }

    private static String hangup(String callId, String cause) {
        return """
                {"event":"hangup","callId":"%s","from":"%s","to":"%s","direction":"in","cause":"%s"}""".formatted(callId, OWNER_PHONE, HOTLINE, cause);
    }

    private static String answer(String callId) {
        return """
                {"event":"answer","callId":"%s","from":"%s","to":"%s","direction":"in","user":"desk",
                 "answeringNumber":"8001"}""".formatted(callId, OWNER_PHONE, HOTLINE);
    }

    private long storedCommits() {
        return database.getCollection(MongoEventStorageEngine.EVENTS).countDocuments(MongoEventStorageEngine.commits());
    }

    private JsonNode call(String callId, Role role) throws Exception {
        HttpResponse<String> got = send("GET", "/api/calls/" + callId, role, null);
        assertThat(got.statusCode()).as(got.body()).isEqualTo(200);
        return JSON.readTree(got.body());
    }

    /** The call's events on the topic, first delivery of each, once the topic is quiet. */
    private List<ConsumerRecord<String, byte[]>> eventsOf(String callId, int atLeast) {
        try (TopicReader reader = new TopicReader(kafka, Topics.TICKET_EVENTS)) {
            reader.readUntil(
                    rs -> rs.stream().filter(r -> callId.equals(r.key())).count() >= atLeast, Duration.ofSeconds(30));
            var first = TopicReader.firstDeliveryOfEachEvent();
            return reader.readUntilQuiet(Duration.ofSeconds(1), Duration.ofSeconds(10)).stream()
                    .filter(r -> callId.equals(r.key()))
                    .filter(first)
                    .toList();
        }
    }

    private static List<String> types(List<ConsumerRecord<String, byte[]>> records) {
        return records.stream().map(r -> TopicReader.header(r, "ce_type")).toList();
    }

    @Test
    void theSameEventTwiceChangesNothing() throws Exception {
        String callId = "call-" + UUID.randomUUID();
        HttpResponse<String> first = event(newCall(callId));
        long commits = storedCommits();
        HttpResponse<String> again = event(newCall(callId));

        assertThat(first.statusCode()).as(first.body()).isEqualTo(200);
        assertThat(JSON.readTree(first.body()).get("taken").asBoolean()).isTrue();
        assertThat(again.statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(again.body()).get("taken").asBoolean()).isFalse();
        assertThat(storedCommits()).isEqualTo(commits);
        assertThat(types(eventsOf(callId, 1))).containsExactly(EventTypes.typeOf(CallStarted.class));
    }

    @Test
    void aHangupBeforeItsAnswerGivesAnAnsweredCall_M1() throws Exception {
        String callId = "call-" + UUID.randomUUID();
        assertThat(event(newCall(callId)).statusCode()).isEqualTo(200);
        assertThat(event(hangup(callId, "normalClearing")).statusCode()).isEqualTo(200);
        assertThat(event(answer(callId)).statusCode()).isEqualTo(200);

        JsonNode call = call(callId, Role.FRONT_DESK);
        assertThat(call.get("answered").asBoolean()).isTrue();
        assertThat(call.get("cause").asText()).isEqualTo("NORMAL_CLEARING");
        assertThat(call.get("estateId").asText())
                .as("the called hotline's estate")
                .isEqualTo(estate);
        List<ConsumerRecord<String, byte[]>> records = eventsOf(callId, 3);
        assertThat(types(records))
                .containsExactly(
                        EventTypes.typeOf(CallStarted.class),
                        EventTypes.typeOf(CallEnded.class),
                        EventTypes.typeOf(CallAnswered.class));
        CallEnded ended = CloudEventCodec.fromJson(records.get(1).value(), CallEnded.class);
        assertThat(ended.answered()).isFalse();
    }

    @Test
    void anEventWhoseNewCallNeverCameStartsTheCallFromWhatItCarries() throws Exception {
        String callId = "call-" + UUID.randomUUID();
        assertThat(event(hangup(callId, "noAnswer")).statusCode()).isEqualTo(200);

        JsonNode call = call(callId, Role.FRONT_DESK);
        assertThat(call.get("direction").asText()).isEqualTo("IN");
        assertThat(call.get("answered").asBoolean()).isFalse();
        assertThat(call.get("cause").asText()).isEqualTo("NO_ANSWER");
        assertThat(call.get("from").asText()).isEqualTo(OWNER_PHONE);
    }

    @Test
    void aFormEncodedBodyWithRepeatedUsersWorks() throws Exception {
        String callId = "call-" + UUID.randomUUID();
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/cti/events"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("Authorization", DemoUsers.basic(Role.INTEGRATION))
                .POST(HttpRequest.BodyPublishers.ofString("event=newCall&from=%2B86%20138%200000%200000&to=" + HOTLINE
                        + "&direction=in&callId=" + callId + "&user%5B%5D=Alice&user[]=Bob&queue=hotline"))
                .build();
        HttpResponse<String> answered = http.send(request, HttpResponse.BodyHandlers.ofString());

        assertThat(answered.statusCode()).as(answered.body()).isEqualTo(200);
        JsonNode call = call(callId, Role.FRONT_DESK);
        assertThat(call.get("users")).extracting(JsonNode::asText).containsExactly("Alice", "Bob");
        assertThat(call.get("queue").asText()).isEqualTo("hotline");
        assertThat(call.get("from").asText()).isEqualTo("+86 138 0000 0000");
    }

    @Test
    void badInputIs400NamingTheFieldAndStoresNothing() throws Exception {
        String callId = "call-" + UUID.randomUUID();
        long commits = storedCommits();
        for (String[] bad : new String[][] {
            {"{\"event\":\"ring\",\"callId\":\"" + callId + "\"}", "event"},
            {
                "{\"event\":\"hangup\",\"callId\":\"" + callId + "\",\"from\":\"1\",\"to\":\"2\",\"direction\":\"in\"}",
                "cause"
            },
            {hangup(callId, "eaten"), "cause"},
            {"{\"event\":\"newCall\",\"callId\":\"a b\",\"from\":\"1\",\"to\":\"2\",\"direction\":\"in\"}", "callId"},
            {
                "{\"event\":\"newCall\",\"callId\":\"" + callId
                        + "\",\"from\":\"1\",\"to\":\"2\",\"direction\":\"up\"}",
                "direction"
            },
            {"{\"event\":\"newCall\",\"callId\":\"" + callId + "\",\"to\":\"2\",\"direction\":\"in\"}", "from"}
        }) {
            HttpResponse<String> refused = event(bad[0]);
            assertThat(refused.statusCode()).as(bad[0]).isEqualTo(400);
            assertThat(refused.headers().firstValue("Content-Type"))
                    .hasValueSatisfying(ct -> assertThat(ct).startsWith("application/problem+json"));
            assertThat(refused.body()).as(bad[0]).contains(bad[1]);
        }
        assertThat(storedCommits()).isEqualTo(commits);
        assertThat(send("GET", "/api/calls/" + callId, Role.FRONT_DESK, null).statusCode())
                .isEqualTo(404);
    }

    @Test
    void aSignedEventIsTakenWithoutCredentials() throws Exception {
        String callId = "call-" + UUID.randomUUID();
        String body = newCall(callId);
        long now = Instant.now().getEpochSecond();
        String id = "msg_" + UUID.randomUUID();

        HttpResponse<String> taken = signed(id, now, sign(id, now, body), body);

        assertThat(taken.statusCode()).as(taken.body()).isEqualTo(200);
        assertThat(call(callId, Role.FRONT_DESK).get("direction").asText()).isEqualTo("IN");
    }

    @Test
    void aBadSignatureIs401AndStoresNothing() throws Exception {
        String callId = "call-" + UUID.randomUUID();
        String body = newCall(callId);
        long now = Instant.now().getEpochSecond();
        long commits = storedCommits();

        HttpResponse<String> refused = signed("msg_1", now, sign("msg_1", now, body.replace("in", "out")), body);

        assertThat(refused.statusCode()).isEqualTo(401);
        assertThat(JSON.readTree(refused.body()).get("header").asText()).isEqualTo("webhook-signature");
        assertThat(storedCommits()).isEqualTo(commits);
        assertThat(send("GET", "/api/calls/" + callId, Role.FRONT_DESK, null).statusCode())
                .isEqualTo(404);
    }

    @Test
    void anOldTimestampIs401AndStoresNothing() throws Exception {
        String callId = "call-" + UUID.randomUUID();
        String body = newCall(callId);
        long sixMinutesAgo = Instant.now().minusSeconds(360).getEpochSecond();
        long commits = storedCommits();

        HttpResponse<String> refused = signed("msg_old", sixMinutesAgo, sign("msg_old", sixMinutesAgo, body), body);

        assertThat(refused.statusCode()).isEqualTo(401);
        assertThat(JSON.readTree(refused.body()).get("header").asText()).isEqualTo("webhook-timestamp");
        assertThat(storedCommits()).isEqualTo(commits);
    }

    @Test
    void aReplayedWebhookIdIsRefused() throws Exception {
        String first = newCall("call-" + UUID.randomUUID());
        String callId = "call-" + UUID.randomUUID();
        String second = newCall(callId);
        long now = Instant.now().getEpochSecond();
        String id = "msg_" + UUID.randomUUID();

        assertThat(signed(id, now, sign(id, now, first), first).statusCode()).isEqualTo(200);
        HttpResponse<String> replayed = signed(id, now, sign(id, now, first), first);
        HttpResponse<String> reused = signed(id, now, sign(id, now, second), second);

        assertThat(replayed.statusCode()).isEqualTo(401);
        assertThat(JSON.readTree(replayed.body()).get("header").asText()).isEqualTo("webhook-id");
        assertThat(reused.statusCode()).isEqualTo(401);
        assertThat(send("GET", "/api/calls/" + callId, Role.FRONT_DESK, null).statusCode())
                .isEqualTo(404);
    }

    @Test
    void aSignatureOpensNoOtherEndpoint() throws Exception {
        long now = Instant.now().getEpochSecond();
        String body = "{\"callId\":\"x\"}";
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/tickets"))
                .header("Content-Type", "application/json")
                .header(WebhookSignature.ID, "msg_other")
                .header(WebhookSignature.TIMESTAMP, Long.toString(now))
                .header(WebhookSignature.SIGNATURE, sign("msg_other", now, body))
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build();
        assertThat(http.send(request, HttpResponse.BodyHandlers.ofString()).statusCode())
                .isEqualTo(401);
    }

    @Test
    void aTicketOpenedDuringACallIsLinkedAndShowsTheCallOnItsTimeline_R1_R10() throws Exception {
        String callId = "call-" + UUID.randomUUID();
        assertThat(event(newCall(callId)).statusCode()).isEqualTo(200);
        HttpResponse<String> opened =
                send("POST", "/api/tickets", Role.FRONT_DESK, """
                {"callId":"%s","estateId":"%s","unitId":"b1-101","kind":"REPAIR","paid":false,
                 "description":"Kitchen tap leaking","callerName":"Wang","callerPhone":"%s",
                 "channel":"PHONE","acceptor":"desk-chen"}""".formatted(callId, estate, OWNER_PHONE));
        assertThat(opened.statusCode()).as(opened.body()).isEqualTo(201);
        String ticketId = JSON.readTree(opened.body()).get("ticketId").asText();
        assertThat(event(hangup(callId, "normalClearing")).statusCode()).isEqualTo(200);

        await().atMost(Duration.ofSeconds(30))
                .untilAsserted(() -> assertThat(call(callId, Role.FRONT_DESK)
                                .path("linkedTicketId")
                                .asText())
                        .isEqualTo(ticketId));
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            JsonNode timeline =
                    JSON.readTree(send("GET", "/api/tickets/" + ticketId + "/timeline", Role.FRONT_DESK, null)
                            .body());
            assertThat(timeline)
                    .extracting(e -> e.get("type").asText())
                    .contains(
                            "propdesk.ticket.TicketOpened.v1",
                            EventTypes.typeOf(CallStarted.class),
                            EventTypes.typeOf(CallEnded.class));
            JsonNode started = java.util.stream.StreamSupport.stream(timeline.spliterator(), false)
                    .filter(e -> e.get("type").asText().equals(EventTypes.typeOf(CallStarted.class)))
                    .findFirst()
                    .orElseThrow();
            assertThat(started.get("data").get("from").asText()).isEqualTo(OWNER_PHONE);
        });

        JsonNode forDesk = JSON.readTree(send("GET", "/api/calls?ticketId=" + ticketId, Role.FRONT_DESK, null)
                .body());
        assertThat(forDesk).hasSize(1);
        assertThat(forDesk.get(0).get("callId").asText()).isEqualTo(callId);
        assertThat(forDesk.get(0).get("from").asText()).isEqualTo(OWNER_PHONE);
        JsonNode forPbx = JSON.readTree(send("GET", "/api/calls?ticketId=" + ticketId, Role.INTEGRATION, null)
                .body());
        assertThat(forPbx.get(0).get("from").isNull())
                .as("numbers withheld from INTEGRATION")
                .isTrue();
    }

    @Test
    void aCallFromAnOwnersRegisteredNumberIsTheirsAndSealedUnderTheirKey() throws Exception {
        String unique = "139" + String.format("%08d", Math.abs(UUID.randomUUID().hashCode() % 100_000_000L));
        callers.registerKnown("+86" + unique, estate, "b1-101", Instant.now());
        String callId = "call-" + UUID.randomUUID();
        assertThat(event("""
                        {"event":"newCall","callId":"%s","from":"0086 %s","to":"%s","direction":"in"}""".formatted(callId, unique, HOTLINE)).statusCode()).isEqualTo(200);

        JsonNode call = call(callId, Role.FRONT_DESK);
        assertThat(call.get("ownerId").asText()).isEqualTo(estate + ":b1-101");
        assertThat(call.get("estateId").asText()).isEqualTo(estate);
        CallStarted started =
                CloudEventCodec.fromJson(eventsOf(callId, 1).get(0).value(), CallStarted.class);
        assertThat(started.from()).startsWith(PersonalData.PREFIX + estate + ":b1-101#");
    }

    @Test
    void anOutboundCallNamesTheMissedCallsOfTheSameNumberItReturns_M1() throws Exception {
        String number = "135" + String.format("%08d", Math.abs(UUID.randomUUID().hashCode() % 100_000_000L));
        String missed = "call-" + UUID.randomUUID();
        String taken = "call-" + UUID.randomUUID();
        for (String[] e : new String[][] {
            {"newCall", missed, ""},
            {"hangup", missed, ",\"cause\":\"noAnswer\""},
            {"newCall", taken, ""},
            {"answer", taken, ""},
            {"hangup", taken, ",\"cause\":\"normalClearing\""}
        }) {
            assertThat(event("""
                            {"event":"%s","callId":"%s","from":"%s","to":"%s","direction":"in"%s}""".formatted(e[0], e[1], number, HOTLINE, e[2])).statusCode())
                    .isEqualTo(200);
        }
        String back = "call-" + UUID.randomUUID();
        assertThat(event("""
                        {"event":"newCall","callId":"%s","from":"8001","to":"+86 %s","direction":"out"}""".formatted(back, number)).statusCode()).isEqualTo(200);

        assertThat(call(back, Role.FRONT_DESK).get("returnsCallIds"))
                .extracting(JsonNode::asText)
                .containsExactly(missed);
    }

    @Test
    void noNumberReachesTheTopicInTheClear() throws Exception {
        String callId = "call-" + UUID.randomUUID();
        assertThat(event(newCall(callId)).statusCode()).isEqualTo(200);
        assertThat(event(hangup(callId, "noAnswer")).statusCode()).isEqualTo(200);
        for (ConsumerRecord<String, byte[]> record : eventsOf(callId, 2)) {
            String json = new String(record.value(), StandardCharsets.UTF_8);
            assertThat(json).doesNotContain(OWNER_PHONE).doesNotContain("8613800000000");
            assertThat(json).doesNotContain(HOTLINE);
        }
    }

    @Test
    void aDialledCallbackAnswersTheNumberOnlyToTheRankC2Requires() throws Exception {
        HttpResponse<String> opened =
                send("POST", "/api/tickets", Role.FRONT_DESK, """
                {"callId":"call-%s","estateId":"%s","unitId":"b1-102","kind":"COMPLAINT","severity":"MAJOR",
                 "description":"Noise at night","callerName":"Li","callerPhone":"%s",
                 "channel":"PHONE","acceptor":"desk-chen"}""".formatted(UUID.randomUUID(), estate, OWNER_PHONE));
        assertThat(opened.statusCode()).as(opened.body()).isEqualTo(201);
        String ticketId = JSON.readTree(opened.body()).get("ticketId").asText();
        String callbackId = "CB-" + UUID.randomUUID();
        Instant now = Instant.now();
        try (KafkaProducer<String, byte[]> producer = Relays.producer(kafka)) {
            producer.send(CloudEventCodec.toRecord(
                            Topics.CALLBACK_EVENTS,
                            Envelope.of(
                                    UUID.randomUUID().toString(),
                                    now,
                                    new CallbackScheduled(
                                            ticketId,
                                            callbackId,
                                            null,
                                            TicketKind.COMPLAINT,
                                            Severity.MAJOR,
                                            "desk-chen",
                                            CallerRole.allowedFor(Severity.MAJOR),
                                            now.plus(Duration.ofDays(1)),
                                            now,
                                            null,
                                            null),
                                    "CB-agg-" + callbackId,
                                    1)))
                    .get();
        }
        String dial = "/api/callbacks/" + callbackId + "/dial";
        await().atMost(Duration.ofSeconds(30))
                .until(() -> send("POST", dial, Role.FRONT_DESK, "{}").statusCode() != 404);

        HttpResponse<String> desk = send("POST", dial, Role.FRONT_DESK, "{}");
        assertThat(desk.statusCode()).isEqualTo(403);
        assertThat(desk.body()).contains("C2").doesNotContain(OWNER_PHONE);
        HttpResponse<String> manager = send("POST", dial, Role.MANAGER, "{\"line\":\"8001\"}");
        assertThat(manager.statusCode()).as(manager.body()).isEqualTo(201);
        JsonNode answer = JSON.readTree(manager.body());
        assertThat(answer.get("number").asText()).isEqualTo("+86" + OWNER_PHONE);
        String callId = answer.get("callId").asText();

        // the phone system reports the dialled call; its end names the callback
        assertThat(event("""
                        {"event":"hangup","callId":"%s","direction":"out","cause":"noAnswer"}""".formatted(callId)).statusCode()).isEqualTo(200);
        List<ConsumerRecord<String, byte[]>> records = eventsOf(callId, 2);
        CallStarted started = CloudEventCodec.fromJson(records.get(0).value(), CallStarted.class);
        assertThat(started.callbackId()).isEqualTo(callbackId);
        assertThat(started.direction().name()).isEqualTo("OUT");
        assertThat(started.ownerId()).isEqualTo(estate + ":b1-102");
        CallEnded ended = CloudEventCodec.fromJson(records.get(1).value(), CallEnded.class);
        assertThat(ended.callbackId()).isEqualTo(callbackId);
        assertThat(ended.answered()).isFalse();
        JsonNode calls = JSON.readTree(send("GET", "/api/calls?ticketId=" + ticketId, Role.MANAGER, null)
                .body());
        assertThat(calls).extracting(c -> c.get("callId").asText()).contains(callId);
        assertThat(send("POST", "/api/callbacks/CB-unknown/dial", Role.MANAGER, "{}")
                        .statusCode())
                .isEqualTo(404);
    }
}
