package io.propdesk.callback.calls;

import static com.mongodb.client.model.Filters.eq;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.ReplaceOptions;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.NavigableSet;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListSet;
import org.bson.Document;
import org.springframework.stereotype.Component;

/**
 * The missed calls that wait for a time (M1): the end of the 60 s after a hangup, or an obligation's due time. In
 * memory, ordered by that time, so a tick looks only at what is due; in MongoDB one {@code _id} document per waiting
 * call (removed when it waits for nothing), so start-up knows which calls to read again. A call is marked before each
 * command that may leave it waiting, so a crash between the store's append and the refresh still leaves it to be read
 * at the next start.
 *
 * <p>Issue 19: which calls have a document is known here too (those read at start-up, marked or put since), so a call
 * that waits for nothing and has none costs no delete. A document another instance wrote and this one does not know
 * of stays until a start-up reads the call again and removes it.
 */
@Component
public class MissedCallDeadlines {

    static final String COLLECTION = "missed_call_deadlines";

    private record Entry(Instant at, String callId) {}

    private final MongoCollection<Document> documents;
    private final NavigableSet<Entry> byTime =
            new ConcurrentSkipListSet<>(Comparator.comparing(Entry::at).thenComparing(Entry::callId));
    private final Map<String, Entry> byCall = new ConcurrentHashMap<>();
    /** The calls that have a document, as far as this instance wrote or read them. */
    private final Set<String> documented = ConcurrentHashMap.newKeySet();

    public MissedCallDeadlines(MongoDatabase database) {
        this.documents = database.getCollection(COLLECTION);
    }

    /** Before a command: the call may wait for a time afterwards. */
    void mark(String callId) {
        documented.add(callId); // before the write: a concurrent put(null) then deletes rather than skips
        documents.updateOne(eq("_id", callId), Updates.set("marked", true), new UpdateOptions().upsert(true));
    }

    /** What the call waits for now, from its aggregate; null: nothing. */
    void put(String callId, Instant next) {
        byCall.compute(callId, (id, previous) -> {
            if (previous != null) {
                byTime.remove(previous);
            }
            if (next == null) {
                return null;
            }
            Entry entry = new Entry(next, id);
            byTime.add(entry);
            return entry;
        });
        if (next == null) {
            if (documented.remove(callId)) {
                documents.deleteOne(eq("_id", callId));
            }
        } else {
            documented.add(callId);
            documents.replaceOne(
                    eq("_id", callId),
                    new Document("_id", callId).append("at", Date.from(next)),
                    new ReplaceOptions().upsert(true));
        }
    }

    /** The calls whose time has come by {@code now}, earliest first. */
    List<String> dueBy(Instant now) {
        List<String> due = new ArrayList<>();
        for (Entry e : byTime) {
            if (e.at().isAfter(now)) {
                break;
            }
            due.add(e.callId());
        }
        return due;
    }

    /** Start-up: every call that was waiting, or was marked for a command, when the service stopped. */
    List<String> stored() {
        List<String> ids = new ArrayList<>();
        documents.find().forEach(d -> ids.add(d.getString("_id")));
        documented.addAll(ids);
        return ids;
    }

    public int size() {
        return byTime.size();
    }
}
