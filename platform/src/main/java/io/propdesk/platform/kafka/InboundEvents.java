package io.propdesk.platform.kafka;

import static com.mongodb.client.model.Filters.eq;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.bson.Document;
import org.slf4j.MDC;
import org.springframework.kafka.support.KafkaUtils;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.BulkWriteOptions;
import com.mongodb.client.model.UpdateOneModel;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.WriteModel;
import com.mongodb.client.model.Updates;

import io.micrometer.core.instrument.MeterRegistry;
import io.propdesk.contracts.cloudevents.CloudEventCodec;
import io.propdesk.contracts.cloudevents.CloudEventCodec.Envelope;
import io.propdesk.platform.observability.TraceContexts;

/**
 * What every service's Kafka listener calls: decode the CloudEvent, skip what this consumer group already handled,
 * handle, remember. Re-delivery is harmless (delivery guarantee 4): an event carrying a per-aggregate sequence is
 * skipped when that aggregate's handled sequence has reached it; one without (an inbound call) by its {@code ce_id}.
 * The marker is written after the handler succeeds, and offsets are committed after that, so a crash in between
 * re-delivers and handlers stay idempotent by their own keys too. Undecodable records are not retried: they go
 * straight to the dead-letter topic (see {@link KafkaConsumerSupport}).
 *
 * <p>On a listener container's consumer thread ({@link MarkersBeforeCommit}) the markers of one poll are written
 * together, in one bulk write just before that poll's offsets are committed, instead of one committed write per
 * event: the order "handler, marker, offset commit" holds for every record, and a crash before the bulk write
 * re-delivers the records whose markers it held, exactly as a crash between a handler and its own marker did. Records
 * of the same poll are deduplicated against the markers still held.
 */
public class InboundEvents {

    static final String COLLECTION = "inbox";

    private final MongoCollection<Document> inbox;
    private final MeterRegistry meters;
    private final TraceContexts traces;
    /** Markers handled on this consumer thread since its last offset commit; null off consumer threads. */
    private final ThreadLocal<Map<String, Long>> held = new ThreadLocal<>();

    public InboundEvents(MongoDatabase database, MeterRegistry meters, TraceContexts traces) {
        this.traces = traces;
        this.inbox = database.getCollection(COLLECTION);
        this.meters = meters;
    }

    public void handle(ConsumerRecord<String, byte[]> record, Consumer<Envelope> handler) {
        // Logs carry the ticket; the handling continues the producer's trace (and so do the events it appends).
        try (MDC.MDCCloseable ticket = MDC.putCloseable("ticketId", record.key())) {
            traces.continueFrom(record.headers(), "consume " + record.topic(), () -> handleOnce(record, handler));
        }
    }

    private void handleOnce(ConsumerRecord<String, byte[]> record, Consumer<Envelope> handler) {
        Envelope event = CloudEventCodec.fromRecord(record);
        String group = KafkaUtils.getConsumerGroupId();
        String key = markerKey(group, event);
        boolean bySequence = event.aggregateId() != null && event.sequence() >= 0;
        long seq = bySequence ? event.sequence() : 0L;
        Map<String, Long> pending = held.get();
        Long heldSeq = pending == null ? null : pending.get(key);
        boolean handled;
        if (heldSeq != null && (!bySequence || heldSeq >= event.sequence())) {
            handled = true;
        } else {
            Document marker = inbox.find(eq("_id", key)).first();
            handled = marker != null && (!bySequence || marker.get("seq", Number.class).longValue() >= event.sequence());
        }
        if (handled) {
            meters.counter("propdesk.inbound.duplicates", "topic", record.topic()).increment();
            return;
        }
        handler.accept(event);
        if (pending != null) {
            pending.merge(key, seq, Math::max);
        } else {
            inbox.updateOne(eq("_id", key), Updates.max("seq", seq), new UpdateOptions().upsert(true));
        }
        meters.counter("propdesk.inbound.handled", "topic", record.topic()).increment();
    }

