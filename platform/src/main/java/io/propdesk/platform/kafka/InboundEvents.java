package io.propdesk.platform.kafka;

import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Filters.in;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.BulkWriteOptions;
import com.mongodb.client.model.UpdateOneModel;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;
import com.mongodb.client.model.WriteModel;
import io.micrometer.core.instrument.MeterRegistry;
import io.propdesk.contracts.cloudevents.CloudEventCodec;
import io.propdesk.contracts.cloudevents.CloudEventCodec.Envelope;
import io.propdesk.platform.observability.TraceContexts;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.bson.Document;
import org.slf4j.MDC;
import org.springframework.kafka.listener.BatchListenerFailedException;
import org.springframework.kafka.support.KafkaUtils;

/**
 * What every service's Kafka listener calls with the records of one poll (a batch listener,
 * {@code @KafkaListener(..., batch = "true")}): decode each CloudEvent, skip what this consumer group already handled,
 * handle the rest in order, then write the poll's dedupe markers in one bulk write and return; the container commits
 * the poll's offsets only after the listener returned (enforced by PlatformAutoConfiguration: the handled polls of
 * {@code propdesk.kafka.commit-interval} together, AckMode TIME, or each poll, BATCH). So for every record: handler,
 * then marker, then offset (delivery guarantees 3 and 4), and a crash anywhere in between re-delivers records whose
 * handlers stay idempotent by their own keys too.
 *
 * <p>"Already handled?" is one decision ({@link Markers#handled}), used by the live path and by a rebuild's
 * {@link Replay}: an event carrying a per-aggregate sequence is handled when this group's marker of its source and
 * aggregate has reached that sequence; one without (an inbound call) when its {@code ce_id} is marked.
 *
 * <p>A record that fails (undecodable, or its handler throws) ends the poll there: the markers of the records before
 * it are written, and a {@link BatchListenerFailedException} names its index, so the error handler commits the
 * offsets before it, retries that record a bounded number of times and then sends it to
 * {@code <topic>.<group>.dlt}, and the rest of the poll is delivered again (see {@link KafkaConsumerSupport}).
 */
public class InboundEvents {

    static final String COLLECTION = "inbox";

    private final MongoCollection<Document> inbox;
    private final MeterRegistry meters;
    private final TraceContexts traces;

    public InboundEvents(MongoDatabase database, MeterRegistry meters, TraceContexts traces) {
        this.traces = traces;
        this.inbox = database.getCollection(COLLECTION);
        this.meters = meters;
    }

    /**
     * Handles one poll of a batch listener on the container's consumer thread (the consumer group is the running
     * container's, prefix included). Returns when the poll's markers are stored; throws
     * {@link BatchListenerFailedException} naming the first record that failed.
     */
    public void handle(List<ConsumerRecord<String, byte[]>> poll, Consumer<Envelope> handler) {
        handle(poll, event -> true, handler, () -> {});
    }

    /**
     * As {@link #handle(List, Consumer)}, for a listener that acts on some event types only: an event whose data is
     * none of {@code actsOn} is neither handed to the handler nor marked (issue 19). That is safe because a
     * re-delivered ignored event is ignored again, and a sequence marker only ever rises ({@code $max}): an event acted
     * on is marked with its own sequence whatever ignored events of its stream came between, so it is still recognised
     * when it comes again. Most of a topic's events concern few of its consumers, so most markers were for events
     * nobody acted on.
     */
    public void handle(List<ConsumerRecord<String, byte[]>> poll, Set<Class<?>> actsOn, Consumer<Envelope> handler) {
        handle(poll, event -> isAny(event.data(), actsOn), handler, () -> {});
    }

    /**
     * As {@link #handle(List, Set, Consumer)}, for a projection whose handlers hold their writes for the whole poll
     * ({@link PollWrites}, issue 19): {@code store} runs after the handlers of the poll and before its markers are
     * written, and also before the markers of the records ahead of a failing one, so no marker is ever stored ahead of
     * its record's effect (delivery guarantees 3 and 4).
     */
    public void handle(
            List<ConsumerRecord<String, byte[]>> poll,
            Set<Class<?>> actsOn,
            Consumer<Envelope> handler,
            Runnable store) {
        handle(poll, event -> isAny(event.data(), actsOn), handler, store);
    }

