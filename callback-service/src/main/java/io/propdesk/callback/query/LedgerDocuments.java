package io.propdesk.callback.query;

import static com.mongodb.client.model.Filters.and;
import static com.mongodb.client.model.Filters.eq;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

import org.bson.Document;
import org.bson.conversions.Bson;
import org.springframework.stereotype.Component;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.ReplaceOptions;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;

import io.propdesk.callback.domain.LedgerView;
import io.propdesk.contracts.cloudevents.CloudEventCodec;

/**
 * One document per ticket ledger ({@code _id} = ticket id) holding the ledger's last known state: what the handover
 * and the callback queue list, and what start-up scans (only the active ones) to rebuild the deadline index. It is
 * written by the ledger's own command path, not from Kafka, because an obligation's opening is internal to this
 * service; every write is an {@code _id} write.
 */
@Component
public class LedgerDocuments {

    static final String COLLECTION = "ledgers";
    private static final ObjectMapper JSON = CloudEventCodec.mapper();

    private final MongoCollection<Document> ledgers;

    public LedgerDocuments(MongoDatabase database) {
        this.ledgers = database.getCollection(COLLECTION);
    }

    /** Written before each command, so that a crash after the append leaves the ledger to be reloaded. */
    public void markActive(String ticketId, String estateId) {
        Bson update = estateId == null ? Updates.set("active", true)
                : Updates.combine(Updates.set("active", true), Updates.setOnInsert("estateId", estateId));
        ledgers.updateOne(eq("_id", ticketId), update, new UpdateOptions().upsert(true));
    }

    public void save(LedgerView view) {
        try {
            ledgers.replaceOne(eq("_id", view.ticketId()), new Document("_id", view.ticketId())
                            .append("estateId", view.estateId()).append("open", view.open())
                            .append("active", view.active()).append("json", JSON.writeValueAsString(view)),
                    new ReplaceOptions().upsert(true));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public void forget(String ticketId) {
        ledgers.deleteOne(eq("_id", ticketId));
    }

    /** Start-up only: the tickets whose ledgers may still have something to watch. */
    public List<String> activeTicketIds() {
        List<String> ids = new ArrayList<>();
        ledgers.find(eq("active", true)).projection(new Document("_id", 1))
                .forEach(d -> ids.add(d.getString("_id")));
        return ids;
    }

    /** The active ledgers of one estate, whose due times a newly known calendar may move (issue 13 item 7). */
    public List<String> activeTicketIds(String estateId) {
        List<String> ids = new ArrayList<>();
        ledgers.find(and(eq("estateId", estateId), eq("active", true))).projection(new Document("_id", 1))
                .forEach(d -> ids.add(d.getString("_id")));
        return ids;
    }

    /** The ledgers of an estate (all estates when null), optionally only the active ones: a list scan. */
    public List<LedgerView> list(String estateId, boolean activeOnly) {
        return list(null, estateId, activeOnly);
    }

    /**
     * {@link #list(String, boolean)}, or of one ticket when {@code ticketId} is given: then an {@code _id} lookup
     * alone, the other conditions checked on the one document (an {@code _id} filter with another field scans).
     */
    public List<LedgerView> list(String ticketId, String estateId, boolean activeOnly) {
        List<Bson> filters = new ArrayList<>();
        if (estateId != null) {
            filters.add(eq("estateId", estateId));
        }
        if (activeOnly) {
            filters.add(eq("active", true));
        }
        Iterable<Document> found = ticketId != null ? ledgers.find(eq("_id", ticketId))
                : ledgers.find(filters.isEmpty() ? Filters.empty() : and(filters));
        List<LedgerView> views = new ArrayList<>();
        for (Document d : found) {
            String json = d.getString("json");
            boolean matches = ticketId == null || (estateId == null || estateId.equals(d.getString("estateId")))
                    && (!activeOnly || d.getBoolean("active", false));
            if (json != null && matches) {
                try {
                    views.add(JSON.readValue(json, LedgerView.class));
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
        }
        return views;
    }
}
