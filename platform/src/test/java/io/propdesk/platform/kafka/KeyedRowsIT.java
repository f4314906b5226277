package io.propdesk.platform.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.client.MongoCollection;
import io.propdesk.contracts.PublicEvent;
import io.propdesk.contracts.cloudevents.CloudEventCodec.Envelope;
import io.propdesk.contracts.ticket.TicketClosed;
import io.propdesk.contracts.ticket.TicketOpened;
import io.propdesk.contracts.ticket.TicketReopened;
import io.propdesk.platform.testing.CountedCommands;
import io.propdesk.platform.testing.PolledRecords;
import io.propdesk.platform.testing.Tickets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.bson.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The poll fold of a projection whose rows record what they applied (issue 19: no inbox marker, one bulk write per
 * poll), and its rebuild (delivery guarantee 6), against the MongoDB-wire server.
 */
class KeyedRowsIT {

    private static final String TOPIC = "keyed-rows-test";
    private static final Instant AT = Instant.parse("2026-12-02T02:00:00Z");

    private final CountedCommands commands = new CountedCommands();
    private MongoCollection<Document> live;
    private MongoCollection<Document> rebuilt;

    @BeforeEach
    void setUp() {
        String db = "keyed_" + UUID.randomUUID().toString().substring(0, 8);
        live = commands.database(db).getCollection("live");
        rebuilt = commands.database(db).getCollection("rebuilt");
    }

    @AfterEach
    void tearDown() {
        commands.close();
    }

    @Test
    void aPollIsOneReadAndOneBulkWriteOfTheRowsItChanged_issue19() {
        List<Envelope> poll = twoTickets(event("e3", "T-9", 0, closed("T-9", 0))); // no row to close: changes nothing

        rows(live).apply(poll);

        assertThat(commands.all()).containsOnly(Map.entry("live find", 1L), Map.entry("live update", 1L));
        assertThat(stored(live))
                .containsExactly(
                        new Document("_id", "T-1").append("status", "CLOSED").append("seq", 1L),
                        new Document("_id", "T-2").append("status", "OPEN").append("seq", 0L));
    }

    @Test
    void aReDeliveredPollIsReadButWritesNothing_guarantee4() {
        List<Envelope> poll =
                List.of(event("e0", "T-1", 0, Tickets.aRepair("T-1")), event("e1", "T-1", 1, closed("T-1", 1)));
        rows(live).apply(poll);
        List<Document> before = stored(live);
        commands.reset();

        rows(live).apply(poll);

        assertThat(commands.writes()).as("the rows show they applied it").isEmpty();
        assertThat(stored(live)).isEqualTo(before);
    }

    @Test
    void aPollOfEventsTheProjectionIgnoresCostsNoCommand_issue19() {
        rows(live).apply(List.of(event("e0", "T-1", 2, new TicketReopened("T-1", "not satisfied", AT))));

        assertThat(commands.all()).isEmpty();
    }

    @Test
    void aRebuildSkipsAPoisonRecordAndEndsWithTheLiveRows_guarantee6() {
        List<Envelope> events = twoTickets(event("e2", "T-1", 1, closed("T-1", 1))); // e2 re-sent by the relay
        rows(live).apply(events);
        List<ConsumerRecord<String, byte[]>> topic = new ArrayList<>();
        for (Envelope event : events) {
            topic.add(PolledRecords.of(TOPIC, topic.size(), event));
        }
        topic.add(1, new ConsumerRecord<>(TOPIC, 0, 99, "T-1", "not a cloud event".getBytes()));

        long applied = rows(rebuilt).rebuild(topic);

        assertThat(applied)
                .as("the events that changed a row, the re-sent one not")
                .isEqualTo(3);
        assertThat(stored(rebuilt)).isEqualTo(stored(live));
    }

    /** A ticket's status and the last sequence of its stream that the row applied; reopenings are ignored. */
    private static KeyedRows rows(MongoCollection<Document> collection) {
        return new KeyedRows(collection, KeyedRowsIT::ticketOf, (event, rows) -> {
            String ticketId = ticketOf(event);
            if (ticketId == null) {
                return false;
            }
            Document row = rows.get(ticketId);
            if (row != null && event.sequence() <= row.get("seq", Number.class).longValue()) {
                return false;
            }
            if (event.data() instanceof TicketOpened) {
                rows.put(ticketId, new Document("_id", ticketId).append("status", "OPEN"));
            } else if (row == null) {
                return false;
            } else {
                row.put("status", "CLOSED");
            }
            rows.get(ticketId).put("seq", event.sequence());
            return true;
        });
    }

    private static String ticketOf(Envelope event) {
        if (event.data() instanceof TicketOpened o) {
            return o.ticketId();
        }
        return event.data() instanceof TicketClosed c ? c.ticketId() : null;
    }

    /** T-1 opened and closed, T-2 opened, then {@code more}. */
    private static List<Envelope> twoTickets(Envelope... more) {
        List<Envelope> events = new ArrayList<>(List.of(
                event("e0", "T-1", 0, Tickets.aRepair("T-1")),
                event("e1", "T-2", 0, Tickets.aRepair("T-2")),
                event("e2", "T-1", 1, closed("T-1", 1))));
        events.addAll(List.of(more));
        return events;
    }

    private static TicketClosed closed(String ticketId, long sequence) {
        return Tickets.closedAt(ticketId, sequence).getPayload();
    }

    private static Envelope event(String id, String aggregateId, long sequence, PublicEvent data) {
        return Envelope.of(id, AT, data, aggregateId, sequence);
    }

    private static List<Document> stored(MongoCollection<Document> collection) {
        return collection.find().sort(new Document("_id", 1)).into(new ArrayList<>());
    }
}
