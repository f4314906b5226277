package io.propdesk.dispatch.query;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.client.MongoDatabase;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.propdesk.contracts.ticket.TicketOpened;
import io.propdesk.platform.kafka.InboundEvents;
import io.propdesk.platform.observability.TraceContexts;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.kafka.support.KafkaUtils;

/**
 * Issue 19: the store writes the order list costs for one repair order's lifecycle, one poll per commit (the shape of
 * an idle system, where every commit is published and polled on its own), counted at the MongoDB driver.
 */
class OrderListWritesIT {

    private final StoreWrites writes = new StoreWrites();
    private OrderList list;

    @BeforeEach
    void setUp() {
        MongoDatabase db = writes.client()
                .getDatabase("order_list_writes_" + UUID.randomUUID().toString().substring(0, 8));
        list = new OrderList(db, new InboundEvents(db, new SimpleMeterRegistry(), TraceContexts.none()));
        KafkaUtils.setConsumerGroupId("dispatch-service.order-list");
    }

    @AfterEach
    void tearDown() {
        KafkaUtils.clearConsumerGroupId();
        writes.close();
    }

    /** A repair's lifecycle as the list sees it: the ticket opens, its order's five commits, the ticket closes. */
    private static List<ConsumerRecord<String, byte[]>> repairLifecycle() {
        OrderLifecycles life = new OrderLifecycles();
        Instant t = Instant.parse("2026-12-01T02:00:00Z");
        String ticket = "T-" + UUID.randomUUID().toString().substring(0, 8);
        String order = "WO-" + ticket;
        return List.of(
                life.ticketEvent(ticket, opened(ticket, t)),
                life.dispatched(ticket, order, t.plusSeconds(1)),
                life.pickedUp(ticket, order, "leader-wu", t.plusSeconds(60)),
                life.started(ticket, order, t.plusSeconds(120)),
                life.completed(ticket, order, t.plusSeconds(1_800)),
                life.returned(ticket, order, false, t.plusSeconds(1_900)),
                life.closed(ticket, t.plusSeconds(7_200)));
    }

    @Test
    void aRepairLifecycleCostsOneOrderListWritePerOrderCommitAndNoInboxMarker_issue19() {
        for (ConsumerRecord<String, byte[]> commit : repairLifecycle()) {
            list.on(List.of(commit));
        }

        System.out.printf("issue 19 order list writes per repair lifecycle: %s%n", writes.all());
        assertThat(writes.of(OrderList.COLLECTION))
                .as("one bulk write per poll that touches the order")
                .isEqualTo(5);
        assertThat(writes.of("inbox"))
                .as("the rows dedupe by themselves: no marker")
                .isZero();
    }

    @Test
    void aPollHoldingTheWholeLifecycleCostsOneOrderListWrite_issue19() {
        list.on(repairLifecycle());

        System.out.printf("issue 19 order list writes per repair lifecycle in one poll: %s%n", writes.all());
        assertThat(writes.of(OrderList.COLLECTION)).isEqualTo(1);
        assertThat(writes.of("inbox")).isZero();
    }

    static TicketOpened opened(String ticketId, Instant at) {
        return new TicketOpened(
                ticketId,
                "call-" + ticketId,
                "sunrise",
                "north",
                "b1",
                "b1-101",
                io.propdesk.contracts.TicketKind.REPAIR,
                false,
                null,
                "kitchen tap leaking",
                "Wang",
                "13800000000",
                io.propdesk.contracts.Channel.PHONE,
                "desk-chen",
                "steward-li",
                at,
                null,
                at);
    }
}
