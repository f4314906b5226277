package io.propdesk.ticket.query;

import static com.mongodb.client.model.Filters.and;
import static com.mongodb.client.model.Filters.eq;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import io.propdesk.contracts.Severity;
import io.propdesk.contracts.TicketKind;
import io.propdesk.contracts.Topics;
import io.propdesk.contracts.cloudevents.CloudEventCodec.Envelope;
import io.propdesk.contracts.ticket.TicketClosed;
import io.propdesk.contracts.ticket.TicketOpened;
import io.propdesk.contracts.ticket.TicketReopened;
import io.propdesk.platform.kafka.InboundEvents;
import io.propdesk.platform.kafka.KeyedRows;
import io.propdesk.platform.kafka.ReadModelFetch;
import io.propdesk.platform.web.paging.Cursor;
import io.propdesk.platform.web.paging.MongoPages;
import io.propdesk.platform.web.paging.Page;
import io.propdesk.platform.web.paging.PageRequest;
import io.propdesk.ticket.domain.TicketStatus;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/**
 * The ticket list, a projection of {@code propdesk.ticket.events}: one document per ticket keyed by its id, so
 * applying an event is an {@code _id} write; re-deliveries are skipped by the sequence of the ticket's stream that the
 * row keeps ({@code seq}, issue 19: no inbox markers, one bulk write per poll). Rebuilt by reading the topic from the
 * start into an empty collection under a new group.
 */
@Component
public class TicketList {

    public static final String GROUP = "ticket-service.ticket-list";
    static final String COLLECTION = "ticket_list";

    private final MongoCollection<Document> rows;
    private final InboundEvents inbound;
    private final KeyedRows keyed;

    public TicketList(MongoDatabase database, InboundEvents inbound) {
        this.rows = database.getCollection(COLLECTION);
        this.inbound = inbound;
        this.keyed = new KeyedRows(rows, event -> ticketOf(event.data()), TicketList::fold);
    }

    @KafkaListener(topics = Topics.TICKET_EVENTS, groupId = GROUP, batch = "true", properties = ReadModelFetch.BATCHES)
    public void on(List<ConsumerRecord<String, byte[]>> poll) {
        // issue 19: the row keeps the last sequence of the ticket's stream it applied, so it needs no inbox marker; the
        // poll's rows are read in one _id $in lookup, folded, and written back in one bulk write
        inbound.handleUnmarked(poll, keyed::apply);
    }

    private static String ticketOf(Object event) {
        if (event instanceof TicketOpened o) {
            return o.ticketId();
        } else if (event instanceof TicketClosed c) {
            return c.ticketId();
        } else if (event instanceof TicketReopened r) {
            return r.ticketId();
        }
        return null;
    }

    private static Document row(TicketOpened o, long seq) {
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
                .append("updatedAt", Date.from(o.openedAt()))
                .append("seq", seq);
    }

    /**
     * Rebuilds the list into an empty collection from a topic read from its start (delivery guarantee 6): the same
     * decisions and the same rows as {@link #on}, folded in memory (one row per ticket) and written with one
     * {@code insertMany} per 1,000 rows. No markers: the rows carry their sequence, so the live consumer can take over
     * where the rebuild ended. {@code group} names the rebuild's consumer group.
     *
     * @return the events applied (those that changed a row)
     */
    public long rebuild(Iterable<ConsumerRecord<String, byte[]>> records, String group) {
        return keyed.rebuild(records);
    }

    /**
     * The one decision of the live path and the rebuild: applies the event to its ticket's row unless the row has
     * applied that sequence of the ticket's stream already (delivery guarantee 4); an event of a ticket whose opening
     * is not on the topic changes nothing. Answers whether the row changed.
     */
    private static boolean fold(Envelope event, Map<String, Document> byId) {
        String ticketId = ticketOf(event.data());
        if (ticketId == null) {
            return false;
        }
        Document row = byId.get(ticketId);
        long seq = event.sequence();
        Number last = row == null ? null : row.get("seq", Number.class); // none on a row stored before issue 19
        if (last != null && seq >= 0 && seq <= last.longValue()) {
            return false; // re-delivered, or older than what the row shows
        }
        if (event.data() instanceof TicketOpened o) {
            byId.put(ticketId, row(o, seq));
            return true;
        }
        if (row == null) {
            return false;
        }
        if (event.data() instanceof TicketClosed c) {
            setStatus(row, TicketStatus.CLOSED, Date.from(c.closedAt()));
        } else if (event.data() instanceof TicketReopened r) {
            setStatus(row, TicketStatus.REOPENED, Date.from(r.reopenedAt()));
        }
        if (seq >= 0) {
            row.put("seq", seq);
        }
        return true;
    }

    private static void setStatus(Document row, TicketStatus status, Date at) {
        row.put("status", status.name());
        row.put("updatedAt", at);
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
