package io.propdesk.callback.calls;

import static com.mongodb.client.model.Filters.eq;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.ReplaceOptions;
import java.util.List;
import java.util.Optional;
import org.bson.Document;
import org.springframework.stereotype.Component;

/**
 * What CallStarted said of an outbound call that returns missed calls (M1) or is dialled for a callback (R5): the
 * calls it returns and the agents who dialled it, which its CallAnswered does not repeat and its CallEnded only partly.
 * One {@code _id} document per such call.
 */
@Component
public class OutboundCalls {

    static final String COLLECTION = "outbound_calls";

    /** @param users the agents the phone system named for the call */
    public record Dialled(List<String> returnsCallIds, List<String> users) {}

    private final MongoCollection<Document> calls;

    public OutboundCalls(MongoDatabase database) {
        this.calls = database.getCollection(COLLECTION);
    }

    void remember(String callId, Dialled dialled) {
        calls.replaceOne(
                eq("_id", callId),
                new Document("_id", callId)
                        .append("returnsCallIds", dialled.returnsCallIds())
                        .append("users", dialled.users()),
                new ReplaceOptions().upsert(true));
    }

    Optional<Dialled> find(String callId) {
        Document d = calls.find(eq("_id", callId)).first();
        return d == null
                ? Optional.empty()
                : Optional.of(new Dialled(d.getList("returnsCallIds", String.class), d.getList("users", String.class)));
    }
}
