package io.propdesk.callback.analytics;

import static com.mongodb.client.model.Filters.eq;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.BulkWriteOptions;
import com.mongodb.client.model.UpdateOneModel;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;
import com.mongodb.client.model.WriteModel;
import io.propdesk.contracts.Topics;
import io.propdesk.contracts.callback.CallbackScheduled;
import io.propdesk.contracts.cloudevents.CloudEventCodec.Envelope;
import io.propdesk.contracts.dispatch.OrderCancelled;
import io.propdesk.contracts.dispatch.OrderCompleted;
import io.propdesk.contracts.dispatch.OrderDispatched;
import io.propdesk.contracts.dispatch.OrderPickedUp;
import io.propdesk.contracts.dispatch.OrderReturned;
import io.propdesk.contracts.dispatch.WorkStarted;
import io.propdesk.contracts.ticket.TicketClosed;
import io.propdesk.contracts.ticket.TicketOpened;
import io.propdesk.contracts.ticket.TicketReopened;
import io.propdesk.platform.kafka.InboundEvents;
import io.propdesk.platform.kafka.Rebuilds;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/**
 * Time in status (issue 18), a projection of the ticket, dispatch and callback topics: one document per ticket
 * ({@value #TICKETS}) and one per work order ({@value #ORDERS}), {@code _id} = its id, holding its dimensions and its
 * status changes; the intervals (status, from, to) are those changes in time order ({@link StatusIntervals}).
 *
 * <p>The three topics arrive on separate consumers, in no order between them, and a ticket's document is written by
 * all three. So every write is one {@code updateOne} by {@code _id} whose effects commute: a change is set under the
 * event's {@code ce_id} ({@code changes.<ce_id>}: a re-delivery sets the same value again), and the first and last
 * change times move with {@code $min}/{@code $max}. An order event writes its order's document and its ticket's, one
 * update each. Rebuilt by replaying the three topics into empty collections under a new group.
 */
@Component
public class StatusTimes {

    public static final String GROUP = "callback-service.status-times";
    static final String TICKETS = "ticket_status_times";
    static final String ORDERS = "order_status_times";

    private final MongoCollection<Document> tickets;
    private final MongoCollection<Document> orders;
    private final InboundEvents inbound;

    public StatusTimes(MongoDatabase database, InboundEvents inbound) {
        this.tickets = database.getCollection(TICKETS);
        this.orders = database.getCollection(ORDERS);
        this.inbound = inbound;
    }

    @KafkaListener(
            topics = {Topics.TICKET_EVENTS, Topics.DISPATCH_EVENTS, Topics.CALLBACK_EVENTS},
            groupId = GROUP,
            batch = "true")
    public void on(List<ConsumerRecord<String, byte[]>> poll) {
        inbound.handleUnmarked(poll, this::apply);
    }

    /**
     * Issue 19: every update commutes and re-applies harmlessly (the change under its event's {@code ce_id},
     * {@code $min}/{@code $max}, the event's own fields), so the documents dedupe by themselves and keep no inbox
     * markers: a poll's updates go in one ordered bulk write per collection.
     */
    void apply(List<Envelope> events) {
        Writes writes = new Writes();
        events.forEach(event -> apply(event, writes));
        writes.flush(tickets, orders);
    }

    /** One poll's (or a rebuild's) updates, by collection, in event order. */
    private static final class Writes {
        final List<WriteModel<Document>> tickets = new ArrayList<>();
        final List<WriteModel<Document>> orders = new ArrayList<>();

        List<WriteModel<Document>> of(String collection) {
            return TICKETS.equals(collection) ? tickets : orders;
        }

        void flush(MongoCollection<Document> ticketDocs, MongoCollection<Document> orderDocs) {
            write(ticketDocs, tickets);
            write(orderDocs, orders);
        }

        private static void write(MongoCollection<Document> collection, List<WriteModel<Document>> models) {
            for (int from = 0; from < models.size(); from += 1_000) {
                collection.bulkWrite(
                        models.subList(from, Math.min(models.size(), from + 1_000)),
                        new BulkWriteOptions().ordered(true));
            }
            models.clear();
        }
    }

    /**
     * Rebuilds the collections, empty before, from the three topics read from their start (delivery guarantee 6): the
     * same updates as {@link #on}, written in bulk writes of 1,000; no markers (issue 19: the live path keeps none). An
     * undecodable record is skipped, as the live consumer sends it to its dead-letter topic.
     *
     * @return the events applied
     */
    public long rebuild(Iterable<ConsumerRecord<String, byte[]>> records, String group) {
        Writes writes = new Writes();
        long applied = Rebuilds.fold(records, event -> {
            try {
                apply(event, writes);
            } catch (RuntimeException poison) {
                return false; // as live: dead-lettered
            }
            if (writes.tickets.size() + writes.orders.size() >= 1_000) {
                writes.flush(tickets, orders);
            }
            return true;
        });
        writes.flush(tickets, orders);
        return applied;
    }

