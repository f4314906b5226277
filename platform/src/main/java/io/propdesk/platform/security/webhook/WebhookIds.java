package io.propdesk.platform.security.webhook;

import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Filters.lt;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.concurrent.atomic.AtomicReference;
import org.bson.Document;

/**
 * The webhook ids accepted within the timestamp tolerance, so a captured request is not accepted twice. One document a
 * message ({@code _id = <integration>:<webhook-id>}): a replay loses on the unique {@code _id}. An id older than the
 * tolerance is forgotten (its timestamp would be refused anyway), pruned at most once per tolerance period.
 */
public class WebhookIds {

    public static final String COLLECTION = "webhook_ids";

    private final MongoCollection<Document> ids;
    private final Clock clock;
    private final Duration tolerance;
    private final AtomicReference<Instant> lastPruned = new AtomicReference<>(Instant.EPOCH);

    public WebhookIds(MongoDatabase database, Clock clock, Duration tolerance) {
        this.ids = database.getCollection(COLLECTION);
        this.clock = clock;
        this.tolerance = tolerance;
    }

    /** False when the id was accepted before (a replay). */
    public boolean remember(String integration, String webhookId) {
        Instant now = clock.instant();
        prune(now);
        try {
            ids.insertOne(new Document("_id", key(integration, webhookId)).append("seenAt", Date.from(now)));
            return true;
        } catch (MongoWriteException e) {
            if (e.getError().getCategory() == ErrorCategory.DUPLICATE_KEY) {
                return false;
            }
            throw e;
        }
    }

    /** The request failed on the server's side: the sender's retry of the same message is no replay. */
    public void forget(String integration, String webhookId) {
        ids.deleteOne(eq("_id", key(integration, webhookId)));
    }

    private void prune(Instant now) {
        Instant last = lastPruned.get();
        if (last.plus(tolerance).isAfter(now) || !lastPruned.compareAndSet(last, now)) {
            return;
        }
        // twice the tolerance: a timestamp up to the tolerance in the future stays accepted that much longer
        ids.deleteMany(lt("seenAt", Date.from(now.minus(tolerance.multipliedBy(2)))));
    }

    private static String key(String integration, String webhookId) {
        return integration + ":" + webhookId;
    }
}
