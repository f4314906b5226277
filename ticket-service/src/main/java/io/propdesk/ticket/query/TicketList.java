package io.propdesk.ticket.query;

import static com.mongodb.client.model.Filters.and;
import static com.mongodb.client.model.Filters.eq;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.ReplaceOptions;
import com.mongodb.client.model.Updates;
import io.propdesk.contracts.Severity;
import io.propdesk.contracts.TicketKind;
import io.propdesk.contracts.Topics;
import io.propdesk.contracts.ticket.TicketClosed;
import io.propdesk.contracts.ticket.TicketOpened;
import io.propdesk.contracts.ticket.TicketReopened;
import io.propdesk.platform.kafka.InboundEvents;
import io.propdesk.platform.web.paging.Cursor;
import io.propdesk.platform.web.paging.MongoPages;
import io.propdesk.platform.web.paging.Page;
import io.propdesk.platform.web.paging.PageRequest;
import io.propdesk.ticket.domain.TicketStatus;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/**
 * The ticket list, a projection of {@code propdesk.ticket.events}: one document per ticket keyed by its id, so
 * applying an event is an {@code _id} write; re-deliveries are skipped by sequence. Rebuilt by reading the topic from
 * the start into an empty collection under a new group.
 */
@Component
public class TicketList {

    public static final String GROUP = "ticket-service.ticket-list";
    static final String COLLECTION = "ticket_list";

    private final MongoCollection<Document> rows;
    private final InboundEvents inbound;

    public TicketList(MongoDatabase database, InboundEvents inbound) {
        this.rows = database.getCollection(COLLECTION);
        this.inbound = inbound;
    }

    @KafkaListener(topics = Topics.TICKET_EVENTS, groupId = GROUP, batch = "true")
    public void on(List<ConsumerRecord<String, byte[]>> poll) {
        inbound.handle(poll, event -> apply(event.data()));
    }

    void apply(Object event) {
        if (event instanceof TicketOpened o) {
            rows.replaceOne(eq("_id", o.ticketId()), row(o), new ReplaceOptions().upsert(true));
        } else if (event instanceof TicketClosed c) {
            setStatus(c.ticketId(), TicketStatus.CLOSED, Date.from(c.closedAt()));
        } else if (event instanceof TicketReopened r) {
            setStatus(r.ticketId(), TicketStatus.REOPENED, Date.from(r.reopenedAt()));
        }
    }

    private static Document row(TicketOpened o) {
        return new Document("_id", o.ticketId())
                .append("estateId", o.estateId())
                .append("unitId", o.unitId())
                .append("kind", o.kind().name())
                .append("status", TicketStatus.OPEN.name())
                .append("paid", o.paid())
                .append("severity", o.severity() == null ? null : o.severity().name())
                .append("acceptor", o.acceptor())
                .append("stewardId", o.stewardId())
                .append("openedAt", Date.from(o.openedAt()))
                .append("updatedAt", Date.from(o.openedAt()));
    }

    private void setStatus(String ticketId, TicketStatus status, Date at) {
        rows.updateOne(
                eq("_id", ticketId),
                Updates.combine(Updates.set("status", status.name()), Updates.set("updatedAt", at)));
    }

    /**
     * Rebuilds the list into empty collections from a topic read from its start (delivery guarantee 6): the same
     * dedupe and the same rows as {@link #on}, folded in memory (one row per ticket) and written with one
     * {@code insertMany} per 1,000 rows, then the group's markers likewise. The live path's two committed writes per
     * event (marker and row) cap a rebuild at a few hundred events a second on the embedded store.
     *
     * @return the events applied
     */
    public long rebuild(Iterable<ConsumerRecord<String, byte[]>> records, String group) {
        Map<String, Document> byId = new LinkedHashMap<>();
        InboundEvents.Replay replay = inbound.replay(group);
        replay.fold(records, event -> fold(event.data(), byId));
        List<Document> batch = new ArrayList<>(1_000);
        for (Document row : byId.values()) {
            batch.add(row);
            if (batch.size() == 1_000) {
                rows.insertMany(batch);
                batch.clear();
            }
        }
        if (!batch.isEmpty()) {
            rows.insertMany(batch);
        }
        replay.writeMarkers();
        return replay.applied();
    }

    /** {@link #apply} on rows held in memory. */
    private static void fold(Object event, Map<String, Document> byId) {
        if (event instanceof TicketOpened o) {
            byId.put(o.ticketId(), row(o));
        } else if (event instanceof TicketClosed c) {
            setStatus(byId.get(c.ticketId()), TicketStatus.CLOSED, Date.from(c.closedAt()));
        } else if (event instanceof TicketReopened r) {
            setStatus(byId.get(r.ticketId()), TicketStatus.REOPENED, Date.from(r.reopenedAt()));
        }
    }

    private static void setStatus(Document row, TicketStatus status, Date at) {
        // like updateOne without upsert: an event of a ticket whose opening is not on the topic changes nothing
        if (row != null) {
            row.put("status", status.name());
            row.put("updatedAt", at);
        }
    }

    /**
     * Newest first, equal opening times by ticket id (descending), one page after the request's cursor.
     * {@code ticketId} narrows to one ticket (the call-id filter, R1).
     */
    public Page<TicketSummary> search(
            TicketStatus status, TicketKind kind, String estateId, String ticketId, PageRequest page) {
        if (ticketId != null) {
            // by _id alone, the rest checked on the one row: an _id filter with other fields scans (STACK-NOTES)
            Document d = rows.find(eq("_id", ticketId)).first();
            boolean matches = d != null
                    && (status == null || status.name().equals(d.getString("status")))
                    && (kind == null || kind.name().equals(d.getString("kind")))
                    && (estateId == null || estateId.equals(d.getString("estateId")));
            return Page.slice(
                    matches ? List.of(summary(d)) : List.of(),
                    page,
                    after -> t -> after.compareTo(t.openedAt(), t.ticketId()) > 0,
                    TicketList::cursorOf);
        }
        List<Bson> filters = new ArrayList<>();
        if (status != null) {
            filters.add(eq("status", status.name()));
        }
        if (kind != null) {
            filters.add(eq("kind", kind.name()));
        }
        if (estateId != null) {
            filters.add(eq("estateId", estateId));
        }
        filters.add(MongoPages.olderThan(page, "openedAt"));
        List<TicketSummary> result = new ArrayList<>();
        for (Document d :
                rows.find(and(filters)).sort(MongoPages.newestFirst("openedAt")).limit(page.fetch())) {
            result.add(summary(d));
        }
        return Page.of(result, page, TicketList::cursorOf);
    }

    private static Cursor cursorOf(TicketSummary ticket) {
        return Cursor.of(ticket.openedAt(), ticket.ticketId());
    }

    private static TicketSummary summary(Document d) {
        return new TicketSummary(
                d.getString("_id"),
                d.getString("estateId"),
                d.getString("unitId"),
                TicketKind.valueOf(d.getString("kind")),
                TicketStatus.valueOf(d.getString("status")),
                d.getBoolean("paid", false),
                d.getString("severity") == null ? null : Severity.valueOf(d.getString("severity")),
                d.getString("acceptor"),
                d.getString("stewardId"),
                d.getDate("openedAt").toInstant(),
                d.getDate("updatedAt").toInstant());
    }
}
