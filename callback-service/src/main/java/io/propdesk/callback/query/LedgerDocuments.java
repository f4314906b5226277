package io.propdesk.callback.query;

import static com.mongodb.client.model.Filters.and;
import static com.mongodb.client.model.Filters.eq;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.BulkWriteOptions;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.ReplaceOneModel;
import com.mongodb.client.model.ReplaceOptions;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;
import com.mongodb.client.model.WriteModel;
import io.propdesk.callback.domain.LedgerView;
import io.propdesk.contracts.cloudevents.CloudEventCodec;
import io.propdesk.platform.kafka.Rebuilds;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.springframework.stereotype.Component;

/**
 * One document per ticket ledger ({@code _id} = ticket id): the fold of the ledger's published events
 * ({@link LedgerState}) and the sequence number of the last event folded in, written by {@link LedgerProjection}. It
 * is what the handover and the callback queue list. Every write is an {@code _id} write; the one other writer is
 * {@link #markActive}, for the write side's recalculation after a late calendar.
 */
@Component
public class LedgerDocuments {

    static final String CALLBACKS_DUE = "callbacksDue";

    static final String COLLECTION = "ledgers";
    /** Before documents held the fold of the ledger's events, they held the view the command path last returned. */
    private static final String PRE_ISSUE_14_VIEW = "json";

    private static final ObjectMapper JSON = CloudEventCodec.mapper();

    private final MongoCollection<Document> ledgers;

    public LedgerDocuments(MongoDatabase database) {
        this.ledgers = database.getCollection(COLLECTION);
    }

    /**
     * Written before each command, so that a calendar arriving right after a ticket finds its ledger even when the
     * ledger's first events have not reached {@link LedgerProjection} yet (R4-R9, C2-C4 rescheduling).
     */
    public void markActive(String ticketId, String estateId) {
        // only a ledger the projection has not written yet: from then on its documents say whether it is active.
        // Issue 19: once its document exists (documents are never deleted) the upsert below would change nothing, so
        // an _id lookup spares the write command it costs on every command to the ledger.
        if (ledgers.find(eq("_id", ticketId)).projection(new Document("_id", 1)).first() != null) {
            return;
        }
        Bson update = estateId == null
                ? Updates.setOnInsert("active", true)
                : Updates.combine(Updates.setOnInsert("active", true), Updates.setOnInsert("estateId", estateId));
        ledgers.updateOne(eq("_id", ticketId), update, new UpdateOptions().upsert(true));
    }

    /** A ledger's document as last written: its fold and the sequence of the last event in it (-1: none yet). */
    record Stored(LedgerState state, long sequence) {}

    Stored load(String ticketId) {
        return stored(ledgers.find(eq("_id", ticketId)).first());
    }

    private static Stored stored(Document d) {
        if (d == null || d.getString("state") == null) {
            // none yet, only the mark of a first command, or an old one without the fold: fold from the start
            return new Stored(new LedgerState(), -1);
        }
        try {
            return new Stored(JSON.readValue(d.getString("state"), LedgerState.class), d.getLong("sequence"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The documents of these tickets, by one {@code _id $in} read; a ticket without one has an empty fold (-1). */
    Map<String, Stored> loadAll(Collection<String> ticketIds) {
        Map<String, Stored> stored = new LinkedHashMap<>();
        for (Document d : ledgers.find(Filters.in("_id", ticketIds))) {
            stored.put(d.getString("_id"), stored(d));
        }
        for (String ticketId : ticketIds) {
            stored.computeIfAbsent(ticketId, id -> new Stored(new LedgerState(), -1));
        }
        return stored;
    }

    /** Issue 19: a poll's changed ledgers, each replaced once, in one unordered bulk write. */
    void saveAll(Map<String, Stored> byTicket) {
        if (byTicket.isEmpty()) {
            return;
        }
        List<WriteModel<Document>> writes = new ArrayList<>(byTicket.size());
        byTicket.forEach((ticketId, ledger) -> writes.add(new ReplaceOneModel<>(
                eq("_id", ticketId),
                document(ticketId, ledger.state(), ledger.sequence()),
                new ReplaceOptions().upsert(true))));
        ledgers.bulkWrite(writes, new BulkWriteOptions().ordered(false));
    }

    /** A rebuild's documents, into an empty collection, one {@code insertMany} per 1,000. */
    void insertAll(Map<String, Stored> byTicket) {
        Rebuilds.insertAll(
                ledgers,
                byTicket.entrySet(),
                ledger -> document(
                        ledger.getKey(),
                        ledger.getValue().state(),
                        ledger.getValue().sequence()));
    }

    private static Document document(String ticketId, LedgerState state, long sequence) {
        LedgerView view = state.view();
        try {
            return new Document("_id", ticketId)
                    .append("estateId", view.estateId())
                    .append("open", view.open())
                    .append("active", view.active())
                    // whether a callback is still to be made: the desk's callback queue reads only these ledgers
                    .append(CALLBACKS_DUE, view.callbacks().stream().anyMatch(c -> !c.completed()))
                    .append("sequence", sequence)
                    .append("state", JSON.writeValueAsString(state));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Optional<LedgerView> view(Document d) {
        try {
            if (d.getString("state") != null) {
                return Optional.of(
                        JSON.readValue(d.getString("state"), LedgerState.class).view());
            }
            // an old closed ledger's document (no fold) keeps the view it was last written with
            String written = d.getString(PRE_ISSUE_14_VIEW);
            return written == null ? Optional.empty() : Optional.of(JSON.readValue(written, LedgerView.class));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The estate of a ticket's ledger, by an {@code _id} lookup; empty for a ticket not heard of. */
    public Optional<String> estateOf(String ticketId) {
        Document d = ledgers.find(eq("_id", ticketId))
                .projection(new Document("estateId", 1))
                .first();
        return d == null ? Optional.empty() : Optional.ofNullable(d.getString("estateId"));
    }

    /** The active ledgers of one estate, whose due times a newly known calendar may move (R4-R9, C2-C4). */
    public List<String> activeTicketIds(String estateId) {
        List<String> ids = new ArrayList<>();
        ledgers.find(and(eq("estateId", estateId), eq("active", true)))
                .projection(new Document("_id", 1))
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
        return list(ticketId, estateId, activeOnly, false);
    }

    /**
     * {@link #list(String, String, boolean)}, and with {@code callbacksDueOnly} across tickets only the ledgers with a
     * callback still to be made (a document written before that field existed is read and checked by its view), so
     * the callback queue does not decode every active ledger.
     */
    public List<LedgerView> list(String ticketId, String estateId, boolean activeOnly, boolean callbacksDueOnly) {
        List<Bson> filters = new ArrayList<>();
        if (estateId != null) {
            filters.add(eq("estateId", estateId));
        }
        if (activeOnly) {
            filters.add(eq("active", true));
        }
        if (callbacksDueOnly) {
            filters.add(Filters.ne(CALLBACKS_DUE, false));
        }
        Iterable<Document> found = ticketId != null
                ? ledgers.find(eq("_id", ticketId))
                : ledgers.find(filters.isEmpty() ? Filters.empty() : and(filters));
        List<LedgerView> views = new ArrayList<>();
        for (Document d : found) {
            boolean matches = ticketId == null
                    || (estateId == null || estateId.equals(d.getString("estateId")))
                            && (!activeOnly || d.getBoolean("active", false));
            if (matches) {
                view(d).ifPresent(views::add);
            }
        }
        return views;
    }
}
