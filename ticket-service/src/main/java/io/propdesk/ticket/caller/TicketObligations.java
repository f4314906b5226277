package io.propdesk.ticket.caller;

import static com.mongodb.client.model.Filters.eq;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import io.propdesk.contracts.SlaRule;
import io.propdesk.contracts.Topics;
import io.propdesk.contracts.callback.ObligationFulfilled;
import io.propdesk.contracts.callback.ObligationOpened;
import io.propdesk.contracts.callback.ObligationRescheduled;
import io.propdesk.contracts.callback.ObligationWithdrawn;
import io.propdesk.contracts.callback.SlaBreached;
import io.propdesk.contracts.cloudevents.CloudEventCodec.Envelope;
import io.propdesk.platform.kafka.InboundEvents;
import io.propdesk.platform.kafka.KeyedRows;
import io.propdesk.platform.kafka.ReadModelFetch;
import java.time.Instant;
import java.util.Comparator;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.bson.Document;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/**
 * Each ticket's open obligations, a projection of {@code propdesk.callback.events} (one document per ticket,
 * {@code _id} = ticket id): opened, rescheduled, breached (still owed, now overdue), and gone once fulfilled or
 * withdrawn. The caller lookup shows an open ticket's next due obligation from it. A missed call's obligation (M1)
 * names no ticket and is not kept here. The document keeps, per source and aggregate, the last sequence it applied
 * ({@code seqs}), so re-deliveries are skipped without inbox markers and a poll is one bulk write (issue 19).
 */
@Component
public class TicketObligations {

    public static final String GROUP = "ticket-service.ticket-obligations";
    public static final String COLLECTION = "ticket_obligations";

    private final MongoCollection<Document> tickets;
    private final InboundEvents inbound;
    private final KeyedRows keyed;

    public TicketObligations(MongoDatabase database, InboundEvents inbound) {
        this.tickets = database.getCollection(COLLECTION);
        this.inbound = inbound;
        this.keyed = new KeyedRows(tickets, event -> ticketOf(event.data()), TicketObligations::fold);
    }

    /** What the ticket owes next: the open obligation due first ({@code breached} once its window passed unmet). */
    public record Due(String obligationId, SlaRule rule, Instant dueAt, boolean breached) {}

    @KafkaListener(
            topics = Topics.CALLBACK_EVENTS,
            groupId = GROUP,
            batch = "true",
            properties = ReadModelFetch.BATCHES)
    public void on(List<ConsumerRecord<String, byte[]>> poll) {
        // issue 19: the document keeps the last sequence it applied per (source, aggregate), so it needs no inbox
        // marker; a poll's documents are read in one _id $in lookup, folded, and replaced in one bulk write (the topic
        // is keyed by ticket, so one consumer holds a ticket's document at a time)
        inbound.handleUnmarked(poll, keyed::apply);
    }

    /**
     * Rebuilds the documents into an empty collection from the topic read from its start (delivery guarantee 6): the
     * same decisions as {@link #on}, folded in memory and written with one {@code insertMany} per 1,000 documents.
     *
     * @return the events applied (those that changed a document)
     */
    public long rebuild(Iterable<ConsumerRecord<String, byte[]>> records, String group) {
        return keyed.rebuild(records);
    }

    private static String ticketOf(Object event) {
        if (event instanceof ObligationOpened o) {
            return o.ticketId();
        } else if (event instanceof ObligationRescheduled r) {
            return r.ticketId();
        } else if (event instanceof SlaBreached b) {
            return b.ticketId();
        } else if (event instanceof ObligationFulfilled f) {
            return f.ticketId();
        } else if (event instanceof ObligationWithdrawn w) {
            return w.ticketId();
        }
        return null; // M1's obligations name no ticket
    }

    /**
     * The one decision of the live path and the rebuild: applies the event to its ticket's document unless the
     * document has applied that sequence of the event's stream already (delivery guarantee 4, per source and
     * aggregate); the closing of an obligation of a ticket with no document changes nothing. Answers whether the
     * document changed.
     */
    private static boolean fold(Envelope event, Map<String, Document> byId) {
        Object data = event.data();
        String ticketId = ticketOf(data);
        if (ticketId == null) {
            return false;
        }
        Document doc = byId.get(ticketId);
        String stream = event.aggregateId() != null && event.sequence() >= 0
                ? CallerIndex.fieldOf(event.source() + "|" + event.aggregateId())
                : null;
        if (doc != null && stream != null) {
            Document seqs = doc.get("seqs", Document.class);
            Number last = seqs == null ? null : seqs.get(stream, Number.class); // none before issue 19
            if (last != null && event.sequence() <= last.longValue()) {
                return false;
            }
        }
        if (data instanceof ObligationOpened o) {
            doc = set(byId, ticketId, o.obligationId(), o.rule(), o.dueAt(), false);
        } else if (data instanceof ObligationRescheduled r) {
            doc = set(byId, ticketId, r.obligationId(), r.rule(), r.dueAt(), false);
        } else if (data instanceof SlaBreached b) {
            doc = set(byId, ticketId, b.obligationId(), b.rule(), b.dueAt(), true);
        } else if (doc == null) {
            return false; // like an update without upsert: nothing stored to close
        } else if (data instanceof ObligationFulfilled f) {
            remove(doc, f.obligationId());
        } else if (data instanceof ObligationWithdrawn w) {
            remove(doc, w.obligationId());
        }
        if (stream != null) {
            Document seqs = doc.get("seqs", Document.class);
            if (seqs == null) {
                seqs = new Document();
                doc.put("seqs", seqs);
            }
            seqs.put(stream, event.sequence());
        }
        return true;
    }

    private static Document set(
            Map<String, Document> byId,
            String ticketId,
            String obligationId,
            SlaRule rule,
            Instant dueAt,
            boolean breached) {
        Document doc = byId.computeIfAbsent(ticketId, id -> new Document("_id", id));
        Document open = doc.get("open", Document.class);
        if (open == null) {
            open = new Document();
            doc.put("open", open);
        }
        Document entry = open.get(CallerIndex.fieldOf(obligationId), Document.class);
        if (entry == null) {
            entry = new Document();
            open.put(CallerIndex.fieldOf(obligationId), entry);
        }
        entry.put("obligationId", obligationId);
        entry.put("rule", rule.name());
        if (dueAt == null) {
            entry.remove("dueAt");
        } else {
            entry.put("dueAt", Date.from(dueAt));
        }
        if (breached) {
            entry.put("breached", true); // an obligation once breached stays overdue until it closes
        }
        return doc;
    }

    private static void remove(Document doc, String obligationId) {
        Document open = doc.get("open", Document.class);
        if (open != null) {
            open.remove(CallerIndex.fieldOf(obligationId));
        }
    }

    /** The ticket's next due obligation: the earliest due time among its open ones (one without a due time last). */
    public Optional<Due> next(String ticketId) {
        Document doc = tickets.find(eq("_id", ticketId)).first();
        if (doc == null || doc.get("open", Document.class) == null) {
            return Optional.empty();
        }
        return doc.get("open", Document.class).values().stream()
                .filter(Document.class::isInstance)
                .map(Document.class::cast)
                .map(d -> new Due(
                        d.getString("obligationId"),
                        SlaRule.valueOf(d.getString("rule")),
                        d.getDate("dueAt") == null ? null : d.getDate("dueAt").toInstant(),
                        d.getBoolean("breached", false)))
                .min(Comparator.comparing(Due::dueAt, Comparator.nullsLast(Comparator.naturalOrder()))
                        .thenComparing(Due::obligationId));
    }
}
