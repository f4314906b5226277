package io.propdesk.ticket.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.mongodb.client.MongoDatabase;
import io.propdesk.contracts.Department;
import io.propdesk.contracts.PublicEvent;
import io.propdesk.contracts.SlaRule;
import io.propdesk.contracts.Topics;
import io.propdesk.contracts.access.Role;
import io.propdesk.contracts.callback.ObligationFulfilled;
import io.propdesk.contracts.callback.ObligationOpened;
import io.propdesk.contracts.callback.ObligationRescheduled;
import io.propdesk.contracts.cloudevents.CloudEventCodec;
import io.propdesk.contracts.cloudevents.CloudEventCodec.Envelope;
import io.propdesk.embedded.SharedInfrastructure;
import io.propdesk.embedded.SharedInfrastructureInitializer;
import io.propdesk.platform.relay.Relays;
import io.propdesk.platform.security.DemoUsers;
import io.propdesk.platform.testing.MutableClock;
import io.propdesk.ticket.TicketServiceApplication;
import io.propdesk.ticket.caller.CallerIndex;
import io.propdesk.ticket.caller.OwnerContacts;
import io.propdesk.ticket.caller.OwnerTickets;
import io.propdesk.ticket.caller.TicketObligations;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.bson.Document;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.ContextConfiguration;

/**
 * The caller lookup (screen pop) end to end: registered phones and ticket callers found by the number in any form a
 * phone system sends, open tickets with their next due obligation from the callback topic, erasure, roles.
 */
@SpringBootTest(
        classes = {TicketServiceApplication.class, CallerLookupIT.Clocks.class},
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "spring.config.name=ticket-service",
            "spring.data.mongodb.database=caller_lookup_it",
            "propdesk.console.base-url=https://desk.example/"
        })
@ContextConfiguration(initializers = SharedInfrastructureInitializer.class)
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
class CallerLookupIT {

    static final Instant START = Instant.parse("2026-12-01T02:00:00Z");
    static final MutableClock CLOCK = new MutableClock(START);
    private static final ObjectMapper JSON = new ObjectMapper();

    /** Registered by class, not scanned: the test's standing clock. */
    static class Clocks {
        @Bean
        @Primary
        Clock testClock() {
            return CLOCK;
        }
    }

    private final HttpClient http = HttpClient.newHttpClient();
    private final String kafka = SharedInfrastructure.get().kafkaBootstrapServers();
    private String estate;

    @LocalServerPort
    int port;

    @Autowired
    MongoDatabase database;

    @BeforeEach
    void configureEstate() throws Exception {
        CLOCK.set(START);
        estate = "estate-" + UUID.randomUUID().toString().substring(0, 8);
        HttpResponse<String> put = send("PUT", "/api/estates/" + estate, """
                {"name":"Sunrise Garden","timeZone":"Asia/Shanghai","paidReturnHours":2,
                 "areas":[{"areaId":"north","name":"North"}],
                 "buildings":[{"buildingId":"b1","areaId":"north","name":"Building 1","stewardId":"steward-li",
                               "units":["b1-101","b1-102"]}]}""");
        assertThat(put.statusCode()).as(put.body()).isEqualTo(200);
    }

    @Test
    void aRegisteredOwnerIsFoundFromEachNumberFormatPhoneSystemsSend() throws Exception {
        String eight = digits(8);
        String seven = digits(7);
        String mobile = "+86139" + eight;
        String landline = "+86755" + seven;
        HttpResponse<String> put = contacts("b1-101", """
                {"contacts":[{"name":"Wang Fang","phone":"+86 139 %s %s"},{"name":"Wang Lei","phone":"(0755) %s"}]}""".formatted(eight.substring(0, 4), eight.substring(4), seven));
        assertThat(put.statusCode()).as(put.body()).isEqualTo(200);
        assertThat(JSON.readTree(put.body()).at("/contacts/0/phone").asText()).isEqualTo(mobile);

        for (String form : List.of(
                "139" + eight, "+86 139 " + eight.substring(0, 4) + " " + eight.substring(4), "0086139" + eight)) {
            JsonNode found = lookup(form, Role.FRONT_DESK);
            assertThat(found.get("number").asText()).as(form).isEqualTo(mobile);
            assertThat(found.get("matches")).as(form).hasSize(1);
            JsonNode match = found.get("matches").get(0);
            assertThat(match.get("ownerId").asText()).isEqualTo(estate + ":b1-101");
            assertThat(match.get("estateId").asText()).isEqualTo(estate);
            assertThat(match.get("unitId").asText()).isEqualTo("b1-101");
            assertThat(match.get("name").asText()).isEqualTo("Wang Fang");
            assertThat(match.get("level").asText()).isEqualTo("known");
            assertThat(found.get("consoleUrl").asText())
                    .isEqualTo(
                            "https://desk.example/intake?number=" + URLEncoder.encode(mobile, StandardCharsets.UTF_8));
        }
        JsonNode byLandline = lookup("0755-" + seven, Role.FRONT_DESK);
        assertThat(byLandline.get("number").asText()).isEqualTo(landline);
        assertThat(byLandline.at("/matches/0/name").asText()).isEqualTo("Wang Lei");
    }

