package io.propdesk.ticket.call.domain;

import static com.mongodb.client.model.Filters.eq;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.PushOptions;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;
import io.propdesk.contracts.ticket.CallDirection;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import org.bson.Document;
import org.springframework.stereotype.Component;

/**
 * The calls of each outside number, newest last, so an outbound call knows which missed calls of the same number it
 * returns (M1). One document a number, {@code _id} = the number's keyed blind index: the number itself is never
 * stored. Bounded to the last {@link #KEPT} calls of a number; erased with the number.
 */
@Component
public class CallNumbers {

    public static final String COLLECTION = "call_numbers";
    static final int KEPT = 200;

    private final MongoCollection<Document> numbers;

    public CallNumbers(MongoDatabase database) {
        this.numbers = database.getCollection(COLLECTION);
    }

    public record Entry(String callId, CallDirection direction, Instant at) {}

    public void note(String blindIndex, String callId, CallDirection direction, Instant at) {
        Document entry = new Document("callId", callId)
                .append("direction", direction.name())
                .append("at", Date.from(at));
        numbers.updateOne(
                eq("_id", blindIndex),
                Updates.pushEach("calls", List.of(entry), new PushOptions().slice(-KEPT)),
                new UpdateOptions().upsert(true));
    }

    /** The calls of the number since {@code since}, oldest first. */
    public List<Entry> since(String blindIndex, Instant since) {
        Document doc = numbers.find(eq("_id", blindIndex)).first();
        if (doc == null) {
            return List.of();
        }
        return doc.getList("calls", Document.class, List.of()).stream()
                .map(d -> new Entry(
                        d.getString("callId"),
                        CallDirection.valueOf(d.getString("direction")),
                        d.getDate("at").toInstant()))
                .filter(e -> !e.at().isBefore(since))
                .toList();
    }

    /** Erasure by number: the number's calls can no longer be found by it. */
    public boolean forget(String blindIndex) {
        return numbers.deleteOne(eq("_id", blindIndex)).getDeletedCount() > 0;
    }
}