    /** From now on, this (consumer) thread's markers wait for {@link #writeHeldMarkers()}. */
    void holdMarkersOnThisThread() {
        if (held.get() == null) {
            held.set(new LinkedHashMap<>());
        }
    }

    /**
     * Writes the markers this thread holds in one bulk write; called before its consumer commits offsets. On failure
     * they stay held (and the commit fails with it), so they are written with the next commit.
     */
    void writeHeldMarkers() {
        Map<String, Long> pending = held.get();
        if (pending == null || pending.isEmpty()) {
            return;
        }
        List<WriteModel<Document>> writes = new ArrayList<>(pending.size());
        pending.forEach((key, seq) -> writes.add(new UpdateOneModel<>(eq("_id", key), Updates.max("seq", seq),
                new UpdateOptions().upsert(true))));
        inbox.bulkWrite(writes, new BulkWriteOptions().ordered(false));
        pending.clear();
    }

    /**
     * A rebuild's dedupe (delivery guarantee 6): the decisions {@link #handle} makes, for a topic read from its start
     * into empty collections, kept in memory, with the markers written at the end in bulk, one {@code insertMany} per
     * {@value #BULK} markers, instead of one committed write per event. Only for a rebuild: nothing is remembered
     * until {@link Replay#writeMarkers()}, so a rebuild that dies midway starts again into empty collections.
     */
    public Replay replay(String group) {
        return new Replay(group);
    }

    static final int BULK = 1_000;

    /** One rebuild's markers; see {@link #replay(String)}. */
    public final class Replay {

        private final String group;
        private final Map<String, Long> markers = new LinkedHashMap<>();
        private long applied;
        private long skipped;
        private long failed;

        private Replay(String group) {
            this.group = group;
        }

        /**
         * Hands each record's event to {@code handler} unless this group has applied it already; a record that cannot
         * be decoded or handled is skipped and counted, as the live consumer sends it to its dead-letter topic.
         */
        public void fold(Iterable<ConsumerRecord<String, byte[]>> records, Consumer<Envelope> handler) {
            for (ConsumerRecord<String, byte[]> record : records) {
                Envelope event;
                try {
                    event = CloudEventCodec.fromRecord(record);
                } catch (RuntimeException poison) {
                    failed++;
                    continue;
                }
                String key = markerKey(group, event);
                boolean bySequence = event.aggregateId() != null && event.sequence() >= 0;
                Long seen = markers.get(key);
                if (seen != null && (!bySequence || seen >= event.sequence())) {
                    skipped++;
                    continue;
                }
                try {
                    handler.accept(event);
                } catch (RuntimeException poison) {
                    failed++;
                    continue;
                }
                markers.put(key, bySequence ? event.sequence() : 0L);
                applied++;
            }
        }

        /** Writes the markers the live consumer would have written, so it can take over where the rebuild ended. */
        public void writeMarkers() {
            List<Document> batch = new ArrayList<>(BULK);
            for (Map.Entry<String, Long> marker : markers.entrySet()) {
                batch.add(new Document("_id", marker.getKey()).append("seq", marker.getValue()));
                if (batch.size() == BULK) {
                    inbox.insertMany(batch);
                    batch.clear();
                }
            }
            if (!batch.isEmpty()) {
                inbox.insertMany(batch);
            }
        }

        public long applied() {
            return applied;
        }

        public long skipped() {
            return skipped;
        }

        public long failed() {
            return failed;
        }
    }

    /**
     * Aggregate ids are unique only within one service's store (callback-service's ledger of a ticket has the
     * ticket's id), so the sequence marker is per source service and aggregate.
     */
    private static String markerKey(String group, Envelope event) {
        return event.aggregateId() != null && event.sequence() >= 0
                ? group + "|" + event.source() + "|" + event.aggregateId()
                : group + "|id|" + event.id();
    }
}
