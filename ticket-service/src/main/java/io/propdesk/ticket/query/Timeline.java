package io.propdesk.ticket.query;

import static com.mongodb.client.model.Filters.eq;

import com.fasterxml.jackson.databind.JsonNode;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.BulkWriteOptions;
import com.mongodb.client.model.UpdateOneModel;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;
import com.mongodb.client.model.WriteModel;
import io.propdesk.contracts.PublicEvent;
import io.propdesk.contracts.Topics;
import io.propdesk.contracts.cloudevents.CloudEventCodec;
import io.propdesk.contracts.cloudevents.CloudEventCodec.Envelope;
import io.propdesk.contracts.ticket.CallAnswered;
import io.propdesk.contracts.ticket.CallEnded;
import io.propdesk.contracts.ticket.CallLinked;
import io.propdesk.contracts.ticket.CallStarted;
import io.propdesk.platform.kafka.InboundEvents;
import io.propdesk.platform.kafka.ReadModelFetch;
import io.propdesk.platform.kafka.Rebuilds;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/**
 * R10: every ticket shows its whole timeline across services. A projection of all four services' topics into one
 * document per ticket ({@code _id} = ticketId), each event added to its {@code entries} set with {@code $addToSet}, a
 * poll's events in one bulk write and no inbox markers (issue 19); answered in event-time order, an event shown once
 * by its {@code ce_id} (entries stored before issue 19 were pushed, and an entry whose encoding changed is a second
 * element of the set). The events of a call (keyed by the call, not a ticket) are
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
            batch = "true",
            properties = ReadModelFetch.BATCHES)
    public void on(List<ConsumerRecord<String, byte[]>> poll) {
        // issue 19: no inbox markers; the document's entries are a set (an entry is a pure function of its record, so a
        // re-delivered event is the same entry and $addToSet keeps it once), and the poll is one bulk write
        inbound.handleUnmarked(poll, events -> {
            Fold fold = new Fold();
            events.forEach(fold::add);
            List<WriteModel<Document>> writes = new ArrayList<>(fold.byId.size());
            fold.byId.forEach((id, doc) ->
                    writes.add(new UpdateOneModel<>(eq("_id", id), doc.update(), new UpdateOptions().upsert(true))));
            if (!writes.isEmpty()) {
                timelines.bulkWrite(writes, new BulkWriteOptions().ordered(false));
            }
        });
    }

    /**
     * Rebuilds the timelines into an empty collection from the four topics read from their start (delivery guarantee
     * 6): the same entries and calls as {@link #on}, folded in memory and written with one {@code insertMany} per
     * 1,000 documents. The topics may come in any order between them: a document's entries are a set, which the read
     * side puts in time order. {@code group} names the rebuild's consumer group; like the live path it keeps no
     * markers.
     *
     * @return the events applied (those shown on a ticket or a call)
     */
    public long rebuild(Iterable<ConsumerRecord<String, byte[]>> records, String group) {
        Fold fold = new Fold();
        long applied = Rebuilds.fold(records, fold::add);
        Rebuilds.insertAll(
                timelines, fold.byId.entrySet(), doc -> doc.getValue().document(doc.getKey()));
        return applied;
    }

    /** The entry an event becomes: built from the record alone, so every delivery of it is the same document. */
    private static Document entry(Envelope event) {
        return new Document("id", event.id())
                .append("type", event.type())
                .append("source", event.source())
                .append("time", Date.from(event.time()))
                .append("seq", event.sequence())
                .append("data", new String(CloudEventCodec.toJson(event.data()), StandardCharsets.UTF_8));
    }

    /** What a run of events adds to each document, in first-seen order, each entry and call once. */
    private static final class Fold {

        private final Map<String, Pending> byId = new LinkedHashMap<>();

        /** Answers whether the event belongs on a timeline. */
        boolean add(Envelope event) {
            String callId = callOf(event.data());
            if (callId == null && (!(event.data() instanceof PublicEvent e) || e.ticketId() == null)) {
                return false; // estates, price lists, contracts, month closes: no ticket to show them on
            }
            if (callId != null) {
                // a call's events wait under the call until a ticket is linked to it, whichever comes first
                pending(CALL_PREFIX + callId).entries.add(entry(event));
                if (event.data() instanceof CallLinked linked) {
                    pending(linked.linkedTicketId()).calls.add(callId);
                }
            } else {
                pending(((PublicEvent) event.data()).ticketId()).entries.add(entry(event));
            }
            return true;
        }

        private Pending pending(String id) {
            return byId.computeIfAbsent(id, k -> new Pending());
        }
    }

    private static final class Pending {

        private final Set<Document> entries = new LinkedHashSet<>();
        private final Set<String> calls = new LinkedHashSet<>();

        Bson update() {
            List<Bson> changes = new ArrayList<>(2);
            if (!entries.isEmpty()) {
                changes.add(Updates.addEachToSet("entries", new ArrayList<>(entries)));
            }
            if (!calls.isEmpty()) {
                changes.add(Updates.addEachToSet("calls", new ArrayList<>(calls)));
            }
            return Updates.combine(changes);
        }

        Document document(String id) {
            Document doc = new Document("_id", id);
            if (!entries.isEmpty()) {
                doc.append("entries", new ArrayList<>(entries));
            }
            if (!calls.isEmpty()) {
                doc.append("calls", new ArrayList<>(calls));
            }
            return doc;
        }
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
