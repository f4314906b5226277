package io.propdesk.callback.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.mongodb.client.MongoDatabase;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.propdesk.callback.CallbackServiceApplication;
import io.propdesk.callback.Upstream;
import io.propdesk.callback.domain.LedgerView.ObligationView;
import io.propdesk.callback.domain.ObligationStatus;
import io.propdesk.callback.query.ObligationHistory;
import io.propdesk.callback.query.OpenObligations;
import io.propdesk.contracts.Department;
import io.propdesk.contracts.TicketKind;
import io.propdesk.contracts.Topics;
import io.propdesk.embedded.SharedInfrastructure;
import io.propdesk.embedded.SharedInfrastructureInitializer;
import io.propdesk.platform.kafka.InboundEvents;
import io.propdesk.platform.observability.TraceContexts;
import io.propdesk.platform.testing.MutableClock;
import io.propdesk.platform.testing.Stores;
import io.propdesk.platform.testing.TopicReader;
import io.propdesk.platform.web.paging.PageRequest;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.errors.GroupIdNotFoundException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.ContextConfiguration;

/**
 * Issue 18 §2, queues as they were: {@code GET /api/obligations?asOf=} answers the ledger as it stood at a past
 * instant, rebuilt from the recorded events. A scripted week at one estate (the {@link ScriptedDay}, Asia/Shanghai,
 * 08:30-17:30 Monday-Friday, from Tuesday 2026-12-01 to Wednesday 17:31, then Thursday and the next Monday), the
 * clock moved by hand; the answers at seven instants are counted by hand in the comments and must come out exactly.
 *
 * <p>At T an obligation is open if opened by T and neither fulfilled, withdrawn nor breached by T; breached if its
 * breach was recorded by T and by T it was neither fulfilled late nor withdrawn, nor its ticket's follow-up closed
 * (issue 18 item 4: a steward's reply meets the R4 windows and C4 follow-ups missed since the last met one late, a late
 * return meets R8 late, so those leave the breached queue at that instant; a breach never met late leaves with its
 * ticket's closing).
 */
@SpringBootTest(
        classes = {CallbackServiceApplication.class, QueuesAsTheyWereIT.Clocks.class},
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"spring.config.name=callback-service", "spring.data.mongodb.database=callback_as_of"})
@ContextConfiguration(initializers = SharedInfrastructureInitializer.class)
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
class QueuesAsTheyWereIT {

    static final MutableClock CLOCK = new MutableClock(ScriptedDay.local("2026-12-01T08:00"));
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Upstream UPSTREAM =
            new Upstream(SharedInfrastructure.get().kafkaBootstrapServers());

    /** Registered by class, not scanned: the test's hand-moved clock. */
    static class Clocks {
        @Bean
        @Primary
        Clock testClock() {
            return CLOCK;
        }
    }

    private final String run = UUID.randomUUID().toString().substring(0, 6);

    @LocalServerPort
    int port;

    @Autowired
    MongoDatabase database;

    @Autowired
    ObligationHistory history;

    /**
     * The cross-estate comparison with a rebuild needs the live history to have read the whole topic, but every
     * callback-service IT before this one in the same JVM ran the same consumer group on the shared broker and
     * committed its offsets, so the live history would start after their events. Only this group's offsets are
     * forgotten (before this class's context starts; the earlier contexts are closed): the history is a projection
     * into this test's own database, so reading other tests' events again changes nothing of theirs.
     */
    @BeforeAll
    static void historyReadsTheTopicFromItsStart() throws Exception {
        try (Admin admin = Admin.create(Map.of(
                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                SharedInfrastructure.get().kafkaBootstrapServers()))) {
            admin.deleteConsumerGroups(List.of(ObligationHistory.GROUP)).all().get();
        } catch (ExecutionException e) {
            if (!(e.getCause() instanceof GroupIdNotFoundException)) {
                throw e;
            }
        }
    }

    @AfterAll
    static void closeProducer() {
        UPSTREAM.close();
    }

