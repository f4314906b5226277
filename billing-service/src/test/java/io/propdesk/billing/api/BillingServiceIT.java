package io.propdesk.billing.api;

import static io.propdesk.platform.testing.TopicReader.header;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.mongodb.client.MongoDatabase;
import io.propdesk.billing.BillingServiceApplication;
import io.propdesk.billing.domain.QuoteDesk;
import io.propdesk.billing.integration.DispatchListener;
import io.propdesk.contracts.Department;
import io.propdesk.contracts.EventTypes;
import io.propdesk.contracts.Money;
import io.propdesk.contracts.PublicEvent;
import io.propdesk.contracts.SlaRule;
import io.propdesk.contracts.TicketKind;
import io.propdesk.contracts.Topics;
import io.propdesk.contracts.billing.ChargePosted;
import io.propdesk.contracts.billing.QuoteAccepted;
import io.propdesk.contracts.billing.StatementIssued;
import io.propdesk.contracts.cloudevents.CloudEventCodec;
import io.propdesk.contracts.cloudevents.CloudEventCodec.Envelope;
import io.propdesk.contracts.dispatch.ContractSigned;
import io.propdesk.contracts.dispatch.DispatchMode;
import io.propdesk.contracts.dispatch.MonthClosed;
import io.propdesk.contracts.dispatch.OrderCompleted;
import io.propdesk.contracts.dispatch.OrderDispatched;
import io.propdesk.contracts.ticket.EstateConfigured;
import io.propdesk.embedded.SharedInfrastructure;
import io.propdesk.embedded.SharedInfrastructureInitializer;
import io.propdesk.platform.calendar.EstateCalendars;
import io.propdesk.platform.eventstore.MongoEventStorageEngine;
import io.propdesk.platform.relay.Relays;
import io.propdesk.platform.security.DemoUsers;
import io.propdesk.platform.testing.MutableClock;
import io.propdesk.platform.testing.TopicReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.YearMonth;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Primary;
import org.springframework.test.context.ContextConfiguration;

/**
 * billing-service end to end on the real broker and the MongoDB-wire server, through real HTTP, with dispatch's side
 * played by producing its events onto {@code propdesk.dispatch.events} (R7, P1, P2, H7, H8).
 */
@SpringBootTest(
        classes = BillingServiceApplication.class,
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"spring.config.name=billing-service", "spring.data.mongodb.database=billing_service_it"})
@ContextConfiguration(initializers = SharedInfrastructureInitializer.class)
@Import(BillingServiceIT.Clocks.class)
class BillingServiceIT {

    private static final ObjectMapper JSON = CloudEventCodec.mapper();
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static KafkaProducer<String, byte[]> producer;

    private final HttpClient http = HttpClient.newHttpClient();
    private final String kafka = SharedInfrastructure.get().kafkaBootstrapServers();

    @LocalServerPort
    int port;

    @Autowired
    MutableClock clock;

    @Autowired
    QuoteDesk desk;

    @Autowired
    MongoDatabase database;

    @Autowired
    EstateCalendars estates;

    @TestConfiguration
    static class Clocks {
        @Bean
        @Primary
        MutableClock testClock() {
            return MutableClock.at("2026-11-10T02:00:00Z");
        }
    }

    @BeforeAll
    static void startProducer() {
        producer = Relays.producer(SharedInfrastructure.get().kafkaBootstrapServers());
    }

    @AfterAll
    static void stopProducer() {
        producer.close();
    }

    // ---- dispatch's side ------------------------------------------------------------------------------------

