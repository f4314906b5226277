package io.propdesk.platform.kafka;

import static com.mongodb.client.model.Filters.eq;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.BulkWriteOptions;
import com.mongodb.client.model.DeleteOneModel;
import com.mongodb.client.model.ReplaceOneModel;
import com.mongodb.client.model.ReplaceOptions;
import com.mongodb.client.model.UpdateOneModel;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.WriteModel;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.bson.Document;

/**
 * One poll's writes to one collection of a projection that keeps inbox markers, held per document and stored in one
 * unordered bulk write (issue 19): the handlers of a poll record replaces, {@code $set}s and deletes here, and
 * {@link InboundEvents#handle(java.util.List, java.util.Set, java.util.function.Consumer, Runnable)} calls
 * {@link #store()} after the poll's handlers and before its markers, so for every record the order stays handler
 * effect, marker, offset (delivery guarantees 3 and 4). A document opened and closed within one poll is only deleted
 * (it may be there from an earlier delivery of the same records).
 *
 * <p>What a poll leaves is what the same writes one at a time would have left: each document gets one write, the
 * result of its writes in order ({@link #read} answers it for a handler that reads before it writes). One instance a
 * poll, on the listener's thread.
 */
public final class PollWrites {

    private sealed interface Pending permits Replace, Update, Delete {}

    private record Replace(Document document) implements Pending {}

    private record Update(Document fields, boolean upsert) implements Pending {}

    private record Delete() implements Pending {}

    private final MongoCollection<Document> collection;
    private final Map<Object, Pending> pending = new LinkedHashMap<>();

    public PollWrites(MongoCollection<Document> collection) {
        this.collection = Objects.requireNonNull(collection, "collection");
    }

    /** The document {@code id} becomes {@code document} (inserted if there is none), as {@code replaceOne} upsert. */
    public void replace(Object id, Document document) {
        Document copy = new Document("_id", id);
        document.forEach((field, value) -> {
            if (!field.equals("_id")) {
                copy.put(field, value);
            }
        });
        pending.put(id, new Replace(copy));
    }

    /**
     * Sets {@code fields} on the document {@code id}, as {@code updateOne(eq(_id), $set)}: on none unless
     * {@code upsert}, which then inserts one with those fields.
     */
    public void set(Object id, Document fields, boolean upsert) {
        Document sets = new Document(fields);
        Pending before = pending.get(id);
        if (before == null) {
            pending.put(id, new Update(sets, upsert));
        } else if (before instanceof Replace replace) {
            replace.document().putAll(sets);
        } else if (before instanceof Delete) {
            if (upsert) {
                replace(id, sets);
            }
        } else {
            Update update = (Update) before;
            if (upsert && !update.upsert()) {
                // the earlier $set changed nothing if there was no document; this one then creates it with its fields
                Document stored = collection.find(eq("_id", id)).first();
                if (stored == null) {
                    replace(id, sets);
                    return;
                }
            }
            Document merged = new Document(update.fields());
            merged.putAll(sets);
            pending.put(id, new Update(merged, update.upsert() || upsert));
        }
    }

    /** Deletes the document {@code id}, as {@code deleteOne(eq(_id))}. */
    public void delete(Object id) {
        pending.put(id, new Delete());
    }

    /** The document {@code id} as this poll's writes so far leave it (stored, with them applied), or null if none. */
    public Document read(Object id) {
        Pending before = pending.get(id);
        if (before instanceof Replace replace) {
            return new Document(replace.document());
        }
        if (before instanceof Delete) {
            return null;
        }
        Document stored = collection.find(eq("_id", id)).first();
        if (before instanceof Update update) {
            if (stored == null) {
                if (!update.upsert()) {
                    return null;
                }
                stored = new Document("_id", id);
            }
            stored.putAll(update.fields());
        }
        return stored;
    }

    /**
     * Stores the held writes in one unordered bulk write, one write a document, and forgets them: at most one command
     * of each kind (replaces, {@code $set}s, deletes) however many documents the poll changed.
     */
    public void store() {
        if (pending.isEmpty()) {
            return;
        }
        // grouped by kind: the driver sends each run of one kind as one command (replaces and $sets are separate runs)
        List<WriteModel<Document>> replaces = new ArrayList<>();
        List<WriteModel<Document>> sets = new ArrayList<>();
        List<WriteModel<Document>> deletes = new ArrayList<>();
        pending.forEach((id, write) -> {
            if (write instanceof Replace replace) {
                replaces.add(
                        new ReplaceOneModel<>(eq("_id", id), replace.document(), new ReplaceOptions().upsert(true)));
            } else if (write instanceof Update update) {
                sets.add(new UpdateOneModel<>(
                        eq("_id", id),
                        new Document("$set", update.fields()),
                        new UpdateOptions().upsert(update.upsert())));
            } else {
                deletes.add(new DeleteOneModel<>(eq("_id", id)));
            }
        });
        List<WriteModel<Document>> writes = new ArrayList<>(pending.size());
        writes.addAll(replaces);
        writes.addAll(sets);
        writes.addAll(deletes);
        collection.bulkWrite(writes, new BulkWriteOptions().ordered(false));
        pending.clear();
    }
}
