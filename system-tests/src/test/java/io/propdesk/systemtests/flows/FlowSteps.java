package io.propdesk.systemtests.flows;

import static io.propdesk.systemtests.Answers.eventually;
import static io.propdesk.systemtests.Answers.expect;
import static io.propdesk.systemtests.Answers.status;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.propdesk.standalone.ServiceClient;
import io.propdesk.standalone.ServiceClient.Reply;
import io.propdesk.systemtests.scenario.Scenario;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.StreamSupport;

/**
 * The steps of PropDesk's flows as the people do them, through REST only: the front desk registers calls and calls
 * owners back, department leaders work their orders, stewards reply and sign off, billing quotes. Also the estate the
 * flows run in (the Object Mother of {@link FlowsIT}) and the checks every flow ends with.
 */
final class FlowSteps {

    static final ZoneId ESTATE_ZONE = Scenario.ZONE;
    static final String ESTATE = "harbour";
    static final String STEWARD = "steward-li";
    static final String ACCEPTOR = "desk-chen";
    static final String ENGINEERING_LEADER = "tl-zhang";
    static final String CLEANING_LEADER = "tl-qian";
    static final String CLEANING_DISPATCHER = "disp-ma";
    static final String GREENING_LEADER = "tl-sun";
    static final String REWORK_LIAISON = "liaison-x";

    private final ServiceClient api;

    /** Every request of the flows goes through the one scenario driver; this class adds the waiting and the checks. */
    private final Scenario scenario;

    FlowSteps(ServiceClient api) {
        this.api = api;
        this.scenario = new Scenario(api, new Scenario.Cast(ESTATE, "north", STEWARD, ACCEPTOR, "billing-wu"));
    }

    ServiceClient api() {
        return api;
    }

    /** The one scenario driver the steps send their requests through (issue 16: the phone system's steps too). */
    Scenario scenario() {
        return scenario;
    }

    // ------------------------------------------------------------------ the estate, its teams and price lists

    /** One estate, one area, one building whose steward follows every unit; each flow uses its own unit. */
    void configureEstate(List<String> units) {
        configureEstate(units, List.of());
    }

    /** The same estate, with the hotlines its owners call (issue 16: a call to one belongs to the estate). */
    void configureEstate(List<String> units, List<String> hotlines) {
        configureEstate(units, hotlines, today());
    }

    /** ...with the teams' price lists in force from {@code from} (the services' today when their clock is moved). */
    void configureEstate(List<String> units, List<String> hotlines, LocalDate from) {
        expect(scenario.putEstate(ESTATE, "Harbour View", "b1", units, hotlines), 200);
        // P1: in force from today in the company's zone (Asia/Shanghai, the estate's zone too); never in the past
        scenario.departments(
                        new Scenario.Teams(
                                ENGINEERING_LEADER,
                                CLEANING_LEADER,
                                CLEANING_DISPATCHER,
                                GREENING_LEADER,
                                REWORK_LIAISON),
                        from)
                .forEach(step -> expect(step.get(), 200));
    }

    /**
     * An estate in the same zone, with area "north" (so the teams configured for "north" serve it) and one building
     * whose steward follows the given units; a flow that reads an estate's handover or figures gets its own.
     */
    void putEstate(String estateId, String name, String buildingId, List<String> units) {
        expect(scenario.putEstate(estateId, name, buildingId, units), 200);
    }

    /** C5: the estate's shift handover as it stands now. */
    Reply handover(String estateId) {
        return api.get("callback", "/api/handover?estateId=" + estateId);
    }

    /**
     * The compliance figures of one estate over the period (obligations count at their due time), once they show
     * {@code until}: they are counted from callback-service's topic, so they follow the ledger.
     */
    JsonNode awaitComplianceOf(String estateId, Instant from, Instant to, Predicate<JsonNode> until) {
        Reply report = eventually(
                r -> r.status() == 200
                        && groupOf(r.body(), estateId) != null
                        && until.test(groupOf(r.body(), estateId)),
                () -> api.get("callback", "/api/sla/compliance?from=%s&to=%s&groupBy=estate".formatted(from, to)));
        return groupOf(report.body(), estateId);
    }

    private static JsonNode groupOf(JsonNode report, String key) {
        for (JsonNode group : report.get("groups")) {
            if (group.get("key").asText().equals(key)) {
                return group;
            }
        }
        return null;
    }

    static LocalDate today() {
        return Scenario.today();
    }

    static YearMonth thisMonth() {
        return YearMonth.now(ESTATE_ZONE);
    }

    // ------------------------------------------------------------------ front desk (R1, R5, C2, H5)