    @Test
    void theCallerOfATicketIsARecentMatchForNinetyDaysWithTheTicketAndItsNextDueObligation() throws Exception {
        String phone = "137" + digits(8);
        String ticketId = openTicket("b1-102", "Zhao Min", phone);

        JsonNode found = await().atMost(Duration.ofSeconds(20))
                .until(
                        () -> lookup(phone, Role.FRONT_DESK),
                        r -> r.get("matches").size() == 1
                                && r.get("openTickets").size() == 1);
        assertThat(found.at("/matches/0/level").asText()).isEqualTo("recent");
        assertThat(found.at("/matches/0/name").asText()).isEqualTo("Zhao Min");
        assertThat(found.at("/matches/0/ownerId").asText()).isEqualTo(estate + ":b1-102");
        assertThat(found.at("/openTickets/0/ticketId").asText()).isEqualTo(ticketId);
        assertThat(found.at("/openTickets/0/status").asText()).isEqualTo("OPEN");
        assertThat(found.at("/openTickets/0/kind").asText()).isEqualTo("REPAIR");
        assertThat(found.at("/recentTickets/0/ticketId").asText()).isEqualTo(ticketId);

        Instant due = START.plus(Duration.ofHours(4));
        Instant later = START.plus(Duration.ofHours(6));
        try (KafkaProducer<String, byte[]> producer = Relays.producer(kafka)) {
            publish(
                    producer,
                    new ObligationOpened(
                            ticketId,
                            null,
                            ticketId + "#R4",
                            SlaRule.R4,
                            "steward",
                            null,
                            null,
                            null,
                            estate,
                            Department.ENGINEERING,
                            "steward-li",
                            "desk-chen",
                            START,
                            due),
                    ticketId,
                    1);
            publish(
                    producer,
                    new ObligationOpened(
                            ticketId,
                            null,
                            ticketId + "#R5",
                            SlaRule.R5,
                            "acceptor",
                            null,
                            "CB-1",
                            null,
                            estate,
                            Department.ENGINEERING,
                            "steward-li",
                            "desk-chen",
                            START,
                            later),
                    ticketId,
                    2);
        }
        JsonNode withDue = await().atMost(Duration.ofSeconds(20))
                .until(
                        () -> lookup(phone, Role.FRONT_DESK),
                        r -> r.at("/openTickets/0/nextDue/rule").asText().equals("R4"));
        assertThat(Instant.parse(withDue.at("/openTickets/0/nextDue/dueAt").asText()))
                .isEqualTo(due);

        try (KafkaProducer<String, byte[]> producer = Relays.producer(kafka)) {
            publish(
                    producer,
                    new ObligationRescheduled(
                            ticketId, null, ticketId + "#R4", SlaRule.R4, due, later.plusSeconds(60), START),
                    ticketId,
                    3);
        }
        await().atMost(Duration.ofSeconds(20))
                .until(
                        () -> lookup(phone, Role.FRONT_DESK),
                        r -> r.at("/openTickets/0/nextDue/rule").asText().equals("R5"));

        try (KafkaProducer<String, byte[]> producer = Relays.producer(kafka)) {
            publish(
                    producer,
                    new ObligationFulfilled(
                            ticketId,
                            null,
                            ticketId + "#R5",
                            SlaRule.R5,
                            null,
                            estate,
                            Department.ENGINEERING,
                            "steward-li",
                            "desk-chen",
                            "ce-x",
                            later,
                            START),
                    ticketId,
                    4);
        }
        JsonNode fulfilled = await().atMost(Duration.ofSeconds(20))
                .until(
                        () -> lookup(phone, Role.FRONT_DESK),
                        r -> r.at("/openTickets/0/nextDue/rule").asText().equals("R4"));
        assertThat(Instant.parse(fulfilled.at("/openTickets/0/nextDue/dueAt").asText()))
                .isEqualTo(later.plusSeconds(60));

        CLOCK.set(START.plus(Duration.ofDays(31)));
        JsonNode monthLater = lookup(phone, Role.FRONT_DESK);
        assertThat(monthLater.get("matches")).hasSize(1);
        assertThat(monthLater.get("recentTickets")).isEmpty();
        assertThat(monthLater.get("openTickets")).hasSize(1);

        CLOCK.set(START.plus(CallerIndex.RECENT_FOR).plusSeconds(1));
        assertThat(lookup(phone, Role.FRONT_DESK).get("matches")).isEmpty();
    }

