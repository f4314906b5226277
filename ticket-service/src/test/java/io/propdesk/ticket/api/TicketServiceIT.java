package io.propdesk.ticket.api;

import static io.propdesk.platform.testing.TopicReader.header;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.read.ListAppender;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.mongodb.client.MongoDatabase;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.propdesk.contracts.CallerRole;
import io.propdesk.contracts.EventTypes;
import io.propdesk.contracts.TicketKind;
import io.propdesk.contracts.Topics;
import io.propdesk.contracts.access.Access;
import io.propdesk.contracts.access.Role;
import io.propdesk.contracts.callback.CallbackCompleted;
import io.propdesk.contracts.callback.ComplaintSignedOff;
import io.propdesk.contracts.callcenter.CallRegistered;
import io.propdesk.contracts.cloudevents.CloudEventCodec;
import io.propdesk.contracts.cloudevents.CloudEventCodec.Envelope;
import io.propdesk.contracts.ticket.TicketOpened;
import io.propdesk.embedded.SharedInfrastructure;
import io.propdesk.embedded.SharedInfrastructureInitializer;
import io.propdesk.platform.eventstore.MongoEventStorageEngine;
import io.propdesk.platform.relay.Relays;
import io.propdesk.platform.security.DemoUsers;
import io.propdesk.platform.testing.Pages;
import io.propdesk.platform.testing.TopicReader;
import io.propdesk.ticket.TicketServiceApplication;
import io.propdesk.ticket.call.integration.CallTicketLinker;
import io.propdesk.ticket.call.integration.CallbackDiallingListener;
import io.propdesk.ticket.caller.OwnerTickets;
import io.propdesk.ticket.caller.TicketObligations;
import io.propdesk.ticket.integration.CallCenterListener;
import io.propdesk.ticket.integration.CallbackOutcomeListener;
import io.propdesk.ticket.query.TicketList;
import io.propdesk.ticket.query.Timeline;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.ContextConfiguration;