    private static String unique(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    private static Envelope envelope(PublicEvent event, String aggregateId, long sequence) {
        return Envelope.of(UUID.randomUUID().toString(), Instant.now(), event, aggregateId, sequence);
    }

    private static void produce(Envelope envelope) throws Exception {
        producer.send(CloudEventCodec.toRecord(Topics.DISPATCH_EVENTS, envelope))
                .get();
    }

    private static OrderDispatched dispatched(
            String ticketId, String orderId, String unitId, TicketKind kind, Department department, boolean paid) {
        return new OrderDispatched(
                ticketId,
                orderId,
                "sunrise",
                "north",
                "b1",
                unitId,
                kind,
                department,
                paid,
                null,
                "paid job",
                null,
                DispatchMode.AREA_LEADER,
                "leader-1",
                paid ? SlaRule.R8 : SlaRule.R9,
                null,
                "desk-chen",
                Instant.parse("2026-11-10T01:00:00Z"));
    }

    private static OrderCompleted completed(OrderDispatched order, Instant at) {
        return new OrderCompleted(
                order.ticketId(),
                order.orderId(),
                order.estateId(),
                order.kind(),
                order.department(),
                order.paid(),
                "leader-1",
                "done",
                at);
    }

    /** Dispatch the order (its stream's event 0) and wait until billing knows it. */
    private void dispatch(OrderDispatched order) throws Exception {
        produce(envelope(order, order.orderId(), 0));
        await().atMost(WAIT).until(() -> desk.order(order.orderId()).isPresent());
    }

    /**
     * Waits until billing's dispatch listener has handled a record that carries no sequence: the platform inbox marks
     * it by its ce_id once the handler has succeeded.
     */
    private void awaitHandled(Envelope envelope) {
        String marker = DispatchListener.GROUP + "|id|" + envelope.id();
        await().atMost(WAIT)
                .until(() -> database.getCollection("inbox")
                                .find(new org.bson.Document("_id", marker))
                                .first()
                        != null);
    }

    // ---- HTTP -------------------------------------------------------------------------------------------------

    private HttpResponse<String> send(String method, String path, String body) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .header("Content-Type", "application/json")
                .header("Authorization", DemoUsers.authorizationFor("billing", method, path));
        HttpRequest request =
                (body == null ? b.GET() : b.method(method, HttpRequest.BodyPublishers.ofString(body))).build();
        return http.send(request, HttpResponse.BodyHandlers.ofString());
    }

    private JsonNode ok(HttpResponse<String> response, int status) throws Exception {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        return JSON.readTree(response.body());
    }

    private JsonNode publish(Department department, String effectiveFrom, String items) throws Exception {
        return ok(send("PUT", "/api/price-lists/" + department, """
                {"effectiveFrom":"%s","publishedBy":"manager-wu","items":[%s]}""".formatted(effectiveFrom, items)), 200);
    }

    private static String item(String code, String name, String unit, String price) {
        return """
                {"code":"%s","name":"%s","unit":"%s","price":{"amount":"%s","currency":"CNY"}}""".formatted(code, name, unit, price);
    }

    private JsonNode quote(OrderDispatched order, String lines) throws Exception {
        return ok(
                send("POST", "/api/quotes", """
                {"ticketId":"%s","orderId":"%s","department":"%s","lines":[%s],
                 "pricedBy":{"stewardId":"steward-li","professionalId":"pro-zhang"}}""".formatted(
                                order.ticketId(), order.orderId(), order.department(), lines)),
                201);
    }

    private JsonNode accept(String quoteId) throws Exception {
        return ok(send("POST", "/api/quotes/" + quoteId + "/accept", "{\"explainedBy\":\"steward-li\"}"), 200);
    }

    private static List<ConsumerRecord<String, byte[]>> ofType(
            List<ConsumerRecord<String, byte[]>> records, Class<?> type) {
        return records.stream()
                .filter(r -> EventTypes.typeOf(type).equals(header(r, "ce_type")))
                .toList();
    }

    private static List<ChargePosted> charges(List<ConsumerRecord<String, byte[]>> records, String chargeId) {
        return ofType(records, ChargePosted.class).stream()
                .map(r -> CloudEventCodec.fromJson(r.value(), ChargePosted.class))
                .filter(c -> c.chargeId().equals(chargeId))
                .toList();
    }

    // ---- the tests ----------------------------------------------------------------------------------------------