    /** R1: the duty staff register a call; {@code extra} adds fields such as paid, severity or serviceTime. */
    String openTicket(String callId, String unitId, String kind, String extra) {
        Reply opened = scenario.openTicket(callId, unitId, kind, extra);
        expect(opened, 201);
        assertThat(opened.get("stewardId").asText())
                .as("R3: the unit's steward follows the ticket")
                .isEqualTo(STEWARD);
        return opened.get("ticketId").asText();
    }

    JsonNode ticket(String ticketId) {
        Reply ticket = scenario.ticket(ticketId);
        expect(ticket, 200);
        return ticket.body();
    }

    /** The ticket's state once the services have told each other what happened (over Kafka). */
    JsonNode awaitTicketStatus(String ticketId, String status) {
        return eventually(
                        r -> r.status() == 200 && status.equals(r.get("status").asText()),
                        () -> api.get("ticket", "/api/tickets/" + ticketId))
                .body();
    }

    /** The ticket's callback the front desk has still to make, once callback-service has scheduled it. */
    JsonNode awaitDueCallback(String ticketId) {
        Reply due = eventually(
                r -> r.status() == 200 && callbackOf(r.body(), ticketId) != null,
                () -> api.get("callback", "/api/callbacks?status=due&ticketId=" + ticketId));
        return callbackOf(due.body(), ticketId);
    }

    /** Every callback of the ticket, made or not. */
    List<JsonNode> callbacks(String ticketId) {
        Reply all = api.get("callback", "/api/callbacks?ticketId=" + ticketId); // every status, never paged away
        expect(all, 200);
        return StreamSupport.stream(all.body().spliterator(), false)
                .filter(c -> c.get("ticketId").asText().equals(ticketId))
                .toList();
    }

    private static JsonNode callbackOf(JsonNode callbacks, String ticketId) {
        for (JsonNode callback : callbacks) {
            if (callback.get("ticketId").asText().equals(ticketId)
                    && !callback.get("completed").asBoolean()) {
                return callback;
            }
        }
        return null;
    }

    Reply completeCallback(String callbackId, String callerId, String role, boolean satisfied) {
        return scenario.completeCallback(callbackId, callerId, role, satisfied);
    }

    /** R5, H5: the acceptor reaches the owner, who is satisfied; the ticket closes. */
    void callBackSatisfied(String ticketId) {
        String callbackId = awaitDueCallback(ticketId).get("callbackId").asText();
        expect(completeCallback(callbackId, ACCEPTOR, "DUTY_STAFF", true), 200);
        awaitTicketStatus(ticketId, "CLOSED");
    }

    // ------------------------------------------------------------------ stewards (R4, C1, C3)

    Reply stewardReplies(String ticketId, String message) {
        return scenario.stewardReply(ticketId, message);
    }

    Reply signOff(String ticketId) {
        return scenario.signOff(ticketId);
    }

    /** C1: the steward routes a complaint to the department that handles it, once dispatch knows the ticket. */
    JsonNode routeComplaint(String ticketId, String department) {
        return eventually(status(201), () -> scenario.routeComplaint(ticketId, department))
                .body();
    }

    // ------------------------------------------------------------------ departments (R2, R7, R8, R9)

    /** The order once dispatch-service has issued it (it learns of the ticket over Kafka). */
    JsonNode awaitOrder(String orderId) {
        return eventually(status(200), () -> scenario.order(orderId)).body();
    }

    JsonNode order(String orderId) {
        Reply order = scenario.order(orderId);
        expect(order, 200);
        return order.body();
    }

    void pickUp(String orderId, String leader) {
        expect(scenario.pickUp(orderId, leader), 200);
    }

    Reply start(String orderId, String by) {
        return scenario.start(orderId, by);
    }

    /** R7: a paid order starts once dispatch has heard of the accepted quote (over Kafka). */
    void startOnceQuoteAccepted(String orderId, String by) {
        eventually(status(200), () -> start(orderId, by));
    }

    /** The work is done and the order goes back to the front desk (R8, R9, H5). */
    void completeAndReturn(String orderId, String by) {
        expect(scenario.complete(orderId, by), 200);
        Reply returned = scenario.returnOrder(orderId, by);
        expect(returned, 200);
        assertThat(returned.get("status").asText()).isEqualTo("RETURNED");
    }

    /** R6: the rework liaison's daily report on the contractor's work. */
    Reply reworkReport(String orderId, LocalDate date, String progress, boolean resolved) {
        return scenario.reworkReport(orderId, date, progress, REWORK_LIAISON, resolved);
    }

    /** A free order's whole lifecycle: picked up by its assignee, started, completed and returned. */
    void workFreeOrder(String orderId, String leader) {
        pickUp(orderId, leader);
        expect(start(orderId, leader), 200);
        completeAndReturn(orderId, leader);
    }

    // ------------------------------------------------------------------ billing (R7, P2, H7)

