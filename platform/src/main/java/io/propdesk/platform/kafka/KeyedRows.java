package io.propdesk.platform.kafka;

import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Filters.in;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.BulkWriteOptions;
import com.mongodb.client.model.ReplaceOneModel;
import com.mongodb.client.model.ReplaceOptions;
import com.mongodb.client.model.WriteModel;
import io.propdesk.contracts.cloudevents.CloudEventCodec.Envelope;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.bson.Document;

/**
 * A projection of one document per key whose document itself records what it applied (a stream's last sequence),
 * so a re-delivered event changes nothing without an inbox marker (delivery guarantee 4 by the row, issue 19). The
 * live path and the rebuild make the same decision, {@link Fold}: live, a poll's documents are read in one
 * {@code _id $in} lookup, folded, and the changed ones replaced in one unordered bulk write (issue 19: no inbox
 * marker, one bulk write per poll); rebuilt, the topic is folded in memory and inserted in bulk (delivery guarantee
 * 6). The topic must be keyed so that one consumer holds a key's document at a time: the replace writes the whole
 * document it read.
 */
public final class KeyedRows {

    /**
     * The one decision of the live path and the rebuild: applies the event to its key's document in {@code rows}
     * (adding it there if the event creates it) unless the document has applied it already; answers whether a document
     * changed.
     */
    @FunctionalInterface
    public interface Fold {
        boolean fold(Envelope event, Map<String, Document> rows);
    }

    private final MongoCollection<Document> collection;
    private final Function<Envelope, String> keyOf;
    private final Fold fold;

    /** {@code keyOf} names the document an event concerns, or null for an event the projection ignores. */
    public KeyedRows(MongoCollection<Document> collection, Function<Envelope, String> keyOf, Fold fold) {
        this.collection = collection;
        this.keyOf = keyOf;
        this.fold = fold;
    }

    /**
     * Applies one poll, for {@link InboundEvents#handleUnmarked}: one read of the documents the poll concerns, one
     * unordered bulk write of the changed ones, nothing when none changed. Applying a poll again, whole or in part,
     * changes nothing.
     */
    public void apply(List<Envelope> events) {
        Set<String> keys = new LinkedHashSet<>();
        for (Envelope event : events) {
            String key = keyOf.apply(event);
            if (key != null) {
                keys.add(key);
            }
        }
        if (keys.isEmpty()) {
            return;
        }
        Map<String, Document> byKey = new HashMap<>();
        collection.find(in("_id", keys)).forEach(row -> byKey.put(row.getString("_id"), row));
        Set<String> changed = new LinkedHashSet<>();
        for (Envelope event : events) {
            if (fold.fold(event, byKey)) {
                changed.add(keyOf.apply(event));
            }
        }
        List<WriteModel<Document>> writes = new ArrayList<>(changed.size());
        for (String key : changed) {
            writes.add(new ReplaceOneModel<>(eq("_id", key), byKey.get(key), new ReplaceOptions().upsert(true)));
        }
        if (!writes.isEmpty()) {
            collection.bulkWrite(writes, new BulkWriteOptions().ordered(false));
        }
    }

    /**
     * Rebuilds the documents into an empty collection from a topic read from its start: the same {@link Fold} as
     * {@link #apply}, in memory, then inserted in bulk. No markers: the documents carry what they applied, so a live
     * consumer can take over where the rebuild ended.
     *
     * @return the events applied (those that changed a document)
     */
    public long rebuild(Iterable<ConsumerRecord<String, byte[]>> records) {
        Map<String, Document> byKey = new LinkedHashMap<>();
        long applied = Rebuilds.fold(records, event -> fold.fold(event, byKey));
        Rebuilds.insertAll(collection, byKey.values());
        return applied;
    }
}
