package io.propdesk.ticket.query;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.client.MongoDatabase;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.propdesk.contracts.PublicEvent;
import io.propdesk.contracts.Topics;
import io.propdesk.contracts.cloudevents.CloudEventCodec.Envelope;
import io.propdesk.contracts.ticket.TicketClosed;
import io.propdesk.contracts.ticket.TicketReopened;
import io.propdesk.platform.kafka.InboundEvents;
import io.propdesk.platform.observability.TraceContexts;
import io.propdesk.platform.testing.PolledRecords;
import io.propdesk.platform.testing.Stores;
import io.propdesk.platform.testing.Tickets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.springframework.kafka.support.KafkaUtils;

/**
 * Delivery guarantee 6: the bulk rebuild gives the same rows as the live path, record by record; delivery guarantee 4:
 * re-deliveries change nothing, by the sequence the row keeps (issue 19: no inbox markers on either path).
 */
class TicketListRebuildIT {

    private long offset;

    @Test
    void aBulkRebuildGivesTheSameRowsAsTheLivePathWithoutMarkers_issue19() {
        Instant at = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        List<ConsumerRecord<String, byte[]>> topic = new ArrayList<>();
        topic.add(record("o1", Tickets.aRepair("T-1"), "T-1", 0));
        topic.add(record("o2", Tickets.aRepair("T-2"), "T-2", 0));
        topic.add(record("c1", new TicketClosed("T-1", "satisfied", at), "T-1", 1));
        topic.add(record("o1", Tickets.aRepair("T-1"), "T-1", 0)); // re-delivered: must not reopen the row
        topic.add(record("r1", new TicketReopened("T-1", "back again", at.plusSeconds(5)), "T-1", 2));
        topic.add(record("c1", new TicketClosed("T-1", "satisfied", at), "T-1", 1)); // re-delivered after the reopen
        topic.add(record("c2", new TicketClosed("T-2", "satisfied", at), "T-2", 1));
        topic.add(record("c2", new TicketClosed("T-2", "satisfied", at), "T-2", 1));
        topic.add(record("x1", new TicketClosed("T-9", "never opened here", at), "T-9", 1));

        MongoDatabase live = Stores.freshDatabase("list_live");
        TicketList liveList = new TicketList(live, inbound(live));
        // the live path as its container runs it: on the consumer thread of TicketList.GROUP, one poll at a time
        KafkaUtils.setConsumerGroupId(TicketList.GROUP);
        try {
            topic.forEach(record -> liveList.on(List.of(record)));
        } finally {
            KafkaUtils.clearConsumerGroupId();
        }

        MongoDatabase rebuilt = Stores.freshDatabase("list_rebuilt");
        long applied = new TicketList(rebuilt, inbound(rebuilt)).rebuild(topic, TicketList.GROUP);

        assertThat(applied)
                .as("o1, o2, c1, r1, c2: re-deliveries and T-9's close change no row")
                .isEqualTo(5);
        assertThat(all(rebuilt, TicketList.COLLECTION))
                .isEqualTo(all(live, TicketList.COLLECTION))
                .hasSize(2);
        assertThat(all(live, "inbox")).isEmpty();
        assertThat(all(rebuilt, "inbox")).isEmpty();
        Document t1 = all(rebuilt, TicketList.COLLECTION).get(0);
        assertThat(t1.getString("status")).isEqualTo("REOPENED");
        assertThat(t1.get("seq", Number.class).longValue()).isEqualTo(2);
    }

    private static InboundEvents inbound(MongoDatabase db) {
        return new InboundEvents(db, new SimpleMeterRegistry(), TraceContexts.none());
    }

    private static List<Document> all(MongoDatabase db, String collection) {
        List<Document> docs = db.getCollection(collection).find().into(new ArrayList<>());
        docs.sort(Comparator.comparing(d -> d.getString("_id")));
        return docs;
    }

    private ConsumerRecord<String, byte[]> record(String id, PublicEvent event, String aggregateId, long sequence) {
        return PolledRecords.of(
                Topics.TICKET_EVENTS, offset++, Envelope.of(id, Instant.now(), event, aggregateId, sequence));
    }
}
