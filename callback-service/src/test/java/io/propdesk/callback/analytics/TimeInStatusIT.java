package io.propdesk.callback.analytics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.propdesk.callback.CallbackServiceApplication;
import io.propdesk.contracts.Channel;
import io.propdesk.contracts.Department;
import io.propdesk.contracts.PublicEvent;
import io.propdesk.contracts.SlaRule;
import io.propdesk.contracts.TicketKind;
import io.propdesk.contracts.Topics;
import io.propdesk.contracts.cloudevents.CloudEventCodec;
import io.propdesk.contracts.cloudevents.CloudEventCodec.Envelope;
import io.propdesk.contracts.dispatch.DispatchMode;
import io.propdesk.contracts.dispatch.OrderCancelled;
import io.propdesk.contracts.dispatch.OrderCompleted;
import io.propdesk.contracts.dispatch.OrderDispatched;
import io.propdesk.contracts.dispatch.OrderPickedUp;
import io.propdesk.contracts.dispatch.OrderReturned;
import io.propdesk.contracts.dispatch.WorkStarted;
import io.propdesk.contracts.ticket.EstateConfigured;
import io.propdesk.contracts.ticket.TicketClosed;
import io.propdesk.contracts.ticket.TicketOpened;
import io.propdesk.contracts.ticket.TicketReopened;
import io.propdesk.embedded.SharedInfrastructure;
import io.propdesk.embedded.SharedInfrastructureInitializer;
import io.propdesk.platform.kafka.InboundEvents;
import io.propdesk.platform.observability.TraceContexts;
import io.propdesk.platform.relay.Relays;
import io.propdesk.platform.security.DemoUsers;
import io.propdesk.platform.testing.MutableClock;
import io.propdesk.platform.testing.Stores;
import io.propdesk.platform.testing.TopicReader;
import io.propdesk.platform.web.csv.CsvColumn;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import java.util.stream.StreamSupport;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.bson.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.ContextConfiguration;

/**
 * Issue 18 item 3, through the real broker: a scripted week at one estate (Asia/Shanghai, 08:30-17:30, Monday to
 * Friday, Wednesday 2026-12-09 a holiday; 2026-12-07 is a Monday) of five tickets and five orders, played as
 * ticket-service and dispatch-service would publish it, with callback-service itself scheduling the callbacks (at the
 * return, R5). The clock moves with the script; the times in each status, their medians and p90 are counted by hand
 * below (wall-clock / working minutes).
 *
 * <pre>
 * T1 repair:        open Mon 09:00, A1 dispatched 09:30, picked up 10:00, started 10:30, completed 12:00,
 *                   returned 13:00 (callback scheduled 13:00), closed 16:00
 * T3 repair:        open Mon 10:00, A3 dispatched 11:00, picked up 11:30, started 14:00, completed 15:00, returned 15:30,
 *                   closed Tue 09:30, reopened Tue 10:00, A4 dispatched 11:00, picked up 11:30, started 12:00,
 *                   completed 13:00, returned 14:00, closed Thu 10:00
 * T4 hourly clean:  open Mon 13:00 (paid), A5 (Cleaning) dispatched 14:00, picked up 15:00, cancelled 16:00; T4 closed
 *                   Tue 09:00
 * T2 repair:        open Tue 17:00, A2 dispatched Thu 09:00, picked up 10:00, started 11:00, completed 16:00,
 *                   returned 17:00, closed Fri 10:00
 * T5 repair:        open Fri 09:00, still open at Fri 12:00 (now)
 * </pre>
 */
@SpringBootTest(
        classes = {CallbackServiceApplication.class, TimeInStatusIT.Clocks.class},
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"spring.config.name=callback-service", "spring.data.mongodb.database=callback_time_in_status"})
@ContextConfiguration(initializers = SharedInfrastructureInitializer.class)
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
class TimeInStatusIT {