    private static boolean isAny(Object data, Set<Class<?>> types) {
        for (Class<?> type : types) {
            if (type.isInstance(data)) {
                return true;
            }
        }
        return false;
    }

    private void handle(
            List<ConsumerRecord<String, byte[]>> poll,
            Predicate<Envelope> acts,
            Consumer<Envelope> handler,
            Runnable store) {
        String group = KafkaUtils.getConsumerGroupId();
        if (group == null) {
            throw new IllegalStateException("InboundEvents.handle runs on a listener container's consumer thread");
        }
        List<Envelope> events = new ArrayList<>(poll.size());
        List<RuntimeException> undecodable = new ArrayList<>(poll.size());
        for (ConsumerRecord<String, byte[]> record : poll) {
            try {
                Envelope event = CloudEventCodec.fromRecord(record);
                events.add(acts.test(event) ? event : null);
                undecodable.add(null);
            } catch (RuntimeException e) {
                events.add(null);
                undecodable.add(e);
            }
        }
        Markers markers = new Markers(group);
        markers.load(events);
        for (int i = 0; i < poll.size(); i++) {
            ConsumerRecord<String, byte[]> record = poll.get(i);
            try {
                handleOne(record, events.get(i), undecodable.get(i), markers, handler);
            } catch (RuntimeException failed) {
                // The error handler commits the offsets before this record: their effects and markers must be stored
                // first.
                store.run();
                markers.write();
                throw new BatchListenerFailedException(String.valueOf(failed.getMessage()), failed, i);
            }
        }
        store.run();
        markers.write();
    }

    /**
     * For a projection whose stored rows themselves record what they applied (a ledger document's last sequence, a
     * timeline's entry ids, a row's per-aggregate sequence), so that a re-delivered event changes nothing without an
     * inbox marker (delivery guarantee 4 by the row): hands {@code apply} the decoded events of the whole poll, in
     * order, once, so it can fold them and store the poll's rows in one bulk write; no markers are read or written.
     * The container commits the offsets only after this returns, so a crash before the write re-delivers the poll.
     *
     * <p>An undecodable record ends the poll there: the events before it are applied and a
     * {@link BatchListenerFailedException} names its index. When {@code apply} throws, the poll's events are applied
     * again one at a time (the rows make that harmless) to find the record that fails, which is then named the same
     * way, so a poison record goes to the dead-letter topic and not its neighbours.
     */
    public void handleUnmarked(List<ConsumerRecord<String, byte[]>> poll, Consumer<List<Envelope>> apply) {
        if (KafkaUtils.getConsumerGroupId() == null) {
            throw new IllegalStateException(
                    "InboundEvents.handleUnmarked runs on a listener container's consumer thread");
        }
        List<Envelope> events = new ArrayList<>(poll.size());
        RuntimeException undecodable = null;
        for (ConsumerRecord<String, byte[]> record : poll) {
            try {
                events.add(CloudEventCodec.fromRecord(record));
            } catch (RuntimeException e) {
                undecodable = e;
                break;
            }
        }
        if (!events.isEmpty()) {
            try {
                apply.accept(events);
            } catch (RuntimeException batchFailed) {
                for (int i = 0; i < events.size(); i++) {
                    Envelope event = events.get(i);
                    ConsumerRecord<String, byte[]> record = poll.get(i);
                    try (MDC.MDCCloseable ticket = MDC.putCloseable("ticketId", record.key())) {
                        traces.continueFrom(
                                record.headers(), "consume " + record.topic(), () -> apply.accept(List.of(event)));
                    } catch (RuntimeException failed) {
                        throw new BatchListenerFailedException(String.valueOf(failed.getMessage()), failed, i);
                    }
                }
            }
            for (int i = 0; i < events.size(); i++) {
                meters.counter("propdesk.inbound.handled", "topic", poll.get(i).topic())
                        .increment();
            }
        }
        if (undecodable != null) {
            throw new BatchListenerFailedException(
                    String.valueOf(undecodable.getMessage()), undecodable, events.size());
        }
    }