    @Test
    void aPriceListChangeBetweenQuoteAndCompletionChargesTheQuotesPrice_P2_R7() throws Exception {
        clock.set(Instant.parse("2026-11-10T02:00:00Z"));
        JsonNode v1 = publish(
                Department.ENGINEERING,
                "2026-11-10",
                item("ENG-TAP", "Replace kitchen tap", "piece", "80") + ","
                        + item("ENG-HOUR", "Plumber labour", "hour", "48.50"));
        String ticket = unique("T");
        OrderDispatched order =
                dispatched(ticket, unique("WO"), unique("u"), TicketKind.REPAIR, Department.ENGINEERING, true);
        dispatch(order);

        // 1 × 80.00 + 2 × 48.50 + on site 1 × 35.00 = 212.00, from the version in force today
        JsonNode quote = quote(order, """
                {"itemCode":"ENG-TAP","quantity":1},{"itemCode":"ENG-HOUR","quantity":2},
                {"description":"Seal replacement","quantity":1,"unitPrice":{"amount":"35","currency":"CNY"}}""");
        String quoteId = quote.get("quoteId").asText();
        assertThat(quote.at("/total/amount").asText()).isEqualTo("212.00");
        assertThat(quote.get("priceListVersion").asInt())
                .isEqualTo(v1.get("version").asInt());
        assertThat(quote.get("status").asText()).isEqualTo("OPEN");
        assertThat(accept(quoteId).get("status").asText()).isEqualTo("ACCEPTED");

        // the list is revised the same day: the tap now costs 95.00
        JsonNode v2 = publish(
                Department.ENGINEERING,
                "2026-11-10",
                item("ENG-TAP", "Replace kitchen tap", "piece", "95") + ","
                        + item("ENG-HOUR", "Plumber labour", "hour", "48.50"));
        assertThat(v2.get("version").asInt()).isEqualTo(v1.get("version").asInt() + 1);
        JsonNode inForce = ok(send("GET", "/api/price-lists/ENGINEERING", null), 200);
        assertThat(inForce.get("version").asInt()).isEqualTo(v2.get("version").asInt());
        assertThat(inForce.at("/items/0/price/amount").asText()).isEqualTo("95.00");

        clock.set(Instant.parse("2026-11-11T06:00:00Z"));
        produce(envelope(completed(order, Instant.parse("2026-11-11T06:00:00Z")), order.orderId(), 1));

        String chargeId = "CH-" + order.orderId();
        try (TopicReader reader = new TopicReader(kafka, Topics.BILLING_EVENTS)) {
            var records = reader.readUntil(rs -> !charges(rs, chargeId).isEmpty(), WAIT);
            ChargePosted charge = charges(records, chargeId).get(0);
            assertThat(charge.amount()).isEqualTo(Money.cny("212.00"));
            assertThat(charge.quoteId()).isEqualTo(quoteId);
            assertThat(charge.customerId()).isEqualTo(order.unitId());
            assertThat(charge.month()).isEqualTo(YearMonth.of(2026, 11));

            // R7: what dispatch-service needs to let the paid order start
            ConsumerRecord<String, byte[]> acceptedRecord = ofType(records, QuoteAccepted.class).stream()
                    .filter(r -> CloudEventCodec.fromJson(r.value(), QuoteAccepted.class)
                            .quoteId()
                            .equals(quoteId))
                    .findFirst()
                    .orElseThrow();
            QuoteAccepted accepted = CloudEventCodec.fromJson(acceptedRecord.value(), QuoteAccepted.class);
            assertThat(accepted.orderId()).isEqualTo(order.orderId());
            assertThat(accepted.ticketId()).isEqualTo(ticket);
            assertThat(accepted.recordedBy())
                    .as("issue 14 item 7: the staff member who recorded it")
                    .isEqualTo("steward-li");
            assertThat(accepted.customerId())
                    .as("issue 14 item 7: the owner, as the customer")
                    .isEqualTo(order.unitId());
            assertThat(accepted.acceptedBy())
                    .as("deprecated, kept with its old value")
                    .isEqualTo("steward-li");
            assertThat(header(acceptedRecord, "ce_subject")).isEqualTo(ticket);
            assertThat(acceptedRecord.key()).isEqualTo(ticket);
        }
        JsonNode statement = ok(send("GET", "/api/statements/" + order.unitId() + "/2026-11", null), 200);
        assertThat(statement.at("/total/amount").asText()).isEqualTo("212.00");
    }

