package io.propdesk.callback.query;

import static com.mongodb.client.model.Filters.and;
import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Filters.gte;
import static com.mongodb.client.model.Filters.lt;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoCursor;
import com.mongodb.client.MongoDatabase;
import java.time.Instant;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.springframework.stereotype.Component;

/**
 * The recorded outcomes and callbacks of a period as streams over a MongoDB cursor read in batches, for the CSV
 * exports (issue 18): nothing is collected, so a year's export holds one batch in memory. Each stream holds its cursor
 * open until it is closed. Rows come in the order they were recorded (no sort: a sort of a large period would have to
 * be done in memory, by the database server or here).
 */
@Component
public class SlaExports {

    /** Documents per cursor batch: a few hundred KB of outcome documents. */
    public static final int BATCH = 1_000;

    /** Tickets whose estate a callback export remembers; a ticket has few callbacks, and they come close together. */
    private static final int ESTATES_REMEMBERED = 1_000;

    private final MongoCollection<Document> outcomes;
    private final MongoCollection<Document> callbacks;
    private final LedgerDocuments ledgers;

    public SlaExports(MongoDatabase database, LedgerDocuments ledgers) {
        this.outcomes = database.getCollection(ObligationOutcomes.OUTCOMES);
        this.callbacks = database.getCollection(ObligationOutcomes.CALLBACKS);
        this.ledgers = ledgers;
    }

    /**
     * Every recorded outcome (met or breached) counted in {@code [from, to)}: at its due time, or when it was settled
     * if it had no clock; the same set {@code GET /sla/compliance} counts, so the file adds up to the report.
     */
    public Stream<Document> outcomes(Instant from, Instant to) {
        return stream(outcomes, and(gte("countedAt", Date.from(from)), lt("countedAt", Date.from(to))));
    }

    /** The breaches recorded in {@code [from, to)}, by the time of the breach. */
    public Stream<Document> breaches(Instant from, Instant to) {
        return stream(
                outcomes,
                and(eq("outcome", ObligationOutcomes.BREACHED), gte("at", Date.from(from)), lt("at", Date.from(to))));
    }

    /**
     * The callbacks scheduled in {@code [from, to)}, completed or not, each with its ticket's estate (an {@code _id}
     * lookup of the ticket's ledger, remembered for the next callbacks of the same ticket) as {@code estateId}.
     */
    public Stream<Document> callbacks(Instant from, Instant to) {
        Map<String, String> estates = new LinkedHashMap<>(64, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, String> eldest) {
                return size() > ESTATES_REMEMBERED;
            }
        };
        return stream(callbacks, and(gte("scheduledAt", Date.from(from)), lt("scheduledAt", Date.from(to))))
                .map(d -> {
                    String ticketId = d.getString("ticketId");
                    String estate = ticketId == null
                            ? null
                            : estates.computeIfAbsent(
                                    ticketId, id -> ledgers.estateOf(id).orElse(""));
                    return d.append("estateId", estate == null || estate.isEmpty() ? null : estate);
                });
    }

    private static Stream<Document> stream(MongoCollection<Document> collection, Bson filter) {
        MongoCursor<Document> cursor = collection.find(filter).batchSize(BATCH).cursor();
        return StreamSupport.stream(
                        Spliterators.spliteratorUnknownSize(cursor, Spliterator.ORDERED | Spliterator.NONNULL), false)
                .onClose(cursor::close);
    }
}
