package io.propdesk.ticket.query;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.client.MongoDatabase;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.propdesk.contracts.Department;
import io.propdesk.contracts.PublicEvent;
import io.propdesk.contracts.Topics;
import io.propdesk.contracts.billing.QuoteAccepted;
import io.propdesk.contracts.callback.StewardAssigned;
import io.propdesk.contracts.cloudevents.CloudEventCodec;
import io.propdesk.contracts.cloudevents.CloudEventCodec.Envelope;
import io.propdesk.contracts.dispatch.MonthClosed;
import io.propdesk.contracts.dispatch.OrderPickedUp;
import io.propdesk.contracts.ticket.CallDirection;
import io.propdesk.contracts.ticket.CallEnded;
import io.propdesk.contracts.ticket.CallLinked;
import io.propdesk.contracts.ticket.CallStarted;
import io.propdesk.contracts.ticket.HangupCause;
import io.propdesk.contracts.ticket.TicketClosed;
import io.propdesk.platform.kafka.InboundEvents;
import io.propdesk.platform.observability.TraceContexts;
import io.propdesk.platform.testing.PolledRecords;
import io.propdesk.platform.testing.Stores;
import io.propdesk.platform.testing.Tickets;
import java.time.Instant;
import java.time.YearMonth;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.springframework.kafka.support.KafkaUtils;

/**
 * Delivery guarantees 4 and 6 for the timeline without inbox markers (issue 19): the live path, fed interleaved polls
 * with re-deliveries (re-encoded, as the relay publishes an event again) and calls linked before and after their
 * events, gives the same documents as the bulk rebuild reading the four topics one after the other.
 */
class TimelineRebuildIT {

    private final Map<String, Long> offsets = new HashMap<>();
    private int published;
    private final Instant at = Instant.now().truncatedTo(ChronoUnit.MILLIS);

    @Test
    void aBulkRebuildGivesTheSameTimelinesAsTheLivePathWithRedeliveries_issue19() {
        ConsumerRecord<String, byte[]> opened = ticket("t1-0", Tickets.aRepair("T-1"), "T-1", 0);
        // call C-1: started, then linked to T-1, then ended
        ConsumerRecord<String, byte[]> c1Started = ticket("c1-0", started("C-1", 0), "C-1", 0);
        ConsumerRecord<String, byte[]> c1Linked = ticket("c1-1", new CallLinked("C-1", "T-1", at(1)), "C-1", 1);
        ConsumerRecord<String, byte[]> c1Ended = ticket("c1-2", ended("C-1", 2), "C-1", 2);
        // call C-2: its link reaches the timeline before its start
        ConsumerRecord<String, byte[]> c2Linked = ticket("c2-1", new CallLinked("C-2", "T-1", at(4)), "C-2", 1);
        ConsumerRecord<String, byte[]> c2Started = ticket("c2-0", started("C-2", 3), "C-2", 0);
        ConsumerRecord<String, byte[]> pickedUp = dispatch(
                "o1-1", new OrderPickedUp("T-1", "WO-1", Department.ENGINEERING, "lead", "fitter", at(5)), "WO-1", 1);
        ConsumerRecord<String, byte[]> assigned =
                callback("l1-0", new StewardAssigned("T-1", "steward-li", null, at(2)), "T-1", 0);
        ConsumerRecord<String, byte[]> accepted =
                billing("q1-1", new QuoteAccepted("T-1", "Q-1", "WO-1", "desk", at(6), "desk", "b1-101"), "Q-1", 1);
        ConsumerRecord<String, byte[]> monthClosed =
                dispatch("m1-0", new MonthClosed(YearMonth.of(2026, 11), 3, 1, 0, "hash", "lead", at(7)), "2026-11", 0);
        ConsumerRecord<String, byte[]> closed = ticket("t1-1", new TicketClosed("T-1", "satisfied", at(8)), "T-1", 1);

        MongoDatabase live = Stores.freshDatabase("timeline_live");
        Timeline liveTimeline = new Timeline(live, inbound(live));
        KafkaUtils.setConsumerGroupId(Timeline.GROUP); // as on the listener's consumer thread
        try {
            liveTimeline.on(List.of(assigned, c2Linked));
            liveTimeline.on(List.of(opened, c1Started));
            liveTimeline.on(List.of(pickedUp));
            liveTimeline.on(List.of(c1Linked, c1Ended, c2Started, again(opened)));
            liveTimeline.on(List.of(again(assigned), accepted, monthClosed));
            liveTimeline.on(List.of(again(c1Linked))); // a re-delivered link on its own
            liveTimeline.on(List.of(closed, again(closed), again(pickedUp)));
        } finally {
            KafkaUtils.clearConsumerGroupId();
        }

        List<ConsumerRecord<String, byte[]>> topics = new ArrayList<>(List.of(
                opened,
                c1Started,
                c1Linked,
                c1Ended,
                c2Linked,
                c2Started,
                closed, // ticket topic
                pickedUp,
                monthClosed, // dispatch
                assigned, // callback
                accepted)); // billing
        MongoDatabase rebuilt = Stores.freshDatabase("timeline_rebuilt");
        Timeline rebuiltTimeline = new Timeline(rebuilt, inbound(rebuilt));
        long applied = rebuiltTimeline.rebuild(topics, Timeline.GROUP + "-rebuild");

        assertThat(applied).as("every event but the month close").isEqualTo(10);
        assertThat(asSets(all(rebuilt))).isEqualTo(asSets(all(live))).hasSize(3);
        assertThat(all(live).get(0).getList("entries", Document.class))
                .as("each entry once although T-1's events came twice")
                .hasSize(5);
        assertThat(all(live, "inbox")).isEmpty();
        assertThat(rebuiltTimeline.of("T-1")).isEqualTo(liveTimeline.of("T-1"));
        assertThat(liveTimeline.of("T-1").orElseThrow())
                .extracting(Timeline.Entry::id)
                .containsExactly("t1-0", "c1-0", "c1-1", "c1-2", "c2-1", "c2-0", "o1-1", "l1-0", "q1-1", "t1-1");
    }

