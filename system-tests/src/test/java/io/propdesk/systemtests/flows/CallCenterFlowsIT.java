package io.propdesk.systemtests.flows;

import static io.propdesk.systemtests.Answers.eventually;
import static io.propdesk.systemtests.Answers.expect;
import static io.propdesk.systemtests.flows.FlowSteps.ENGINEERING_LEADER;
import static io.propdesk.systemtests.flows.FlowSteps.ESTATE;
import static io.propdesk.systemtests.flows.FlowSteps.ESTATE_ZONE;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.propdesk.contracts.cloudevents.CloudEventCodec;
import io.propdesk.platform.security.webhook.WebhookSignature;
import io.propdesk.platform.testing.TopicReader;
import io.propdesk.standalone.Options;
import io.propdesk.standalone.PropDeskStandalone;
import io.propdesk.standalone.Running;
import io.propdesk.standalone.ServiceClient;
import io.propdesk.standalone.ServiceClient.Reply;
import io.propdesk.systemtests.MovableClock;
import io.propdesk.systemtests.scenario.Scenario;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import java.util.stream.StreamSupport;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 16 end to end: the four services running together on the real broker and the MongoDB-wire server, driven
 * through REST only as a phone system (call events to {@code /api/cti/events}, signed or with credentials) and the
 * front desk use them. Missed calls become M1 obligations in callback-service from the call events ticket-service
 * publishes, are returned, breached, withdrawn; dialled callbacks record their attempts (R5, C2).
 *
 * <p>Every service runs on one injected clock that ticks like the real one from a working morning of the estate and
 * that the tests move forward to let an SLA window pass; nothing sleeps for a window. Each test has its own caller
 * numbers and call ids, and moves the clock on first, so its due times are its own.
 */
class CallCenterFlowsIT {

    /** The estate's hotline, as the phone system writes it; ticket-service keeps it in E.164. */
    private static final String HOTLINE = "4008001234";

    private static final String SECRET = "whsec_"
            + Base64.getEncoder().encodeToString("propdesk-callflows-it-secret-32b".getBytes(StandardCharsets.UTF_8));

    private static final String FORM = "application/x-www-form-urlencoded";

    private static final List<String> UNITS = List.of("u-call", "u-dial", "u-major");

    /** M1: returned within 30 minutes of the working day (the default window). */
    private static final Duration M1_WINDOW = Duration.ofMinutes(30);

    private static final MovableClock CLOCK = MovableClock.atNextWorkingMorning(ESTATE_ZONE);

    private static final AtomicInteger NUMBERS = new AtomicInteger();

    @TempDir
    static Path dataDir;

    private static Running system;
    private static ServiceClient api;
    private static FlowSteps steps;
    private static Scenario phone;

    @BeforeAll
    static void startTheSystem() {
        system = PropDeskStandalone.start(Options.randomPorts(dataDir)
                .serviceArg("--propdesk.cti.webhook-secrets.pbx-it=" + SECRET)
                .contextInitializer(context -> context.getBeanFactory().registerSingleton("clock", CLOCK)));
        api = ServiceClient.of(system);
        steps = new FlowSteps(api);
        phone = steps.scenario();
        steps.configureEstate(UNITS, List.of(HOTLINE), CLOCK.today());
    }

    /**
     * Before the system stops, every event the call flows made it publish (the calls' own, M1's obligation events
     * without a ticket, the dialled callbacks' attempts) is checked against its published JSON Schema and the
     * documented dedupe key, as {@link FlowsIT} checks the other flows'.
     */
    @AfterAll
    static void stopTheSystem() throws Exception {
        try {
            if (system != null) {
                List<ConsumerRecord<String, byte[]>> events = FlowsIT.everyPublishedEvent(system);
                assertThat(events.stream()
                                .map(e -> TopicReader.header(e, CloudEventCodec.CE_TYPE))
                                .distinct())
                        .as("the call flows' event types")
                        .contains(
                                "propdesk.ticket.CallStarted.v1",
                                "propdesk.ticket.CallAnswered.v1",
                                "propdesk.ticket.CallEnded.v1",
                                "propdesk.ticket.CallLinked.v1",
                                "propdesk.callback.ObligationOpened.v1",
                                "propdesk.callback.ObligationFulfilled.v1",
                                "propdesk.callback.SlaBreached.v1",
                                "propdesk.callback.ObligationWithdrawn.v1",
                                "propdesk.callback.CallbackCallEnded.v1");
                noListenerDeadLetteredACallOrATicketlessObligation();
                FlowsIT.everyEventValidatesAgainstItsPublishedSchema_issue15_item13(events);
                FlowsIT.sourceAggregateAndSequenceIdentifyOneEventAcrossTheSystem_issue13_defect5(events);
            }
        } finally {
            if (system != null) {
                system.close();
            }
        }
    }

