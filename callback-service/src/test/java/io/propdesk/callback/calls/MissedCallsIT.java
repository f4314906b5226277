package io.propdesk.callback.calls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.propdesk.callback.CallbackServiceApplication;
import io.propdesk.callback.Upstream;
import io.propdesk.callback.domain.LedgerDesk;
import io.propdesk.callback.domain.LedgerView.CallbackView;
import io.propdesk.callback.query.Compliance;
import io.propdesk.callback.query.LedgerDocuments;
import io.propdesk.contracts.EventTypes;
import io.propdesk.contracts.PublicEvent;
import io.propdesk.contracts.SlaRule;
import io.propdesk.contracts.TicketKind;
import io.propdesk.contracts.Topics;
import io.propdesk.contracts.callback.CallbackAttempted;
import io.propdesk.contracts.callback.CallbackScheduled;
import io.propdesk.contracts.callback.ObligationAtRisk;
import io.propdesk.contracts.callback.ObligationFulfilled;
import io.propdesk.contracts.callback.ObligationOpened;
import io.propdesk.contracts.callback.ObligationWithdrawn;
import io.propdesk.contracts.callback.SlaBreached;
import io.propdesk.contracts.cloudevents.CloudEventCodec;
import io.propdesk.contracts.ticket.CallAnswered;
import io.propdesk.contracts.ticket.CallDirection;
import io.propdesk.contracts.ticket.CallEnded;
import io.propdesk.contracts.ticket.CallLinked;
import io.propdesk.contracts.ticket.CallStarted;
import io.propdesk.contracts.ticket.HangupCause;
import io.propdesk.embedded.SharedInfrastructure;
import io.propdesk.embedded.SharedInfrastructureInitializer;
import io.propdesk.platform.calendar.EstateCalendars;
import io.propdesk.platform.testing.MutableClock;
import io.propdesk.platform.testing.TopicReader;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;

/**
 * Missed calls (M1) and dialled callbacks (issue 16 §3, §4) end to end on the real broker and store: the call log's
 * events published on ticket-service's topic as its relay would, the obligation events read back from
 * callback-service's topic, time moved by hand, the service restarted.
 */
class MissedCallsIT {

    private static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");
    // 2026-12-01 is a Tuesday; the estate works 08:30-17:30
    static final MutableClock CLOCK = new MutableClock(local("2026-12-01T10:00"));

    static class Clocks {
        @Bean
        @Primary
        Clock testClock() {
            return CLOCK;
        }
    }

    private final String kafka = SharedInfrastructure.get().kafkaBootstrapServers();
    private final String run = UUID.randomUUID().toString().substring(0, 6);
    private final String database = "callback_m1_" + run;
    private final String estate = "estate-m1-" + run;

    static Instant local(String dateTime) {
        return LocalDateTime.parse(dateTime).atZone(SHANGHAI).toInstant();
    }

    private ConfigurableApplicationContext start() {
        return new SpringApplicationBuilder(CallbackServiceApplication.class, Clocks.class)
                .properties("spring.config.name=callback-service")
                .initializers(new SharedInfrastructureInitializer())
                .run("--server.port=0", "--spring.data.mongodb.database=" + database);
    }

    private String call(String name) {
        return name + "-" + run;
    }

    private void inbound(Upstream upstream, String callId, HangupCause cause, boolean answered, Instant endedAt) {
        Instant started = endedAt.minusSeconds(40);
        upstream.call(
                new CallStarted(
                        callId,
                        CallDirection.IN,
                        "pii:v1:k:from",
                        "pii:v1:k:to",
                        List.of(),
                        "hotline",
                        estate,
                        estate + ":U-1",
                        null,
                        List.of(),
                        started),
                started);
        if (answered) {
            upstream.call(
                    new CallAnswered(callId, CallDirection.IN, List.of("desk-wu"), "801", estate, null, started),
                    started);
        }
        upstream.call(
                new CallEnded(
                        callId,
                        CallDirection.IN,
                        cause,
                        answered,
                        answered ? 30 : 0,
                        null,
                        estate,
                        estate + ":U-1",
                        null,
                        List.of(),
                        started,
                        endedAt),
                endedAt);
    }