    @Test
    void theQueuesAtPastInstantsAreTheHandCountedOnesRebuiltFromTheRecordedEvents_issue18() throws Exception {
        ScriptedDay day = new ScriptedDay(run, port, CLOCK, UPSTREAM);
        String t1 = day.t1;
        String t2 = day.t2;
        String t3 = day.t3;
        String t4 = day.t4;
        String t5 = "T5-" + run;
        day.play(); // Tuesday 08:00 to Wednesday 17:31
        theRestOfTheWeek(day, t5);

        // Tuesday 11:30. Open: T1 R4:1 (09:00, met 12:00), T1 R5 (callback scheduled at the 11:00 return; R9 met
        // then), T2 R4:1, T2 R8 (order completed 11:00; R7 met 10:00), T3 R4:1, T3 C3:1, T4 R4:1, T4 C3:1 = 8.
        // Breached: none yet.
        Instant tue1130 = ScriptedDay.local("2026-12-01T11:30");
        List<String> openTue1130 = List.of(
                t1 + ":R4:1",
                t1 + ":R5:CB1-" + t1,
                t2 + ":R4:1",
                t2 + ":R8:" + day.o2,
                t3 + ":R4:1",
                t3 + ":C3:1",
                t4 + ":R4:1",
                t4 + ":C3:1");
        // Tuesday 14:15. Open: T1 R4:2 (12:00), T1 R5, T2 R4:2 (12:00), T2 R5 (14:00), T3 R4:2 and C4:1 (from 14:00,
        // the missed window's due), T3 C3:1, T4 the same three = 10. Breached: T3 R4:1 and T4 R4:1 (14:01) = 2;
        // T2 R8 was breached at 13:01 but O2 came back at 14:00, which met it late.
        Instant tue1415 = ScriptedDay.local("2026-12-01T14:15");
        List<String> openTue1415 = List.of(
                t1 + ":R4:2",
                t1 + ":R5:CB1-" + t1,
                t2 + ":R4:2",
                t2 + ":R5:CB1-" + t2,
                t3 + ":R4:2",
                t3 + ":C4:1",
                t3 + ":C3:1",
                t4 + ":R4:2",
                t4 + ":C4:1",
                t4 + ":C3:1");
        List<String> breachedTue1415 = List.of(t3 + ":R4:1", t4 + ":R4:1");
        // Tuesday 16:30. T1 closed at 15:05 (R5 met 15:00, R4:2 withdrawn). T3 replied 14:30 (R4:2, C4:1 met), signed
        // off 15:00, closed 15:40 (R4:3 withdrawn). T4 replied 15:00 (R4:2, C4:1 met; R4:3 due Wednesday 10:00),
        // signed off 15:10 (C3 met; C2 callback by rank opens). T2 missed R4:2 at 16:01 (R4:3 from 16:00).
        // Open: T2 R4:3, T2 R5, T4 R4:3, T4 C2 = 4. Breached: T2 R4:2 = 1 (T2 R8 met late at 14:00; T3's reply at 14:30
        // and T4's at 15:00 met their R4:1 late).
        Instant tue1630 = ScriptedDay.local("2026-12-01T16:30");
        List<String> openTue1630 = List.of(t2 + ":R4:3", t2 + ":R5:CB1-" + t2, t4 + ":R4:3", t4 + ":C2:CB1-" + t4);
        List<String> breachedTue1630 = List.of(t2 + ":R4:2");
        // Wednesday 18:00, after the ticker ran at 17:31. Open: T2 R4:5 (from 15:00), T4 R4:5 (from 14:00) = 2.
        // Breached: of the scripted day's 11 breaches (ScriptedDayIT) the 8 not met late by then: T2 R4:2, R4:3, R4:4,
        // R5; T4 R4:3, R4:4, C4:2, C2 (T2 R8, T3 R4:1 and T4 R4:1 were met late on Tuesday).
        Instant wed1800 = ScriptedDay.local("2026-12-02T18:00");
        List<String> breachedWed = List.of(
                t2 + ":R4:2",
                t2 + ":R4:3",
                t2 + ":R4:4",
                t2 + ":R5:CB1-" + t2,
                t4 + ":R4:3",
                t4 + ":R4:4",
                t4 + ":C4:2",
                t4 + ":C2:CB1-" + t4);
        // Thursday 12:00. Both stewards replied at 08:45: R4:5 met on T2 and T4, R4:6 opened, and the windows missed
        // since the last met one met late (T2 R4:2-4, T4 R4:3-4 and C4:2). Both tickets closed at 09:00: R4:6
        // withdrawn, and the two breaches never met late (T2 R5, T4 C2, callbacks never made) left with their tickets.
        // Open: none. Breached: none.
        Instant thu1200 = ScriptedDay.local("2026-12-03T12:00");
        // Thursday 08:50, between the replies and the closing. Open: T2 R4:6, T4 R4:6 = 2. Breached: T2 R5, T4 C2 = 2.
        Instant thu0850 = ScriptedDay.local("2026-12-03T08:50");
        List<String> breachedThu0850 = List.of(t2 + ":R5:CB1-" + t2, t4 + ":C2:CB1-" + t4);
        // Monday 14:00. T5 opened 09:00, its R4:1 (due 13:00) missed at 13:01, R4:2 from 13:00. Open: T5 R4:2 = 1.
        // Breached: T5 R4:1 = 1.
        Instant mon1400 = ScriptedDay.local("2026-12-07T14:00");
        List<String> breachedMon = List.of(t5 + ":R4:1");

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            assertThat(ids(day, tue1130, "open", "")).containsExactlyInAnyOrderElementsOf(openTue1130);
            assertThat(ids(day, tue1130, "breached", "")).isEmpty();
            assertThat(ids(day, tue1415, "open", "")).containsExactlyInAnyOrderElementsOf(openTue1415);
            assertThat(ids(day, tue1415, "breached", "")).containsExactlyInAnyOrderElementsOf(breachedTue1415);
            assertThat(ids(day, tue1630, "open", "")).containsExactlyInAnyOrderElementsOf(openTue1630);
            assertThat(ids(day, tue1630, "breached", "")).containsExactlyInAnyOrderElementsOf(breachedTue1630);
            assertThat(ids(day, wed1800, "open", "")).containsExactlyInAnyOrder(t2 + ":R4:5", t4 + ":R4:5");
            assertThat(ids(day, wed1800, "breached", "")).containsExactlyInAnyOrderElementsOf(breachedWed);
            assertThat(ids(day, thu0850, "open", "")).containsExactlyInAnyOrder(t2 + ":R4:6", t4 + ":R4:6");
            assertThat(ids(day, thu0850, "breached", "")).containsExactlyInAnyOrderElementsOf(breachedThu0850);
            assertThat(ids(day, thu1200, "open", "")).isEmpty();
            assertThat(ids(day, thu1200, "breached", "")).isEmpty();
            assertThat(ids(day, mon1400, "open", "")).containsExactly(t5 + ":R4:2");
            assertThat(ids(day, mon1400, "breached", "")).containsExactlyElementsOf(breachedMon);
        });

        // Tuesday 16:30, Engineering only (the repairs; a complaint not routed has no department): open T2 R4:3 and
        // R5, breached T2 R4:2 (R8 met late at 14:00).
        assertThat(ids(day, tue1630, "open", "&department=engineering"))
                .containsExactlyInAnyOrder(t2 + ":R4:3", t2 + ":R5:CB1-" + t2);
        assertThat(ids(day, tue1630, "breached", "&department=ENGINEERING")).containsExactly(t2 + ":R4:2");

        // Each item as it was then: at Tuesday 16:30 T2's R4:3 was open, due Wednesday 11:00 (16:00 + 1.5 h
        // Tuesday + 2.5 h from 08:30); by Wednesday 18:00 it was breached, recorded at 17:31, the ticker's run.
        JsonNode r43 = item(day, tue1630, "open", t2 + ":R4:3");
        assertThat(Instant.parse(r43.get("dueAt").asText())).isEqualTo(ScriptedDay.local("2026-12-02T11:00"));
        assertThat(Instant.parse(r43.get("openedAt").asText())).isEqualTo(ScriptedDay.local("2026-12-01T16:00"));
        assertThat(r43.get("status").asText()).isEqualTo("OPEN");
        assertThat(r43.get("ticketId").asText()).isEqualTo(t2);
        assertThat(r43.get("department").asText()).isEqualTo("ENGINEERING");
        assertThat(r43.get("stewardId").asText()).isEqualTo("steward-li");
        JsonNode breached = item(day, wed1800, "breached", t2 + ":R4:3");
        assertThat(breached.get("status").asText()).isEqualTo("BREACHED");
        assertThat(Instant.parse(breached.get("closedAt").asText())).isEqualTo(ScriptedDay.local("2026-12-02T17:31"));

        // Earliest due first, paged like every list: Tuesday 14:15's ten open ones, three a page, in due order.
        List<String> paged = new ArrayList<>();
        List<Instant> dues = new ArrayList<>();
        String path = "/api/obligations?asOf=" + tue1415 + "&estateId=" + day.estate + "&limit=3";
        while (path != null) {
            HttpResponse<String> page = day.send("GET", path, null);
            assertThat(page.statusCode()).isEqualTo(200);
            ScriptedDay.stream(JSON.readTree(page.body())).forEach(o -> {
                paged.add(o.get("obligationId").asText());
                dues.add(
                        o.get("dueAt").isNull()
                                ? Instant.MAX
                                : Instant.parse(o.get("dueAt").asText()));
            });
            path = page.headers()
                    .firstValue("Link")
                    .map(link -> link.substring(link.indexOf('<') + 1, link.indexOf('>')))
                    .orElse(null);
        }
        assertThat(paged).containsExactlyInAnyOrderElementsOf(openTue1415);
        assertThat(dues).isSorted();

        badAsOfIsRefusedNamingIt(day);
        aRebuildFromTheTopicGivesTheSameAnswers(
                day.estate, List.of(tue1130, tue1415, tue1630, wed1800, thu0850, thu1200, mon1400));
    }

    /** Thursday: both stewards reply at 08:45, both tickets close at 09:00; Monday: T5 opens, its window is missed. */
    private void theRestOfTheWeek(ScriptedDay day, String t5) throws Exception {
        CLOCK.set(ScriptedDay.local("2026-12-03T08:45"));
        assertThat(day.post("/api/tickets/" + day.t2 + "/steward-replies", day.reply("steward-li"))
                        .statusCode())
                .isEqualTo(201);
        assertThat(day.post("/api/tickets/" + day.t4 + "/steward-replies", day.reply("steward-wu"))
                        .statusCode())
                .isEqualTo(201);
        day.awaitStatus(day.t2, "R4:5", "FULFILLED");
        day.awaitStatus(day.t4, "R4:5", "FULFILLED");
        Instant thu0900 = ScriptedDay.local("2026-12-03T09:00");
        CLOCK.set(thu0900);
        UPSTREAM.ticketClosed(day.t2, thu0900);
        UPSTREAM.ticketClosed(day.t4, thu0900);
        day.awaitStatus(day.t2, "R4:6", "WITHDRAWN");
        day.awaitStatus(day.t4, "R4:6", "WITHDRAWN");

        Instant mon0900 = ScriptedDay.local("2026-12-07T09:00");
        CLOCK.set(mon0900);
        UPSTREAM.ticketOpened(t5, day.estate, TicketKind.REPAIR, false, null, "steward-li", mon0900);
        day.awaitStatus(t5, "R4:1", "OPEN");
        CLOCK.set(ScriptedDay.local("2026-12-07T13:01"));
        day.awaitStatus(t5, "R4:1", "BREACHED");
        day.awaitStatus(t5, "R4:2", "OPEN");
        CLOCK.set(ScriptedDay.local("2026-12-07T14:30"));
    }

    private void badAsOfIsRefusedNamingIt(ScriptedDay day) throws Exception {
        String future = CLOCK.instant().plus(Duration.ofHours(1)).toString();
        HttpResponse<String> ahead = day.send("GET", "/api/obligations?asOf=" + future, null);
        assertThat(ahead.statusCode()).isEqualTo(400);
        assertThat(JSON.readTree(ahead.body()).toString()).contains("asOf").contains("future");
        HttpResponse<String> words = day.send("GET", "/api/obligations?asOf=last-tuesday", null);
        assertThat(words.statusCode()).isEqualTo(400);
        assertThat(words.body()).contains("asOf");
        HttpResponse<String> all = day.send(
                "GET",
                "/api/obligations?status=all&asOf=" + URLEncoder.encode("2026-12-01T08:00:00Z", StandardCharsets.UTF_8),
                null);
        assertThat(all.statusCode()).isEqualTo(400);
        assertThat(all.body()).contains("status");
        // without asOf, breached is not a status of today's list
        assertThat(day.send("GET", "/api/obligations?status=breached", null).statusCode())
                .isEqualTo(400);
    }

    /**
     * Delivery guarantee 6: the history rebuilt by reading the topic from its start into an empty database gives the
     * same answers, item by item, as the live projection.
     */
    private void aRebuildFromTheTopicGivesTheSameAnswers(String estate, List<Instant> instants) {
        List<ConsumerRecord<String, byte[]>> topic;
        try (TopicReader reader =
                new TopicReader(SharedInfrastructure.get().kafkaBootstrapServers(), Topics.CALLBACK_EVENTS)) {
            topic = reader.readUntilQuiet(Duration.ofSeconds(3), Duration.ofSeconds(30));
        }
        MongoDatabase rebuilt = Stores.freshDatabase("callback_as_of_rebuilt");
        InboundEvents inbound = new InboundEvents(rebuilt, new SimpleMeterRegistry(), TraceContexts.none());
        ObligationHistory replayed = new ObligationHistory(rebuilt, inbound);
        assertThat(replayed.rebuild(topic, ObligationHistory.GROUP + "-rebuild"))
                .isPositive();
        OpenObligations.Filter ofEstate = new OpenObligations.Filter(null, null, estate, null, null);
        OpenObligations.Filter engineering = new OpenObligations.Filter(null, null, null, Department.ENGINEERING, null);
        PageRequest all = PageRequest.of(PageRequest.MAX_LIMIT, null);
        int compared = 0;
        for (Instant at : instants) {
            for (ObligationStatus status : List.of(ObligationStatus.OPEN, ObligationStatus.BREACHED)) {
                List<ObligationView> live =
                        history.asOf(at, status, ofEstate, all).rows();
                assertThat(replayed.asOf(at, status, ofEstate, all).rows()).isEqualTo(live);
                compared += live.size();
            }
        }
        assertThat(compared).isEqualTo(8 + 0 + 10 + 2 + 4 + 1 + 2 + 8 + 2 + 2 + 0 + 0 + 1 + 1);
        // across estates too, every obligation the topic holds (other tests' as well), once the live run caught up
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            for (Instant at : instants) {
                assertThat(replayed.asOf(at, ObligationStatus.BREACHED, engineering, all)
                                .rows())
                        .isEqualTo(history.asOf(at, ObligationStatus.BREACHED, engineering, all)
                                .rows());
            }
        });
    }

    private List<String> ids(ScriptedDay day, Instant at, String status, String more) throws Exception {
        HttpResponse<String> r = day.send(
                "GET",
                "/api/obligations?asOf=" + at + "&status=" + status + "&estateId=" + day.estate + "&limit=500" + more,
                null);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        return ScriptedDay.stream(JSON.readTree(r.body()))
                .map(o -> o.get("obligationId").asText())
                .toList();
    }

    private JsonNode item(ScriptedDay day, Instant at, String status, String obligationId) throws Exception {
        HttpResponse<String> r =
                day.send("GET", "/api/obligations?asOf=" + at + "&status=" + status + "&estateId=" + day.estate, null);
        return ScriptedDay.stream(JSON.readTree(r.body()))
                .filter(o -> o.get("obligationId").asText().equals(obligationId))
                .findFirst()
                .orElseThrow();
    }
}
