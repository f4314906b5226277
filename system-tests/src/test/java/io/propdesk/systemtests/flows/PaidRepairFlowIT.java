package io.propdesk.systemtests.flows;

import static io.propdesk.systemtests.Answers.eventually;
import static io.propdesk.systemtests.Answers.expect;
import static io.propdesk.systemtests.Answers.status;
import static org.assertj.core.api.Assertions.assertThat;

import io.propdesk.contracts.Topics;
import io.propdesk.platform.testing.TopicReader;
import io.propdesk.standalone.Options;
import io.propdesk.standalone.PropDeskStandalone;
import io.propdesk.standalone.Running;
import io.propdesk.standalone.ServiceClient;
import io.propdesk.standalone.ServiceClient.Reply;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A paid repair through all four services, by REST only (R1, R2, R5, R7, H7): its order cannot start before the
 * owner accepted the quote and can after; the completed order is charged the quote's price on the customer's
 * statement; a satisfied callback closes the ticket; the timeline shows every service's events.
 */
class PaidRepairFlowIT {

    @TempDir
    Path dataDir;

    @Test
    void aPaidRepairStartsOnlyAfterItsQuoteIsAcceptedAndClosesOnASatisfiedCallback() {
        try (Running system = PropDeskStandalone.start(Options.randomPorts(dataDir))) {
            ServiceClient api = ServiceClient.of(system);
            expect(api.put("ticket", "/api/estates/sunrise", """
                    {"name":"Sunrise Garden","timeZone":"Asia/Shanghai","areas":[{"areaId":"north","name":"North"}],
                     "buildings":[{"buildingId":"b1","areaId":"north","name":"B1","stewardId":"steward-li",
                                   "units":["b1-101"]}]}"""), 200);
            expect(api.put("dispatch", "/api/teams/ENGINEERING/north", "{\"teamLeader\":\"tl-zhang\"}"), 200);
            String today = LocalDate.now(ZoneId.of("Asia/Shanghai")).toString();
            expect(api.put("billing", "/api/price-lists/ENGINEERING", """
                    {"effectiveFrom":"%s","publishedBy":"billing-wu","items":[
                      {"code":"TAP","name":"Replace kitchen tap","unit":"each","price":{"amount":"80.00","currency":"CNY"}}]}""".formatted(today)), 200);

            Reply opened = api.post("ticket", "/api/tickets", """
                    {"callId":"paid-1","estateId":"sunrise","unitId":"b1-101","kind":"REPAIR","paid":true,
                     "description":"Kitchen tap broken","callerName":"Wang","callerPhone":"13800000000","acceptor":"desk-chen"}""");
            expect(opened, 201);
            String ticketId = opened.get("ticketId").asText();
            String orderId = "WO-" + ticketId;

            // R2: the ticket's work order reaches Engineering's area leader
            Reply order = eventually(status(200), () -> api.get("dispatch", "/api/orders/" + orderId));
            assertThat(order.get("assignee").asText()).isEqualTo("tl-zhang");
            expect(api.post("dispatch", "/api/orders/" + orderId + "/pickup", "{\"pickedUpBy\":\"tl-zhang\"}"), 200);

            // R7: no start before the owner accepted the fee
            Reply refused = api.post("dispatch", "/api/orders/" + orderId + "/start", "{\"startedBy\":\"tl-zhang\"}");
            expect(refused, 409);
            assertThat(refused.get("rule").asText()).isEqualTo("R7");

            Reply quote =
                    eventually(status(201), () -> api.post("billing", "/api/quotes", """
                    {"ticketId":"%s","orderId":"%s","department":"ENGINEERING","lines":[{"itemCode":"TAP","quantity":1}],
                     "pricedBy":{"stewardId":"steward-li","professionalId":"eng-liu"}}""".formatted(ticketId, orderId)));
            assertThat(quote.get("total").get("amount").asText()).isEqualTo("80.00");
            String quoteId = quote.get("quoteId").asText();
            expect(api.post("billing", "/api/quotes/" + quoteId + "/accept", "{\"explainedBy\":\"desk-chen\"}"), 200);

            // once dispatch has consumed QuoteAccepted, the work may start
            eventually(
                    status(200),
                    () -> api.post("dispatch", "/api/orders/" + orderId + "/start", "{\"startedBy\":\"tl-zhang\"}"));
            expect(
                    api.post(
                            "dispatch",
                            "/api/orders/" + orderId + "/complete",
                            "{\"completedBy\":\"tl-zhang\",\"result\":\"tap replaced\"}"),
                    200);
            expect(api.post("dispatch", "/api/orders/" + orderId + "/return", "{\"returnedBy\":\"tl-zhang\"}"), 200);

            // R5: the returned repair gets a callback; a satisfied one closes the ticket
            Reply due = eventually(
                    r -> r.raw().contains(ticketId),
                    () -> api.get("callback", "/api/callbacks?status=due&ticketId=" + ticketId));
            String callbackId = null;
            for (var callback : due.body()) {
                if (callback.get("ticketId").asText().equals(ticketId)) {
                    callbackId = callback.get("callbackId").asText();
                }
            }
            assertThat(callbackId).isNotNull();
            expect(api.post("callback", "/api/callbacks/" + callbackId + "/complete", """
                    {"callerId":"desk-chen","callerRole":"DUTY_STAFF","satisfied":true,"rating":5,"comment":"fine"}"""), 200);
            eventually(
                    r -> r.status() == 200 && "CLOSED".equals(r.get("status").asText()),
                    () -> api.get("ticket", "/api/tickets/" + ticketId));

            // H7, P2: the customer's statement carries the quote's price
            String month = YearMonth.now(ZoneId.of("Asia/Shanghai")).toString();
            Reply statement = eventually(
                    r -> r.status() == 200 && r.raw().contains(orderId),
                    () -> api.get("billing", "/api/statements/b1-101/" + month));
            assertThat(statement.get("total").get("amount").asText()).isEqualTo("80.00");

            // R10: the timeline shows all four services' events of this ticket
            Reply timeline = eventually(
                    r -> r.raw().contains("TicketClosed"),
                    () -> api.get("ticket", "/api/tickets/" + ticketId + "/timeline"));
            assertThat(timeline.raw())
                    .contains(
                            "propdesk.ticket.TicketOpened.v1",
                            "propdesk.dispatch.OrderDispatched.v1",
                            "propdesk.billing.QuoteAccepted.v1",
                            "propdesk.dispatch.WorkStarted.v1",
                            "propdesk.billing.ChargePosted.v1",
                            "propdesk.callback.CallbackCompleted.v1",
                            "propdesk.ticket.TicketClosed.v1");

            // one ticket's flow is one trace: what the intake started, dispatch and callback continued
            assertThat(traceIdOn(system, Topics.TICKET_EVENTS, ticketId, "TicketOpened"))
                    .isEqualTo(traceIdOn(system, Topics.DISPATCH_EVENTS, ticketId, "OrderDispatched"))
                    .isEqualTo(traceIdOn(system, Topics.CALLBACK_EVENTS, ticketId, "StewardAssigned"))
                    .isNotBlank();
        }
    }

    private static String traceIdOn(Running system, String topic, String ticketId, String event) {
        try (TopicReader reader = new TopicReader(system.kafkaBootstrapServers(), topic)) {
            var record = reader
                    .readUntil(rs -> rs.stream().anyMatch(r -> matches(r, ticketId, event)), Duration.ofSeconds(30))
                    .stream()
                    .filter(r -> matches(r, ticketId, event))
                    .findFirst()
                    .orElseThrow();
            String traceparent = TopicReader.header(record, "traceparent");
            assertThat(traceparent).as(event + " carries a traceparent").isNotNull();
            return traceparent.split("-")[1];
        }
    }

    private static boolean matches(
            org.apache.kafka.clients.consumer.ConsumerRecord<String, byte[]> r, String ticketId, String event) {
        return ticketId.equals(r.key()) && TopicReader.header(r, "ce_type").endsWith("." + event + ".v1");
    }
}