    private void outbound(
            Upstream upstream, String callId, String callbackId, List<String> returns, boolean answered, Instant end) {
        Instant started = end.minusSeconds(60);
        upstream.call(
                new CallStarted(
                        callId,
                        CallDirection.OUT,
                        "pii:v1:k:from",
                        "pii:v1:k:to",
                        List.of("desk-wu"),
                        null,
                        estate,
                        estate + ":U-1",
                        callbackId,
                        returns,
                        started),
                started);
        if (answered) {
            upstream.call(
                    new CallAnswered(
                            callId,
                            CallDirection.OUT,
                            List.of("desk-wu"),
                            "801",
                            estate,
                            callbackId,
                            started.plusSeconds(10)),
                    started.plusSeconds(10));
        }
        upstream.call(
                new CallEnded(
                        callId,
                        CallDirection.OUT,
                        answered ? HangupCause.NORMAL_CLEARING : HangupCause.NO_ANSWER,
                        answered,
                        answered ? 50 : 0,
                        null,
                        estate,
                        estate + ":U-1",
                        callbackId,
                        returns,
                        started,
                        end),
                end);
    }

    @Test
    void missedCallsOpenSettleAndBreachOnceAcrossARestart_M1_W1() throws Exception {
        Instant ten = local("2026-12-01T10:00");
        String busy = call("BUSY");
        String returned = call("RETURNED");
        String unreachable = call("UNREACHABLE");
        String silent = call("SILENT");
        String linked = call("LINKED");
        String lateAnswer = call("LATE");
        String answered = call("ANSWERED");
        CLOCK.set(ten);
        try (Upstream upstream = new Upstream(kafka);
                TopicReader reader = new TopicReader(kafka, Topics.CALLBACK_EVENTS)) {
            try (ConfigurableApplicationContext first = start()) {
                upstream.estate(estate, ten.minusSeconds(3600));
                EstateCalendars calendars = first.getBean(EstateCalendars.class);
                await().atMost(Duration.ofSeconds(30))
                        .until(() -> calendars.find(estate).isPresent());

                inbound(upstream, busy, HangupCause.BUSY, false, ten);
                inbound(upstream, returned, HangupCause.NO_ANSWER, false, ten);
                outbound(upstream, call("OUT-R"), null, List.of(returned), true, local("2026-12-01T10:10"));
                inbound(upstream, unreachable, HangupCause.CANCEL, false, ten);
                for (int i = 1; i <= 3; i++) {
                    outbound(upstream, call("OUT-U" + i), null, List.of(unreachable), false, ten.plusSeconds(120L * i));
                }
                inbound(upstream, silent, HangupCause.NORMAL_CLEARING, false, ten);
                inbound(upstream, linked, HangupCause.BUSY, false, ten);
                upstream.call(new CallLinked(linked, "T-" + run, ten.plusSeconds(30)), ten.plusSeconds(30));
                inbound(upstream, lateAnswer, HangupCause.BUSY, false, ten);
                upstream.call(
                        new CallAnswered(lateAnswer, CallDirection.IN, List.of("desk-wu"), "801", estate, null, ten),
                        ten.plusSeconds(5));
                inbound(upstream, answered, HangupCause.NORMAL_CLEARING, true, ten);

                // a busy call is due 30 working minutes after the hangup; the returned and unreachable ones close
                reader.readUntil(
                        rs -> of(rs, ObligationOpened.class, o -> busy.equals(o.callId()))
                                        .isPresent()
                                && of(rs, ObligationFulfilled.class, f -> returned.equals(f.callId()))
                                        .isPresent()
                                && of(rs, ObligationFulfilled.class, f -> unreachable.equals(f.callId()))
                                        .isPresent()
                                && of(rs, ObligationWithdrawn.class, w -> linked.equals(w.callId()))
                                        .isPresent()
                                && of(rs, ObligationWithdrawn.class, w -> lateAnswer.equals(w.callId()))
                                        .isPresent(),
                        Duration.ofSeconds(60));
                List<ConsumerRecord<String, byte[]>> sofar =
                        reader.readUntilQuiet(Duration.ofSeconds(3), Duration.ofSeconds(20));
                ObligationOpened opened = of(sofar, ObligationOpened.class, o -> busy.equals(o.callId()))
                        .orElseThrow();
                assertThat(opened.ticketId()).isNull();
                assertThat(opened.rule()).isEqualTo(SlaRule.M1);
                assertThat(opened.dueAt()).isEqualTo(local("2026-12-01T10:30"));
                assertThat(of(sofar, ObligationFulfilled.class, f -> unreachable.equals(f.callId()))
                                .orElseThrow()
                                .fulfilledByEventId())
                        .contains("unreachable after 3 attempts");
                // normalClearing without an answer is not missed before 60 s have passed; an answered call never
                assertThat(of(sofar, ObligationOpened.class, o -> silent.equals(o.callId())))
                        .isEmpty();
                assertThat(of(sofar, ObligationOpened.class, o -> answered.equals(o.callId())))
                        .isEmpty();

                CLOCK.set(ten.plusSeconds(61));
                reader.readUntil(
                        rs -> of(rs, ObligationOpened.class, o -> silent.equals(o.callId()))
                                .isPresent(),
                        Duration.ofSeconds(30));
            }
            // down over the due time: the window passes while nobody watches
            CLOCK.set(local("2026-12-01T10:45"));
            try (ConfigurableApplicationContext second = start()) {
                reader.readUntil(rs -> breaches(rs, busy) == 1 && breaches(rs, silent) == 1, Duration.ofSeconds(60));
                // a re-delivered hangup changes nothing
                inbound(upstream, busy, HangupCause.BUSY, false, ten);
                CLOCK.set(local("2026-12-01T11:00"));
                await().atMost(Duration.ofSeconds(30))
                        .until(() -> second
                                .getBean(Compliance.class)
                                .report(ten, local("2026-12-01T12:00"), Compliance.GroupBy.RULE)
                                .groups()
                                .stream()
                                .anyMatch(g -> g.key().equals("M1") && g.due() >= 4));
                Compliance.Report byDepartment = second.getBean(Compliance.class)
                        .report(ten, local("2026-12-01T12:00"), Compliance.GroupBy.DEPARTMENT);
                assertThat(byDepartment.groups()).anyMatch(g -> g.key().equals(Compliance.FRONT_DESK));
            }
            try (ConfigurableApplicationContext third = start()) {
                List<ConsumerRecord<String, byte[]>> all =
                        reader.readUntilQuiet(Duration.ofSeconds(5), Duration.ofSeconds(30));
                assertThat(breaches(all, busy)).isEqualTo(1);
                assertThat(breaches(all, silent)).isEqualTo(1);
                assertThat(breaches(all, returned)
                                + breaches(all, unreachable)
                                + breaches(all, linked)
                                + breaches(all, lateAnswer)
                                + breaches(all, answered))
                        .isZero();
                // W1: 30 working minutes to return a call, 30 minutes' warning: each missed call left to its window
                // was at risk from its miss, announced once across both restarts, before its breach
                assertThat(warnings(all, busy)).singleElement().satisfies(a -> {
                    assertThat(a.atRiskAt()).isEqualTo(ten);
                    assertThat(a.dueAt()).isEqualTo(local("2026-12-01T10:30"));
                    assertThat(a.warningMinutes()).isEqualTo(30);
                    assertThat(a.party()).isEqualTo("front desk");
                    assertThat(a.ticketId()).isNull();
                });
                assertThat(warnings(all, silent))
                        .singleElement()
                        .satisfies(a -> assertThat(a.atRiskAt()).isEqualTo(ten.plusSeconds(60)));
                assertThat(warnings(all, answered)).isEmpty();
            }
        }
    }

