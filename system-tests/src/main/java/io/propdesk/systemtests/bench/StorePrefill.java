package io.propdesk.systemtests.bench;

import com.mongodb.client.MongoCollection;
import io.propdesk.platform.eventstore.MongoEventStorageEngine;
import java.util.ArrayList;
import java.util.List;
import org.bson.Document;

/**
 * Fills a service's event store to a given number of events the fast way, one {@code insertMany} of commit documents
 * per batch, in the same shape the store writes (one ticket stream of five single-event commits per ticket), so a
 * benchmark can measure command cost with 10,000 and with 1,000,000 events already stored.
 */
final class StorePrefill {

    private static final int EVENTS_PER_TICKET = 5;
    private static final int BATCH = 2_000;

    private StorePrefill() {}

    static long countEvents(MongoCollection<Document> events) {
        long count = 0;
        for (Document commit :
                events.find(MongoEventStorageEngine.commits()).projection(new Document("first", 1).append("last", 1))) {
            count += commit.get("last", Number.class).longValue()
                    - commit.get("first", Number.class).longValue()
                    + 1;
        }
        return count;
    }

    /** Adds synthetic ticket streams until the store holds at least {@code target} events; returns the count. */
    static long fillTo(MongoCollection<Document> events, long alreadyStored, long target, String payloadJson) {
        long stored = alreadyStored;
        long ticket = alreadyStored / EVENTS_PER_TICKET;
        List<Document> batch = new ArrayList<>(BATCH);
        while (stored < target) {
            String aggregateId = "T-prefill-" + ticket++;
            for (int seq = 0; seq < EVENTS_PER_TICKET && stored < target; seq++, stored++) {
                batch.add(new Document("_id", aggregateId + ":" + seq)
                        .append("agg", aggregateId)
                        .append("type", "Ticket")
                        .append("first", (long) seq)
                        .append("last", (long) seq)
                        .append(
                                "events",
                                List.of(new Document("seq", (long) seq)
                                        .append("id", aggregateId + "-" + seq)
                                        .append("ts", "2026-11-01T00:00:00Z")
                                        .append("ptype", "io.propdesk.contracts.ticket.TicketClosed")
                                        .append("prev", null)
                                        .append("payload", payloadJson)
                                        .append("meta", "{}"))));
                if (batch.size() == BATCH) {
                    events.insertMany(batch);
                    batch.clear();
                }
            }
        }
        if (!batch.isEmpty()) {
            events.insertMany(batch);
        }
        return stored;
    }
}