    @Test
    void oneNumberRegisteredForSeveralUnitsAnswersEveryMatch() throws Exception {
        String phone = "+86136" + digits(8);
        assertThat(contacts("b1-101", body("Li Na", phone)).statusCode()).isEqualTo(200);
        assertThat(contacts("b1-102", body("Li Na", phone)).statusCode()).isEqualTo(200);

        JsonNode found = lookup(phone, Role.MANAGER);
        assertThat(found.get("matches")).hasSize(2);
        List<String> owners = new ArrayList<>();
        found.get("matches").forEach(m -> owners.add(m.get("ownerId").asText()));
        assertThat(owners).containsExactlyInAnyOrder(estate + ":b1-101", estate + ":b1-102");

        JsonNode flat = JSON.readTree(
                get("/api/callers/lookup?number=" + enc(phone), Role.FRONT_DESK).body());
        assertThat(flat.get("matches").asInt()).isEqualTo(2);
        assertThat(flat.get("contactId").asText()).isIn(owners);
        assertThat(flat.get("firstName").asText()).isEqualTo("Li Na");
        assertThat(flat.get("companyName").asText()).isEqualTo(estate);
        assertThat(flat.get("phoneMobile").asText()).isEqualTo(phone);
        assertThat(flat.get("url").asText()).startsWith("https://desk.example/intake?number=");
    }

    @Test
    void aReplacedListNoLongerFindsTheNumbersItDropped() throws Exception {
        String kept = "+86135" + digits(8);
        String dropped = "+86135" + digits(8);
        contacts("b1-101", "{\"contacts\":[" + contact("A", kept) + "," + contact("B", dropped) + "]}");
        assertThat(lookup(dropped, Role.FRONT_DESK).get("matches")).hasSize(1);

        HttpResponse<String> replaced = contacts("b1-101", body("A", kept));

        assertThat(replaced.statusCode()).isEqualTo(200);
        assertThat(lookup(dropped, Role.FRONT_DESK).get("matches")).isEmpty();
        assertThat(lookup(kept, Role.FRONT_DESK).get("matches")).hasSize(1);
        JsonNode read = JSON.readTree(
                get("/api/owners/" + estate + ":b1-101/contacts", Role.STEWARD).body());
        assertThat(read.get("contacts")).hasSize(1);
        assertThat(read.at("/contacts/0/phone").asText()).isEqualTo(kept);
        assertThat(read.at("/contacts/0/name").asText()).isEqualTo("A");
    }

    @Test
    void afterErasureTheNumberFindsNothing() throws Exception {
        String phone = "133" + digits(8);
        contacts("b1-101", body("Sun Li", phone));
        openTicket("b1-101", "Sun Li", phone);
        await().atMost(Duration.ofSeconds(20))
                .until(
                        () -> lookup(phone, Role.FRONT_DESK),
                        r -> r.get("openTickets").size() == 1);

        HttpResponse<String> erased = send("DELETE", "/api/owners/" + estate + ":b1-101/personal-data", null);

        assertThat(erased.statusCode()).as(erased.body()).isEqualTo(200);
        JsonNode found = lookup(phone, Role.FRONT_DESK);
        assertThat(found.get("matches")).isEmpty();
        assertThat(found.get("openTickets")).isEmpty();
        assertThat(get("/api/callers/lookup?number=" + phone, Role.INTEGRATION).statusCode())
                .isEqualTo(404);
        JsonNode contacts = JSON.readTree(get("/api/owners/" + estate + ":b1-101/contacts", Role.FRONT_DESK)
                .body());
        assertThat(contacts.get("contacts")).isEmpty();
        List<String> ownersTickets = new ArrayList<>();
        for (Document doc : database.getCollection(OwnerTickets.COLLECTION).find()) {
            if (doc.getString("_id").startsWith(estate + ":b1-101")) { // the owner and the months of their tickets
                ownersTickets.add(doc.toJson());
            }
        }
        assertThat(String.join("\n", ownersTickets))
                .contains("\"status\"")
                .doesNotContain("callerName")
                .doesNotContain("callerIndex");
    }