    /** Each test's due times are its own: nothing of another test falls on the same instant. */
    @BeforeEach
    void moveOn() {
        CLOCK.advance(Duration.ofMinutes(2));
    }

    /**
     * Every service reads the others' topics: none may choke on the call events or on M1's obligation events, which
     * have no ticket (a record a listener cannot handle goes to {@code <topic>.<group>.dlt}).
     */
    private static void noListenerDeadLetteredACallOrATicketlessObligation() throws Exception {
        try (Admin admin =
                Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, system.kafkaBootstrapServers()))) {
            for (String topic : admin.listTopics().names().get()) {
                if (!topic.endsWith(".dlt")) {
                    continue;
                }
                try (TopicReader reader = new TopicReader(system.kafkaBootstrapServers(), topic)) {
                    assertThat(reader.readUntilQuiet(Duration.ofSeconds(1), Duration.ofSeconds(10)))
                            .as("dead letters on " + topic)
                            .isEmpty();
                }
            }
        }
    }

    // ------------------------------------------------------------------ M1: missed calls returned

    @Test
    void anUnansweredCallToTheHotlineIsOwedAReturnWithinThirtyWorkingMinutesAndAnAnsweredReturnCallMeetsIt_M1() {
        String number = ownersNumber();
        String missed = "cc-missed-" + number;
        Instant before = CLOCK.instant();
        ring(missed, number);
        expect(phone.hangup(missed, "in", "noAnswer"), 200);
        Instant after = CLOCK.instant();
        Reply retried = phone.hangup(missed, "in", "noAnswer");
        expect(retried, 200);
        assertThat(retried.get("taken").asBoolean())
                .as("the PBX's retry changes nothing")
                .isFalse();

        JsonNode obligation = awaitOpenM1(missed);
        assertThat(obligation.get("estateId").asText())
                .as("the hotline's estate")
                .isEqualTo(ESTATE);
        Instant missedAt = Instant.parse(obligation.get("openedAt").asText());
        Instant dueAt = Instant.parse(obligation.get("dueAt").asText());
        assertThat(missedAt).as("missed at the hangup").isBetween(before, after);
        assertThat(dueAt).as("M1: 30 working minutes after the hangup").isEqualTo(missedAt.plus(M1_WINDOW));
        assertThat(obligation.get("party").asText()).isEqualTo("front desk");

        // the desk calls the number back: out from the hotline, the owner answers
        String returned = "cc-return-" + number;
        // the agent dials the number as written on the screen, not as the caller id came in: the same number
        expect(
                phone.newCall(returned, "out", HOTLINE, "+86 " + number.substring(0, 3) + " " + number.substring(3)),
                200);
        Reply call = api.get("ticket", "/api/calls/" + returned);
        expect(call, 200);
        assertThat(call.get("returnsCallIds")).extracting(JsonNode::asText).containsExactly(missed);
        expect(phone.answer(returned, "out", "desk-chen"), 200);
        expect(phone.hangup(returned, "out", "normalClearing"), 200);

        awaitNotOpen(missed);
        JsonNode m1 = awaitM1Figures(dueAt, f -> f.get("met").asLong() == 1);
        assertThat(m1.get("breached").asLong()).isZero();
        assertThat(m1.get("due").asLong()).isEqualTo(1);
    }

    @Test
    void threeUnansweredReturnCallsInTimeCloseTheMissedCallAsUnreachableAndMet_M1() {
        String number = ownersNumber();
        String missed = "cc-unreachable-" + number;
        ring(missed, number);
        expect(phone.hangup(missed, "in", "cancel"), 200);
        Instant dueAt = Instant.parse(awaitOpenM1(missed).get("dueAt").asText());

        for (int attempt = 1; attempt <= 3; attempt++) {
            String returned = "cc-attempt-" + attempt + "-" + number;
            expect(phone.newCall(returned, "out", HOTLINE, number), 200);
            expect(phone.hangup(returned, "out", attempt == 2 ? "busy" : "noAnswer"), 200);
            if (attempt < 3) {
                assertThat(openM1Of(
                                api.get("callback", "/api/obligations?status=open&rule=M1&limit=200")
                                        .body(),
                                missed))
                        .as("still open after %d unanswered attempts", attempt)
                        .isNotNull();
            }
        }

        awaitNotOpen(missed);
        JsonNode m1 = awaitM1Figures(dueAt, f -> f.get("met").asLong() == 1);
        assertThat(m1.get("breached").asLong()).isZero();
    }

    @Test
    void aMissedCallNobodyReturnsIsBreachedOnceWhenItsWindowPasses_M1() {
        String number = ownersNumber();
        String missed = "cc-unreturned-" + number;
        ring(missed, number);
        expect(phone.hangup(missed, "in", "busy"), 200);
        Instant dueAt = Instant.parse(awaitOpenM1(missed).get("dueAt").asText());

        CLOCK.advance(M1_WINDOW.plusMinutes(1));

        awaitNotOpen(missed);
        JsonNode m1 = awaitM1Figures(dueAt, f -> f.get("breached").asLong() == 1);
        assertThat(m1.get("met").asLong()).isZero();

        // a further tick after more time: a hangup of another cause is missed only once 60 s passed without an
        // answer, which only the ticker decides, so its obligation opening shows the ticker ran after this move
        String later = "cc-later-" + number;
        ring(later, ownersNumber());
        expect(phone.hangup(later, "in", "normalClearing"), 200);
        CLOCK.advance(Duration.ofSeconds(61));
        awaitOpenM1(later);

        JsonNode still = m1Figures(dueAt);
        assertThat(still.get("breached").asLong())
                .as("M1 breached once, not at every tick")
                .isEqualTo(1);
        assertThat(still.get("due").asLong()).isEqualTo(1);
    }

    @Test
    void aLateAnswerAfterTheHangupWithdrawsTheMissedCall_M1() {
        String number = ownersNumber();
        String call = "cc-late-" + number;
        ring(call, number);
        expect(phone.hangup(call, "in", "noAnswer"), 200);
        Instant dueAt = Instant.parse(awaitOpenM1(call).get("dueAt").asText());

        // out of order: the PBX's answer arrives after its hangup; the call was answered after all
        expect(phone.answer(call, "in", "desk-chen"), 200);

        awaitNotOpen(call);
        Reply answered = api.get("ticket", "/api/calls/" + call);
        expect(answered, 200);
        assertThat(answered.get("answered").asBoolean()).isTrue();
        // withdrawn: neither met nor missed
        assertThat(m1Figures(dueAt)).isNull();
    }

    @Test
    void aTicketOpenedWithTheCallsIdWithdrawsTheMissedCallAndShowsTheCallOnItsTimeline_M1_R1_R10() {
        String number = ownersNumber();
        String call = "cc-ticket-" + number;
        ring(call, number);
        expect(phone.hangup(call, "in", "noAnswer"), 200);
        Instant dueAt = Instant.parse(awaitOpenM1(call).get("dueAt").asText());

        // the desk registers the owner's repair under the call's id
        String ticketId = steps.openTicket(call, "u-call", "REPAIR", "\"paid\":false");

        awaitNotOpen(call);
        assertThat(m1Figures(dueAt)).as("withdrawn: neither met nor missed").isNull();
        Reply calls = eventually(
                r -> r.status() == 200 && r.body().size() == 1,
                () -> api.get("ticket", "/api/calls?ticketId=" + ticketId));
        assertThat(calls.body().get(0).get("callId").asText()).isEqualTo(call);
        assertThat(eventually(
                                r -> r.status() == 200
                                        && ticketId.equals(
                                                r.get("linkedTicketId").asText(null)),
                                () -> api.get("ticket", "/api/calls/" + call))
                        .get("estateId")
                        .asText())
                .isEqualTo(ESTATE);
        eventually(
                r -> r.status() == 200
                        && types(r.body())
                                .containsAll(List.of(
                                        "propdesk.ticket.TicketOpened.v1",
                                        "propdesk.ticket.CallStarted.v1",
                                        "propdesk.ticket.CallEnded.v1",
                                        "propdesk.ticket.CallLinked.v1")),
                () -> api.get("ticket", "/api/tickets/" + ticketId + "/timeline"));
    }

    // ------------------------------------------------------------------ R5, C2: callbacks dialled

    @Test
    void aDialledCallbackRecordsTheUnansweredAttemptsThenTheReachedOwnerAndCloses_R5() {
        String ticketId = steps.openTicket("cc-repair-" + ownersNumber(), "u-dial", "REPAIR", "\"paid\":false");
        String orderId = "WO-" + ticketId;
        steps.awaitOrder(orderId);
        steps.workFreeOrder(orderId, ENGINEERING_LEADER);
        String callbackId = steps.awaitDueCallback(ticketId).get("callbackId").asText();

        // the desk dials: ticket-service answers the owner's number and the call id the PBX reports it under
        Reply first = phone.dial(callbackId, "DUTY_STAFF");
        expect(first, 201);
        assertThat(first.get("number").asText()).isEqualTo("+86" + Scenario.CALLER_PHONE);
        String firstCall = first.get("callId").asText();
        expect(phone.hangup(firstCall, "out", "noAnswer"), 200);

        JsonNode attempted = awaitCallback(ticketId, c -> c.get("attempts").asInt() == 1);
        assertThat(attempted.get("completed").asBoolean()).isFalse();
        assertThat(attempted.get("reachedAt").isNull()).as("not reached").isTrue();
        assertThat(attempted.get("lastCallId").asText()).isEqualTo(firstCall);

        // an agent calls from the phone itself, which names the callback: busy, a second failed attempt
        String fromThePhone = "cc-phone-" + callbackId.replace(':', '-');
        expect(phone.newCallForCallback(fromThePhone, HOTLINE, Scenario.CALLER_PHONE, callbackId), 200);
        expect(phone.hangup(fromThePhone, "out", "busy"), 200);
        assertThat(awaitCallback(ticketId, c -> c.get("attempts").asInt() == 2)
                        .get("lastCallId")
                        .asText())
                .isEqualTo(fromThePhone);

        Reply second = phone.dial(callbackId, "DUTY_STAFF");
        expect(second, 201);
        String secondCall = second.get("callId").asText();
        expect(phone.answer(secondCall, "out", FlowSteps.ACCEPTOR), 200);
        expect(phone.hangup(secondCall, "out", "normalClearing"), 200);

        JsonNode reached = awaitCallback(ticketId, c -> !c.get("reachedAt").isNull());
        assertThat(reached.get("lastCallId").asText()).isEqualTo(secondCall);
        assertThat(reached.get("attempts").asInt())
                .as("the failed attempts stay counted")
                .isEqualTo(2);

        // the owner was reached: the desk records the satisfaction outcome as today
        steps.callBackSatisfied(ticketId);
        // R10: each call's end and each failed attempt on the ticket's timeline, in order, nothing twice
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
                        "callback.CallbackCallEnded",
                        "callback.CallbackAttempted",
                        "callback.CallbackCallEnded",
                        "callback.CallbackAttempted",
                        "callback.CallbackCallEnded",
                        "callback.CallbackCompleted",
                        "ticket.TicketClosed"),
                List.of("callback.StewardAssigned"));
        Reply calls = api.get("ticket", "/api/calls?ticketId=" + ticketId);
        expect(calls, 200);
        assertThat(StreamSupport.stream(calls.body().spliterator(), false)
                        .map(c -> c.get("callId").asText())
                        .toList())
                .containsExactlyInAnyOrder(firstCall, fromThePhone, secondCall);
    }

    @Test
    void aMajorComplaintsCallbackIsDialledByAManagerNeverByDutyStaffAndRecordsTheReachedOwner_C2_R5() {
        String ticketId =
                steps.openTicket("cc-major-" + ownersNumber(), "u-major", "COMPLAINT", "\"severity\":\"MAJOR\"");
        String orderId =
                steps.routeComplaint(ticketId, "ENGINEERING").get("orderId").asText();
        steps.workFreeOrder(orderId, ENGINEERING_LEADER);
        steps.awaitObligation(ticketId, "R9 FULFILLED");
        expect(steps.signOff(ticketId), 201);
        String callbackId = steps.awaitDueCallback(ticketId).get("callbackId").asText();

        // C2: duty staff may not make this call, so ticket-service does not answer them the owner's number
        Reply byDesk = phone.dial(callbackId, "DUTY_STAFF");
        expect(byDesk, 403);
        assertThat(byDesk.raw()).contains("C2").doesNotContain(Scenario.CALLER_PHONE);
        Reply none = api.get("ticket", "/api/calls?ticketId=" + ticketId);
        expect(none, 200);
        assertThat(none.body()).as("nothing dialled").isEmpty();

        Reply byManager = phone.dial(callbackId, "MANAGER");
        expect(byManager, 201);
        String call = byManager.get("callId").asText();
        expect(phone.answer(call, "out", "mgr-zhou"), 200);
        expect(phone.hangup(call, "out", "normalClearing"), 200);
        JsonNode reached = awaitCallback(ticketId, c -> !c.get("reachedAt").isNull());
        assertThat(reached.get("lastCallId").asText()).isEqualTo(call);
        assertThat(reached.get("attempts").asInt()).isZero();

        expect(steps.completeCallback(callbackId, "mgr-zhou", "MANAGER", true), 200);
        steps.awaitTicketStatus(ticketId, "CLOSED");
    }

    // ------------------------------------------------------------------ signed webhooks (issue 16 §1)

    @Test
    void aSignedCallEventWithoutCredentialsIsTakenAndItsMissedCallIsOwedAReturn_M1() {
        String number = ownersNumber();
        String call = "cc-signed-" + number;
        String newCall = Scenario.callEvent("newCall", call, "in", number, HOTLINE, null, null);

        Reply unsigned = api.anonymous().post("ticket", "/api/cti/events", newCall);
        expect(unsigned, 401);
        expect(signed("msg-" + call + "-0", newCall, newCall, "application/json"), 200);
        // a PBX configured for Zammad sends its form body; a signature over other bytes, or a replay, is refused
        String hangup = "event=hangup&direction=in&callId=" + call + "&cause=noAnswer&user%5B%5D=desk-chen";
        expect(signed("msg-" + call + "-1", hangup.replace("noAnswer", "normalClearing"), hangup, FORM), 401);
        expect(signed("msg-" + call + "-1", hangup, hangup, FORM), 200);
        expect(signed("msg-" + call + "-1", hangup, hangup, FORM), 401);

        Reply logged = api.get("ticket", "/api/calls/" + call);
        expect(logged, 200);
        assertThat(logged.get("estateId").asText()).isEqualTo(ESTATE);
        assertThat(logged.get("cause").asText()).isEqualTo("NO_ANSWER");
        awaitOpenM1(call);
    }

    // ------------------------------------------------------------------ the phone system and the desk

    /** A fresh owner's mobile number for each call, so no call returns another test's missed call. */
    private static String ownersNumber() {
        return "1390%07d".formatted(NUMBERS.incrementAndGet() * 7919 % 10_000_000);
    }

    private static void ring(String callId, String from) {
        Reply rang = phone.newCall(callId, "in", from, HOTLINE);
        expect(rang, 200);
        assertThat(rang.get("taken").asBoolean()).isTrue();
    }

    /**
     * A call event signed as Standard Webhooks says, with the secret configured for the test system: the signature
     * covers {@code signedBody}, {@code body} is sent.
     */
    private static Reply signed(String messageId, String signedBody, String body, String contentType) {
        long timestamp = CLOCK.instant().getEpochSecond();
        String signature = WebhookSignature.sign(
                WebhookSignature.key(SECRET), messageId, timestamp, signedBody.getBytes(StandardCharsets.UTF_8));
        return api.anonymous()
                .call(
                        "ticket",
                        "POST",
                        "/api/cti/events",
                        body,
                        Map.of(
                                WebhookSignature.ID,
                                messageId,
                                WebhookSignature.TIMESTAMP,
                                Long.toString(timestamp),
                                WebhookSignature.SIGNATURE,
                                signature,
                                "Content-Type",
                                contentType));
    }

    /** The call's M1 obligation once callback-service lists it among the open ones. */
    private static JsonNode awaitOpenM1(String callId) {
        Reply open = eventually(
                r -> r.status() == 200 && openM1Of(r.body(), callId) != null,
                () -> api.get("callback", "/api/obligations?status=open&rule=M1&estateId=" + ESTATE + "&limit=200"));
        List<Instant> dues = StreamSupport.stream(open.body().spliterator(), false)
                .filter(o -> !o.get("dueAt").isNull())
                .map(o -> Instant.parse(o.get("dueAt").asText()))
                .toList();
        assertThat(dues).as("open obligations, earliest due first").isSorted();
        JsonNode obligation = openM1Of(open.body(), callId);
        assertThat(obligation.get("rule").asText()).isEqualTo("M1");
        assertThat(obligation.get("ticketId").isNull())
                .as("a missed call has no ticket")
                .isTrue();
        assertThat(obligation.get("status").asText()).isEqualTo("OPEN");
        return obligation;
    }

    private static void awaitNotOpen(String callId) {
        eventually(
                r -> r.status() == 200 && openM1Of(r.body(), callId) == null,
                () -> api.get("callback", "/api/obligations?status=open&rule=M1&limit=200"));
    }

    private static JsonNode openM1Of(JsonNode list, String callId) {
        for (JsonNode obligation : list) {
            if (callId.equals(obligation.get("callId").asText(null))) {
                return obligation;
            }
        }
        return null;
    }

    /** M1's figures among the obligations due at exactly {@code dueAt} (this test's own), or null when none count. */
    private static JsonNode m1Figures(Instant dueAt) {
        Reply report = compliance(dueAt);
        expect(report, 200);
        return m1Of(report.body());
    }

    private static JsonNode awaitM1Figures(Instant dueAt, Predicate<JsonNode> until) {
        Reply report = eventually(
                r -> r.status() == 200 && m1Of(r.body()) != null && until.test(m1Of(r.body())),
                () -> compliance(dueAt));
        return m1Of(report.body());
    }

    private static Reply compliance(Instant dueAt) {
        return api.get(
                "callback", "/api/sla/compliance?from=%s&to=%s&groupBy=rule".formatted(dueAt, dueAt.plusMillis(1)));
    }

    private static JsonNode m1Of(JsonNode report) {
        for (JsonNode group : report.get("groups")) {
            if (group.get("key").asText().equals("M1")) {
                return group;
            }
        }
        return null;
    }

    private static JsonNode awaitCallback(String ticketId, Predicate<JsonNode> until) {
        Reply due = eventually(
                r -> r.status() == 200 && callbackOf(r.body(), ticketId, until) != null,
                () -> api.get("callback", "/api/callbacks?status=due&ticketId=" + ticketId));
        return callbackOf(due.body(), ticketId, until);
    }

    private static JsonNode callbackOf(JsonNode callbacks, String ticketId, Predicate<JsonNode> until) {
        for (JsonNode callback : callbacks) {
            if (callback.get("ticketId").asText().equals(ticketId) && until.test(callback)) {
                return callback;
            }
        }
        return null;
    }

    private static List<String> types(JsonNode timeline) {
        return StreamSupport.stream(timeline.spliterator(), false)
                .map(e -> e.get("type").asText())
                .toList();
    }
}