    @Test
    void aDialledCallbacksUnansweredCallRecordsAnAttemptAndAnAnsweredOneMarksTheOwnerReached_R5() throws Exception {
        String ticket = "TD-" + run;
        Instant returnedAt = local("2026-12-01T11:00");
        try (Upstream upstream = new Upstream(kafka);
                TopicReader reader = new TopicReader(kafka, Topics.CALLBACK_EVENTS);
                ConfigurableApplicationContext context = start()) {
            LedgerDesk desk = context.getBean(LedgerDesk.class);
            upstream.estate(estate, local("2026-12-01T08:00"));
            upstream.ticketOpened(
                    ticket, estate, TicketKind.REPAIR, false, null, "steward-li", local("2026-12-01T09:00"));
            await().atMost(Duration.ofSeconds(30)).until(() -> desk.find(ticket).isPresent());
            upstream.dispatched(ticket, "WO-" + run, estate, false, local("2026-12-01T09:10"));
            upstream.completed(ticket, "WO-" + run, estate, false, local("2026-12-01T10:00"));
            upstream.returned(
                    ticket,
                    "WO-" + run,
                    estate,
                    false,
                    local("2026-12-01T10:00"),
                    local("2026-12-01T17:30"),
                    returnedAt);
            List<ConsumerRecord<String, byte[]>> scheduled = reader.readUntil(
                    rs -> of(rs, CallbackScheduled.class, s -> s.ticketId().equals(ticket))
                            .isPresent(),
                    Duration.ofSeconds(30));
            CallbackScheduled callback = of(
                            scheduled,
                            CallbackScheduled.class,
                            s -> s.ticketId().equals(ticket))
                    .orElseThrow();

            outbound(upstream, call("DIAL-1"), callback.callbackId(), List.of(), false, local("2026-12-01T14:00"));
            List<ConsumerRecord<String, byte[]>> attempted = reader.readUntil(
                    rs -> of(rs, CallbackAttempted.class, a -> a.callbackId().equals(callback.callbackId()))
                            .isPresent(),
                    Duration.ofSeconds(30));
            CallbackAttempted attempt = of(
                            attempted,
                            CallbackAttempted.class,
                            a -> a.callbackId().equals(callback.callbackId()))
                    .orElseThrow();
            assertThat(attempt.callerId()).isEqualTo("desk-wu");
            assertThat(attempt.note()).isEqualTo("no answer (call " + call("DIAL-1") + ", noAnswer)");

            outbound(upstream, call("DIAL-2"), callback.callbackId(), List.of(), true, local("2026-12-01T15:00"));
            await().atMost(Duration.ofSeconds(30))
                    .until(() -> callbackView(desk, ticket).reachedAt() != null);
            CallbackView view = callbackView(desk, ticket);
            assertThat(view.attempts()).isEqualTo(1);
            assertThat(view.completed()).isFalse();
            assertThat(view.lastCallId()).isEqualTo(call("DIAL-2"));
            // the callback queue (GET /api/callbacks) reads the documents fed from the topic: it shows the same
            LedgerDocuments queue = context.getBean(LedgerDocuments.class);
            await().atMost(Duration.ofSeconds(30))
                    .until(() -> queue.list(ticket, null, false).stream()
                            .flatMap(l -> l.callbacks().stream())
                            .anyMatch(c -> c.reachedAt() != null
                                    && call("DIAL-2").equals(c.lastCallId())
                                    && c.attempts() == 1));
        }
    }