    @Test
    void thePhoneSystemsScreenPopShowsTheCallersNameLikeTheDesk() throws Exception {
        String phone = "+86134" + digits(8);
        contacts("b1-102", body("Qian Hui", phone));

        JsonNode asIntegration = lookup(phone, Role.INTEGRATION);
        assertThat(asIntegration.at("/matches/0/unitId").asText()).isEqualTo("b1-102");
        assertThat(asIntegration.at("/matches/0/name").asText()).isEqualTo("Qian Hui");
        JsonNode flat = JSON.readTree(get("/api/callers/lookup?number=" + enc(phone), Role.INTEGRATION)
                .body());
        assertThat(flat.get("name").asText()).isEqualTo("Qian Hui");
        assertThat(flat.get("unit").asText()).isEqualTo("b1-102");
        for (Role desk : List.of(Role.FRONT_DESK, Role.STEWARD, Role.MANAGER)) {
            assertThat(lookup(phone, desk).at("/matches/0/name").asText())
                    .as(desk.name())
                    .isEqualTo("Qian Hui");
        }
    }

    @Test
    void aRoleOutsideTheTableIs403() throws Exception {
        for (Role role : List.of(Role.DEPARTMENT, Role.BILLING, Role.ADMIN)) {
            assertThat(get("/api/callers?number=13800000000", role).statusCode())
                    .as(role.name())
                    .isEqualTo(403);
            assertThat(get("/api/callers/lookup?number=13800000000", role).statusCode())
                    .as(role.name())
                    .isEqualTo(403);
        }
        assertThat(send("PUT", "/api/owners/" + estate + ":b1-101/contacts", body("X", "13800000000"), Role.STEWARD)
                        .statusCode())
                .isEqualTo(403);
        assertThat(get("/api/owners/" + estate + ":b1-101/contacts", Role.INTEGRATION)
                        .statusCode())
                .isEqualTo(403);
    }

    @Test
    void aBadNumberIs400NamingTheFieldAndStoresNothing() throws Exception {
        HttpResponse<String> lookup = get("/api/callers?number=" + enc("call me maybe"), Role.FRONT_DESK);
        assertThat(lookup.statusCode()).isEqualTo(400);
        assertThat(JSON.readTree(lookup.body()).at("/errors/0/field").asText()).isEqualTo("number");
        assertThat(get("/api/callers/lookup?number=12", Role.INTEGRATION).statusCode())
                .isEqualTo(400);
        assertThat(get("/api/callers", Role.FRONT_DESK).statusCode()).isEqualTo(400);

        String good = "+86131" + digits(8);
        HttpResponse<String> put =
                contacts("b1-101", "{\"contacts\":[" + contact("A", good) + "," + contact("B", "12-abc") + "]}");
        assertThat(put.statusCode()).isEqualTo(400);
        assertThat(JSON.readTree(put.body()).at("/errors/0/field").asText()).isEqualTo("contacts[1].phone");
        HttpResponse<String> twice = contacts(
                "b1-101",
                "{\"contacts\":[" + contact("A", good) + "," + contact("B", "0086" + good.substring(3)) + "]}");
        assertThat(JSON.readTree(twice.body()).at("/errors/0/field").asText()).isEqualTo("contacts[1].phone");
        HttpResponse<String> noName = contacts("b1-101", "{\"contacts\":[{\"phone\":\"" + good + "\"}]}");
        assertThat(noName.statusCode()).isEqualTo(400);
        assertThat(noName.body()).contains("contacts[0].name");
        assertThat(lookup(good, Role.FRONT_DESK).get("matches")).isEmpty();
        assertThat(database.getCollection(OwnerContacts.COLLECTION)
                        .find(new Document("_id", estate + ":b1-101"))
                        .first())
                .isNull();

        assertThat(contacts("b1-999", body("A", good)).statusCode()).isEqualTo(404);
        assertThat(send("PUT", "/api/owners/nowhere:b1-101/contacts", body("A", good))
                        .statusCode())
                .isEqualTo(404);
        assertThat(send("PUT", "/api/owners/no-colon/contacts", body("A", good)).statusCode())
                .isEqualTo(400);
    }