    private void apply(Envelope event, Writes w) {
        String key = changeKey(event.id());
        Object data = event.data();
        if (data instanceof TicketOpened o) {
            update(
                    w,
                    tickets,
                    o.ticketId(),
                    key,
                    Status.OPEN,
                    o.openedAt(),
                    Updates.set("estateId", o.estateId()),
                    Updates.set("areaId", o.areaId()),
                    Updates.set("buildingId", o.buildingId()),
                    Updates.set("kind", name(o.kind())),
                    Updates.set("paid", o.paid()),
                    Updates.set("severity", name(o.severity())));
        } else if (data instanceof TicketReopened r) {
            update(w, tickets, r.ticketId(), key, Status.REOPENED, r.reopenedAt());
        } else if (data instanceof TicketClosed c) {
            update(w, tickets, c.ticketId(), key, Status.CLOSED, c.closedAt());
        } else if (data instanceof OrderDispatched d) {
            update(
                    w,
                    orders,
                    d.orderId(),
                    key,
                    Status.DISPATCHED,
                    d.dispatchedAt(),
                    Updates.set("ticketId", d.ticketId()),
                    Updates.set("estateId", d.estateId()),
                    Updates.set("areaId", d.areaId()),
                    Updates.set("buildingId", d.buildingId()),
                    Updates.set("kind", name(d.kind())),
                    Updates.set("department", name(d.department())),
                    Updates.set("paid", d.paid()));
            // A contract visit (H1) has no TicketOpened: its ticket's dimensions come from the visit order. For any
            // other ticket TicketOpened sets them, before or after this.
            update(
                    w,
                    tickets,
                    d.ticketId(),
                    key,
                    Status.DISPATCHED,
                    d.dispatchedAt(),
                    Updates.setOnInsert("estateId", d.estateId()),
                    Updates.setOnInsert("areaId", d.areaId()),
                    Updates.setOnInsert("buildingId", d.buildingId()),
                    Updates.setOnInsert("kind", name(d.kind())),
                    Updates.setOnInsert("paid", d.paid()),
                    Updates.set(
                            "orders." + changeKey(d.orderId()),
                            new Document("orderId", d.orderId())
                                    .append("department", name(d.department()))
                                    .append("dispatchedAt", Date.from(d.dispatchedAt()))));
        } else if (data instanceof OrderPickedUp p) {
            orderAndTicket(w, p.orderId(), p.ticketId(), key, Status.PICKED_UP, p.pickedUpAt());
        } else if (data instanceof WorkStarted started) {
            orderAndTicket(w, started.orderId(), started.ticketId(), key, Status.STARTED, started.startedAt());
        } else if (data instanceof OrderCompleted c) {
            orderAndTicket(w, c.orderId(), c.ticketId(), key, Status.COMPLETED, c.completedAt());
        } else if (data instanceof OrderReturned r) {
            orderAndTicket(w, r.orderId(), r.ticketId(), key, Status.RETURNED, r.returnedAt());
        } else if (data instanceof OrderCancelled c) {
            update(
                    w,
                    orders,
                    c.orderId(),
                    key,
                    Status.CANCELLED,
                    c.cancelledAt(),
                    Updates.set("ticketId", c.ticketId()));
        } else if (data instanceof CallbackScheduled s) {
            orderAndTicket(w, s.orderId(), s.ticketId(), key, Status.AWAITING_CALLBACK, s.scheduledAt());
        }
    }

    private void orderAndTicket(Writes w, String orderId, String ticketId, String key, Status status, Instant at) {
        if (orderId != null) {
            update(w, orders, orderId, key, status, at, Updates.set("ticketId", ticketId));
        }
        update(w, tickets, ticketId, key, status, at);
    }

    /** One commuting update of one document by {@code _id}: the change under its event's key, plus the fields. */
    private static void update(
            Writes w,
            MongoCollection<Document> collection,
            String id,
            String key,
            Status status,
            Instant at,
            Bson... fields) {
        if (id == null) {
            return;
        }
        Date when = Date.from(at);
        List<Bson> updates = new ArrayList<>(fields.length + 3);
        updates.add(Updates.set("changes." + key, new Document("status", status.name()).append("at", when)));
        updates.add(Updates.min("firstAt", when));
        updates.add(Updates.max("lastAt", when));
        updates.addAll(List.of(fields));
        w.of(collection.getNamespace().getCollectionName())
                .add(new UpdateOneModel<>(eq("_id", id), Updates.combine(updates), new UpdateOptions().upsert(true)));
    }

    private static String name(Enum<?> value) {
        return value == null ? null : value.name();
    }

    /** A document field name from an id: no dots (paths) and no leading dollar. */
    static String changeKey(String id) {
        return id.replace('.', '_').replace('$', '_');
    }

    MongoCollection<Document> tickets() {
        return tickets;
    }

    MongoCollection<Document> orders() {
        return orders;
    }
}