    /** P2: priced on site by the steward with the department's professional; billing must know the order first. */
    String quote(String ticketId, String orderId, String department, String lines) {
        Reply quote = eventually(status(201), () -> scenario.quote(ticketId, orderId, department, lines));
        return quote.get("quoteId").asText();
    }

    Reply acceptQuote(String quoteId) {
        return scenario.acceptQuote(quoteId);
    }

    Reply statement(String customerId, YearMonth month) {
        return api.get("billing", "/api/statements/" + customerId + "/" + month);
    }

    // ------------------------------------------------------------------ the checks every flow ends with

    /**
     * The ticket's obligations as "RULE STATUS" (e.g. "R9 FULFILLED"), once none is open any more: the ledger
     * withdraws what is still open when the ticket closes, which reaches it over Kafka.
     */
    List<String> settledObligations(String ticketId) {
        Reply settled = eventually(
                r -> r.status() == 200
                        && !r.body().isEmpty()
                        && StreamSupport.stream(r.body().spliterator(), false)
                                .noneMatch(o -> o.get("status").asText().equals("OPEN")),
                () -> api.get("callback", "/api/obligations?ticketId=" + ticketId));
        return obligations(settled.body());
    }

    /** The obligations as they stand now, as "RULE STATUS". */
    List<String> obligations(String ticketId) {
        Reply now = api.get("callback", "/api/obligations?ticketId=" + ticketId);
        expect(now, 200);
        return obligations(now.body());
    }

    /** Waits until the ledger shows {@code ruleAndStatus} (e.g. "R9 FULFILLED") among the ticket's obligations. */
    void awaitObligation(String ticketId, String ruleAndStatus) {
        eventually(
                r -> r.status() == 200 && obligations(r.body()).contains(ruleAndStatus),
                () -> api.get("callback", "/api/obligations?ticketId=" + ticketId));
    }

    private static List<String> obligations(JsonNode list) {
        List<String> result = new ArrayList<>();
        list.forEach(
                o -> result.add(o.get("rule").asText() + " " + o.get("status").asText()));
        return result;
    }

    /**
     * R10: the ticket's timeline (every service's events, in order). Waits until it shows every expected event, then
     * checks that {@code inOrder} appear in that order and exactly that often, that each of {@code alongside} (events
     * that happen concurrently with the chain, e.g. a charge posted while the order is being returned) appears as
     * often as listed, and that no event appears twice (neither the same event id nor the same event with another id).
     * Events are named "service.EventName", e.g. "dispatch.OrderDispatched".
     *
     * @return the timeline's event names, in order
     */
    List<String> assertTimeline(String ticketId, List<String> inOrder, List<String> alongside) {
        List<String> expected = new ArrayList<>(inOrder);
        expected.addAll(alongside);
        Reply timeline = eventually(
                r -> r.status() == 200 && containsAtLeast(names(r.body()), expected),
                () -> api.get("ticket", "/api/tickets/" + ticketId + "/timeline"));
        List<String> names = names(timeline.body());

        Set<String> ids = new HashSet<>();
        Set<JsonNode> events = new HashSet<>();
        for (JsonNode entry : timeline.body()) {
            assertThat(ids.add(entry.get("id").asText()))
                    .as("event id %s twice in %s", entry.get("id"), names)
                    .isTrue();
            assertThat(events.add(ServiceClient.JSON
                            .createObjectNode()
                            .put("type", entry.get("type").asText())
                            .set("data", entry.get("data"))))
                    .as("the same %s twice in %s", entry.get("type"), names)
                    .isTrue();
        }
        for (String name : new HashSet<>(expected)) {
            assertThat(Collections.frequency(names, name))
                    .as("how often %s is in %s", name, names)
                    .isEqualTo(Collections.frequency(expected, name));
        }
        assertThat(names.stream().filter(inOrder::contains).toList())
                .as("the order of %s", names)
                .containsExactlyElementsOf(inOrder);
        return names;
    }

    /** The timeline's event names as they stand now. */
    List<String> timeline(String ticketId) {
        Reply timeline = api.get("ticket", "/api/tickets/" + ticketId + "/timeline");
        expect(timeline, 200);
        return names(timeline.body());
    }

    private static boolean containsAtLeast(List<String> names, List<String> expected) {
        return expected.stream().allMatch(n -> Collections.frequency(names, n) >= Collections.frequency(expected, n));
    }

    /** "propdesk.dispatch.OrderDispatched.v1" is "dispatch.OrderDispatched". */
    private static List<String> names(JsonNode timeline) {
        List<String> names = new ArrayList<>();
        for (JsonNode entry : timeline) {
            String[] parts = entry.get("type").asText().split("\\.");
            names.add(parts[1] + "." + parts[2]);
        }
        return names;
    }
}
