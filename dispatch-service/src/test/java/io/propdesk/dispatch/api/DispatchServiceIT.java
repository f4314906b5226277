package io.propdesk.dispatch.api;

import static io.propdesk.dispatch.api.DispatchApi.json;
import static io.propdesk.platform.testing.TopicReader.header;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.propdesk.contracts.Department;
import io.propdesk.contracts.EventTypes;
import io.propdesk.contracts.TicketKind;
import io.propdesk.contracts.Topics;
import io.propdesk.contracts.billing.QuoteAccepted;
import io.propdesk.contracts.cloudevents.CloudEventCodec;
import io.propdesk.contracts.dispatch.DispatchMode;
import io.propdesk.contracts.dispatch.MonthClosed;
import io.propdesk.contracts.dispatch.OrderDispatched;
import io.propdesk.contracts.dispatch.WorkStarted;
import io.propdesk.contracts.ticket.LateOrderExplained;
import io.propdesk.contracts.ticket.TicketOpened;
import io.propdesk.contracts.ticket.TicketReopened;
import io.propdesk.dispatch.DispatchServiceApplication;
import io.propdesk.embedded.SharedInfrastructure;
import io.propdesk.embedded.SharedInfrastructureInitializer;
import io.propdesk.platform.testing.MutableClock;
import io.propdesk.platform.testing.Pages;
import io.propdesk.platform.testing.TopicReader;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Primary;
import org.springframework.test.context.ContextConfiguration;

/** Work orders end to end on the real broker and the MongoDB-wire server, through real HTTP (R2, R7, H8). */
@SpringBootTest(
        classes = DispatchServiceApplication.class,
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"spring.config.name=dispatch-service", "spring.data.mongodb.database=dispatch_service_it"})
@ContextConfiguration(initializers = SharedInfrastructureInitializer.class)
@Import(DispatchServiceIT.TestClock.class)
class DispatchServiceIT {

    static final MutableClock CLOCK = MutableClock.at("2026-12-01T01:00:00Z");

    @TestConfiguration
    static class TestClock {
        @Bean
        @Primary
        Clock testClock() {
            return CLOCK;
        }
    }

    private final String kafka = SharedInfrastructure.get().kafkaBootstrapServers();
    private DispatchApi api;

    @LocalServerPort
    int port;

    @BeforeEach
    void connect() {
        api = new DispatchApi(kafka, port);
    }

    @AfterEach
    void disconnect() {
        api.close();
    }