    private static CallbackView callbackView(LedgerDesk desk, String ticket) {
        return desk.find(ticket).orElseThrow().callbacks().get(0);
    }

    private static <T extends PublicEvent> Optional<T> of(
            List<ConsumerRecord<String, byte[]>> records, Class<T> type, Predicate<T> matching) {
        return records.stream()
                .filter(r -> EventTypes.typeOf(type).equals(TopicReader.header(r, "ce_type")))
                .map(r -> CloudEventCodec.fromJson(r.value(), type))
                .filter(matching)
                .findFirst();
    }

    /** W1: the ObligationAtRisk events of the call, one per event id (a re-delivery is not a second). */
    private static List<ObligationAtRisk> warnings(List<ConsumerRecord<String, byte[]>> records, String callId) {
        return records.stream()
                .filter(r -> EventTypes.typeOf(ObligationAtRisk.class).equals(TopicReader.header(r, "ce_type")))
                .filter(TopicReader.firstDeliveryOfEachEvent())
                .map(r -> CloudEventCodec.fromJson(r.value(), ObligationAtRisk.class))
                .filter(a -> callId.equals(a.callId()))
                .toList();
    }

    private static long breaches(List<ConsumerRecord<String, byte[]>> records, String callId) {
        return records.stream()
                .filter(r -> EventTypes.typeOf(SlaBreached.class).equals(TopicReader.header(r, "ce_type")))
                .filter(TopicReader.firstDeliveryOfEachEvent())
                .map(r -> CloudEventCodec.fromJson(r.value(), SlaBreached.class))
                .filter(b -> callId.equals(b.callId()))
                .count();
    }
}
