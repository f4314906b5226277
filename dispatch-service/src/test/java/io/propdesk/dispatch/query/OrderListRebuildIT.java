package io.propdesk.dispatch.query;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.client.MongoDatabase;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.propdesk.contracts.ticket.TicketReopened;
import io.propdesk.platform.kafka.InboundEvents;
import io.propdesk.platform.observability.TraceContexts;
import io.propdesk.platform.testing.Stores;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.bson.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.kafka.support.KafkaUtils;

/**
 * Delivery guarantees 4 and 6 for the order list without inbox markers (issue 19): its rows record per stream the
 * last sequence they applied, so re-deliveries change nothing, and a rebuild from the topics into an empty collection
 * gives the live run's documents.
 */
class OrderListRebuildIT {

    private static final Instant T = Instant.parse("2026-12-01T02:00:00Z");

    private MongoDatabase liveDb;
    private MongoDatabase rebuiltDb;
    private OrderList live;
    private OrderList rebuilt;

    @BeforeEach
    void setUp() {
        liveDb = Stores.freshDatabase("order_list_live");
        rebuiltDb = Stores.freshDatabase("order_list_rebuilt");
        live = new OrderList(liveDb, new InboundEvents(liveDb, new SimpleMeterRegistry(), TraceContexts.none()));
        rebuilt =
                new OrderList(rebuiltDb, new InboundEvents(rebuiltDb, new SimpleMeterRegistry(), TraceContexts.none()));
        KafkaUtils.setConsumerGroupId("dispatch-service.order-list");
    }

    @AfterEach
    void tearDown() {
        KafkaUtils.clearConsumerGroupId();
    }

    /**
     * Two tickets' orders with re-deliveries inside a poll and across polls, an old event re-sent after newer ones,
     * a complaint-book entry that arrives before its order's events (R11) and ticket events the list ignores.
     */
    private static List<ConsumerRecord<String, byte[]>> script() {
        OrderLifecycles life = new OrderLifecycles();
        ConsumerRecord<String, byte[]> opened = life.ticketEvent("T-1", OrderListWritesIT.opened("T-1", T));
        ConsumerRecord<String, byte[]> dispatched1 = life.dispatched("T-1", "WO-T-1", T.plusSeconds(1));
        life.again(dispatched1);
        ConsumerRecord<String, byte[]> early = life.explained("T-2", "WO-T-2", T.plusSeconds(2));
        life.pickedUp("T-1", "WO-T-1", "leader-wu", T.plusSeconds(60));
        life.dispatched("T-2", "WO-T-2", T.plusSeconds(61));
        ConsumerRecord<String, byte[]> started1 = life.started("T-1", "WO-T-1", T.plusSeconds(120));
        life.again(opened);
        life.completed("T-1", "WO-T-1", T.plusSeconds(1_800));
        life.again(started1); // an old event re-sent after a newer one: must not set STARTED again
        life.again(early);
        life.returned("T-1", "WO-T-1", true, T.plusSeconds(1_900));
        life.cancelled("T-2", "WO-T-2", T.plusSeconds(2_000));
        life.explained("T-1", "WO-T-1", T.plusSeconds(2_100));
        life.ticketEvent("T-1", new TicketReopened("T-1", "owner not satisfied", T.plusSeconds(3_000)));
        life.again(dispatched1);
        return life.records();
    }

    @Test
    void aRebuildFromTheTopicsGivesTheLiveDocumentsWithReDeliveries_issue19() {
        List<ConsumerRecord<String, byte[]>> records = script();
        // live: polls of three, the second one delivered twice (the offsets were not committed before a crash)
        List<List<ConsumerRecord<String, byte[]>>> polls = new ArrayList<>();
        for (int i = 0; i < records.size(); i += 3) {
            polls.add(records.subList(i, Math.min(i + 3, records.size())));
        }
        polls.add(2, polls.get(1));
        polls.forEach(live::on);

        long applied = rebuilt.rebuild(records, "dispatch-service.order-list.rebuild");

        Map<String, Document> liveRows = rows(liveDb);
        assertThat(rows(rebuiltDb)).as("rebuild == live, by _id").isEqualTo(liveRows);
        assertThat(applied)
                .as("each order event once: 7 of the orders' streams, 2 explanations")
                .isEqualTo(9);
        assertThat(liveRows.get("WO-T-1"))
                .as("the last event of each stream wins; the re-sent start is ignored")
                .containsEntry("status", "RETURNED")
                .containsEntry("late", true)
                .containsEntry("explained", true)
                .containsEntry("assignee", "leader-wu");
        assertThat(liveRows.get("WO-T-2"))
                .as("the early explanation is kept")
                .containsEntry("status", "CANCELLED")
                .containsEntry("explained", true)
                .containsEntry("ticketId", "T-2");
        assertThat(liveDb.getCollection("inbox").countDocuments())
                .as("no markers")
                .isZero();
    }

    @Test
    void aPollDeliveredAgainOneEventAtATimeChangesNothing_issue19() {
        List<ConsumerRecord<String, byte[]>> records = script();
        live.on(records);
        Map<String, Document> once = rows(liveDb);
        for (ConsumerRecord<String, byte[]> record : records) {
            live.on(List.of(record));
        }
        assertThat(rows(liveDb)).isEqualTo(once);
    }

    private static Map<String, Document> rows(MongoDatabase db) {
        Map<String, Document> byId = new TreeMap<>();
        for (Document d : db.getCollection(OrderList.COLLECTION).find()) {
            byId.put(d.getString("_id"), d);
        }
        return byId;
    }
}