    private static String unique(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    private JsonNode awaitOrder(String orderId) throws Exception {
        await().atMost(Duration.ofSeconds(60))
                .until(() -> api.get("/api/orders/" + orderId).statusCode() == 200);
        return json(api.get("/api/orders/" + orderId));
    }

    private static List<ConsumerRecord<String, byte[]>> ofType(
            List<ConsumerRecord<String, byte[]>> records, String key, Class<?> type) {
        return records.stream()
                .filter(r -> key.equals(r.key()))
                .filter(r -> EventTypes.typeOf(type).equals(header(r, "ce_type")))
                .toList();
    }

    @Test
    void aTicketDeliveredThreeTimesGivesExactlyOneOrderDispatchedToTheAreaLeader_R2() throws Exception {
        CLOCK.set(Instant.parse("2026-12-01T01:00:00Z"));
        String area = unique("area");
        HttpResponse<String> team = api.send(
                "PUT",
                "/api/teams/ENGINEERING/" + area,
                "{\"teamLeader\":\"leader-wu\",\"dispatcher\":\"dispatcher-he\"}");
        assertThat(team.statusCode()).as(team.body()).isEqualTo(200);

        String ticketId = unique("T");
        TicketOpened ticket = DispatchEvents.ticket(ticketId, TicketKind.REPAIR, false, area, CLOCK.instant());
        for (int i = 0; i < 3; i++) {
            api.publish(Topics.TICKET_EVENTS, ticket, CLOCK.instant());
        }

        try (TopicReader reader = new TopicReader(kafka, Topics.DISPATCH_EVENTS)) {
            reader.readUntil(rs -> !ofType(rs, ticketId, OrderDispatched.class).isEmpty(), Duration.ofSeconds(60));
            List<ConsumerRecord<String, byte[]>> dispatched = ofType(
                    reader.readUntilQuiet(Duration.ofSeconds(4), Duration.ofSeconds(30)),
                    ticketId,
                    OrderDispatched.class);
            assertThat(dispatched).hasSize(1);
            OrderDispatched order = CloudEventCodec.fromJson(dispatched.get(0).value(), OrderDispatched.class);
            assertThat(order.orderId()).isEqualTo("WO-" + ticketId);
            assertThat(order.department()).isEqualTo(Department.ENGINEERING);
            assertThat(order.mode()).isEqualTo(DispatchMode.AREA_LEADER);
            assertThat(order.assignee()).isEqualTo("leader-wu");
            assertThat(order.returnRule().name()).isEqualTo("R9");
        }

        JsonNode read = awaitOrder("WO-" + ticketId);
        assertThat(read.get("status").asText()).isEqualTo("DISPATCHED");
        assertThat(read.get("history")).hasSize(1);
        await().atMost(Duration.ofSeconds(30))
                .untilAsserted(() -> assertThat(json(api.get("/api/orders?department=ENGINEERING&areaId=" + area
                                + "&assignee=leader-wu&status=DISPATCHED")))
                        .extracting(n -> n.get("orderId").asText())
                        .containsExactly("WO-" + ticketId));
    }

    @Test
    void aPaidOrderCannotStartUntilBillingsQuoteAcceptedArrives_R7() throws Exception {
        CLOCK.set(Instant.parse("2026-12-02T02:00:00Z"));
        String ticketId = unique("T");
        String orderId = "WO-" + ticketId;
        api.publish(
                Topics.TICKET_EVENTS,
                DispatchEvents.ticket(ticketId, TicketKind.REPAIR, true, unique("area"), CLOCK.instant()),
                CLOCK.instant());
        awaitOrder(orderId);
        assertThat(api.post("/api/orders/" + orderId + "/pickup", "{\"pickedUpBy\":\"leader-ma\"}")
                        .statusCode())
                .isEqualTo(200);

        HttpResponse<String> refused = api.post("/api/orders/" + orderId + "/start", "{\"startedBy\":\"leader-ma\"}");
        assertThat(refused.statusCode()).as(refused.body()).isEqualTo(409);
        assertThat(json(refused).get("rule").asText()).isEqualTo("R7");

        api.publish(
                Topics.BILLING_EVENTS,
                new QuoteAccepted(
                        ticketId, "Q-" + ticketId, orderId, "steward-li", CLOCK.instant(), "steward-li", "u-1201"),
                CLOCK.instant());
        await().atMost(Duration.ofSeconds(60))
                .until(() -> api.post("/api/orders/" + orderId + "/start", "{\"startedBy\":\"leader-ma\"}")
                                .statusCode()
                        == 200);
        JsonNode started = json(api.get("/api/orders/" + orderId));
        assertThat(started.get("status").asText()).isEqualTo("STARTED");
        assertThat(started.get("acceptedQuoteId").asText()).isEqualTo("Q-" + ticketId);
        assertThat(started.has("estateId")
                        && started.has("department")
                        && started.has("dispatchedAt")
                        && started.has("lateUnexplained")
                        && started.has("reworkResolved")
                        && !started.has("job"))
                .as("issue 14 item 7: the grouped view still answers one flat object")
                .isTrue();

        try (TopicReader reader = new TopicReader(kafka, Topics.DISPATCH_EVENTS)) {
            List<ConsumerRecord<String, byte[]>> records = reader.readUntil(
                    rs -> !ofType(rs, ticketId, WorkStarted.class).isEmpty(), Duration.ofSeconds(30));
            WorkStarted event = CloudEventCodec.fromJson(
                    ofType(records, ticketId, WorkStarted.class).get(0).value(), WorkStarted.class);
            assertThat(event.quoteId()).isEqualTo("Q-" + ticketId);
        }
    }

    @Test
    void aMonthWithAnUnreturnedOrderCannotCloseAndAClosedMonthsOrdersRejectChanges_H8() throws Exception {
        CLOCK.set(Instant.parse("2027-03-15T02:00:00Z"));
        String area = unique("area");
        String returned = unique("T");
        String explained = unique("T");
        for (String ticketId : List.of(returned, explained)) {
            api.publish(
                    Topics.TICKET_EVENTS,
                    DispatchEvents.ticket(ticketId, TicketKind.REPAIR, false, area, CLOCK.instant()),
                    CLOCK.instant());
        }
        assertThat(awaitOrder("WO-" + returned).get("month").asText()).isEqualTo("2027-03");
        awaitOrder("WO-" + explained);

        CLOCK.set(Instant.parse("2027-04-02T01:00:00Z")); // Friday 09:00 in the estate
        HttpResponse<String> refused = api.post("/api/months/2027-03/close", "{\"closedBy\":\"manager-liu\"}");
        assertThat(refused.statusCode()).as(refused.body()).isEqualTo(409);
        assertThat(json(refused).get("rule").asText()).isEqualTo("H8");
        assertThat(json(refused).get("detail").asText()).contains("WO-" + returned, "WO-" + explained);

        String order = "/api/orders/WO-" + returned;
        assertThat(api.post(order + "/pickup", "{\"pickedUpBy\":\"leader-ma\"}").statusCode())
                .isEqualTo(200);
        assertThat(api.post(order + "/start", "{\"startedBy\":\"leader-ma\"}").statusCode())
                .isEqualTo(200);
        assertThat(api.post(order + "/complete", "{\"completedBy\":\"leader-ma\",\"result\":\"fixed\"}")
                        .statusCode())
                .isEqualTo(200);
        JsonNode back = json(api.post(order + "/return", "{\"returnedBy\":\"desk-chen\"}"));
        assertThat(back.get("late").asBoolean()).isFalse();
        assertThat(back.get("dueAt").asText()).isEqualTo("2027-04-02T09:30:00Z"); // R9: 17:30 local

        api.publish(
                Topics.TICKET_EVENTS,
                new LateOrderExplained(
                        explained, "WO-" + explained, "owner away all month", "desk-chen", CLOCK.instant()),
                CLOCK.instant());
        await().atMost(Duration.ofSeconds(60))
                .until(() -> json(api.get("/api/orders/WO-" + explained))
                        .get("explained")
                        .asBoolean());

        HttpResponse<String> closed = api.post("/api/months/2027-03/close", "{\"closedBy\":\"manager-liu\"}");
        assertThat(closed.statusCode()).as(closed.body()).isEqualTo(200);
        MonthClosed month = CloudEventCodec.fromJson(closed.body().getBytes(), MonthClosed.class);
        assertThat(month.orderCount()).isEqualTo(2);
        assertThat(month.returnedCount()).isEqualTo(1);
        assertThat(month.explainedLateCount()).isEqualTo(1);
        assertThat(month.contentHash()).matches("[0-9a-f]{64}");

        HttpResponse<String> frozen =
                api.post("/api/orders/WO-" + explained + "/pickup", "{\"pickedUpBy\":\"leader-ma\"}");
        assertThat(frozen.statusCode()).as(frozen.body()).isEqualTo(409);
        assertThat(json(frozen).get("rule").asText()).isEqualTo("H8");
        assertThat(json(api.post(order + "/return", "{\"returnedBy\":\"desk-chen\"}"))
                        .get("rule")
                        .asText())
                .isEqualTo("H8");
        assertThat(json(api.post("/api/months/2027-03/close", "{\"closedBy\":\"manager-liu\"}"))
                        .get("rule")
                        .asText())
                .isEqualTo("H8");

        JsonNode register = json(api.get("/api/registers/ENGINEERING/2027-03"));
        assertThat(register.get("closed").asBoolean()).isTrue();
        assertThat(register.at("/customers/0/customerId").asText()).isEqualTo("b1-101");
        assertThat(register.at("/customers/0/orders")).hasSize(2);

        try (TopicReader reader = new TopicReader(kafka, Topics.DISPATCH_EVENTS)) {
            reader.readUntil(
                    rs -> rs.stream()
                            .anyMatch(r -> "2027-03".equals(r.key())
                                    && EventTypes.typeOf(MonthClosed.class).equals(header(r, "ce_type"))),
                    Duration.ofSeconds(30));
        }
    }

    @Test
    void aLateOrderIsListedAsUnexplainedUntilItsComplaintBookEntryArrives_R11() throws Exception {
        CLOCK.set(Instant.parse("2027-05-07T01:00:00Z")); // Friday 09:00 in the estate
        String area = unique("area");
        String late = unique("T");
        String onTime = unique("T");
        for (String ticketId : List.of(late, onTime)) {
            api.publish(
                    Topics.TICKET_EVENTS,
                    DispatchEvents.ticket(ticketId, TicketKind.REPAIR, false, area, CLOCK.instant()),
                    CLOCK.instant());
            String order =
                    "/api/orders/" + awaitOrder("WO-" + ticketId).get("orderId").asText();
            assertThat(api.post(order + "/pickup", "{\"pickedUpBy\":\"leader-ma\"}")
                            .statusCode())
                    .isEqualTo(200);
            assertThat(api.post(order + "/start", "{\"startedBy\":\"leader-ma\"}")
                            .statusCode())
                    .isEqualTo(200);
            assertThat(api.post(order + "/complete", "{\"completedBy\":\"leader-ma\",\"result\":\"fixed\"}")
                            .statusCode())
                    .isEqualTo(200);
        }
        assertThat(json(api.post("/api/orders/WO-" + onTime + "/return", "{\"returnedBy\":\"desk-chen\"}"))
                        .get("late")
                        .asBoolean())
                .isFalse();
        CLOCK.set(Instant.parse("2027-05-07T10:00:00Z")); // 18:00 local: past the working day's end (R9)
        assertThat(json(api.post("/api/orders/WO-" + late + "/return", "{\"returnedBy\":\"desk-chen\"}"))
                        .get("late")
                        .asBoolean())
                .isTrue();

        String query = "/api/orders?lateUnexplained=true&areaId=" + area;
        await().atMost(Duration.ofSeconds(60)).until(() -> json(api.get(query)).size() == 1);
        assertThat(json(api.get(query)).get(0).get("orderId").asText()).isEqualTo("WO-" + late);
        assertThat(json(api.get("/api/orders?areaId=" + area))).hasSize(2);
        assertThat(json(api.get("/api/orders?kind=REPAIR&areaId=" + area))).hasSize(2);
        assertThat(json(api.get("/api/orders?kind=COMPLAINT&areaId=" + area))).isEmpty();

        api.publish(
                Topics.TICKET_EVENTS,
                new LateOrderExplained(late, "WO-" + late, "parts arrived late", "desk-chen", CLOCK.instant()),
                CLOCK.instant());
        await().atMost(Duration.ofSeconds(60)).until(() -> json(api.get(query)).isEmpty());
    }

    @Test
    void aComplaintWaitsForItsStewardToRouteItAndIsRoutedOnce_C1() throws Exception {
        CLOCK.set(Instant.parse("2026-12-03T02:00:00Z"));
        String ticketId = unique("T");
        api.publish(
                Topics.TICKET_EVENTS,
                DispatchEvents.ticket(ticketId, TicketKind.COMPLAINT, false, "north", CLOCK.instant()),
                CLOCK.instant());
        String route = "{\"ticketId\":\"" + ticketId + "\",\"department\":\"CLEANING\",\"routedBy\":\"steward-li\"}";
        await().atMost(Duration.ofSeconds(60))
                .until(() -> api.post("/api/orders", route).statusCode() != 404);
        assertThat(api.get("/api/orders/WO-" + ticketId).statusCode()).isEqualTo(200);
        HttpResponse<String> again = api.post("/api/orders", route);
        assertThat(again.statusCode()).isEqualTo(200);
        assertThat(json(again).get("department").asText()).isEqualTo("CLEANING");
        assertThat(json(again).get("history")).hasSize(1);
    }

    @Test
    void anUnsatisfiedCallbackReopensTheTicketAndAFollowUpOrderLinksToTheFirst_R5() throws Exception {
        CLOCK.set(Instant.parse("2026-12-04T02:00:00Z"));
        String ticketId = unique("T");
        api.publish(
                Topics.TICKET_EVENTS,
                DispatchEvents.ticket(ticketId, TicketKind.REPAIR, false, "north", CLOCK.instant()),
                CLOCK.instant());
        awaitOrder("WO-" + ticketId);
        Instant reopenedAt = Instant.parse("2026-12-05T02:00:00Z");
        TicketReopened reopened = new TicketReopened(ticketId, "owner not satisfied", reopenedAt);
        api.publish(Topics.TICKET_EVENTS, reopened, reopenedAt);
        api.publish(Topics.TICKET_EVENTS, reopened, reopenedAt);
        JsonNode followUp = awaitOrder("WO-" + ticketId + "-R" + reopenedAt.toEpochMilli());
        assertThat(followUp.get("followUpOf").asText()).isEqualTo("WO-" + ticketId);
        assertThat(followUp.get("department").asText()).isEqualTo("ENGINEERING");
    }

    @Test
    void theReworkLiaisonReportsOnceADayUntilTheReworkIsClosed_R6() throws Exception {
        CLOCK.set(Instant.parse("2026-12-07T02:00:00Z")); // Monday 10:00 in the estate
        String ticketId = unique("T");
        String reports = "/api/orders/WO-" + ticketId + "/rework-reports";
        api.publish(
                Topics.TICKET_EVENTS,
                DispatchEvents.ticket(ticketId, TicketKind.REWORK, false, "north", CLOCK.instant()),
                CLOCK.instant());
        assertThat(awaitOrder("WO-" + ticketId).get("department").asText()).isEqualTo("REWORK_LIAISON");
        String report = "{\"date\":\"%s\",\"progress\":\"%s\",\"contractor\":\"X Co. engineering\","
                + "\"reportedBy\":\"liaison-x\",\"resolved\":%s}";

        HttpResponse<String> first = api.post(reports, report.formatted("2026-12-07", "wall opened", false));
        assertThat(first.statusCode()).as(first.body()).isEqualTo(201);
        HttpResponse<String> twice = api.post(reports, report.formatted("2026-12-07", "again", false));
        assertThat(twice.statusCode()).isEqualTo(409);
        assertThat(json(twice).get("rule").asText()).isEqualTo("R6");
        assertField(api.post(reports, report.formatted("2026-12-08", "tomorrow", false)), "date");

        CLOCK.set(Instant.parse("2026-12-08T02:00:00Z"));
        JsonNode resolved = json(api.post(reports, report.formatted("2026-12-08", "wall sealed", true)));
        assertThat(resolved.get("reworkResolved").asBoolean()).isTrue();
        assertThat(resolved.get("reworkReportDates")).hasSize(2);
        CLOCK.set(Instant.parse("2026-12-09T02:00:00Z"));
        assertThat(json(api.post(reports, report.formatted("2026-12-09", "more", false)))
                        .get("rule")
                        .asText())
                .isEqualTo("R6");
    }

    @Test
    void walkingTheOrderPagesGivesEveryOrderOnceNewestFirstTiesByIdAndNoLinkOnTheLastPage_issue15_item9()
            throws Exception {
        // a standing clock: every order is dispatched at one instant, so only the tie-break by id orders them
        CLOCK.set(Instant.parse("2026-12-03T03:00:00Z"));
        String area = unique("area");
        assertThat(api.send("PUT", "/api/teams/ENGINEERING/" + area, "{\"teamLeader\":\"leader-wu\"}")
                        .statusCode())
                .isEqualTo(200);
        List<String> orders = new java.util.ArrayList<>();
        for (int i = 0; i < 5; i++) {
            String ticketId = unique("T");
            api.publish(
                    Topics.TICKET_EVENTS,
                    DispatchEvents.ticket(ticketId, TicketKind.REPAIR, false, area, CLOCK.instant()),
                    CLOCK.instant());
            orders.add("WO-" + ticketId);
        }
        String list = "/api/orders?department=ENGINEERING&areaId=" + area;
        await().atMost(Duration.ofSeconds(60))
                .until(() -> json(api.get(list + "&limit=500")).size() == 5);

        List<HttpResponse<String>> pages = Pages.walk(list + "&limit=2", api::get);

        assertThat(pages).extracting(p -> json(p).size()).containsExactly(2, 2, 1);
        List<String> walked = new java.util.ArrayList<>();
        for (HttpResponse<String> page : pages) {
            json(page).forEach(o -> walked.add(o.get("orderId").asText()));
        }
        assertThat(walked)
                .containsExactlyElementsOf(orders.stream()
                        .sorted(java.util.Comparator.reverseOrder())
                        .toList());
        assertThat(pages.get(2).headers().firstValue("Link")).isEmpty();
        assertThat(api.get(list + "&limit=5").headers().firstValue("Link")).isEmpty();
    }

    @Test
    void theOrderListRefusesOffsetPageAndABadCursorNamingThem_issue15_item9() throws Exception {
        assertField(api.get("/api/orders?offset=10"), "offset");
        assertField(api.get("/api/orders?department=ENGINEERING&page=2"), "page");
        assertField(api.get("/api/orders?cursor=%25%25"), "cursor");
        assertField(api.get("/api/orders?cursor=bm90IGEgY3Vyc29y"), "cursor"); // base64url of "not a cursor"
        assertField(api.get("/api/orders?limit=501"), "limit");
    }

    @Test
    void badInputIs400NamingTheFieldAndAnUnknownOrderIs404() throws Exception {
        assertField(api.post("/api/orders/WO-x/pickup", "{}"), "pickedUpBy");
        assertField(api.send("PUT", "/api/teams/PAINTING/north", "{\"teamLeader\":\"x\"}"), "department");
        assertField(
                api.send("PUT", "/api/teams/CLEANING/north", "{\"teamLeader\":\"x\",\"mode\":\"CONTRACT_DISPATCHER\"}"),
                "mode");
        assertField(api.send("PUT", "/api/teams/CLEANING/no%20spaces", "{\"teamLeader\":\"x\"}"), "areaId");
        assertField(api.get("/api/orders?limit=0"), "limit");
        assertField(api.get("/api/orders?status=LOST"), "status");
        assertField(api.post("/api/months/2026-13/close", "{\"closedBy\":\"x\"}"), "month");
        assertField(api.post("/api/orders", "{\"department\":\"CLEANING\"}"), "ticketId");
        assertField(api.post("/api/contracts", "{\"estateId\":\"sunrise\"}"), null);
        assertThat(api.post("/api/orders/WO-nope/pickup", "{\"pickedUpBy\":\"x\"}")
                        .statusCode())
                .isEqualTo(404);
        assertThat(api.get("/api/orders/WO-nope").statusCode()).isEqualTo(404);
    }

    private static void assertField(HttpResponse<String> response, String field) throws Exception {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(400);
        assertThat(response.headers().firstValue("Content-Type").orElse("")).startsWith("application/problem+json");
        if (field != null) {
            assertThat(json(response).at("/errors/0/field").asText())
                    .as(response.body())
                    .isEqualTo(field);
        }
    }
}
