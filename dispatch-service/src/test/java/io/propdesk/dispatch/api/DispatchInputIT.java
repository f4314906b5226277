package io.propdesk.dispatch.api;

import static io.propdesk.dispatch.api.DispatchApi.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.propdesk.contracts.TicketKind;
import io.propdesk.contracts.Topics;
import io.propdesk.contracts.ticket.TicketOpened;
import io.propdesk.dispatch.DispatchServiceApplication;
import io.propdesk.embedded.SharedInfrastructure;
import io.propdesk.embedded.SharedInfrastructureInitializer;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.ContextConfiguration;

/**
 * Dispatch's input bounds from outside (issue 15 items 3, 6, 7, 10; issue 13 defect 4). The same context as
 * DispatchServiceIT, shared by the test context cache, and its clock.
 */
@SpringBootTest(
        classes = DispatchServiceApplication.class,
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"spring.config.name=dispatch-service", "spring.data.mongodb.database=dispatch_service_it"})
@ContextConfiguration(initializers = SharedInfrastructureInitializer.class)
@Import(DispatchServiceIT.TestClock.class)
class DispatchInputIT {

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

    private static List<String> fields(HttpResponse<String> response) throws Exception {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(400);
        assertThat(response.headers().firstValue("Content-Type").orElse("")).startsWith("application/problem+json");
        assertThat(response.body()).doesNotContain("io.propdesk", "$", "java.");
        List<String> fields = new ArrayList<>();
        json(response).get("errors").forEach(e -> fields.add(e.get("field").asText()));
        return fields;
    }

    @Test
    void aTeamWithoutItsLeaderNamesTeamLeaderNotBody_issue13_defect4() throws Exception {
        assertThat(fields(api.send("PUT", "/api/teams/ENGINEERING/north", "{}")))
                .containsExactly("teamLeader");
        assertThat(fields(api.send("PUT", "/api/teams/ENGINEERING/north:1", "{\"dispatcher\":\"d\"}")))
                .containsExactlyInAnyOrder("areaId", "teamLeader");
    }