    @Test
    void aCompletedPaidOrderDeliveredThreeTimesIsChargedOnce_R7_H7() throws Exception {
        clock.set(Instant.parse("2026-11-10T02:00:00Z"));
        publish(Department.CLEANING, "2026-11-10", item("CLN-HOUR", "Hourly cleaning", "hour", "45"));
        OrderDispatched order = dispatched(
                unique("T"), unique("WO"), unique("u"), TicketKind.CLEANING_HOURLY, Department.CLEANING, true);
        dispatch(order);
        String quoteId = quote(order, "{\"itemCode\":\"CLN-HOUR\",\"quantity\":3}")
                .get("quoteId")
                .asText();
        accept(quoteId);

        OrderCompleted done = completed(order, Instant.parse("2026-11-10T09:00:00Z"));
        Envelope first = envelope(done, order.orderId(), 1);
        produce(first);
        produce(first); // the same record again, as after a producer retry
        Envelope third = Envelope.of(UUID.randomUUID().toString(), Instant.now(), done); // no sequence: not deduped
        produce(third);
        awaitHandled(third);

        String chargeId = "CH-" + order.orderId();
        try (TopicReader reader = new TopicReader(kafka, Topics.BILLING_EVENTS)) {
            reader.readUntil(rs -> !charges(rs, chargeId).isEmpty(), WAIT);
            List<ChargePosted> charged = charges(reader.readUntilQuiet(Duration.ofSeconds(3), WAIT), chargeId);
            assertThat(charged).hasSize(1);
            assertThat(charged.get(0).amount()).isEqualTo(Money.cny("135.00"));
        }
        JsonNode statement = ok(send("GET", "/api/statements/" + order.unitId() + "/2026-11", null), 200);
        assertThat(statement.get("lines")).hasSize(1);
        assertThat(statement.at("/total/amount").asText()).isEqualTo("135.00");
    }

    @Test
    void aCustomerWithAContractAndTwoPaidOrdersGetsTheRightStatementIssuedOnceAtMonthClose_H7_H8() throws Exception {
        clock.set(Instant.parse("2026-10-05T02:00:00Z"));
        publish(
                Department.GREENING,
                "2026-10-05",
                item("GRN-TRIM", "Hedge trimming", "m", "12.50") + ","
                        + item("GRN-LAWN", "Lawn mowing", "100 m²", "85"));
        String unit = unique("u");
        ContractSigned contract = new ContractSigned(
                unique("C"),
                unit,
                "sunrise",
                unit,
                TicketKind.CLEANING_MONTHLY,
                Department.CLEANING,
                LocalDate.of(2026, 10, 16),
                null,
                Set.of(DayOfWeek.MONDAY),
                LocalTime.of(9, 0),
                Money.cny("600"),
                1,
                "steward-li",
                "clean-zhou",
                Instant.parse("2026-10-05T03:00:00Z"));
        produce(envelope(contract, contract.contractId(), 0));

        OrderDispatched a = dispatched(unique("T"), unique("WO"), unit, TicketKind.GREENING, Department.GREENING, true);
        OrderDispatched b = dispatched(unique("T"), unique("WO"), unit, TicketKind.GREENING, Department.GREENING, true);
        dispatch(a);
        dispatch(b);
        // A: 4 m × 12.50 + a tree removed, priced on site at 230.00 = 280.00
        accept(quote(a, """
                {"itemCode":"GRN-TRIM","quantity":4},
                {"description":"Remove dead tree","quantity":1,"unitPrice":{"amount":"230.00","currency":"CNY"}}""").get("quoteId").asText());
        // B: 2 × 85.00 = 170.00
        accept(quote(b, "{\"itemCode\":\"GRN-LAWN\",\"quantity\":2}")
                .get("quoteId")
                .asText());
        produce(envelope(completed(a, Instant.parse("2026-10-12T03:00:00Z")), a.orderId(), 1));
        produce(envelope(completed(b, Instant.parse("2026-10-20T03:00:00Z")), b.orderId(), 1));

        // contract 16-31 October: 600.00 × 16 / 31 = 309.677… → 309.68; total 280.00 + 170.00 + 309.68 = 759.68
        String path = "/api/statements/" + unit + "/2026-10";
        await().atMost(WAIT).untilAsserted(() -> {
            JsonNode open = ok(send("GET", path, null), 200);
            assertThat(open.get("status").asText()).isEqualTo("OPEN");
            assertThat(open.get("lines")).hasSize(3);
            assertThat(open.at("/total/amount").asText()).isEqualTo("759.68");
        });

        MonthClosed close = new MonthClosed(
                YearMonth.of(2026, 10), 2, 2, 0, "sha256:x", "desk-manager", Instant.parse("2026-11-01T01:00:00Z"));
        clock.set(Instant.parse("2026-11-01T01:00:00Z"));
        produce(envelope(close, "month-2026-10", 0));
        Envelope again = Envelope.of(UUID.randomUUID().toString(), Instant.now(), close); // not deduped by the inbox
        produce(again);
        awaitHandled(again);

        String statementId = "ST-" + unit + "-2026-10";
        try (TopicReader reader = new TopicReader(kafka, Topics.BILLING_EVENTS)) {
            reader.readUntil(
                    rs -> ofType(rs, StatementIssued.class).stream()
                            .anyMatch(r -> r.key().equals(unit)),
                    WAIT);
            var records = reader.readUntilQuiet(Duration.ofSeconds(3), WAIT);
            List<StatementIssued> issued = ofType(records, StatementIssued.class).stream()
                    .map(r -> CloudEventCodec.fromJson(r.value(), StatementIssued.class))
                    .filter(s -> s.statementId().equals(statementId))
                    .toList();
            assertThat(issued).hasSize(1);
            StatementIssued statement = issued.get(0);
            assertThat(statement.total()).isEqualTo(Money.cny("759.68"));
            assertThat(statement.estateId()).isEqualTo("sunrise");
            assertThat(statement.lines())
                    .extracting(StatementIssued.Line::chargeId)
                    .containsExactlyInAnyOrder(
                            "CH-" + a.orderId(), "CH-" + b.orderId(), "CF-" + contract.contractId() + "-2026-10");
            assertThat(statement.lines())
                    .extracting(StatementIssued.Line::amount)
                    .containsExactlyInAnyOrder(Money.cny("280.00"), Money.cny("170.00"), Money.cny("309.68"));
            assertThat(charges(records, "CF-" + contract.contractId() + "-2026-10"))
                    .hasSize(1);
        }

        // H8: a paid order completed late in October goes on November's statement; October's stays as issued
        OrderDispatched late =
                dispatched(unique("T"), unique("WO"), unit, TicketKind.GREENING, Department.GREENING, true);
        dispatch(late);
        accept(quote(late, "{\"itemCode\":\"GRN-LAWN\",\"quantity\":1}")
                .get("quoteId")
                .asText());
        produce(envelope(completed(late, Instant.parse("2026-10-31T09:00:00Z")), late.orderId(), 1));
        await().atMost(WAIT)
                .untilAsserted(() -> assertThat(ok(send("GET", "/api/statements/" + unit + "/2026-11", null), 200)
                                .get("lines")
                                .toString())
                        .contains("CH-" + late.orderId()));
        JsonNode october = ok(send("GET", path, null), 200);
        assertThat(october.get("status").asText()).isEqualTo("ISSUED");
        assertThat(october.get("lines")).hasSize(3);
        assertThat(october.at("/total/amount").asText()).isEqualTo("759.68");
    }

