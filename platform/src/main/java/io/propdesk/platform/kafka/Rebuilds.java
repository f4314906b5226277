package io.propdesk.platform.kafka;

import com.mongodb.client.MongoCollection;
import io.propdesk.contracts.EventTypes;
import io.propdesk.contracts.cloudevents.CloudEventCodec;
import io.propdesk.contracts.cloudevents.CloudEventCodec.Envelope;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.bson.Document;

/**
 * The two halves every projection's rebuild shares (delivery guarantee 6): folding a topic read from its start in
 * memory, and writing the result into an empty collection in bulk.
 */
public final class Rebuilds {

    /** Documents per {@code insertMany}: few round trips, each message well below the server's size limit. */
    public static final int BATCH = 1_000;

    private Rebuilds() {}

    /**
     * Hands each record's event, in order, to {@code apply}, which answers whether it applied it. A record that cannot
     * be decoded is skipped: the live consumer sends it to its dead-letter topic (delivery guarantee 5), so the rebuilt
     * documents are the live ones.
     *
     * @return the events {@code apply} applied
     */
    public static long fold(Iterable<ConsumerRecord<String, byte[]>> records, Predicate<Envelope> apply) {
        long applied = 0;
        for (ConsumerRecord<String, byte[]> record : records) {
            Envelope event;
            try {
                event = CloudEventCodec.fromRecord(record);
            } catch (RuntimeException poison) {
                continue;
            }
            if (apply.test(event)) {
                applied++;
            }
        }
        return applied;
    }

    /**
     * As {@link #fold(Iterable, Predicate)}, for a projection that acts on the event types {@code actsOn} only: a record
     * of another known type is passed over without being decoded, since it changes nothing, live or rebuilt
     * (issue 19 goal 4: with the fold in memory, decoding JSON was most of a rebuild's CPU, and most of a topic's
     * records concern few of its projections).
     */
    public static long fold(
            Iterable<ConsumerRecord<String, byte[]>> records, Set<Class<?>> actsOn, Predicate<Envelope> apply) {
        List<ConsumerRecord<String, byte[]>> concerning = new ArrayList<>();
        for (ConsumerRecord<String, byte[]> record : records) {
            if (concerns(record, actsOn)) {
                concerning.add(record);
            }
        }
        return fold(concerning, apply);
    }

    /**
     * False only for a record whose {@code ce_type} header names a known event type outside {@code actsOn}; a record
     * without the header or of an unknown type may concern the projection, and is decoded so that a poison record
     * fails as it does live.
     */
    public static boolean concerns(ConsumerRecord<String, byte[]> record, Set<Class<?>> actsOn) {
        Header type = record.headers().lastHeader(CloudEventCodec.CE_TYPE);
        if (type == null || type.value() == null) {
            return true;
        }
        return EventTypes.classOf(new String(type.value(), StandardCharsets.UTF_8))
                .map(actsOn::contains)
                .orElse(true);
    }

    /** Inserts the documents in order, one {@code insertMany} per {@value #BATCH}. */
    public static void insertAll(MongoCollection<Document> collection, Iterable<Document> documents) {
        insertAll(collection, documents, document -> document);
    }

    /**
     * Inserts each item's document in order, one {@code insertMany} per {@value #BATCH}; the documents are made as they
     * are written, so no more than one batch of them is held at a time.
     */
    public static <T> void insertAll(
            MongoCollection<Document> collection, Iterable<T> items, Function<? super T, Document> toDocument) {
        insertAll(collection, items, toDocument, BATCH);
    }

    /** As {@link #insertAll(MongoCollection, Iterable, Function)}, {@code batch} documents per {@code insertMany}. */
    public static <T> void insertAll(
            MongoCollection<Document> collection,
            Iterable<T> items,
            Function<? super T, Document> toDocument,
            int batch) {
        List<Document> pending = new ArrayList<>(batch);
        for (T item : items) {
            pending.add(toDocument.apply(item));
            if (pending.size() == batch) {
                collection.insertMany(pending);
                pending.clear();
            }
        }
        if (!pending.isEmpty()) {
            collection.insertMany(pending);
        }
    }
}