    static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");
    static final MutableClock CLOCK = new MutableClock(local("2026-12-07T08:00"));
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String BOOTSTRAP = SharedInfrastructure.get().kafkaBootstrapServers();
    private static final KafkaProducer<String, byte[]> PRODUCER = Relays.producer(BOOTSTRAP);
    private static final List<String> TOPICS =
            List.of(Topics.TICKET_EVENTS, Topics.DISPATCH_EVENTS, Topics.CALLBACK_EVENTS);

    /** Registered by class, not scanned: the test's hand-moved clock. */
    static class Clocks {
        @Bean
        @Primary
        Clock testClock() {
            return CLOCK;
        }
    }

    private final HttpClient http = HttpClient.newHttpClient();
    private final String run = UUID.randomUUID().toString().substring(0, 6);
    private final String estate = "estate-" + run;
    private final Map<String, Long> sequences = new ConcurrentHashMap<>();
    private final List<ProducerRecord<String, byte[]>> sent = new ArrayList<>();
    private final List<Envelope> envelopes = new ArrayList<>();

    @LocalServerPort
    int port;

    @Autowired
    MongoDatabase database;

    @Autowired
    StatusTimes statusTimes;

    @Autowired
    TimeInStatus timeInStatus;

    @AfterAll
    static void closeProducer() {
        PRODUCER.close();
    }

    static Instant local(String dateTime) {
        return LocalDateTime.parse(dateTime).atZone(SHANGHAI).toInstant();
    }

    private String id(String name) {
        return name + "-" + run;
    }