    @Test
    void badInputIs400NamingTheFieldAndStoresNothing() throws Exception {
        clock.set(Instant.parse("2026-11-10T02:00:00Z"));
        OrderDispatched free =
                dispatched(unique("T"), unique("WO"), unique("u"), TicketKind.REPAIR, Department.ENGINEERING, false);
        dispatch(free);
        publish(
                Department.ENGINEERING,
                "2026-11-10",
                item("ENG-TAP", "Replace kitchen tap", "piece", "95") + ","
                        + item("ENG-HOUR", "Plumber labour", "hour", "48.50"));
        OrderDispatched paid =
                dispatched(unique("T"), unique("WO"), unique("u"), TicketKind.REPAIR, Department.ENGINEERING, true);
        dispatch(paid);
        long before = database.getCollection(MongoEventStorageEngine.EVENTS)
                .countDocuments(MongoEventStorageEngine.commits());

        String twoTaps = item("ENG-TAP", "a", "piece", "1") + "," + item("ENG-TAP", "b", "piece", "2");
        assertField(send("PUT", "/api/price-lists/ENGINEERING", """
                {"effectiveFrom":"2026-12-01","publishedBy":"m","items":[%s]}""".formatted(twoTaps)), "items[1].code");
        assertField(
                send("PUT", "/api/price-lists/ENGINEERING", """
                {"effectiveFrom":"2026-12-01","publishedBy":"m","items":[%s]}""".formatted(item("ENG-TAP", "a", "piece", "-1"))),
                "items[0].price");
        assertField(send("PUT", "/api/price-lists/ENGINEERING", """
                {"effectiveFrom":"2026-12-01","publishedBy":"m","items":[{"code":"X","name":"x","unit":"u",
                 "price":{"amount":"1","currency":"usd"}}]}"""), "items[0].price");
        assertField(
                send("PUT", "/api/price-lists/ENGINEERING", """
                {"effectiveFrom":"2026-11-09","publishedBy":"m","items":[%s]}""".formatted(item("ENG-TAP", "a", "piece", "1"))),
                "effectiveFrom");
        assertField(
                send("PUT", "/api/price-lists/REWORK_LIAISON", """
                {"effectiveFrom":"2026-12-01","publishedBy":"m","items":[%s]}""".formatted(item("RW", "a", "piece", "1"))),
                "department");
        assertField(
                send("PUT", "/api/price-lists/PAINTING", """
                {"effectiveFrom":"2026-12-01","publishedBy":"m","items":[%s]}""".formatted(item("RW", "a", "piece", "1"))), "department");
        assertField(send("PUT", "/api/price-lists/ENGINEERING", "{\"effectiveFrom\":"), "body");
        assertField(send("GET", "/api/price-lists/ENGINEERING?at=yesterday", null), "at");
        assertThat(send("GET", "/api/price-lists/ENGINEERING?at=2020-01-01", null)
                        .statusCode())
                .isEqualTo(404);

        String quoteBody = """
                {"ticketId":"%s","orderId":"%s","department":"ENGINEERING","lines":[%s],
                 "pricedBy":{"stewardId":"steward-li","professionalId":"pro-zhang"}}""";
        assertField(
                send(
                        "POST",
                        "/api/quotes",
                        quoteBody.formatted(
                                paid.ticketId(),
                                paid.orderId(),
                                "{\"itemCode\":\"ENG-TAP\",\"quantity\":1},{\"itemCode\":\"ENG-NOPE\",\"quantity\":1}")),
                "lines[1].itemCode");
        assertField(
                send(
                        "POST",
                        "/api/quotes",
                        quoteBody.formatted(
                                paid.ticketId(), paid.orderId(), "{\"itemCode\":\"ENG-TAP\",\"quantity\":0}")),
                "lines[0].quantity");
        assertField(
                send(
                        "POST",
                        "/api/quotes",
                        quoteBody.formatted(
                                paid.ticketId(), paid.orderId(), "{\"description\":\"on site\",\"quantity\":1}")),
                "lines[0].unitPrice");
        assertField(
                send(
                        "POST",
                        "/api/quotes",
                        quoteBody.formatted("T-other", paid.orderId(), "{\"itemCode\":\"ENG-TAP\",\"quantity\":1}")),
                "ticketId");
        assertField(send("POST", "/api/quotes", quoteBody.formatted(paid.ticketId(), paid.orderId(), "")), "lines");
        assertField(send("POST", "/api/quotes/Q1-" + paid.orderId() + "/accept", "{}"), "explainedBy");
        assertField(send("GET", "/api/statements/" + paid.unitId() + "/November", null), "month");

        HttpResponse<String> freeWork = send(
                "POST",
                "/api/quotes",
                quoteBody.formatted(free.ticketId(), free.orderId(), "{\"itemCode\":\"ENG-TAP\",\"quantity\":1}"));
        assertThat(freeWork.statusCode()).as(freeWork.body()).isEqualTo(409);
        assertThat(JSON.readTree(freeWork.body()).get("rule").asText()).isEqualTo("R7");
        HttpResponse<String> unknownOrder = send(
                "POST",
                "/api/quotes",
                quoteBody.formatted("T-x", "WO-never", "{\"itemCode\":\"ENG-TAP\",\"quantity\":1}"));
        assertThat(unknownOrder.statusCode()).as(unknownOrder.body()).isEqualTo(409);
        assertThat(send("POST", "/api/quotes/Q1-WO-never/accept", "{\"explainedBy\":\"x\"}")
                        .statusCode())
                .isEqualTo(404);
        assertThat(send("GET", "/api/quotes/nonsense", null).statusCode()).isEqualTo(404);
        assertThat(database.getCollection(MongoEventStorageEngine.EVENTS)
                        .countDocuments(MongoEventStorageEngine.commits()))
                .isEqualTo(before);

        // R7: a superseded quote can no longer be accepted
        String first = quote(paid, "{\"itemCode\":\"ENG-TAP\",\"quantity\":1}")
                .get("quoteId")
                .asText();
        String second = quote(paid, "{\"itemCode\":\"ENG-TAP\",\"quantity\":2}")
                .get("quoteId")
                .asText();
        HttpResponse<String> stale = send("POST", "/api/quotes/" + first + "/accept", "{\"explainedBy\":\"x\"}");
        assertThat(stale.statusCode()).as(stale.body()).isEqualTo(409);
        assertThat(stale.body()).contains("superseded by " + second);
        assertThat(ok(send("GET", "/api/quotes/" + first, null), 200)
                        .get("status")
                        .asText())
                .isEqualTo("SUPERSEDED");
        assertThat(ok(send("POST", "/api/quotes/" + second + "/decline", "{\"reason\":\"too dear\"}"), 200)
                        .get("status")
                        .asText())
                .isEqualTo("DECLINED");
    }