    @Test
    void noPhoneNumberOrNameIsStoredInTheClearByTheLookup() throws Exception {
        String eight = digits(8);
        String phone = "132" + eight;
        contacts("b1-102", body("Zhou Xun", phone));
        String ticketId = openTicket("b1-102", "Zhou Xun", phone);
        await().atMost(Duration.ofSeconds(20))
                .until(
                        () -> lookup(phone, Role.FRONT_DESK),
                        r -> r.get("openTickets").size() == 1);
        try (KafkaProducer<String, byte[]> producer = Relays.producer(kafka)) {
            publish(
                    producer,
                    new ObligationOpened(
                            ticketId,
                            null,
                            ticketId + "#R4",
                            SlaRule.R4,
                            "steward",
                            null,
                            null,
                            null,
                            estate,
                            Department.ENGINEERING,
                            "steward-li",
                            "desk-chen",
                            START,
                            START),
                    ticketId,
                    1);
        }
        await().atMost(Duration.ofSeconds(20))
                .until(
                        () -> lookup(phone, Role.FRONT_DESK),
                        r -> r.at("/openTickets/0/nextDue").isObject());

        for (String collection : List.of(
                CallerIndex.NUMBERS,
                CallerIndex.OWNER_NUMBERS,
                OwnerContacts.COLLECTION,
                OwnerTickets.COLLECTION,
                OwnerTickets.TICKET_OWNERS,
                TicketObligations.COLLECTION)) {
            List<Document> docs = database.getCollection(collection).find().into(new ArrayList<>());
            assertThat(docs).as(collection).isNotEmpty();
            for (Document doc : docs) {
                assertThat(doc.toJson()).as(collection).doesNotContain(eight).doesNotContain("Zhou Xun");
            }
        }
    }

    private String openTicket(String unit, String name, String phone) throws Exception {
        HttpResponse<String> created =
                send("POST", "/api/tickets", """
                {"callId":"call-%s","estateId":"%s","unitId":"%s","kind":"REPAIR","paid":false,
                 "description":"Kitchen tap leaking","callerName":"%s","callerPhone":"%s",
                 "channel":"PHONE","acceptor":"desk-chen"}""".formatted(UUID.randomUUID(), estate, unit, name, phone));
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        return JSON.readTree(created.body()).get("ticketId").asText();
    }

    private static String digits(int n) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < n; i++) {
            b.append(ThreadLocalRandom.current().nextInt(10));
        }
        return b.toString();
    }

    private static String contact(String name, String phone) {
        return "{\"name\":\"" + name + "\",\"phone\":\"" + phone + "\"}";
    }

    private static String body(String name, String phone) {
        return "{\"contacts\":[" + contact(name, phone) + "]}";
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    private HttpResponse<String> contacts(String unit, String body) throws Exception {
        return send("PUT", "/api/owners/" + estate + ":" + unit + "/contacts", body);
    }

    private JsonNode lookup(String number, Role role) throws Exception {
        HttpResponse<String> r = get("/api/callers?number=" + enc(number), role);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        return JSON.readTree(r.body());
    }

    private HttpResponse<String> get(String path, Role role) throws Exception {
        return send("GET", path, null, role);
    }

    private HttpResponse<String> send(String method, String path, String body) throws Exception {
        return send(method, path, body, null);
    }

    private HttpResponse<String> send(String method, String path, String body, Role role) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .header("Content-Type", "application/json")
                .header(
                        "Authorization",
                        role == null ? DemoUsers.authorizationFor("ticket", method, path) : DemoUsers.basic(role));
        return http.send(
                (body == null
                                ? b.method(method, HttpRequest.BodyPublishers.noBody())
                                : b.method(method, HttpRequest.BodyPublishers.ofString(body)))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static void publish(KafkaProducer<String, byte[]> producer, PublicEvent event, String ticketId, long seq)
            throws Exception {
        producer.send(CloudEventCodec.toRecord(
                        Topics.CALLBACK_EVENTS,
                        Envelope.of(UUID.randomUUID().toString(), Instant.now(), event, "ledger-" + ticketId, seq)))
                .get();
    }
}
