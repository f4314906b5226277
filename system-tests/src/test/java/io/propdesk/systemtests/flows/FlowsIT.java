package io.propdesk.systemtests.flows;

import static io.propdesk.systemtests.Answers.eventually;
import static io.propdesk.systemtests.Answers.expect;
import static io.propdesk.systemtests.Answers.status;
import static io.propdesk.systemtests.flows.FlowSteps.ACCEPTOR;
import static io.propdesk.systemtests.flows.FlowSteps.CLEANING_DISPATCHER;
import static io.propdesk.systemtests.flows.FlowSteps.CLEANING_LEADER;
import static io.propdesk.systemtests.flows.FlowSteps.ENGINEERING_LEADER;
import static io.propdesk.systemtests.flows.FlowSteps.ESTATE;
import static io.propdesk.systemtests.flows.FlowSteps.ESTATE_ZONE;
import static io.propdesk.systemtests.flows.FlowSteps.GREENING_LEADER;
import static io.propdesk.systemtests.flows.FlowSteps.REWORK_LIAISON;
import static io.propdesk.systemtests.flows.FlowSteps.STEWARD;
import static io.propdesk.systemtests.flows.FlowSteps.thisMonth;
import static io.propdesk.systemtests.flows.FlowSteps.today;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SchemaRegistryConfig;
import com.networknt.schema.SpecificationVersion;
import io.propdesk.contracts.Topics;
import io.propdesk.contracts.cloudevents.CloudEventCodec;
import io.propdesk.platform.testing.TopicReader;
import io.propdesk.standalone.Options;
import io.propdesk.standalone.PropDeskStandalone;
import io.propdesk.standalone.Running;
import io.propdesk.standalone.ServiceClient;
import io.propdesk.standalone.ServiceClient.Reply;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every flow of DOMAIN.md end to end: the four services running together on the real broker and the MongoDB-wire
 * server, driven through REST only as the front desk, stewards, departments and billing use them. Each flow ends by
 * checking the ticket's final state, its timeline across services (R10: in order, nothing twice), its SLA obligations
 * and, where money is involved, the customer's statement (H7; the customer is the unit).
 *
 * <p>One system serves all flows; each flow has its own call ids and its own unit, so the flows do not depend on each
 * other or on their order. The real clock runs: nothing here waits for an SLA window to pass. What needs time to
 * pass is covered by the services' own tests with a moved clock (named where it applies).
 */
class FlowsIT {

    private static final List<String> UNITS = List.of(
            "u-free",
            "u-paid",
            "u-rework",
            "u-complaint",
            "u-major",
            "u-contract",
            "u-movein",
            "u-hourly",
            "u-greening",
            "u-reopen",
            "u-visit");

    @TempDir
    static Path dataDir;

    private static Running system;
    private static ServiceClient api;
    private static FlowSteps steps;

    @BeforeAll
    static void startTheSystem() {
        system = PropDeskStandalone.start(Options.randomPorts(dataDir));
        api = ServiceClient.of(system);
        steps = new FlowSteps(api);
        steps.configureEstate(UNITS);
    }

    /**
     * Before the system stops, the published contracts are checked against everything the flows made the system
     * publish: every event against its JSON Schema (issue 15 item 13) and the documented dedupe key (issue 13 defect 5).
     */
    @AfterAll
    static void stopTheSystem() {
        try {
            if (system != null) {
                List<ConsumerRecord<String, byte[]>> events = everyPublishedEvent(system);
                everyEventValidatesAgainstItsPublishedSchema_issue15_item13(events);
                sourceAggregateAndSequenceIdentifyOneEventAcrossTheSystem_issue13_defect5(events);
            }
        } finally {
            if (system != null) {
                system.close();
            }
        }
    }

    /**
     * Every record of the four services' event topics, read from the start as an integrator would; the call-center
     * flows ({@link CallCenterFlowsIT}) check theirs the same way.
     */
    static List<ConsumerRecord<String, byte[]>> everyPublishedEvent(Running system) {
        List<ConsumerRecord<String, byte[]>> events = new ArrayList<>();
        for (String topic :
                List.of(Topics.TICKET_EVENTS, Topics.DISPATCH_EVENTS, Topics.CALLBACK_EVENTS, Topics.BILLING_EVENTS)) {
            try (TopicReader reader = new TopicReader(system.kafkaBootstrapServers(), topic)) {
                List<ConsumerRecord<String, byte[]>> records =
                        reader.readUntilQuiet(Duration.ofSeconds(3), Duration.ofSeconds(60));
                assertThat(records).as("events on " + topic).isNotEmpty();
                events.addAll(records);
            }
        }
        return events;
    }

    /**
     * Issue 15 item 13: the generated JSON Schemas accept every event the system produces, checked with a real
     * validator (draft 2020-12, formats asserted), each event against the schema of its {@code ce_type}.
     */
    static void everyEventValidatesAgainstItsPublishedSchema_issue15_item13(
            List<ConsumerRecord<String, byte[]>> events) {
        SchemaRegistry registry = SchemaRegistry.withDefaultDialect(
                SpecificationVersion.DRAFT_2020_12,
                builder -> builder.schemaRegistryConfig(SchemaRegistryConfig.builder()
                        .formatAssertionsEnabled(true)
                        .build()));
        Map<String, Schema> schemas = new HashMap<>();
        List<String> failures = new ArrayList<>();
        for (ConsumerRecord<String, byte[]> event : events) {
            String type = TopicReader.header(event, CloudEventCodec.CE_TYPE);
            Schema schema = schemas.computeIfAbsent(type, t -> publishedSchema(registry, t));
            String json = new String(event.value(), StandardCharsets.UTF_8);
            schema.validate(json, InputFormat.JSON)
                    .forEach(
                            error -> failures.add(type + " at " + event.topic() + "@" + event.offset() + ": " + error));
        }
        assertThat(failures).as("events that fail their published schema").isEmpty();
        assertThat(schemas.keySet())
                .as("event types the flows produced")
                .contains("propdesk.ticket.EstateConfigured.v1", "propdesk.ticket.TicketOpened.v1");
    }