    @Test
    void aScriptedWeekGivesTheHandCountedTimesInStatusMediansAndP90_issue18_item3() throws Exception {
        playTheWeek();

        // T3 by hand: OPEN 60/60; DISPATCHED 30 + 30; PICKED_UP 150 + 30; STARTED 60 + 60; COMPLETED 30 + 60;
        // RETURNED 0 + 0; AWAITING_CALLBACK Mon 15:30-Tue 09:30 1080/(120 + 60 = 180) + Tue 14:00-Thu 10:00
        // 2640/(210 + holiday 0 + 90 = 300) = 3720/480; REOPENED 60/60; closed Tue 09:30-10:00 is no status
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            JsonNode t3 = get("/api/sla/time-in-status/" + id("T3"), 200);
            assertThat(t3.at("/ticket/intervals")).hasSize(14);
            assertThat(totals(t3.get("ticket")))
                    .containsEntry("OPEN", "1:60.0/60.0")
                    .containsEntry("DISPATCHED", "2:60.0/60.0")
                    .containsEntry("PICKED_UP", "2:180.0/180.0")
                    .containsEntry("STARTED", "2:120.0/120.0")
                    .containsEntry("COMPLETED", "2:90.0/90.0")
                    .containsEntry("RETURNED", "2:0.0/0.0")
                    .containsEntry("AWAITING_CALLBACK", "2:3720.0/480.0")
                    .containsEntry("REOPENED", "1:60.0/60.0")
                    .hasSize(8);
            assertThat(t3.at("/ticket/department").asText()).isEqualTo("ENGINEERING");
            assertThat(stream(t3.get("orders")).map(o -> o.get("id").asText())).containsExactly(id("A3"), id("A4"));
            // A3's callback wait ends when T3 first closes (Tue 09:30), A4's at the second close (Thu 10:00)
            assertThat(totals(t3.at("/orders/0"))).containsEntry("AWAITING_CALLBACK", "1:1080.0/180.0");
            assertThat(totals(t3.at("/orders/1"))).containsEntry("AWAITING_CALLBACK", "1:2640.0/300.0");
            // T2 waited for its callback Thu 17:00-Fri 10:00: 1020 wall, 30 + 90 = 120 working
            assertThat(totals(get("/api/sla/time-in-status/" + id("T2"), 200).get("ticket")))
                    .containsEntry("OPEN", "1:2400.0/60.0")
                    .containsEntry("AWAITING_CALLBACK", "1:1020.0/120.0");
        });
        // T5 is still open at Fri 12:00: 180 minutes so far, counted up to now
        JsonNode t5 = get("/api/sla/time-in-status/" + id("T5"), 200).get("ticket");
        assertThat(t5.at("/intervals/0/ongoing").asBoolean()).isTrue();
        assertThat(t5.at("/intervals/0/to").isNull()).isTrue();
        assertThat(totals(t5)).containsExactly(Map.entry("OPEN", "1:180.0/180.0"));

        String week = "from=" + local("2026-12-07T00:00") + "&to=" + local("2026-12-12T00:00");
        // Tickets by kind. REPAIR = T1, T2, T3, T5:
        //  OPEN entered by 4, T5 still in it; finished wall 30 (T1), 60 (T3), 2400 (T2): median 60, p90 (rank 3) 2400;
        //    working 30, 60, 60: median 60, p90 60
        //  AWAITING_CALLBACK T1 180/180, T2 1020/120, T3 3720/480: wall median 1020, p90 3720; working 120, 180, 480:
        //    median 180, p90 480
        //  STARTED T1 90, T2 300, T3 120: median 120, p90 300
        // CLEANING_HOURLY = T4: PICKED_UP Mon 15:00-Tue 09:00 1080 / (150 + 30) 180 (its order's cancel does not move
        // it)
        // Total OPEN: T1..T5, wall 30, 60, 60 (T4), 2400 and T5 ongoing: median 60, p90 (rank 4 of 4) 2400
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            JsonNode byKind = get("/api/sla/time-in-status?" + week + "&groupBy=kind&item=ticket", 200);
            Map<String, JsonNode> repair = statuses(group(byKind, "REPAIR"));
            assertThat(figures(repair.get("OPEN"))).containsExactly(4.0, 1.0, 60.0, 2400.0, 60.0, 60.0);
            assertThat(figures(repair.get("AWAITING_CALLBACK")))
                    .containsExactly(3.0, 0.0, 1020.0, 3720.0, 180.0, 480.0);
            assertThat(figures(repair.get("STARTED"))).containsExactly(3.0, 0.0, 120.0, 300.0, 120.0, 300.0);
            assertThat(figures(repair.get("REOPENED"))).containsExactly(1.0, 0.0, 60.0, 60.0, 60.0, 60.0);
            Map<String, JsonNode> cleaning = statuses(group(byKind, "CLEANING_HOURLY"));
            assertThat(cleaning).containsOnlyKeys("OPEN", "DISPATCHED", "PICKED_UP");
            assertThat(figures(cleaning.get("PICKED_UP"))).containsExactly(1.0, 0.0, 1080.0, 1080.0, 180.0, 180.0);
            Map<String, JsonNode> total = stream(byKind.get("total"))
                    .collect(Collectors.toMap(s -> s.get("status").asText(), s -> s));
            assertThat(figures(total.get("OPEN"))).containsExactly(5.0, 1.0, 60.0, 2400.0, 60.0, 60.0);
        });

        // Orders by department. ENGINEERING = A1..A4:
        //  AWAITING_CALLBACK A1 180/180, A2 1020/120, A3 1080/180, A4 2640/300: wall median (1020 + 1080) / 2 = 1050,
        //    p90 (rank 4) 2640; working 120, 180, 180, 300: median 180, p90 300
        //  STARTED A1 90, A2 300, A3 60, A4 60: median (60 + 90) / 2 = 75, p90 300
        // CLEANING = A5: DISPATCHED 60, PICKED_UP 60 (ends at its cancellation), never started
        JsonNode byDepartment = get("/api/sla/time-in-status?" + week + "&groupBy=department&item=order", 200);
        Map<String, JsonNode> engineering = statuses(group(byDepartment, "ENGINEERING"));
        assertThat(figures(engineering.get("AWAITING_CALLBACK")))
                .containsExactly(4.0, 0.0, 1050.0, 2640.0, 180.0, 300.0);
        assertThat(figures(engineering.get("STARTED"))).containsExactly(4.0, 0.0, 75.0, 300.0, 75.0, 300.0);
        Map<String, JsonNode> cleaningOrders = statuses(group(byDepartment, "CLEANING"));
        assertThat(cleaningOrders).containsOnlyKeys("DISPATCHED", "PICKED_UP");
        assertThat(figures(cleaningOrders.get("PICKED_UP"))).containsExactly(1.0, 0.0, 60.0, 60.0, 60.0, 60.0);

        // Thursday and Friday only: of the statuses entered then, T2's callback wait (Thu 17:00) and T5's open (Fri,
        // still running); T2's and T3's earlier entries are outside the period
        String lateWeek = "from=" + local("2026-12-10T00:00") + "&to=" + local("2026-12-12T00:00");
        JsonNode byEstate = get("/api/sla/time-in-status?" + lateWeek + "&groupBy=estate", 200);
        Map<String, JsonNode> ours = statuses(group(byEstate, estate));
        assertThat(figures(ours.get("AWAITING_CALLBACK"))).containsExactly(1.0, 0.0, 1020.0, 1020.0, 120.0, 120.0);
        assertThat(ours.get("OPEN").get("count").asLong()).isEqualTo(1);
        assertThat(ours.get("OPEN").get("ongoing").asLong()).isEqualTo(1);
        assertThat(ours.get("OPEN").get("medianWallMinutes").isNull()).isTrue();
        assertThat(figures(ours.get("DISPATCHED"))).containsExactly(1.0, 0.0, 60.0, 60.0, 60.0, 60.0);

        // The rows a CSV export streams: one per item and status entered in the period
        List<TimeInStatus.Row> rows = new ArrayList<>();
        timeInStatus.items(local("2026-12-10T00:00"), local("2026-12-12T00:00"), TimeInStatus.Item.TICKET, row -> {
            if (estate.equals(row.estateId())) {
                rows.add(row);
            }
        });
        assertThat(rows)
                .extracting(r -> r.id() + " " + r.status() + " " + r.wallMinutes() + "/" + r.workingMinutes())
                .containsExactlyInAnyOrder(
                        id("T2") + " DISPATCHED 60.0/60.0",
                        id("T2") + " PICKED_UP 60.0/60.0",
                        id("T2") + " STARTED 300.0/300.0",
                        id("T2") + " COMPLETED 60.0/60.0",
                        id("T2") + " RETURNED 0.0/0.0",
                        id("T2") + " AWAITING_CALLBACK 1020.0/120.0",
                        id("T5") + " OPEN 180.0/180.0");

        // The same rows as the CSV a manager downloads: BOM, header, one line per item and status, the estate's
        // local time beside the instant (the estate's calendar runs on Shanghai time here)
        HttpResponse<String> csv = send("/api/sla/time-in-status.csv?from=" + local("2026-12-10T00:00") + "&to="
                + local("2026-12-12T00:00") + "&item=ticket");
        assertThat(csv.statusCode()).as(csv.body()).isEqualTo(200);
        assertThat(csv.headers().firstValue("Content-Type"))
                .hasValueSatisfying(t -> assertThat(t).startsWith("text/csv"));
        List<String> lines = csv.body().lines().toList();
        assertThat(lines.get(0))
                .isEqualTo("\uFEFFitem,id,ticketId,estateId,areaId,buildingId,department,kind,paid,severity,timeZone,"
                        + "status,entries,firstEnteredAt,firstEnteredAtLocal,wallMinutes,workingMinutes,ongoing");
        List<String> estateLines =
                lines.stream().filter(l -> l.contains("," + estate + ",")).toList();
        assertThat(estateLines).hasSize(rows.size());
        assertThat(estateLines)
                .filteredOn(l -> l.contains(id("T2") + ",") && l.contains(",AWAITING_CALLBACK,"))
                .singleElement()
                .satisfies(l -> assertThat(l).endsWith(",1020.0,120.0,false"));
        TimeInStatus.Row awaiting = rows.stream()
                .filter(r -> r.status() == Status.AWAITING_CALLBACK)
                .findFirst()
                .orElseThrow();
        assertThat(estateLines)
                .anySatisfy(l -> assertThat(l)
                        .contains("," + awaiting.firstEnteredAt() + ","
                                + CsvColumn.LOCAL.format(
                                        awaiting.firstEnteredAt().atZone(SHANGHAI)) + ","));

        reDeliveryChangesNothing();
        aRebuildFromTheTopicsGivesTheSameDocuments();
    }

    /** Delivery guarantee 4: every record of the week delivered again, and each event applied again, changes nothing. */
    private void reDeliveryChangesNothing() throws Exception {
        Map<String, List<Document>> before = documents(database);
        for (ProducerRecord<String, byte[]> record : sent) {
            PRODUCER.send(record).get();
        }
        try (TopicReader reader = new TopicReader(BOOTSTRAP, Topics.CALLBACK_EVENTS)) {
            for (ConsumerRecord<String, byte[]> r :
                    reader.readUntilQuiet(Duration.ofSeconds(2), Duration.ofSeconds(20))) {
                if (r.key() != null && r.key().endsWith("-" + run)) {
                    PRODUCER.send(new ProducerRecord<>(r.topic(), null, r.key(), r.value(), r.headers()))
                            .get();
                }
            }
        }
        awaitConsumed();
        assertThat(documents(database)).isEqualTo(before);
        // the projection's own updates are idempotent (issue 19: it keeps no inbox markers), as one poll again and
        // one event at a time (what InboundEvents.handleUnmarked does to find a failing record)
        statusTimes.apply(envelopes);
        envelopes.forEach(e -> statusTimes.apply(List.of(e)));
        assertThat(documents(database)).isEqualTo(before);
    }

    /** Delivery guarantee 6: the three topics replayed from their start into empty collections. */
    private void aRebuildFromTheTopicsGivesTheSameDocuments() {
        List<ConsumerRecord<String, byte[]>> records = new ArrayList<>();
        for (String topic : TOPICS) {
            try (TopicReader reader = new TopicReader(BOOTSTRAP, topic)) {
                records.addAll(reader.readUntilQuiet(Duration.ofSeconds(2), Duration.ofSeconds(30)));
            }
        }
        MongoDatabase rebuilt = Stores.freshDatabase("callback_status_times_rebuilt");
        InboundEvents inbound = new InboundEvents(rebuilt, new SimpleMeterRegistry(), TraceContexts.none());
        long applied = new StatusTimes(rebuilt, inbound).rebuild(records, StatusTimes.GROUP + "-rebuild");

        assertThat(applied).isPositive();
        Map<String, List<Document>> rebuiltDocuments = documents(rebuilt);
        assertThat(rebuiltDocuments.get(StatusTimes.TICKETS)).hasSize(5);
        assertThat(rebuiltDocuments.get(StatusTimes.ORDERS)).hasSize(5);
        assertThat(rebuiltDocuments).isEqualTo(documents(database));
    }

    /** Until the projection's group has committed every record on the three topics. */
    private void awaitConsumed() {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, BOOTSTRAP))) {
            await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
                Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
                admin.describeTopics(TOPICS)
                        .allTopicNames()
                        .get()
                        .forEach((topic, description) -> description
                                .partitions()
                                .forEach(p ->
                                        latest.put(new TopicPartition(topic, p.partition()), OffsetSpec.latest())));
                var ends = admin.listOffsets(latest).all().get();
                Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(StatusTimes.GROUP)
                        .partitionsToOffsetAndMetadata()
                        .get();
                ends.forEach((partition, end) -> {
                    if (end.offset() > 0) {
                        assertThat(committed.get(partition))
                                .as("committed offset of %s", partition)
                                .isNotNull();
                        assertThat(committed.get(partition).offset()).isGreaterThanOrEqualTo(end.offset());
                    }
                });
            });
        }
    }

    private Map<String, List<Document>> documents(MongoDatabase db) {
        Map<String, List<Document>> all = new HashMap<>();
        for (String collection : List.of(StatusTimes.TICKETS, StatusTimes.ORDERS)) {
            List<Document> docs = db.getCollection(collection)
                    .find(Filters.eq("estateId", estate))
                    .into(new ArrayList<>());
            docs.sort(Comparator.comparing(d -> d.getString("_id")));
            all.put(collection, docs);
        }
        return all;
    }

    @Test
    void badQueriesAreRefusedNamingTheFieldAndAnUnknownTicketIs404_issue18_item3() throws Exception {
        String period = "from=2026-12-07T00:00:00Z&to=2026-12-12T00:00:00Z";
        assertThat(problem("/api/sla/time-in-status?" + period + "&groupBy=moon"))
                .isEqualTo("groupBy");
        assertThat(problem("/api/sla/time-in-status?" + period + "&item=visit")).isEqualTo("item");
        assertThat(problem("/api/sla/time-in-status.csv?" + period + "&item=visit"))
                .isEqualTo("item");
        assertThat(problem("/api/sla/time-in-status.csv?from=2026-12-12T00:00:00Z&to=2026-12-07T00:00:00Z"))
                .isEqualTo("to");
        assertThat(problem("/api/sla/time-in-status?from=2026-12-12T00:00:00Z&to=2026-12-07T00:00:00Z"))
                .isEqualTo("to");
        assertThat(problem("/api/sla/time-in-status?from=2025-12-01T00:00:00Z&to=2026-12-12T00:00:00Z"))
                .isEqualTo("to");
        assertThat(send("/api/sla/time-in-status?from=yesterday&to=2026-12-12T00:00:00Z")
                        .body())
                .contains("from");
        assertThat(send("/api/sla/time-in-status?to=2026-12-12T00:00:00Z").statusCode())
                .isEqualTo(400);
        assertThat(send("/api/sla/time-in-status/T-nobody-" + run).statusCode()).isEqualTo(404);
    }

    // ---------------------------------------------------------------- the week

    private void playTheWeek() {
        publish(
                Topics.TICKET_EVENTS,
                estate,
                new EstateConfigured(
                        estate,
                        "Sunrise Garden",
                        "Asia/Shanghai",
                        LocalTime.of(8, 30),
                        LocalTime.of(17, 30),
                        EnumSet.range(DayOfWeek.MONDAY, DayOfWeek.FRIDAY),
                        List.of(LocalDate.parse("2026-12-09")),
                        List.of(),
                        List.of(),
                        2,
                        local("2026-12-07T08:00")),
                "2026-12-07T08:00");
        // Monday
        opened("T1", TicketKind.REPAIR, false, "2026-12-07T09:00");
        dispatched("T1", "A1", TicketKind.REPAIR, Department.ENGINEERING, false, "2026-12-07T09:30");
        opened("T3", TicketKind.REPAIR, false, "2026-12-07T10:00");
        pickedUp("T1", "A1", Department.ENGINEERING, "2026-12-07T10:00");
        started("T1", "A1", "2026-12-07T10:30");
        dispatched("T3", "A3", TicketKind.REPAIR, Department.ENGINEERING, false, "2026-12-07T11:00");
        pickedUp("T3", "A3", Department.ENGINEERING, "2026-12-07T11:30");
        completed("T1", "A1", "2026-12-07T12:00");
        returned("T1", "A1", "2026-12-07T12:00", "2026-12-07T17:30", "2026-12-07T13:00");
        opened("T4", TicketKind.CLEANING_HOURLY, true, "2026-12-07T13:00");
        started("T3", "A3", "2026-12-07T14:00");
        dispatched("T4", "A5", TicketKind.CLEANING_HOURLY, Department.CLEANING, true, "2026-12-07T14:00");
        completed("T3", "A3", "2026-12-07T15:00");
        pickedUp("T4", "A5", Department.CLEANING, "2026-12-07T15:00");
        returned("T3", "A3", "2026-12-07T15:00", "2026-12-07T17:30", "2026-12-07T15:30");
        closed("T1", "2026-12-07T16:00");
        publish(
                Topics.DISPATCH_EVENTS,
                id("A5"),
                new OrderCancelled(
                        id("T4"), id("A5"), Department.CLEANING, "owner declined", null, local("2026-12-07T16:00")),
                "2026-12-07T16:00");
        // Tuesday
        closed("T4", "2026-12-08T09:00");
        closed("T3", "2026-12-08T09:30");
        publish(
                Topics.TICKET_EVENTS,
                id("T3"),
                new TicketReopened(id("T3"), "owner not satisfied", local("2026-12-08T10:00")),
                "2026-12-08T10:00");
        dispatched("T3", "A4", TicketKind.REPAIR, Department.ENGINEERING, false, "2026-12-08T11:00");
        pickedUp("T3", "A4", Department.ENGINEERING, "2026-12-08T11:30");
        started("T3", "A4", "2026-12-08T12:00");
        completed("T3", "A4", "2026-12-08T13:00");
        returned("T3", "A4", "2026-12-08T13:00", "2026-12-08T17:30", "2026-12-08T14:00");
        opened("T2", TicketKind.REPAIR, false, "2026-12-08T17:00");
        // Wednesday is a holiday; Thursday
        dispatched("T2", "A2", TicketKind.REPAIR, Department.ENGINEERING, false, "2026-12-10T09:00");
        closed("T3", "2026-12-10T10:00");
        pickedUp("T2", "A2", Department.ENGINEERING, "2026-12-10T10:00");
        started("T2", "A2", "2026-12-10T11:00");
        completed("T2", "A2", "2026-12-10T16:00");
        returned("T2", "A2", "2026-12-10T16:00", "2026-12-10T17:30", "2026-12-10T17:00");
        // Friday
        opened("T5", TicketKind.REPAIR, false, "2026-12-11T09:00");
        closed("T2", "2026-12-11T10:00");
        CLOCK.set(local("2026-12-11T12:00"));
    }

    private void publish(String topic, String aggregateId, PublicEvent event, String at) {
        Instant time = local(at);
        CLOCK.set(time);
        long sequence = sequences.merge(aggregateId, 1L, Long::sum) - 1;
        Envelope envelope = Envelope.of(UUID.randomUUID().toString(), time, event, aggregateId, sequence);
        ProducerRecord<String, byte[]> record = CloudEventCodec.toRecord(topic, envelope);
        try {
            PRODUCER.send(record).get();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        sent.add(record);
        envelopes.add(envelope);
    }

    private void opened(String ticket, TicketKind kind, boolean paid, String at) {
        publish(
                Topics.TICKET_EVENTS,
                id(ticket),
                new TicketOpened(
                        id(ticket),
                        "call-" + id(ticket),
                        estate,
                        "north",
                        "b1",
                        "b1-101",
                        kind,
                        paid,
                        null,
                        "described",
                        "Wang",
                        "13800000000",
                        Channel.PHONE,
                        "desk-chen",
                        "steward-li",
                        local(at),
                        null,
                        local(at)),
                at);
    }

    private void closed(String ticket, String at) {
        publish(Topics.TICKET_EVENTS, id(ticket), new TicketClosed(id(ticket), "owner satisfied", local(at)), at);
    }

    private void dispatched(
            String ticket, String order, TicketKind kind, Department department, boolean paid, String at) {
        publish(
                Topics.DISPATCH_EVENTS,
                id(order),
                new OrderDispatched(
                        id(ticket),
                        id(order),
                        estate,
                        "north",
                        "b1",
                        "b1-101",
                        kind,
                        department,
                        paid,
                        null,
                        "fix it",
                        null,
                        DispatchMode.AREA_LEADER,
                        "leader-zhang",
                        paid ? SlaRule.R8 : SlaRule.R9,
                        null,
                        "desk-chen",
                        local(at)),
                at);
    }

    private void pickedUp(String ticket, String order, Department department, String at) {
        publish(
                Topics.DISPATCH_EVENTS,
                id(order),
                new OrderPickedUp(id(ticket), id(order), department, "leader-zhang", "fitter-wang", local(at)),
                at);
    }

    private void started(String ticket, String order, String at) {
        publish(
                Topics.DISPATCH_EVENTS,
                id(order),
                new WorkStarted(id(ticket), id(order), null, "fitter-wang", local(at)),
                at);
    }

    private void completed(String ticket, String order, String at) {
        publish(
                Topics.DISPATCH_EVENTS,
                id(order),
                new OrderCompleted(
                        id(ticket),
                        id(order),
                        estate,
                        TicketKind.REPAIR,
                        Department.ENGINEERING,
                        false,
                        "fitter-wang",
                        "fixed",
                        local(at)),
                at);
    }

    private void returned(String ticket, String order, String completedAt, String dueAt, String at) {
        publish(
                Topics.DISPATCH_EVENTS,
                id(order),
                new OrderReturned(
                        id(ticket),
                        id(order),
                        estate,
                        TicketKind.REPAIR,
                        Department.ENGINEERING,
                        false,
                        "leader-zhang",
                        "slip back",
                        local(completedAt),
                        local(dueAt),
                        false,
                        local(at)),
                at);
    }

    // ---------------------------------------------------------------- reading the answers

    private HttpResponse<String> send(String path) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .header("Authorization", DemoUsers.authorizationFor("callback", "GET", path))
                .GET()
                .build();
        return http.send(request, HttpResponse.BodyHandlers.ofString());
    }

    private JsonNode get(String path, int status) throws Exception {
        HttpResponse<String> response = send(path);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        return JSON.readTree(response.body());
    }

    /** The field a 400 problem names. */
    private String problem(String path) throws Exception {
        HttpResponse<String> response = send(path);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(400);
        assertThat(response.headers().firstValue("Content-Type"))
                .hasValueSatisfying(type -> assertThat(type).startsWith("application/problem+json"));
        return JSON.readTree(response.body()).at("/errors/0/field").asText();
    }

    private static java.util.stream.Stream<JsonNode> stream(JsonNode array) {
        return StreamSupport.stream(array.spliterator(), false);
    }

    /** Status to "entries:wall/working". */
    private static Map<String, String> totals(JsonNode item) {
        Map<String, String> totals = new java.util.LinkedHashMap<>();
        stream(item.get("totals"))
                .forEach(t -> totals.put(
                        t.get("status").asText(),
                        t.get("entries").asInt() + ":" + t.get("wallMinutes").asDouble() + "/"
                                + t.get("workingMinutes").asDouble()));
        return totals;
    }

    private static JsonNode group(JsonNode report, String key) {
        return stream(report.get("groups"))
                .filter(g -> g.get("key").asText().equals(key))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no group " + key + " in " + report));
    }

    private static Map<String, JsonNode> statuses(JsonNode group) {
        return stream(group.get("statuses"))
                .collect(Collectors.toMap(s -> s.get("status").asText(), s -> s));
    }

    /** count, ongoing, median and p90 wall-clock, median and p90 working. */
    private static List<Double> figures(JsonNode status) {
        assertThat(status).as("status figures").isNotNull();
        return List.of(
                status.get("count").asDouble(),
                status.get("ongoing").asDouble(),
                status.get("medianWallMinutes").asDouble(),
                status.get("p90WallMinutes").asDouble(),
                status.get("medianWorkingMinutes").asDouble(),
                status.get("p90WorkingMinutes").asDouble());
    }
}