    private void handleOne(
            ConsumerRecord<String, byte[]> record,
            Envelope event,
            RuntimeException undecodable,
            Markers markers,
            Consumer<Envelope> handler) {
        // Logs carry the ticket; the handling continues the producer's trace (and so do the events it appends).
        try (MDC.MDCCloseable ticket = MDC.putCloseable("ticketId", record.key())) {
            traces.continueFrom(record.headers(), "consume " + record.topic(), () -> {
                if (undecodable != null) {
                    throw undecodable; // not retried: it goes straight to the dead-letter topic
                }
                if (event == null) {
                    return; // an event type this listener does not act on: no handler, no marker
                }
                if (markers.handled(event)) {
                    meters.counter("propdesk.inbound.duplicates", "topic", record.topic())
                            .increment();
                    return;
                }
                handler.accept(event);
                markers.markHandled(event);
                meters.counter("propdesk.inbound.handled", "topic", record.topic())
                        .increment();
            });
        }
    }

    /**
     * A rebuild's dedupe (delivery guarantee 6): the same decisions as {@link #handle}, for a topic read from its
     * start into empty collections, kept in memory, with the markers written at the end in bulk, one
     * {@code insertMany} per {@value Rebuilds#BATCH} markers. Only for a rebuild: nothing is remembered until
     * {@link Replay#writeMarkers()}, so a rebuild that dies midway starts again into empty collections.
     */
    public Replay replay(String group) {
        return new Replay(group);
    }

    /** One rebuild's markers; see {@link #replay(String)}. */
    public final class Replay {

        private final Markers markers;
        private long applied;
        private long skipped;
        private long failed;

        private Replay(String group) {
            this.markers = new Markers(group);
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
                if (markers.handled(event)) {
                    skipped++;
                    continue;
                }
                try {
                    handler.accept(event);
                } catch (RuntimeException poison) {
                    failed++;
                    continue;
                }
                markers.markHandled(event);
                applied++;
            }
        }

        /** Writes the markers the live consumer would have written, so it can take over where the rebuild ended. */
        public void writeMarkers() {
            Rebuilds.insertAll(
                    inbox,
                    markers.fresh.entrySet(),
                    marker -> new Document("_id", marker.getKey()).append("seq", marker.getValue()));
            markers.fresh.clear();
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
     * One consumer group's markers as far as this poll (or rebuild) knows them: those loaded from the inbox and those
     * of events handled since, which are also held for writing.
     */
    private final class Markers {

        private final String group;
        private final Map<String, Long> known = new HashMap<>();
        private final Map<String, Long> fresh = new LinkedHashMap<>();

        Markers(String group) {
            this.group = group;
        }

        /** The stored markers of these events, in one {@code _id} lookup per distinct key. */
        void load(List<Envelope> events) {
            Set<String> keys = new LinkedHashSet<>();
            for (Envelope event : events) {
                if (event != null) {
                    keys.add(key(event));
                }
            }
            if (keys.isEmpty()) {
                return;
            }
            for (Document marker : inbox.find(in("_id", keys))) {
                known.put(
                        marker.getString("_id"), marker.get("seq", Number.class).longValue());
            }
        }

        /** The one "already handled?" decision (delivery guarantee 4). */
        boolean handled(Envelope event) {
            Long marked = known.get(key(event));
            return marked != null && (!bySequence(event) || marked >= event.sequence());
        }

        void markHandled(Envelope event) {
            long seq = bySequence(event) ? event.sequence() : 0L;
            known.merge(key(event), seq, Math::max);
            fresh.merge(key(event), seq, Math::max);
        }

        /** Stores the markers held, in one unordered bulk write; on failure they stay held. */
        void write() {
            if (fresh.isEmpty()) {
                return;
            }
            List<WriteModel<Document>> writes = new ArrayList<>(fresh.size());
            fresh.forEach((key, seq) -> writes.add(
                    new UpdateOneModel<>(eq("_id", key), Updates.max("seq", seq), new UpdateOptions().upsert(true))));
            inbox.bulkWrite(writes, new BulkWriteOptions().ordered(false));
            fresh.clear();
        }

        /**
         * Aggregate ids are unique only within one service's store (callback-service's ledger of a ticket has the
         * ticket's id), so the sequence marker is per source service and aggregate.
         */
        private String key(Envelope event) {
            return bySequence(event)
                    ? group + "|" + event.source() + "|" + event.aggregateId()
                    : group + "|id|" + event.id();
        }

        private static boolean bySequence(Envelope event) {
            return event.aggregateId() != null && event.sequence() >= 0;
        }
    }
}
