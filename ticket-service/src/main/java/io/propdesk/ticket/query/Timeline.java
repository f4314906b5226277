package io.propdesk.ticket.query;

import static com.mongodb.client.model.Filters.eq;

import com.fasterxml.jackson.databind.JsonNode;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;
import io.propdesk.contracts.PublicEvent;
import io.propdesk.contracts.Topics;
import io.propdesk.contracts.cloudevents.CloudEventCodec;
import io.propdesk.contracts.ticket.CallAnswered;
import io.propdesk.contracts.ticket.CallEnded;
import io.propdesk.contracts.ticket.CallLinked;
import io.propdesk.contracts.ticket.CallStarted;
import io.propdesk.platform.kafka.InboundEvents;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.bson.Document;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/**
 * R10: every ticket shows its whole timeline across services. A projection of all four services' topics into one
 * document per ticket ({@code _id} = ticketId), each event appended with {@code $push}; answered in event-time order,
 * a re-delivered event shown once (by its {@code ce_id}). The events of a call (keyed by the call, not a ticket) are
 * kept under the call and shown on the ticket opened during it, once {@code CallLinked} names that ticket.
 */
@Component
public class Timeline {

    public static final String GROUP = "ticket-service.timeline";
    static final String COLLECTION = "ticket_timeline";

    /** A call's events are kept under {@code call:<callId>} and shown on the ticket linked to the call. */
    static final String CALL_PREFIX = "call:";

    private final MongoCollection<Document> timelines;
    private final InboundEvents inbound;

    public Timeline(MongoDatabase database, InboundEvents inbound) {
        this.timelines = database.getCollection(COLLECTION);
        this.inbound = inbound;
    }

    /** One event as the front desk reads it: what happened, where, when, and the event itself. */
    public record Entry(String id, String type, String source, java.time.Instant time, long sequence, JsonNode data) {}

    @KafkaListener(
            topics = {Topics.TICKET_EVENTS, Topics.DISPATCH_EVENTS, Topics.CALLBACK_EVENTS, Topics.BILLING_EVENTS},
            groupId = GROUP,
            batch = "true")
    public void on(List<ConsumerRecord<String, byte[]>> poll) {
        inbound.handle(poll, event -> {
            String callId = callOf(event.data());
            if (callId == null && (!(event.data() instanceof PublicEvent e) || e.ticketId() == null)) {
                return; // estates, price lists, contracts, month closes: no ticket to show them on
            }
            Document entry = new Document("id", event.id())
                    .append("type", event.type())
                    .append("source", event.source())
                    .append("time", Date.from(event.time()))
                    .append("seq", event.sequence())
                    .append("data", new String(CloudEventCodec.toJson(event.data()), StandardCharsets.UTF_8));
            if (callId != null) {
                // a call's events wait under the call until a ticket is linked to it, whichever comes first
                timelines.updateOne(
                        eq("_id", CALL_PREFIX + callId),
                        Updates.push("entries", entry),
                        new UpdateOptions().upsert(true));
                if (event.data() instanceof CallLinked linked) {
                    timelines.updateOne(
                            eq("_id", linked.linkedTicketId()),
                            Updates.addToSet("calls", callId),
                            new UpdateOptions().upsert(true));
                }
                return;
            }
            timelines.updateOne(
                    eq("_id", ((PublicEvent) event.data()).ticketId()),
                    Updates.push("entries", entry),
                    new UpdateOptions().upsert(true));
        });
    }

    private static String callOf(Object data) {
        if (data instanceof CallStarted e) {
            return e.callId();
        } else if (data instanceof CallAnswered e) {
            return e.callId();
        } else if (data instanceof CallEnded e) {
            return e.callId();
        } else if (data instanceof CallLinked e) {
            return e.callId();
        }
        return null;
    }

    public Optional<List<Entry>> of(String ticketId) {
        Document doc = timelines.find(eq("_id", ticketId)).first();
        if (doc == null) {
            return Optional.empty();
        }
        List<Document> stored = new ArrayList<>(doc.getList("entries", Document.class, List.of()));
        for (String callId : doc.getList("calls", String.class, List.of())) {
            Document call = timelines.find(eq("_id", CALL_PREFIX + callId)).first();
            if (call != null) {
                stored.addAll(call.getList("entries", Document.class, List.of()));
            }
        }
        Map<String, Entry> byId = new LinkedHashMap<>();
        for (Document d : stored) {
            byId.putIfAbsent(
                    d.getString("id"),
                    new Entry(
                            d.getString("id"),
                            d.getString("type"),
                            d.getString("source"),
                            d.getDate("time").toInstant(),
                            d.get("seq", Number.class).longValue(),
                            readTree(d.getString("data"))));
        }
        List<Entry> entries = new ArrayList<>(byId.values());
        entries.sort(Comparator.comparing(Entry::time).thenComparing(Timeline::tieBreak));
        return Optional.of(entries);
    }

    /**
     * Orders entries of one instant by source, then sequence, then event id (two aggregates of one service can share
     * a sequence): the id half of a timeline page's cursor, so paging is exact. '\0' sorts before any character of a
     * source and the sequence is zero-padded, so comparing the strings compares the fields in turn.
     */
    public static String tieBreak(Entry entry) {
        return entry.source() + '\0' + String.format("%019d", entry.sequence()) + '\0' + entry.id();
    }

    private static JsonNode readTree(String json) {
        try {
            return CloudEventCodec.mapper().readTree(json);
        } catch (java.io.IOException e) {
            throw new IllegalStateException("stored timeline entry is not JSON", e);
        }
    }
}