    /**
     * Issue 13 item 6: one notion of the date per estate. The company is in Asia/Shanghai; one estate is in
     * Europe/London (8 hours behind), one in Pacific/Auckland (5 hours ahead). At 00:30 on 3 December in Shanghai it
     * is still 2 December in London: a list published for London's today is accepted, and London's quotes and
     * Auckland's are priced from it at once, each on its own local date; a day that is over everywhere is refused.
     */
    @Test
    void aPriceListPublishedForAnEstatesTodayPricesItsQuotesAtOnceAroundMidnight_P1_P2_issue13_item6()
            throws Exception {
        Instant shanghaiHalfPastMidnight = Instant.parse("2026-12-02T16:30:00Z");
        clock.set(shanghaiHalfPastMidnight);
        String london = unique("london");
        String auckland = unique("auckland");
        estate(london, "Europe/London");
        estate(auckland, "Pacific/Auckland");

        // 2 December is over in Shanghai and Auckland, not in London
        JsonNode list = publish(Department.GREENING, "2026-12-02", item("GRN-MOW", "Lawn mowing", "m2", "2.50"));
        assertField(
                send("PUT", "/api/price-lists/GREENING", """
                {"effectiveFrom":"2026-12-01","publishedBy":"m","items":[%s]}""".formatted(item("GRN-MOW", "Lawn mowing", "m2", "1"))),
                "effectiveFrom");

        for (String estate : List.of(london, auckland)) {
            OrderDispatched order = new OrderDispatched(
                    unique("T"),
                    unique("WO"),
                    estate,
                    "north",
                    "b1",
                    unique("u"),
                    TicketKind.GREENING,
                    Department.GREENING,
                    true,
                    null,
                    "mow the lawn",
                    shanghaiHalfPastMidnight,
                    DispatchMode.AREA_LEADER,
                    "leader-1",
                    SlaRule.R8,
                    null,
                    "desk-chen",
                    shanghaiHalfPastMidnight);
            dispatch(order);
            JsonNode quote = quote(order, "{\"itemCode\":\"GRN-MOW\",\"quantity\":40}");
            assertThat(quote.get("priceListVersion").asInt())
                    .as(estate)
                    .isEqualTo(list.get("version").asInt());
            assertThat(quote.at("/total/amount").asText()).as(estate).isEqualTo("100.00");
        }
        // the list in force today where the estate is
        assertThat(ok(send("GET", "/api/price-lists/GREENING?estateId=" + london, null), 200)
                        .get("version")
                        .asInt())
                .isEqualTo(list.get("version").asInt());
    }

    /** Tells billing an estate's zone the way ticket-service does, and waits until billing knows it. */
    private void estate(String estateId, String zone) throws Exception {
        EstateConfigured estate = new EstateConfigured(
                estateId,
                estateId,
                zone,
                LocalTime.of(8, 30),
                LocalTime.of(17, 30),
                Set.of(DayOfWeek.values()),
                List.of(),
                List.of(),
                List.of(),
                2,
                clock.instant());
        producer.send(CloudEventCodec.toRecord(Topics.TICKET_EVENTS, envelope(estate, estateId, 0)))
                .get();
        await().atMost(WAIT).until(() -> estates.find(estateId).isPresent());
    }

    private static void assertField(HttpResponse<String> response, String field) throws Exception {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(400);
        assertThat(response.headers().firstValue("Content-Type").orElse("")).startsWith("application/problem+json");
        assertThat(JSON.readTree(response.body()).at("/errors/0/field").asText())
                .as(response.body())
                .isEqualTo(field);
    }
}