    private static InboundEvents inbound(MongoDatabase db) {
        return new InboundEvents(db, new SimpleMeterRegistry(), TraceContexts.none());
    }

    private List<Document> all(MongoDatabase db) {
        return all(db, Timeline.COLLECTION);
    }

    private static List<Document> all(MongoDatabase db, String collection) {
        List<Document> docs = db.getCollection(collection).find().into(new ArrayList<>());
        docs.sort(Comparator.comparing(d -> d.getString("_id")));
        return docs;
    }

    /** A document's entries and calls are sets: the live path adds them in arrival order, the rebuild in topic order. */
    private static List<Document> asSets(List<Document> docs) {
        List<Document> sets = new ArrayList<>();
        for (Document doc : docs) {
            Document set = new Document(doc);
            if (doc.containsKey("entries")) {
                List<Document> entries = new ArrayList<>(doc.getList("entries", Document.class));
                entries.sort(Comparator.comparing(e -> e.getString("id")));
                set.put("entries", entries);
            }
            if (doc.containsKey("calls")) {
                set.put(
                        "calls",
                        doc.getList("calls", String.class).stream().sorted().toList());
            }
            sets.add(set);
        }
        return sets;
    }

    private Instant at(int minutes) {
        return at.plusSeconds(60L * minutes);
    }

    private CallStarted started(String callId, int minutes) {
        return new CallStarted(
                callId,
                CallDirection.IN,
                "sealed-from",
                "400",
                List.of(),
                null,
                "sunrise",
                null,
                null,
                List.of(),
                at(minutes));
    }

    private CallEnded ended(String callId, int minutes) {
        return new CallEnded(
                callId,
                CallDirection.IN,
                HangupCause.NORMAL_CLEARING,
                true,
                60,
                "T-1",
                "sunrise",
                null,
                null,
                List.of(),
                at(minutes - 1),
                at(minutes));
    }

    /** The same event delivered again, encoded again from its envelope (as the relay would publish it again). */
    private ConsumerRecord<String, byte[]> again(ConsumerRecord<String, byte[]> first) {
        Envelope event = CloudEventCodec.fromRecord(first);
        return record(first.topic(), event);
    }

    private ConsumerRecord<String, byte[]> ticket(String id, PublicEvent event, String aggregateId, long seq) {
        return record(Topics.TICKET_EVENTS, id, event, aggregateId, seq);
    }

    private ConsumerRecord<String, byte[]> dispatch(String id, PublicEvent event, String aggregateId, long seq) {
        return record(Topics.DISPATCH_EVENTS, id, event, aggregateId, seq);
    }

    private ConsumerRecord<String, byte[]> callback(String id, PublicEvent event, String aggregateId, long seq) {
        return record(Topics.CALLBACK_EVENTS, id, event, aggregateId, seq);
    }

    private ConsumerRecord<String, byte[]> billing(String id, PublicEvent event, String aggregateId, long seq) {
        return record(Topics.BILLING_EVENTS, id, event, aggregateId, seq);
    }

    private ConsumerRecord<String, byte[]> record(
            String topic, String id, PublicEvent event, String aggregateId, long seq) {
        // each event its own ce_time, in the order the test makes them: the timeline's order
        return record(topic, Envelope.of(id, at.plusSeconds(published++), event, aggregateId, seq));
    }

    private ConsumerRecord<String, byte[]> record(String topic, Envelope envelope) {
        return PolledRecords.of(topic, offsets.merge(topic, 1L, Long::sum) - 1, envelope);
    }
}