    /** The schema as the contracts jar ships it ({@code /schemas/<ce type>.schema.json}). */
    private static Schema publishedSchema(SchemaRegistry registry, String type) {
        try (InputStream in = FlowsIT.class.getResourceAsStream("/schemas/" + type + ".schema.json")) {
            assertThat(in).as("published schema of " + type).isNotNull();
            return registry.getSchema(in, InputFormat.JSON);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Issue 13 defect 5: ticket-service and callback-service both use the ticket id as aggregate id, so
     * ({@code ce_aggregateid}, {@code ce_sequence}) alone collides; with {@code ce_source} it names one event across all
     * topics, as the AsyncAPI document says: an equal triple is a re-delivery of the same event (equal {@code ce_id}).
     */
    static void sourceAggregateAndSequenceIdentifyOneEventAcrossTheSystem_issue13_defect5(
            List<ConsumerRecord<String, byte[]>> events) {
        Map<String, String> idByKey = new HashMap<>();
        List<String> collisions = new ArrayList<>();
        for (ConsumerRecord<String, byte[]> event : events) {
            String source = TopicReader.header(event, CloudEventCodec.CE_SOURCE);
            String aggregate = TopicReader.header(event, CloudEventCodec.CE_AGGREGATEID);
            String sequence = TopicReader.header(event, CloudEventCodec.CE_SEQUENCE);
            String id = TopicReader.header(event, CloudEventCodec.CE_ID);
            assertThat(List.of(
                            String.valueOf(source),
                            String.valueOf(aggregate),
                            String.valueOf(sequence),
                            String.valueOf(id)))
                    .as("dedupe headers of " + event.topic() + "@" + event.offset())
                    .doesNotContain("null", "");
            String key = source + " " + aggregate + " #" + sequence;
            String first = idByKey.putIfAbsent(key, id);
            if (first != null && !first.equals(id)) {
                collisions.add(key + " is both " + first + " and " + id);
            }
        }
        assertThat(collisions)
                .as("(ce_source, ce_aggregateid, ce_sequence) naming two events")
                .isEmpty();
    }

    // ------------------------------------------------------------------ repairs (R1-R5, R7-R9)

    @Test
    void aFreeRepairIsWorkedReturnedTheSameDayAndClosedByASatisfiedCallback_R2_R3_R4_R5_R9() {
        String ticketId = steps.openTicket("flow-free-1", "u-free", "REPAIR", "\"paid\":false");
        String orderId = "WO-" + ticketId;

        // R3, R4: the steward follows the open repair and owes the front desk a reply within 4 working hours
        steps.awaitObligation(ticketId, "R4 OPEN");

        // R2: the work order reaches Engineering's area leader, who picks it up
        JsonNode order = steps.awaitOrder(orderId);
        assertThat(order.get("department").asText()).isEqualTo("ENGINEERING");
        assertThat(order.get("paid").asBoolean()).isFalse();
        assertThat(order.get("assignee").asText()).isEqualTo(ENGINEERING_LEADER);
        steps.pickUp(orderId, ENGINEERING_LEADER);
        expect(steps.start(orderId, ENGINEERING_LEADER), 200);

        // R4: the reply meets the first window and opens the next
        expect(steps.stewardReplies(ticketId, "the plumber is on site"), 201);
        assertThat(steps.obligations(ticketId)).containsExactlyInAnyOrder("R4 FULFILLED", "R4 OPEN");

        // R9: returned the working day it was completed
        steps.completeAndReturn(orderId, ENGINEERING_LEADER);
        assertThat(steps.order(orderId).get("late").asBoolean()).isFalse();

        // R5: the returned repair is called back; the satisfied owner closes the ticket
        steps.callBackSatisfied(ticketId);

        assertThat(steps.ticket(ticketId).get("status").asText()).isEqualTo("CLOSED");
        // the open reply window stops with the ticket: withdrawn, neither met nor missed
        assertThat(steps.settledObligations(ticketId))
                .containsExactlyInAnyOrder("R4 FULFILLED", "R4 WITHDRAWN", "R9 FULFILLED", "R5 FULFILLED");
        steps.assertTimeline(
                ticketId,
                List.of(
                        "ticket.TicketOpened",
                        "dispatch.OrderDispatched",
                        "dispatch.OrderPickedUp",
                        "dispatch.WorkStarted",
                        "callback.StewardReplied",
                        "dispatch.OrderCompleted",
                        "dispatch.OrderReturned",
                        "callback.CallbackScheduled",
                        "callback.CallbackCompleted",
                        "ticket.TicketClosed"),
                List.of("callback.StewardAssigned"));
        // free work: nothing on the owner's statement
        Reply statement = steps.statement("u-free", thisMonth());
        expect(statement, 200);
        assertThat(statement.get("lines")).isEmpty();
    }

    /**
     * Extends {@code io.propdesk.standalone.PaidRepairFlowIT}, which shows that a paid repair cannot start before its
     * quote is accepted, is charged the quote's price and closes on a satisfied callback. Here: the fee is re-priced on
     * site, so a second quote supersedes the first; the superseded quote can no longer be accepted; only the accepted
     * quote is charged, once; and the obligations R7, R8, R5 are met, in a timeline with nothing twice.
     */
    @Test
    void aRevisedQuoteSupersedesTheFirstAndOnlyTheAcceptedOneIsChargedOnce_R7_R8_P2_H7() {
        String ticketId = steps.openTicket("flow-paid-1", "u-paid", "REPAIR", "\"paid\":true");
        String orderId = "WO-" + ticketId;
        steps.awaitOrder(orderId);
        steps.pickUp(orderId, ENGINEERING_LEADER);

        // R7: while the owner decides, the paid order's quote obligation is open
        steps.awaitObligation(ticketId, "R7 OPEN");
        String first = steps.quote(ticketId, orderId, "ENGINEERING", "{\"itemCode\":\"TAP\",\"quantity\":1}");
        String revised = steps.quote(ticketId, orderId, "ENGINEERING", """
                {"itemCode":"TAP","quantity":1},
                {"description":"Replace corroded supply hose","quantity":1,"unitPrice":{"amount":"35.50","currency":"CNY"}}""");
        Reply superseded = steps.acceptQuote(first);
        expect(superseded, 409);
        assertThat(superseded.get("rule").asText()).isEqualTo("R7");
        expect(steps.acceptQuote(revised), 200);

        steps.startOnceQuoteAccepted(orderId, ENGINEERING_LEADER);
        assertThat(steps.order(orderId).get("acceptedQuoteId").asText()).isEqualTo(revised);
        steps.completeAndReturn(orderId, ENGINEERING_LEADER);
        steps.callBackSatisfied(ticketId);

        Reply statement = eventually(
                r -> r.status() == 200 && r.raw().contains(orderId), () -> steps.statement("u-paid", thisMonth()));
        assertThat(statement.get("lines")).hasSize(1);
        assertThat(statement.get("lines").get(0).get("orderId").asText()).isEqualTo(orderId);
        assertThat(statement.get("lines").get(0).get("amount").get("amount").asText())
                .isEqualTo("115.50");
        assertThat(statement.get("total").get("amount").asText()).isEqualTo("115.50");

        assertThat(steps.settledObligations(ticketId))
                .containsExactlyInAnyOrder("R4 WITHDRAWN", "R7 FULFILLED", "R8 FULFILLED", "R5 FULFILLED");
        steps.assertTimeline(
                ticketId,
                List.of(
                        "ticket.TicketOpened",
                        "dispatch.OrderDispatched",
                        "dispatch.OrderPickedUp",
                        "billing.QuoteIssued",
                        "billing.QuoteIssued",
                        "billing.QuoteAccepted",
                        "dispatch.WorkStarted",
                        "dispatch.OrderCompleted",
                        "dispatch.OrderReturned",
                        "callback.CallbackScheduled",
                        "callback.CallbackCompleted",
                        "ticket.TicketClosed"),
                // the charge is posted while the order is being returned
                List.of("callback.StewardAssigned", "billing.ChargePosted"));
    }

    /**
     * R6: the rework goes to the rework liaison, who reports once a day until it is resolved. A day without a report
     * needs a day to pass, which a real-time test cannot wait for: callback-service's
     * TicketLedgerTest#aDayWithoutAReworkReportIsABreachAndTheNextDayIsDue_R6 covers that breach with a moved clock.
     * R5 (issue 13 item 2): a rework is a repair that came back, so once its order is done and returned the owner is
     * called back like for any repair, and the satisfied owner closes the ticket.
     */
    @Test
    void aReworkIsReportedOnceADayUntilTheResolvedReportClosesIt_R6() {
        String ticketId = steps.openTicket("flow-rework-1", "u-rework", "REWORK", "");
        String orderId = "WO-" + ticketId;
        JsonNode order = steps.awaitOrder(orderId);
        assertThat(order.get("department").asText()).isEqualTo("REWORK_LIAISON");
        assertThat(order.get("assignee").asText()).isEqualTo(REWORK_LIAISON);
        assertThat(order.get("paid").asBoolean()).as("the contractor pays").isFalse();

        // R6: the first report is due for the day after the rework was registered
        steps.awaitObligation(ticketId, "R6 OPEN");
        LocalDate today = today();
        expect(report(orderId, today.minusDays(2), "contractor inspected the leak", false), 201);
        expect(report(orderId, today.minusDays(1), "waterproofing removed", false), 201);
        Reply twice = report(orderId, today.minusDays(1), "the same day again", false);
        expect(twice, 409);
        assertThat(twice.get("rule").asText()).isEqualTo("R6");
        expect(report(orderId, today, "waterproofing redone, no more leak", true), 201);

        // the resolved report closes the rework: no further reports, no further days due
        Reply afterResolved = report(orderId, today, "one more", false);
        expect(afterResolved, 409);
        assertThat(afterResolved.get("rule").asText()).isEqualTo("R6");
        order = steps.order(orderId);
        assertThat(order.get("reworkResolved").asBoolean()).isTrue();
        assertThat(order.get("reworkReportDates")).hasSize(3);
        assertThat(steps.settledObligations(ticketId)).containsExactly("R6 WITHDRAWN");
        // resolved is not closed: the owner has still to say so
        assertThat(steps.ticket(ticketId).get("status").asText()).isEqualTo("OPEN");

        // R5, R9: the contractor's order is done and returned; the front desk calls the owner back, who is satisfied
        steps.workFreeOrder(orderId, REWORK_LIAISON);
        JsonNode callback = steps.awaitDueCallback(ticketId);
        assertThat(callback.get("kind").asText()).isEqualTo("REWORK");
        expect(steps.completeCallback(callback.get("callbackId").asText(), ACCEPTOR, "DUTY_STAFF", true), 200);
        steps.awaitTicketStatus(ticketId, "CLOSED");

        assertThat(steps.settledObligations(ticketId))
                .containsExactlyInAnyOrder("R6 WITHDRAWN", "R9 FULFILLED", "R5 FULFILLED");
        steps.assertTimeline(
                ticketId,
                List.of(
                        "ticket.TicketOpened",
                        "dispatch.OrderDispatched",
                        "dispatch.ReworkProgressReported",
                        "dispatch.ReworkProgressReported",
                        "dispatch.ReworkProgressReported",
                        "dispatch.OrderPickedUp",
                        "dispatch.WorkStarted",
                        "dispatch.OrderCompleted",
                        "dispatch.OrderReturned",
                        "callback.CallbackScheduled",
                        "callback.CallbackCompleted",
                        "ticket.TicketClosed"),
                List.of("callback.StewardAssigned"));
    }

    private Reply report(String orderId, LocalDate date, String progress, boolean resolved) {
        return steps.reworkReport(orderId, date, progress, resolved);
    }

    // ------------------------------------------------------------------ complaints (C1-C3)

    @Test
    void aComplaintIsRoutedByItsStewardAndCalledBackOnlyAfterTheStewardSignsOff_C1_C3() {
        String ticketId = steps.openTicket("flow-complaint-1", "u-complaint", "COMPLAINT", "\"severity\":\"NORMAL\"");
        // C1, C3: the steward replies within 4 hours and must sign the complaint off
        steps.awaitObligation(ticketId, "C3 OPEN");
        assertThat(steps.obligations(ticketId)).containsExactlyInAnyOrder("R4 OPEN", "C3 OPEN");

        // C1: the steward names the department; the order goes to its area leader
        JsonNode order = steps.routeComplaint(ticketId, "ENGINEERING");
        String orderId = order.get("orderId").asText();
        assertThat(order.get("assignee").asText()).isEqualTo(ENGINEERING_LEADER);
        steps.workFreeOrder(orderId, ENGINEERING_LEADER);
        steps.awaitObligation(ticketId, "R9 FULFILLED");
        expect(steps.stewardReplies(ticketId, "handled by engineering"), 201);

        // C3 by construction: the returned order schedules no callback, so nothing can close the complaint yet. The
        // reply is the ledger's latest event: once it is on the timeline, a callback scheduled before it would be too.
        eventually(
                r -> r.status() == 200 && r.raw().contains("StewardReplied"),
                () -> api.get("ticket", "/api/tickets/" + ticketId + "/timeline"));
        assertThat(steps.timeline(ticketId)).doesNotContain("callback.CallbackScheduled");
        assertThat(steps.callbacks(ticketId)).isEmpty();
        assertThat(steps.ticket(ticketId).get("status").asText()).isEqualTo("OPEN");

        // C3: the steward signs off; only now is the owner called back (C2: any rank for a normal complaint)
        Reply signedOff = steps.signOff(ticketId);
        expect(signedOff, 201);
        assertThat(signedOff.get("signedOff").asBoolean()).isTrue();
        JsonNode callback = steps.awaitDueCallback(ticketId);
        assertThat(callback.get("allowedRoles")).hasSize(4);
        steps.callBackSatisfied(ticketId);

        assertThat(steps.settledObligations(ticketId))
                .containsExactlyInAnyOrder("R4 FULFILLED", "R4 WITHDRAWN", "C3 FULFILLED", "R9 FULFILLED");
        steps.assertTimeline(
                ticketId,
                List.of(
                        "ticket.TicketOpened",
                        "dispatch.OrderDispatched",
                        "dispatch.OrderPickedUp",
                        "dispatch.WorkStarted",
                        "dispatch.OrderCompleted",
                        "dispatch.OrderReturned",
                        "callback.StewardReplied",
                        "callback.ComplaintSignedOff",
                        "callback.CallbackScheduled",
                        "callback.CallbackCompleted",
                        "ticket.TicketClosed"),
                List.of("callback.StewardAssigned"));
    }

    @Test
    void aMajorComplaintIsCalledBackByAManagerNeverByDutyStaff_C2() {
        String ticketId = steps.openTicket("flow-major-1", "u-major", "COMPLAINT", "\"severity\":\"MAJOR\"");
        String orderId =
                steps.routeComplaint(ticketId, "ENGINEERING").get("orderId").asText();
        steps.workFreeOrder(orderId, ENGINEERING_LEADER);
        steps.awaitObligation(ticketId, "R9 FULFILLED");
        expect(steps.signOff(ticketId), 201);

        JsonNode callback = steps.awaitDueCallback(ticketId);
        String callbackId = callback.get("callbackId").asText();
        assertThat(callback.get("allowedRoles"))
                .extracting(JsonNode::asText)
                .containsExactlyInAnyOrder("MANAGER", "SUPERVISOR", "TEAM_LEADER");
        assertThat(steps.obligations(ticketId)).contains("C2 OPEN");

        // C2: ordinary duty staff are refused and nothing is recorded
        Reply byDutyStaff = steps.completeCallback(callbackId, ACCEPTOR, "DUTY_STAFF", true);
        expect(byDutyStaff, 409);
        assertThat(byDutyStaff.get("rule").asText()).isEqualTo("C2");
        assertThat(steps.ticket(ticketId).get("status").asText()).isEqualTo("OPEN");

        // C2 and the roles: front-desk staff cannot claim a manager's rank
        Reply claimedByDesk =
                steps.api().as("desk").post("callback", "/api/callbacks/" + callbackId + "/complete", """
                {"callerId":"desk-chen","callerRole":"MANAGER","satisfied":true,"rating":5,"comment":"fine"}""");
        expect(claimedByDesk, 403);
        assertThat(claimedByDesk.get("detail").asText()).contains("C2");

        expect(steps.completeCallback(callbackId, "manager-gao", "MANAGER", true), 200);
        steps.awaitTicketStatus(ticketId, "CLOSED");

        assertThat(steps.settledObligations(ticketId))
                .containsExactlyInAnyOrder("R4 WITHDRAWN", "C3 FULFILLED", "R9 FULFILLED", "C2 FULFILLED");
        steps.assertTimeline(
                ticketId,
                List.of(
                        "ticket.TicketOpened",
                        "dispatch.OrderDispatched",
                        "dispatch.OrderPickedUp",
                        "dispatch.WorkStarted",
                        "dispatch.OrderCompleted",
                        "dispatch.OrderReturned",
                        "callback.ComplaintSignedOff",
                        "callback.CallbackScheduled",
                        "callback.CallbackCompleted",
                        "ticket.TicketClosed"),
                List.of("callback.StewardAssigned"));
        JsonNode made = steps.callbacks(ticketId).get(0);
        assertThat(made.get("callerRole").asText()).isEqualTo("MANAGER");
    }

    // ------------------------------------------------------------------ housekeeping (H1-H8)

    /**
     * H1, H7: the contract's visits within the 7-day horizon are opened as orders, filed under the customer in the
     * month's cleaning register, and worked to their return. The monthly fee is posted when the month closes, which
     * cannot happen before the month is over (H8): here the open statement shows the fee as it will be posted. The
     * month-close path (fees posted, statements issued once, closed months unchanged) is covered by
     * BillingServiceIT#aCustomerWithAContractAndTwoPaidOrdersGetsTheRightStatementIssuedOnceAtMonthClose_H7_H8 and
     * DispatchServiceIT#aMonthWithAnUnreturnedOrderCannotCloseAndAClosedMonthsOrdersRejectChanges_H8.
     */
    @Test
    void aMonthlyCleaningContractOpensItsVisitsInTheRegisterAndBillsItsFee_H1_H7_H8() {
        LocalDate start = today();
        LocalDate firstVisit = start.plusDays(1);
        LocalDate secondVisit = start.plusDays(2);
        Reply signed = eventually(
                status(201),
                () -> api.post("dispatch", "/api/contracts", """
                {"estateId":"%s","unitId":"u-contract","kind":"CLEANING_MONTHLY","startDate":"%s",
                 "visitDays":["%s","%s"],"visitTime":"10:00","monthlyFee":{"amount":"600.00","currency":"CNY"},
                 "priceListVersion":1,"stewardId":"%s","pricedBy":"%s"}""".formatted(
                                ESTATE,
                                start,
                                firstVisit.getDayOfWeek(),
                                secondVisit.getDayOfWeek(),
                                STEWARD,
                                CLEANING_LEADER)));
        String contractId = signed.get("contractId").asText();
        assertThat(signed.get("customerId").asText())
                .as("H7: the unit is the customer")
                .isEqualTo("u-contract");

        // H1: one order per visit within the horizon (the same weekdays next week are beyond it), filed by customer
        YearMonth month = thisMonth();
        Reply register = eventually(
                r -> r.status() == 200 && visitsOf(r.body(), "u-contract").size() == 2,
                () -> api.get("dispatch", "/api/registers/CLEANING/" + month));
        List<JsonNode> visits = visitsOf(register.body(), "u-contract");
        assertThat(visits).extracting(v -> v.get("contractId").asText()).containsOnly(contractId);
        assertThat(visits)
                .extracting(v -> Instant.parse(v.get("serviceTime").asText()))
                .containsExactlyInAnyOrder(at10(firstVisit), at10(secondVisit));

        for (JsonNode visit : visits) {
            String orderId = visit.get("orderId").asText();
            JsonNode order = steps.order(orderId);
            // H1: the designated dispatcher assigns the contract's visits; the fee was agreed, so no quote (R7)
            assertThat(order.get("mode").asText()).isEqualTo("CONTRACT_DISPATCHER");
            assertThat(order.get("assignee").asText()).isEqualTo(CLEANING_DISPATCHER);
            expect(
                    api.post(
                            "dispatch",
                            "/api/orders/" + orderId + "/pickup",
                            "{\"pickedUpBy\":\"%s\",\"assignedTo\":\"cleaner-he\"}".formatted(CLEANING_DISPATCHER)),
                    200);
            expect(steps.start(orderId, "cleaner-he"), 200);
            steps.completeAndReturn(orderId, "cleaner-he");
            steps.assertTimeline(
                    order.get("ticketId").asText(),
                    List.of(
                            "dispatch.OrderDispatched",
                            "dispatch.ContractVisitScheduled",
                            "dispatch.OrderPickedUp",
                            "dispatch.WorkStarted",
                            "dispatch.OrderCompleted",
                            "dispatch.OrderReturned"),
                    List.of());
        }
        register = api.get("dispatch", "/api/registers/CLEANING/" + month);
        expect(register, 200);
        assertThat(register.get("closed").asBoolean()).isFalse();
        assertThat(visitsOf(register.body(), "u-contract"))
                .extracting(v -> v.get("status").asText())
                .containsOnly("RETURNED");

        // H7: the open statement shows the month's fee as the close will post it, pro rata from the start date
        BigDecimal daysRun = BigDecimal.valueOf(ChronoUnit.DAYS.between(start, month.atEndOfMonth()) + 1);
        String fee = new BigDecimal("600.00")
                .multiply(daysRun)
                .divide(BigDecimal.valueOf(month.lengthOfMonth()), 2, RoundingMode.HALF_UP)
                .toPlainString();
        Reply statement = eventually(
                r -> r.status() == 200 && r.raw().contains(contractId), () -> steps.statement("u-contract", month));
        assertThat(statement.get("status").asText()).isEqualTo("OPEN");
        assertThat(statement.get("lines")).hasSize(1);
        JsonNode line = statement.get("lines").get(0);
        assertThat(line.get("chargeId").asText()).isEqualTo("CF-" + contractId + "-" + month);
        assertThat(line.get("amount").get("amount").asText()).isEqualTo(fee);
        assertThat(statement.get("total").get("amount").asText()).isEqualTo(fee);

        // H8: the month is not over, so it cannot be closed yet
        Reply early = api.post("dispatch", "/api/months/" + month + "/close", "{\"closedBy\":\"desk-head\"}");
        expect(early, 409);
        assertThat(early.get("rule").asText()).isEqualTo("H8");
    }

    /**
     * H5: every completed housekeeping order returns to the front desk and its customer is called back, contract
     * visits included (H1: the acceptor calls contract customers back).
     */
    @Test
    void aReturnedContractVisitIsCalledBack_H5() {
        LocalDate visitDay = today().plusDays(1);
        String contractId = eventually(
                        status(201),
                        () -> api.post("dispatch", "/api/contracts", """
                {"estateId":"%s","unitId":"u-visit","kind":"CLEANING_MONTHLY","startDate":"%s","visitDays":["%s"],
                 "visitTime":"10:00","monthlyFee":{"amount":"400.00","currency":"CNY"},"priceListVersion":1,
                 "pricedBy":"%s"}""".formatted(
                                        ESTATE, today(), visitDay.getDayOfWeek(), CLEANING_LEADER)))
                .get("contractId")
                .asText();
        String visitTicket = "VISIT-" + contractId + "-" + visitDay;
        String orderId = "WO-" + visitTicket;
        steps.awaitOrder(orderId);
        steps.pickUp(orderId, CLEANING_DISPATCHER);
        expect(steps.start(orderId, CLEANING_DISPATCHER), 200);
        steps.completeAndReturn(orderId, CLEANING_DISPATCHER);

        steps.awaitDueCallback(visitTicket);
        steps.awaitObligation(visitTicket, "R8 FULFILLED");
    }

    /**
     * Issue 13 items 1 and 3, H1, H5, R7, C5: a contract visit, in an estate of its own so its handover and figures
     * are its alone, is served end to end. It was priced by its contract, so it starts without a quote and owes no R7;
     * it is returned and called back, and the satisfied owner ends its follow-up (no front-desk ticket stands behind
     * a visit, so no TicketClosed comes): the handover no longer lists it, and nothing was breached.
     */
    @Test
    void aContractVisitIsServedWithoutAQuoteCalledBackAndLeavesTheHandover_H1_H5_R7_C5_issue13_items1_3() {
        String estate = "harbour-east";
        steps.putEstate(estate, "Harbour East", "e1", List.of("u-east"));
        Instant from = Instant.now().minus(1, ChronoUnit.DAYS);
        LocalDate visitDay = today().plusDays(1);
        String contractId = eventually(
                        status(201),
                        () -> api.post("dispatch", "/api/contracts", """
                {"estateId":"%s","unitId":"u-east","kind":"CLEANING_MONTHLY","startDate":"%s","visitDays":["%s"],
                 "visitTime":"10:00","monthlyFee":{"amount":"400.00","currency":"CNY"},"priceListVersion":1,
                 "pricedBy":"%s"}""".formatted(
                                        estate, today(), visitDay.getDayOfWeek(), CLEANING_LEADER)))
                .get("contractId")
                .asText();
        String visitTicket = "VISIT-" + contractId + "-" + visitDay;
        String orderId = "WO-" + visitTicket;
        steps.awaitOrder(orderId);
        steps.pickUp(orderId, CLEANING_DISPATCHER);
        // H1: no quote; the start is no R7 breach
        expect(steps.start(orderId, CLEANING_DISPATCHER), 200);
        steps.completeAndReturn(orderId, CLEANING_DISPATCHER);

        JsonNode callback = steps.awaitDueCallback(visitTicket);
        expect(steps.completeCallback(callback.get("callbackId").asText(), ACCEPTOR, "DUTY_STAFF", true), 200);

        // R8 met; no R7 ever opened, nothing breached, nothing left open
        assertThat(steps.settledObligations(visitTicket)).containsExactly("R8 FULFILLED");
        // C5: the served visit is no longer open work at the handover, and left no breach there
        Reply handover =
                eventually(r -> r.status() == 200 && r.get("openTickets").isEmpty(), () -> steps.handover(estate));
        assertThat(handover.get("callbacksDue")).isEmpty();
        assertThat(handover.get("repliesDue")).isEmpty();
        assertThat(handover.get("breaches")).isEmpty();
        // the estate's compliance: its one obligation (R8) due and met
        Instant to = Instant.now().plus(1, ChronoUnit.DAYS);
        JsonNode figures =
                steps.awaitComplianceOf(estate, from, to, f -> f.get("met").asLong() == 1);
        assertThat(figures.get("due").asLong()).isEqualTo(1);
        assertThat(figures.get("breached").asLong()).isZero();
        steps.assertTimeline(
                visitTicket,
                List.of(
                        "dispatch.OrderDispatched",
                        "dispatch.ContractVisitScheduled",
                        "dispatch.OrderPickedUp",
                        "dispatch.WorkStarted",
                        "dispatch.OrderCompleted",
                        "dispatch.OrderReturned",
                        "callback.CallbackScheduled",
                        "callback.CallbackCompleted"),
                List.of());
    }

    private static Instant at10(LocalDate date) {
        return date.atTime(10, 0).atZone(ESTATE_ZONE).toInstant();
    }

    private static List<JsonNode> visitsOf(JsonNode register, String customerId) {
        List<JsonNode> visits = new ArrayList<>();
        for (JsonNode customer : register.get("customers")) {
            if (customer.get("customerId").asText().equals(customerId)) {
                customer.get("orders").forEach(visits::add);
            }
        }
        return visits;
    }

    @Test
    void aMoveInCleaningIsQuotedWorkedCalledBackAndCharged_H2_H5_R7() {
        housekeeping(
                "flow-movein-1",
                "u-movein",
                "CLEANING_MOVE_IN",
                "CLEANING",
                CLEANING_LEADER,
                "{\"itemCode\":\"MOVE-IN\",\"quantity\":1}",
                "300.00");
    }

    @Test
    void anHourlyCleaningIsQuotedWorkedCalledBackAndCharged_H3_H5_R7() {
        housekeeping(
                "flow-hourly-1",
                "u-hourly",
                "CLEANING_HOURLY",
                "CLEANING",
                CLEANING_LEADER,
                "{\"itemCode\":\"HOUR\",\"quantity\":3}",
                "150.00");
    }

    @Test
    void aGreeningJobPricedOnSiteIsWorkedCalledBackAndCharged_H4_H5_P2() {
        housekeeping("flow-greening-1", "u-greening", "GREENING", "GREENING", GREENING_LEADER, """
                {"itemCode":"MOW","quantity":40},
                {"description":"Prune the hedge by the gate","quantity":1,"unitPrice":{"amount":"45.00","currency":"CNY"}}""", "125.00");
    }

    /**
     * H2-H4, H6: registered with the service time confirmed, the order goes to the area's team leader, who picks it
     * up; the paid job waits for its accepted quote (R7), is served, returned promptly (R8, H5), called back (H5) and
     * charged the quote's price on the customer's statement (H7).
     */
    private void housekeeping(
            String callId,
            String unitId,
            String kind,
            String department,
            String leader,
            String quoteLines,
            String price) {
        Instant serviceTime = Instant.now().plus(2, ChronoUnit.HOURS).truncatedTo(ChronoUnit.MINUTES);
        String ticketId = steps.openTicket(callId, unitId, kind, "\"serviceTime\":\"%s\"".formatted(serviceTime));
        String orderId = "WO-" + ticketId;
        JsonNode order = steps.awaitOrder(orderId);
        assertThat(order.get("department").asText()).isEqualTo(department);
        assertThat(order.get("assignee").asText()).isEqualTo(leader);
        assertThat(order.get("paid").asBoolean()).isTrue();
        assertThat(Instant.parse(order.get("serviceTime").asText())).as("H6").isEqualTo(serviceTime);
        steps.pickUp(orderId, leader);

        Reply early = steps.start(orderId, leader);
        expect(early, 409);
        assertThat(early.get("rule").asText()).isEqualTo("R7");
        String quoteId = steps.quote(ticketId, orderId, department, quoteLines);
        expect(steps.acceptQuote(quoteId), 200);
        steps.startOnceQuoteAccepted(orderId, leader);
        steps.completeAndReturn(orderId, leader);
        steps.callBackSatisfied(ticketId);

        Reply statement = eventually(
                r -> r.status() == 200 && r.raw().contains(orderId), () -> steps.statement(unitId, thisMonth()));
        assertThat(statement.get("lines")).hasSize(1);
        assertThat(statement.get("lines").get(0).get("ticketId").asText()).isEqualTo(ticketId);
        assertThat(statement.get("total").get("amount").asText()).isEqualTo(price);
        // housekeeping owes no steward replies (R4) and its callback no 100% rule (R5): R7 and R8 remain
        assertThat(steps.settledObligations(ticketId)).containsExactlyInAnyOrder("R7 FULFILLED", "R8 FULFILLED");
        steps.assertTimeline(
                ticketId,
                List.of(
                        "ticket.TicketOpened",
                        "dispatch.OrderDispatched",
                        "dispatch.OrderPickedUp",
                        "billing.QuoteIssued",
                        "billing.QuoteAccepted",
                        "dispatch.WorkStarted",
                        "dispatch.OrderCompleted",
                        "dispatch.OrderReturned",
                        "callback.CallbackScheduled",
                        "callback.CallbackCompleted",
                        "ticket.TicketClosed"),
                List.of("callback.StewardAssigned", "billing.ChargePosted"));
    }

    // ------------------------------------------------------------------ an unsatisfied owner (R5)

    @Test
    void anUnsatisfiedCallbackReopensTheTicketAndAFollowUpOrderGoesRoundAgain_R5() {
        String ticketId = steps.openTicket("flow-reopen-1", "u-reopen", "REPAIR", "\"paid\":false");
        String firstOrder = "WO-" + ticketId;
        steps.awaitOrder(firstOrder);
        steps.workFreeOrder(firstOrder, ENGINEERING_LEADER);

        String firstCallback =
                steps.awaitDueCallback(ticketId).get("callbackId").asText();
        expect(steps.completeCallback(firstCallback, ACCEPTOR, "DUTY_STAFF", false), 200);
        steps.awaitTicketStatus(ticketId, "REOPENED");

        // the same department goes again, free of charge, the new order linked to the first
        Reply orders = eventually(
                r -> r.status() == 200 && followUpOf(r.body(), ticketId, firstOrder) != null,
                () -> api.get("dispatch", "/api/orders?department=ENGINEERING&limit=500"));
        String followUp = followUpOf(orders.body(), ticketId, firstOrder);
        JsonNode order = steps.order(followUp);
        assertThat(order.get("followUpOf").asText()).isEqualTo(firstOrder);
        assertThat(order.get("paid").asBoolean()).isFalse();
        assertThat(order.get("assignee").asText()).isEqualTo(ENGINEERING_LEADER);
        steps.workFreeOrder(followUp, ENGINEERING_LEADER);

        String secondCallback =
                steps.awaitDueCallback(ticketId).get("callbackId").asText();
        assertThat(secondCallback).isNotEqualTo(firstCallback);
        assertThat(steps.callbacks(ticketId)).hasSize(2);
        expect(steps.completeCallback(secondCallback, ACCEPTOR, "DUTY_STAFF", true), 200);
        steps.awaitTicketStatus(ticketId, "CLOSED");

        assertThat(steps.settledObligations(ticketId))
                .containsExactlyInAnyOrder(
                        "R4 WITHDRAWN", "R9 FULFILLED", "R5 FULFILLED", "R9 FULFILLED", "R5 FULFILLED");
        steps.assertTimeline(
                ticketId,
                List.of(
                        "ticket.TicketOpened",
                        "dispatch.OrderDispatched",
                        "dispatch.OrderPickedUp",
                        "dispatch.WorkStarted",
                        "dispatch.OrderCompleted",
                        "dispatch.OrderReturned",
                        "callback.CallbackScheduled",
                        "callback.CallbackCompleted",
                        "ticket.TicketReopened",
                        "dispatch.OrderDispatched",
                        "dispatch.OrderPickedUp",
                        "dispatch.WorkStarted",
                        "dispatch.OrderCompleted",
                        "dispatch.OrderReturned",
                        "callback.CallbackScheduled",
                        "callback.CallbackCompleted",
                        "ticket.TicketClosed"),
                List.of("callback.StewardAssigned"));
    }

    private static String followUpOf(JsonNode orders, String ticketId, String firstOrder) {
        for (JsonNode o : orders) {
            if (o.get("ticketId").asText().equals(ticketId)
                    && !o.get("orderId").asText().equals(firstOrder)) {
                return o.get("orderId").asText();
            }
        }
        return null;
    }

    // ------------------------------------------------------------------ the month close (H7, H8)

    /**
     * H8 in real time: only a month that is over can close, and in a fresh system the previous calendar month is over
     * and empty (all orders are dispatched in the current month), so it closes with zero counts and is archived. A month with orders, its fees and statements are
     * covered by DispatchServiceIT#aMonthWithAnUnreturnedOrderCannotCloseAndAClosedMonthsOrdersRejectChanges_H8 and
     * BillingServiceIT#aCustomerWithAContractAndTwoPaidOrdersGetsTheRightStatementIssuedOnceAtMonthClose_H7_H8,
     * which move the clock.
     */
    @Test
    void aMonthThatIsOverClosesOnceAndItsRegistersAreArchived_H8() {
        // the last month already over in the last time zone to leave it (UTC-12), as dispatch-service requires
        YearMonth previous = YearMonth.now(ZoneOffset.ofHours(-12)).minusMonths(1);
        Reply closed = api.post("dispatch", "/api/months/" + previous + "/close", "{\"closedBy\":\"desk-head\"}");
        expect(closed, 200);
        assertThat(closed.get("month").asText()).isEqualTo(previous.toString());
        assertThat(closed.get("orderCount").asInt()).isZero();
        assertThat(closed.get("returnedCount").asInt()).isZero();
        assertThat(closed.get("contentHash").asText()).hasSize(64);

        // archived: every department's register of the month reports closed, and it closes only once
        for (String department : List.of("ENGINEERING", "CLEANING", "GREENING", "REWORK_LIAISON")) {
            Reply register = api.get("dispatch", "/api/registers/" + department + "/" + previous);
            expect(register, 200);
            assertThat(register.get("closed").asBoolean()).as(department).isTrue();
            assertThat(register.get("customers")).isEmpty();
        }
        Reply again = api.post("dispatch", "/api/months/" + previous + "/close", "{\"closedBy\":\"desk-head\"}");
        expect(again, 409);
        assertThat(again.get("rule").asText()).isEqualTo("H8");

        // billing hears of the close: the month takes no new charges, and a customer with nothing to bill has an
        // empty closed statement
        Reply statement = eventually(
                r -> r.status() == 200 && "CLOSED".equals(r.get("status").asText()),
                () -> steps.statement("u-free", previous));
        assertThat(statement.get("lines")).isEmpty();

        // the current month is not over yet
        Reply current = api.post("dispatch", "/api/months/" + thisMonth() + "/close", "{\"closedBy\":\"desk-head\"}");
        expect(current, 409);
        assertThat(current.get("rule").asText()).isEqualTo("H8");
    }
}