/** Front-desk intake end to end on the real broker and the MongoDB-wire server, through real HTTP (R1, R3, H6). */
@SpringBootTest(
        classes = TicketServiceApplication.class,
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"spring.config.name=ticket-service", "spring.data.mongodb.database=ticket_service_it"})
@ContextConfiguration(initializers = SharedInfrastructureInitializer.class)
// closed after the class: a context left in the cache keeps its consumers in the service's groups and takes
// partitions from the next test class's context (TicketListPagingIT), whose rows then land in this one's database
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
class TicketServiceIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient http = HttpClient.newHttpClient();
    private final String kafka = SharedInfrastructure.get().kafkaBootstrapServers();

    @LocalServerPort
    int port;

    @Autowired
    MongoDatabase database;

    @Autowired
    MeterRegistry meters;

    private String estate;

    @BeforeEach
    void configureEstate() throws Exception {
        estate = "estate-" + UUID.randomUUID().toString().substring(0, 8);
        HttpResponse<String> put = send("PUT", "/api/estates/" + estate, """
                {"name":"Sunrise Garden","timeZone":"Asia/Shanghai","paidReturnHours":2,
                 "areas":[{"areaId":"north","name":"North"}],
                 "buildings":[{"buildingId":"b1","areaId":"north","name":"Building 1","stewardId":"steward-li",
                               "units":["b1-101","b1-102"]}]}""");
        assertThat(put.statusCode()).as(put.body()).isEqualTo(200);
    }

    private HttpResponse<String> send(String method, String path, String body) throws Exception {
        return http.send(request(method, path, body), HttpResponse.BodyHandlers.ofString());
    }

    private HttpRequest request(String method, String path, String body) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .header("Content-Type", "application/json")
                .header("Authorization", DemoUsers.authorizationFor("ticket", method, path));
        return (body == null ? b.GET() : b.method(method, HttpRequest.BodyPublishers.ofString(body))).build();
    }

    private String repair(String callId, String unit) {
        return """
                {"callId":"%s","estateId":"%s","unitId":"%s","kind":"REPAIR","paid":false,
                 "description":"Kitchen tap leaking","callerName":"Wang","callerPhone":"13800000000",
                 "channel":"PHONE","acceptor":"desk-chen"}""".formatted(callId, estate, unit);
    }

    private long storedCommits() {
        return database.getCollection(MongoEventStorageEngine.EVENTS).countDocuments(MongoEventStorageEngine.commits());
    }

    @Test
    void readModelsFetchAfterTheReadModelWaitWhileListenersThatSendCommandsFetchAtOnce_issue19(
            @Autowired KafkaListenerEndpointRegistry registry) {
        Map<String, Properties> consumerOf = new HashMap<>();
        registry.getListenerContainers()
                .forEach(c -> consumerOf.put(
                        c.getGroupId(), c.getContainerProperties().getKafkaConsumerProperties()));
        // a read model's poll under load carries several commands' events: one write per collection for all of them
        for (String readModel : List.of(
                Timeline.GROUP,
                TicketList.GROUP,
                TicketObligations.GROUP,
                OwnerTickets.GROUP,
                CallbackDiallingListener.GROUP)) {
            assertThat(consumerOf.get(readModel))
                    .as(readModel)
                    .containsEntry("fetch.max.wait.ms", "100")
                    .containsKey("fetch.min.bytes");
        }
        // a ticket's next step waits on these: they fetch as soon as a record is there
        for (String reaction :
                List.of(CallbackOutcomeListener.GROUP, CallCenterListener.GROUP, CallTicketLinker.GROUP)) {
            assertThat(consumerOf.get(reaction))
                    .as(reaction)
                    .doesNotContainKeys("fetch.max.wait.ms", "fetch.min.bytes");
        }
    }

    @Test
    void aRegisteredCallIs201AndEveryConsumerSeesTicketOpenedAsACloudEvent_R1_R3() throws Exception {
        HttpResponse<String> created = send("POST", "/api/tickets", repair("call-" + UUID.randomUUID(), "b1-101"));

        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        JsonNode ticket = JSON.readTree(created.body());
        String ticketId = ticket.get("ticketId").asText();
        assertThat(created.headers().firstValue("Location")).contains("/api/tickets/" + ticketId);
        assertThat(ticket.get("areaId").asText()).isEqualTo("north");
        assertThat(ticket.get("stewardId").asText()).isEqualTo("steward-li");
        assertThat(ticket.get("status").asText()).isEqualTo("OPEN");

        // read-your-write from the ticket's own stream
        HttpResponse<String> read = send("GET", "/api/tickets/" + ticketId, null);
        assertThat(read.statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(read.body()).get("callerName").asText()).isEqualTo("Wang");

        try (TopicReader reader = new TopicReader(kafka, Topics.TICKET_EVENTS)) {
            ConsumerRecord<String, byte[]> record = reader
                    .readUntil(rs -> rs.stream().anyMatch(r -> ticketId.equals(r.key())), Duration.ofSeconds(30))
                    .stream()
                    .filter(r -> ticketId.equals(r.key()))
                    .findFirst()
                    .orElseThrow();
            assertThat(header(record, "ce_specversion")).isEqualTo("1.0");
            assertThat(header(record, "ce_type")).isEqualTo(EventTypes.typeOf(TicketOpened.class));
            assertThat(header(record, "ce_source")).isEqualTo("/ticket-service");
            assertThat(header(record, "ce_subject")).isEqualTo(ticketId);
            assertThat(header(record, "ce_id")).isNotBlank();
            assertThat(header(record, "ce_time")).isNotBlank();
            assertThat(header(record, "content-type")).isEqualTo("application/json");
            TicketOpened opened = CloudEventCodec.fromJson(record.value(), TicketOpened.class);
            assertThat(opened.stewardId()).isEqualTo("steward-li");
            assertThat(opened.kind()).isEqualTo(TicketKind.REPAIR);
        }

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            JsonNode list =
                    JSON.readTree(send("GET", "/api/tickets?estateId=" + estate + "&kind=REPAIR&status=OPEN", null)
                            .body());
            assertThat(list).extracting(n -> n.get("ticketId").asText()).contains(ticketId);
        });
    }

    @Test
    void theSameCallIdTwiceGivesOneTicket_R1() throws Exception {
        String callId = "call-" + UUID.randomUUID();
        HttpResponse<String> first = send("POST", "/api/tickets", repair(callId, "b1-101"));
        HttpResponse<String> again = send("POST", "/api/tickets", repair(callId, "b1-101"));

        assertThat(first.statusCode()).isEqualTo(201);
        assertThat(again.statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(again.body()).get("ticketId"))
                .isEqualTo(JSON.readTree(first.body()).get("ticketId"));
    }

    @Test
    void racingRequestsWithOneCallIdAllAnswerWithTheSameSingleTicket_R1() throws Exception {
        String callId = "call-" + UUID.randomUUID();
        long before = storedCommits();
        List<CompletableFuture<HttpResponse<String>>> racing = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            racing.add(http.sendAsync(
                    request("POST", "/api/tickets", repair(callId, "b1-102")), HttpResponse.BodyHandlers.ofString()));
        }
        Set<String> ticketIds = new HashSet<>();
        int createdCount = 0;
        for (CompletableFuture<HttpResponse<String>> r : racing) {
            HttpResponse<String> response = r.get();
            assertThat(response.statusCode()).as(response.body()).isIn(200, 201);
            createdCount += response.statusCode() == 201 ? 1 : 0;
            ticketIds.add(JSON.readTree(response.body()).get("ticketId").asText());
        }
        assertThat(ticketIds).hasSize(1);
        assertThat(createdCount).isEqualTo(1);
        assertThat(storedCommits() - before).isEqualTo(1);
    }

    @Test
    void malformedOrUnknownInputIs400NamingTheFieldAndStoresNothing() throws Exception {
        long before = storedCommits();
        assertField(send("POST", "/api/tickets", repair("call-x1", "b9-999")), "unitId");
        assertField(
                send("POST", "/api/tickets", repair("call-x2", "b1-101").replace(estate, "no-such-estate")),
                "estateId");
        assertField(
                send("POST", "/api/tickets", repair("call-x3", "b1-101").replace("\"REPAIR\"", "\"PAINTING\"")),
                "kind");
        assertField(
                send("POST", "/api/tickets", repair("call-x4", "b1-101").replace("13800000000", "call me")),
                "callerPhone");
        assertField(send("POST", "/api/tickets", repair("call-x5", "b1-101").replace("\"paid\":false,", "")), "paid");
        assertField(
                send(
                        "POST",
                        "/api/tickets",
                        repair("call-x6", "b1-101").replace("\"REPAIR\",\"paid\":false", "\"CLEANING_HOURLY\"")),
                "serviceTime");
        assertField(send("POST", "/api/tickets", "{\"estateId\":"), "body");
        assertThat(send("GET", "/api/tickets/T-nope", null).statusCode()).isEqualTo(404);
        assertField(send("GET", "/api/tickets?limit=0", null), "limit");
        assertField(send("GET", "/api/tickets?kind=PAINTING", null), "kind");
        assertThat(storedCommits()).isEqualTo(before);
    }

    private static void assertField(HttpResponse<String> response, String field) throws Exception {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(400);
        assertThat(response.headers().firstValue("Content-Type").orElse("")).startsWith("application/problem+json");
        assertThat(JSON.readTree(response.body()).at("/errors/0/field").asText())
                .as(response.body())
                .isEqualTo(field);
    }

    @Test
    void aCallFromTheCallCenterTopicOpensATicketOnceAndAnInvalidOneGoesToTheDeadLetterTopic_R1() throws Exception {
        String callId = "cc-" + UUID.randomUUID();
        CallRegistered call = new CallRegistered(
                callId,
                estate,
                "b1-101",
                TicketKind.REPAIR,
                true,
                null,
                "No hot water",
                "Li",
                "13900000000",
                "desk-zhao",
                Instant.now(),
                null);
        CallRegistered invalid = new CallRegistered(
                "cc-bad-" + callId,
                estate,
                "nowhere",
                TicketKind.REPAIR,
                true,
                null,
                "?",
                "Li",
                "13900000000",
                "desk-zhao",
                Instant.now(),
                null);
        try (KafkaProducer<String, byte[]> producer = Relays.producer(kafka)) {
            for (CallRegistered c : List.of(call, call, invalid, call)) {
                ProducerRecord<String, byte[]> record = CloudEventCodec.toRecord(
                        Topics.CALLCENTER_CALLS, Envelope.of("ce-" + c.callId(), c.receivedAt(), c));
                producer.send(record).get();
            }
        }
        String ticketId = "T-" + UUID.nameUUIDFromBytes(("call:" + callId).getBytes(StandardCharsets.UTF_8));
        await().atMost(Duration.ofSeconds(30))
                .until(() -> send("GET", "/api/tickets/" + ticketId, null).statusCode() == 200);
        JsonNode ticket =
                JSON.readTree(send("GET", "/api/tickets/" + ticketId, null).body());
        assertThat(ticket.get("channel").asText()).isEqualTo("CALL_CENTER");
        assertThat(ticket.get("paid").asBoolean()).isTrue();

        try (TopicReader dlt =
                new TopicReader(kafka, Topics.deadLetter(Topics.CALLCENTER_CALLS, CallCenterListener.GROUP))) {
            var dead = dlt.readUntil(
                    rs -> rs.stream().anyMatch(r -> r.key().equals("cc-bad-" + callId)), Duration.ofSeconds(30));
            assertThat(dead.stream()
                            .filter(r -> r.key().equals("cc-bad-" + callId))
                            .findFirst()
                            .orElseThrow())
                    .satisfies(r ->
                            assertThat(header(r, "kafka_dlt-exception-message")).contains("unitId"));
        }
        long ticketsForCall = database.getCollection(MongoEventStorageEngine.EVENTS)
                .countDocuments(new org.bson.Document("agg", ticketId));
        assertThat(ticketsForCall).isEqualTo(1);
    }

    private HttpResponse<String> sendAs(Role role, String method, String path, String body) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .header("Content-Type", "application/json")
                .header("Authorization", DemoUsers.basic(role));
        return http.send(
                (body == null ? b.GET() : b.method(method, HttpRequest.BodyPublishers.ofString(body))).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void aReplayOfTheSameCallIs200WithTheTicketAsTheCallersRoleMaySeeIt_issue15_item1() throws Exception {
        String callId = "call-" + UUID.randomUUID();
        String body = repair(callId, "b1-101");

        // INTEGRATION may open tickets but not read them: id, status and Location only, on the first 201 too
        HttpResponse<String> first = sendAs(Role.INTEGRATION, "POST", "/api/tickets", body);
        assertThat(first.statusCode()).as(first.body()).isEqualTo(201);
        JsonNode created = JSON.readTree(first.body());
        String ticketId = created.get("ticketId").asText();
        assertThat(created.get("status").asText()).isEqualTo("OPEN");
        assertThat(fieldNames(created)).containsExactlyInAnyOrder("ticketId", "status");
        assertThat(first.headers().firstValue("Location")).contains("/api/tickets/" + ticketId);

        for (Role role : Role.values()) {
            HttpResponse<String> replay = sendAs(role, "POST", "/api/tickets", body);
            boolean mayOpen =
                    Access.find("ticket", "POST", "/api/tickets").orElseThrow().admits(role);
            boolean mayRead = Access.find("ticket", "GET", "/api/tickets/" + ticketId)
                    .orElseThrow()
                    .admits(role);
            if (!mayOpen) {
                assertThat(replay.statusCode()).as(role + ": " + replay.body()).isEqualTo(403);
                assertThat(replay.body()).doesNotContain("Wang").doesNotContain("13800000000");
                continue;
            }
            assertThat(replay.statusCode()).as(role + ": " + replay.body()).isEqualTo(200);
            assertThat(replay.headers().firstValue("Location")).contains("/api/tickets/" + ticketId);
            JsonNode answered = JSON.readTree(replay.body());
            assertThat(answered.get("ticketId").asText()).isEqualTo(ticketId);
            if (mayRead) {
                assertThat(answered.get("callerName").asText()).as(role.name()).isEqualTo("Wang");
                assertThat(answered.get("callerPhone").asText()).as(role.name()).isEqualTo("13800000000");
            } else {
                assertThat(fieldNames(answered)).as(role.name()).containsExactlyInAnyOrder("ticketId", "status");
                assertThat(replay.body()).doesNotContain("Wang").doesNotContain("13800000000");
            }
        }
        // the same call with the times it was given also replays
        String timed = repair("call-" + UUID.randomUUID(), "b1-102")
                .replace("\"acceptor\"", "\"receivedAt\":\"" + anHourAgo().plusNanos(123_456_000) + "\",\"acceptor\"");
        assertThat(sendAs(Role.FRONT_DESK, "POST", "/api/tickets", timed).statusCode())
                .isEqualTo(201);
        assertThat(sendAs(Role.FRONT_DESK, "POST", "/api/tickets", timed).statusCode())
                .isEqualTo(200);
    }

    /** A receivedAt inside the window calls are accepted in (issue 15 item 6), on a whole second. */
    private static Instant anHourAgo() {
        return Instant.now().minus(Duration.ofHours(1)).truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }

    @Test
    void aDifferentCallUnderAUsedCallIdIs409NamingCallIdAndStoresNothing_issue15_item1() throws Exception {
        String callId = "call-" + UUID.randomUUID();
        Instant received = anHourAgo();
        String original =
                repair(callId, "b1-101").replace("\"acceptor\"", "\"receivedAt\":\"" + received + "\",\"acceptor\"");
        assertThat(sendAs(Role.FRONT_DESK, "POST", "/api/tickets", original).statusCode())
                .isEqualTo(201);
        long before = storedCommits();

        List<String> others = List.of(
                original.replace("\"b1-101\"", "\"b1-102\""),
                original.replace("\"REPAIR\",\"paid\":false", "\"COMPLAINT\",\"severity\":\"NORMAL\""),
                original.replace("\"paid\":false", "\"paid\":true"),
                original.replace("Kitchen tap leaking", "Bathroom tap leaking"),
                original.replace("\"Wang\"", "\"Zhao\""),
                original.replace("13800000000", "13800000001"),
                original.replace(received.toString(), received.plusSeconds(1).toString()));
        for (String other : others) {
            for (Role role : List.of(Role.FRONT_DESK, Role.INTEGRATION)) {
                HttpResponse<String> conflict = sendAs(role, "POST", "/api/tickets", other);
                assertThat(conflict.statusCode())
                        .as(role + " " + other + ": " + conflict.body())
                        .isEqualTo(409);
                assertThat(conflict.headers().firstValue("Content-Type").orElse(""))
                        .startsWith("application/problem+json");
                JsonNode problem = JSON.readTree(conflict.body());
                assertThat(problem.get("rule").asText()).isEqualTo("R1");
                assertThat(problem.get("field").asText()).isEqualTo("callId");
                assertThat(problem.get("callId").asText()).isEqualTo(callId);
                assertThat(problem.at("/errors/0/field").asText()).isEqualTo("callId");
                // nothing of the stored call: not its caller, not which field differs
                assertThat(conflict.body())
                        .doesNotContain("Wang")
                        .doesNotContain("13800000000")
                        .doesNotContain("Kitchen")
                        .doesNotContain("callerName")
                        .doesNotContain("unitId");
            }
        }
        assertThat(storedCommits()).isEqualTo(before);
        String ticketId = "T-" + UUID.nameUUIDFromBytes(("call:" + callId).getBytes(StandardCharsets.UTF_8));
        JsonNode stored = JSON.readTree(
                sendAs(Role.FRONT_DESK, "GET", "/api/tickets/" + ticketId, null).body());
        assertThat(stored.get("callerName").asText()).isEqualTo("Wang");
        assertThat(stored.get("unitId").asText()).isEqualTo("b1-101");
    }

    @Test
    void aMissingOrBlankCallIdIs400NamingCallId_issue15_item1() throws Exception {
        long before = storedCommits();
        assertField(
                send("POST", "/api/tickets", repair("call-y", "b1-101").replace("\"callId\":\"call-y\",", "")),
                "callId");
        assertField(send("POST", "/api/tickets", repair("", "b1-101")), "callId");
        assertThat(storedCommits()).isEqualTo(before);
    }

    @Test
    void aDifferentCallRegisteredUnderAUsedCallIdIsDeadLetteredWithTheReasonAndWithoutTheCaller_issue15_item1_item2()
            throws Exception {
        String callId = "cc-" + UUID.randomUUID();
        Instant received = Instant.now();
        CallRegistered call = new CallRegistered(
                callId,
                estate,
                "b1-101",
                TicketKind.REPAIR,
                true,
                null,
                "No hot water",
                "Li Original",
                "13911111111",
                "desk-zhao",
                received,
                null);
        CallRegistered other = new CallRegistered(
                callId,
                estate,
                "b1-102",
                TicketKind.REPAIR,
                true,
                null,
                "No cold water",
                "Sun Other",
                "13922222222",
                "desk-zhao",
                received,
                null);
        String ticketId = "T-" + UUID.nameUUIDFromBytes(("call:" + callId).getBytes(StandardCharsets.UTF_8));
        try (KafkaProducer<String, byte[]> producer = Relays.producer(kafka)) {
            producer.send(CloudEventCodec.toRecord(
                            Topics.CALLCENTER_CALLS, Envelope.of("ce-1-" + callId, received, call)))
                    .get();
            await().atMost(Duration.ofSeconds(30))
                    .until(() -> send("GET", "/api/tickets/" + ticketId, null).statusCode() == 200);
            long before = storedCommits();
            producer.send(CloudEventCodec.toRecord(
                            Topics.CALLCENTER_CALLS, Envelope.of("ce-2-" + callId, received, other)))
                    .get();

            try (TopicReader dlt =
                    new TopicReader(kafka, Topics.deadLetter(Topics.CALLCENTER_CALLS, CallCenterListener.GROUP))) {
                ConsumerRecord<String, byte[]> dead = dlt
                        .readUntil(
                                rs -> rs.stream().anyMatch(r -> ("ce-2-" + callId).equals(header(r, "ce_id"))),
                                Duration.ofSeconds(30))
                        .stream()
                        .filter(r -> ("ce-2-" + callId).equals(header(r, "ce_id")))
                        .findFirst()
                        .orElseThrow();
                assertThat(header(dead, "kafka_dlt-exception-message"))
                        .contains("R1")
                        .contains("callId");
                // the dead-letter copy keeps the call but not the caller (issue 15 item 2)
                JsonNode copy = JSON.readTree(dead.value());
                assertThat(copy.get("callId").asText()).isEqualTo(callId);
                assertThat(copy.get("unitId").asText()).isEqualTo("b1-102");
                assertThat(copy.has("callerName")).isFalse();
                assertThat(copy.has("callerPhone")).isFalse();
                assertThat(new String(dead.value(), StandardCharsets.UTF_8))
                        .doesNotContain("Sun Other")
                        .doesNotContain("13922222222");
            }
            assertThat(storedCommits()).isEqualTo(before);
        }
        JsonNode ticket =
                JSON.readTree(send("GET", "/api/tickets/" + ticketId, null).body());
        assertThat(ticket.get("description").asText()).isEqualTo("No hot water");
        assertThat(ticket.get("callerName").asText()).isEqualTo("Li Original");
    }

    @Test
    void aCallRegisteredWithAControlCharacterInANameIsDeadLetteredNamingTheFieldAndOpensNothing_issue15_item7()
            throws Exception {
        String callId = "cc-" + UUID.randomUUID();
        Instant received = Instant.now();
        CallRegistered call = new CallRegistered(
                callId,
                estate,
                "b1-101",
                TicketKind.REPAIR,
                false,
                null,
                "No hot water",
                "Li\u0007Bell",
                "13911111111",
                "desk-zhao",
                received,
                null);
        String ticketId = "T-" + UUID.nameUUIDFromBytes(("call:" + callId).getBytes(StandardCharsets.UTF_8));
        try (KafkaProducer<String, byte[]> producer = Relays.producer(kafka)) {
            producer.send(CloudEventCodec.toRecord(
                            Topics.CALLCENTER_CALLS, Envelope.of("ce-c-" + callId, received, call)))
                    .get();
        }
        try (TopicReader dlt =
                new TopicReader(kafka, Topics.deadLetter(Topics.CALLCENTER_CALLS, CallCenterListener.GROUP))) {
            ConsumerRecord<String, byte[]> dead = dlt
                    .readUntil(
                            rs -> rs.stream().anyMatch(r -> ("ce-c-" + callId).equals(header(r, "ce_id"))),
                            Duration.ofSeconds(30))
                    .stream()
                    .filter(r -> ("ce-c-" + callId).equals(header(r, "ce_id")))
                    .findFirst()
                    .orElseThrow();
            assertThat(header(dead, "kafka_dlt-exception-message")).contains("callerName");
        }
        assertThat(send("GET", "/api/tickets/" + ticketId, null).statusCode()).isEqualTo(404);
    }

    @Test
    void theInboundAndDeadLetterTopicsKeepSevenDaysWhileTheEventTopicsKeepEverything_issue15_item2() throws Exception {
        // a dead letter first, so that its topic exists
        aDifferentCallRegisteredUnderAUsedCallIdIsDeadLetteredWithTheReasonAndWithoutTheCaller_issue15_item1_item2();
        String dlt = Topics.deadLetter(Topics.CALLCENTER_CALLS, CallCenterListener.GROUP);
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka))) {
            Map<String, String> retention = new java.util.HashMap<>();
            for (String topic : List.of(Topics.CALLCENTER_CALLS, dlt, Topics.TICKET_EVENTS)) {
                ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, topic);
                retention.put(
                        topic,
                        admin.describeConfigs(List.of(resource))
                                .all()
                                .get()
                                .get(resource)
                                .get(TopicConfig.RETENTION_MS_CONFIG)
                                .value());
            }
            String sevenDays = Long.toString(Duration.ofDays(7).toMillis());
            assertThat(retention)
                    .containsEntry(Topics.CALLCENTER_CALLS, sevenDays)
                    .containsEntry(dlt, sevenDays)
                    .containsEntry(Topics.TICKET_EVENTS, "-1");
        }
    }

    @Test
    void aDeadLetteredRecordLogsOneWarnLineWithoutTheCallerAndCountsPropdeskDltRecords_issue15_item11()
            throws Exception {
        String dlt = Topics.deadLetter(Topics.CALLCENTER_CALLS, CallCenterListener.GROUP);
        Counter counter = meters.counter(
                "propdesk.dlt.records", "topic", Topics.CALLCENTER_CALLS, "group", CallCenterListener.GROUP);
        double counted = counter.count();
        String callId = "cc-poison-" + UUID.randomUUID();
        CallRegistered poison = new CallRegistered(
                callId,
                estate,
                "nowhere",
                TicketKind.REPAIR,
                true,
                null,
                "?",
                "Poison Caller",
                "13933333333",
                "desk-zhao",
                Instant.now(),
                null);
        ch.qos.logback.classic.Logger root =
                (ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        ListAppender<ILoggingEvent> logs = new ListAppender<>();
        logs.start();
        root.addAppender(logs);
        RecordMetadata sent;
        try {
            try (KafkaProducer<String, byte[]> producer = Relays.producer(kafka)) {
                sent = producer.send(CloudEventCodec.toRecord(
                                Topics.CALLCENTER_CALLS, Envelope.of("ce-" + callId, Instant.now(), poison)))
                        .get();
            }
            await().atMost(Duration.ofSeconds(30)).until(() -> counter.count() >= counted + 1);
            // a moment for any other line about the same record to appear
            try (TopicReader reader = new TopicReader(kafka, dlt)) {
                reader.readUntil(rs -> rs.stream().anyMatch(r -> callId.equals(r.key())), Duration.ofSeconds(30));
            }
        } finally {
            root.detachAppender(logs);
        }
        assertThat(counter.count()).isEqualTo(counted + 1);
        String where = Topics.CALLCENTER_CALLS + "-" + sent.partition() + "@" + sent.offset();
        List<String> loud = new ArrayList<>();
        List<String> all = new ArrayList<>();
        for (ILoggingEvent event : List.copyOf(logs.list)) {
            String line = event.getFormattedMessage()
                    + (event.getThrowableProxy() == null ? "" : ThrowableProxyUtil.asString(event.getThrowableProxy()));
            all.add(line);
            if (event.getLevel().isGreaterOrEqual(Level.WARN) && line.contains(where)) {
                loud.add(line);
            }
        }
        assertThat(loud).as("WARN/ERROR lines about " + where).hasSize(1);
        assertThat(loud.get(0))
                .contains("Dead-lettered")
                .contains(CallCenterListener.GROUP)
                .contains(dlt)
                .contains("unitId");
        assertThat(all)
                .noneSatisfy(line -> assertThat(line).contains("Poison Caller"))
                .noneSatisfy(line -> assertThat(line).contains("13933333333"));
    }

    @Test
    void aLateOrderIsExplainedOnceInTheComplaintBook_R11() throws Exception {
        String ticketId = JSON.readTree(send("POST", "/api/tickets", repair("call-" + UUID.randomUUID(), "b1-101"))
                        .body())
                .get("ticketId")
                .asText();
        String explanation = "{\"orderId\":\"WO-1\",\"reason\":\"parts arrived late\",\"explainedBy\":\"desk-chen\"}";

        assertThat(send("POST", "/api/tickets/" + ticketId + "/late-explanations", explanation)
                        .statusCode())
                .isEqualTo(201);
        HttpResponse<String> again = send("POST", "/api/tickets/" + ticketId + "/late-explanations", explanation);
        assertThat(again.statusCode()).isEqualTo(409);
        assertThat(JSON.readTree(again.body()).get("rule").asText()).isEqualTo("R11");
        assertThat(send("POST", "/api/tickets/T-unknown/late-explanations", explanation)
                        .statusCode())
                .isEqualTo(404);
        assertField(
                send(
                        "POST",
                        "/api/tickets/" + ticketId + "/late-explanations",
                        "{\"orderId\":\"WO-2\",\"explainedBy\":\"desk-chen\"}"),
                "reason");
    }

    @Test
    void callbackOutcomesCloseAndReopenTicketsAndAComplaintClosesOnlyAfterSignOff_R5_C3() throws Exception {
        String repairId = JSON.readTree(send("POST", "/api/tickets", repair("call-" + UUID.randomUUID(), "b1-101"))
                        .body())
                .get("ticketId")
                .asText();
        String complaintId = JSON.readTree(send(
                                "POST",
                                "/api/tickets",
                                repair("call-" + UUID.randomUUID(), "b1-102")
                                        .replace("\"REPAIR\",\"paid\":false", "\"COMPLAINT\",\"severity\":\"MAJOR\""))
                        .body())
                .get("ticketId")
                .asText();
        Instant now = Instant.now();
        try (KafkaProducer<String, byte[]> producer = Relays.producer(kafka)) {
            publish(
                    producer,
                    new CallbackCompleted(
                            repairId,
                            "CB-" + repairId,
                            "desk-chen",
                            CallerRole.DUTY_STAFF,
                            false,
                            "still leaking",
                            now),
                    repairId,
                    1);
            // a complaint's satisfied callback before sign-off is refused (C3) and dead-lettered
            publish(
                    producer,
                    new CallbackCompleted(
                            complaintId, "CB-early-" + complaintId, "mgr-wu", CallerRole.MANAGER, true, "ok", now),
                    complaintId,
                    1);
            publish(producer, new ComplaintSignedOff(complaintId, "steward-li", "handled", now), complaintId, 2);
            publish(
                    producer,
                    new CallbackCompleted(
                            complaintId, "CB-" + complaintId, "mgr-wu", CallerRole.MANAGER, true, "thank you", now),
                    complaintId,
                    3);
        }
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            assertThat(JSON.readTree(send("GET", "/api/tickets/" + repairId, null)
                                    .body())
                            .get("status")
                            .asText())
                    .isEqualTo("REOPENED");
            assertThat(JSON.readTree(send("GET", "/api/tickets/" + complaintId, null)
                                    .body())
                            .get("status")
                            .asText())
                    .isEqualTo("CLOSED");
        });
        // R10: the timeline shows the ticket's own events and the other services' ones, in order, once each
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            JsonNode timeline = JSON.readTree(
                    send("GET", "/api/tickets/" + repairId + "/timeline", null).body());
            assertThat(timeline)
                    .extracting(n -> n.get("type").asText())
                    .containsExactly(
                            "propdesk.ticket.TicketOpened.v1",
                            "propdesk.callback.CallbackCompleted.v1",
                            "propdesk.ticket.TicketReopened.v1");
        });
        assertThat(send("GET", "/api/tickets/T-unknown/timeline", null).statusCode())
                .isEqualTo(404);
        try (TopicReader dlt =
                new TopicReader(kafka, Topics.deadLetter(Topics.CALLBACK_EVENTS, CallbackOutcomeListener.GROUP))) {
            var dead =
                    dlt.readUntil(rs -> rs.stream().anyMatch(r -> complaintId.equals(r.key())), Duration.ofSeconds(30));
            assertThat(dead.stream()
                            .filter(r -> complaintId.equals(r.key()))
                            .findFirst()
                            .orElseThrow())
                    .satisfies(r ->
                            assertThat(header(r, "kafka_dlt-exception-message")).contains("C3"));
        }
    }

    @Test
    void aTimelineWalkedPageByPageIsTheWholeTimelineOnceInOrder_issue15_item9() throws Exception {
        String repairId = JSON.readTree(send("POST", "/api/tickets", repair("call-" + UUID.randomUUID(), "b1-101"))
                        .body())
                .get("ticketId")
                .asText();
        Instant now = Instant.now();
        try (KafkaProducer<String, byte[]> producer = Relays.producer(kafka)) {
            for (int i = 1; i <= 3; i++) {
                publish(
                        producer,
                        new CallbackCompleted(
                                repairId,
                                "CB" + i + "-" + repairId,
                                "desk-chen",
                                CallerRole.DUTY_STAFF,
                                false,
                                "still leaking",
                                now),
                        repairId,
                        i);
            }
        }
        String path = "/api/tickets/" + repairId + "/timeline";
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            JsonNode whole =
                    JSON.readTree(send("GET", path + "?limit=500", null).body());
            assertThat(whole.size()).isGreaterThanOrEqualTo(5);
            List<HttpResponse<String>> pages = Pages.walk(path + "?limit=2", p -> send("GET", p, null));
            List<String> walked = new ArrayList<>();
            for (HttpResponse<String> page : pages) {
                JSON.readTree(page.body()).forEach(e -> walked.add(e.get("id").asText()));
            }
            List<String> expected = new ArrayList<>();
            whole.forEach(e -> expected.add(e.get("id").asText()));
            assertThat(walked).containsExactlyElementsOf(expected);
            assertThat(pages).hasSize((expected.size() + 1) / 2);
            assertThat(pages.get(pages.size() - 1).headers().firstValue("Link")).isEmpty();
        });
        assertField(send("GET", path + "?offset=2", null), "offset");
        assertField(send("GET", path + "?cursor=AAAA", null), "cursor");
    }

    private static void publish(
            KafkaProducer<String, byte[]> producer,
            io.propdesk.contracts.PublicEvent event,
            String aggregateId,
            long sequence)
            throws Exception {
        producer.send(CloudEventCodec.toRecord(
                        Topics.CALLBACK_EVENTS,
                        Envelope.of(
                                UUID.randomUUID().toString(), Instant.now(), event, "CB-agg-" + aggregateId, sequence)))
                .get();
    }
}