    @Test
    void anOrderOfAnyServiceTimeATicketCarriesIsListed_issue15_item6() throws Exception {
        DispatchServiceIT.CLOCK.set(Instant.parse("2026-12-01T01:00:00Z"));
        String area = unique("area");
        assertThat(api.send("PUT", "/api/teams/CLEANING/" + area, "{\"teamLeader\":\"leader-xu\"}")
                        .statusCode())
                .isEqualTo(200);
        Instant now = DispatchServiceIT.CLOCK.instant();
        // the last service time ticket-service accepts now (a year ahead), and what history may hold from before the
        // bound: the instant that broke the order list (ArithmeticException in Date.from)
        List<Instant> serviceTimes = List.of(
                now.plus(Duration.ofDays(365)),
                now.minus(Duration.ofDays(1)),
                Instant.parse("+1000000000-12-31T23:59:59Z"),
                Instant.parse("-1000000000-01-01T00:00:00Z"));
        List<String> orders = new ArrayList<>();
        for (Instant serviceTime : serviceTimes) {
            String ticketId = unique("T");
            TicketOpened t = DispatchEvents.ticket(ticketId, TicketKind.CLEANING_HOURLY, false, area, now);
            api.publish(
                    Topics.TICKET_EVENTS,
                    new TicketOpened(
                            t.ticketId(),
                            t.callId(),
                            t.estateId(),
                            t.areaId(),
                            t.buildingId(),
                            t.unitId(),
                            t.kind(),
                            t.paid(),
                            t.severity(),
                            t.description(),
                            t.callerName(),
                            t.callerPhone(),
                            t.channel(),
                            t.acceptor(),
                            t.stewardId(),
                            t.receivedAt(),
                            serviceTime,
                            t.openedAt()),
                    now);
            orders.add("WO-" + ticketId);
        }
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            JsonNode list = json(api.get("/api/orders?department=CLEANING&areaId=" + area));
            List<String> listed = new ArrayList<>();
            list.forEach(o -> listed.add(o.get("orderId").asText()));
            assertThat(listed).containsExactlyInAnyOrderElementsOf(orders);
        });
        JsonNode list = json(api.get("/api/orders?department=CLEANING&areaId=" + area));
        List<Instant> listedTimes = new ArrayList<>();
        list.forEach(o -> listedTimes.add(Instant.parse(o.get("serviceTime").asText())));
        assertThat(listedTimes).containsExactlyInAnyOrderElementsOf(serviceTimes);
    }

    @Test
    void aContractFromTheFirstToTheLastDayAcceptedOpensItsVisitsAndListsThem_issue15_item6() throws Exception {
        DispatchServiceIT.CLOCK.set(Instant.parse("2026-12-01T01:00:00Z"));
        String estate = unique("estate");
        api.publish(
                Topics.TICKET_EVENTS,
                DispatchEvents.estate(estate, DispatchServiceIT.CLOCK.instant()),
                DispatchServiceIT.CLOCK.instant());
        assertThat(api.send("PUT", "/api/teams/CLEANING/north", "{\"teamLeader\":\"leader-wu\"}")
                        .statusCode())
                .isEqualTo(200);
        String body = """
                {"estateId":"%s","unitId":"b1-101","kind":"CLEANING_MONTHLY","startDate":"2000-01-01",
                 "endDate":"2100-12-31","visitDays":["MONDAY","TUESDAY","WEDNESDAY","THURSDAY","FRIDAY","SATURDAY"],
                 "visitTime":"10:00","monthlyFee":{"amount":"1000000.00","currency":"CNY"},"priceListVersion":1,
                 "pricedBy":"leader-wu"}""".formatted(estate);
        HttpResponse<String> signed = await().atMost(Duration.ofSeconds(60))
                .until(() -> api.post("/api/contracts", body), r -> r.statusCode() == 201);
        String contractId = json(signed).get("contractId").asText();
        // the contract schedule and the order list both take the visits of the horizon, not of the century
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            JsonNode list = json(api.get("/api/orders?department=CLEANING&areaId=north&limit=500"));
            List<String> visits = new ArrayList<>();
            list.forEach(o -> {
                if (contractId.equals(o.path("contractId").asText())) {
                    visits.add(o.get("orderId").asText());
                }
            });
            assertThat(visits)
                    .contains("WO-VISIT-" + contractId + "-2026-12-01")
                    .allMatch(id -> id.compareTo("WO-VISIT-" + contractId + "-2026-12-09") < 0);
        });
    }

    @Test
    void contractDatesIdsAndFeesAreBounded_issue15_items3_6_7() throws Exception {
        String contract = """
                {"estateId":"%s","unitId":"%s","kind":"CLEANING_MONTHLY","startDate":"%s","visitDays":["MONDAY"],
                 "visitTime":"09:00","monthlyFee":{"amount":%s,"currency":"CNY"},"priceListVersion":1,"pricedBy":"s"}""";
        assertThat(fields(api.post(
                        "/api/contracts", contract.formatted("sunrise", "b1-101", "+10000-01-01", "\"600.00\""))))
                .containsExactly("startDate");
        assertThat(fields(api.post(
                        "/api/contracts", contract.formatted("sunrise", "b1/101", "2026-12-01", "\"600.00\""))))
                .containsExactly("unitId");
        assertThat(fields(api.post(
                        "/api/contracts", contract.formatted("sun rise", "b1-101", "2026-12-01", "\"600.00\""))))
                .containsExactly("estateId");
        for (String fee : List.of("\"1e400\"", "\"600.005\"", "600")) {
            assertThat(fields(api.post("/api/contracts", contract.formatted("sunrise", "b1-101", "2026-12-01", fee))))
                    .as(fee)
                    .containsExactly("monthlyFee");
        }
    }

    @Test
    void monthsInPathsLieBetween2000And2100_issue15_item6() throws Exception {
        assertThat(fields(api.post("/api/months/10000-01/close", "{\"closedBy\":\"x\"}")))
                .containsExactly("month");
        assertThat(fields(api.post("/api/months/1999-12/close", "{\"closedBy\":\"x\"}")))
                .containsExactly("month");
        assertThat(fields(api.get("/api/registers/CLEANING/2101-01"))).containsExactly("month");
    }

    @Test
    void aBodyOfTheWrongShapeNamesNoJavaClass_issue15_item10() throws Exception {
        HttpResponse<String> array = api.post("/api/orders/WO-x/start", "[]");
        assertThat(fields(array)).containsExactly("body");
        assertThat(array.body()).doesNotContain("OrderRequests");
        HttpResponse<String> missing = api.post("/api/orders/WO-x/start", "");
        assertThat(fields(missing)).containsExactly("body");
        assertThat(missing.body()).doesNotContain("OrderRequests");
        assertThat(fields(api.post("/api/orders/WO-x/rework-reports", """
                {"date":"1900-01-01","progress":"p","contractor":"c","reportedBy":"r","resolved":"true"}"""))).containsExactly("resolved");
    }
}
