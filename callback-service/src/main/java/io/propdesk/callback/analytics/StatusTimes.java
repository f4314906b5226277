package io.propdesk.callback.analytics;

import static com.mongodb.client.model.Filters.eq;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.BulkWriteOptions;
import com.mongodb.client.model.InsertOneModel;
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
import io.propdesk.platform.kafka.ReadModelFetch;
import io.propdesk.platform.kafka.Rebuilds;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
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
            batch = "true",
            properties = ReadModelFetch.BATCHES)
    public void on(List<ConsumerRecord<String, byte[]>> poll) {
        inbound.handleUnmarked(poll, this::apply);
    }

    /**
     * Issue 19: every update commutes and re-applies harmlessly (the change under its event's {@code ce_id},
     * {@code $min}/{@code $max}, the event's own fields), so the documents dedupe by themselves and keep no inbox
     * markers: a poll's updates go in one ordered bulk write per collection.
     */
    void apply(List<Envelope> events) {
        Writes writes = new LiveUpdates();
        events.forEach(event -> apply(event, writes));
        writes.flush(tickets, orders);
    }

    /**
     * Where {@link #apply(Envelope, Writes)}'s moves go: live, one commuting update each ({@link LiveUpdates}); in a
     * rebuild, folded into whole documents in memory ({@link Folded}). Both take the same moves from the same code, so
     * the live read model and a rebuild decide alike.
     */
    private abstract static class Writes {
        final List<WriteModel<Document>> tickets = new ArrayList<>();
        final List<WriteModel<Document>> orders = new ArrayList<>();

        abstract void add(String collection, Move move);

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

    /** One poll's updates, by collection, in event order. */
    private static final class LiveUpdates extends Writes {
        @Override
        void add(String collection, Move move) {
            of(collection).add(move.update());
        }
    }

    /**
     * A rebuild's documents, folded in memory by the live updates' rules and inserted once each at the end. Issue 19
     * goal 4: written as one upsert per event, a rebuild spent most of its time in the store re-reading and rewriting
     * each document once per event (five to ten times per ticket); the collections are empty before a rebuild, so the
     * fold starts from no document, as the upserts did.
     */
    private static final class Folded extends Writes {
        final Map<String, Map<String, Document>> documents =
                Map.of(TICKETS, new LinkedHashMap<>(), ORDERS, new LinkedHashMap<>());

        @Override
        void add(String collection, Move move) {
            boolean[] inserted = {false};
            Document document = documents.get(collection).computeIfAbsent(move.id(), id -> {
                inserted[0] = true;
                return new Document("_id", id);
            });
            move.fold(document, inserted[0]);
        }

        /**
         * The folded documents, as inserts through the same bulk writes as the live path's updates, in the order a
         * rebuild inserts ({@link Rebuilds#BY_ID}).
         */
        void insertAll() {
            documents.forEach((collection, byId) -> {
                byId.values().stream()
                        .sorted(Rebuilds.BY_ID)
                        .forEach(document -> of(collection).add(new InsertOneModel<>(document)));
                byId.clear();
            });
        }
    }

    /**
     * A field the move sets on its document: {@code $set}, or {@code $setOnInsert} when only the update that creates the
     * document sets it; {@code path} is a field or {@code <field>.<key>} in a sub-document.
     */
    private record Field(String path, Object value, boolean onInsert) {

        static Field set(String path, Object value) {
            return new Field(path, value, false);
        }

        static Field setOnInsert(String path, Object value) {
            return new Field(path, value, true);
        }

        Bson update() {
            return onInsert ? Updates.setOnInsert(path, value) : Updates.set(path, value);
        }

        void fold(Document document) {
            int dot = path.indexOf('.');
            if (dot < 0) {
                document.put(path, value);
            } else {
                Document sub = document.get(path.substring(0, dot), Document.class);
                if (sub == null) {
                    sub = new Document();
                    document.put(path.substring(0, dot), sub);
                }
                sub.put(path.substring(dot + 1), value);
            }
        }
    }

    /**
     * One event's move of one document ({@code _id} = {@code id}): the change under the event's key, the first and
     * last change times, the fields. Its effects commute, whether applied as an update or folded in memory.
     */
    private record Move(String id, String key, Status status, Date at, List<Field> fields) {

        UpdateOneModel<Document> update() {
            List<Bson> updates = new ArrayList<>(fields.size() + 3);
            updates.add(Updates.set("changes." + key, new Document("status", status.name()).append("at", at)));
            updates.add(Updates.min("firstAt", at));
            updates.add(Updates.max("lastAt", at));
            fields.forEach(field -> updates.add(field.update()));
            return new UpdateOneModel<>(eq("_id", id), Updates.combine(updates), new UpdateOptions().upsert(true));
        }

        /** What {@link #update()} does to {@code document}, which it has just created when {@code inserted}. */
        void fold(Document document, boolean inserted) {
            Field.set("changes." + key, new Document("status", status.name()).append("at", at))
                    .fold(document);
            Date first = document.getDate("firstAt");
            if (first == null || at.before(first)) {
                document.put("firstAt", at);
            }
            Date last = document.getDate("lastAt");
            if (last == null || at.after(last)) {
                document.put("lastAt", at);
            }
            for (Field field : fields) {
                if (inserted || !field.onInsert()) {
                    field.fold(document);
                }
            }
        }
    }

    /**
     * Rebuilds the collections, empty before, from the three topics read from their start (delivery guarantee 6): the
     * same moves as {@link #on}, folded in memory into whole documents ({@link Folded}) and inserted in bulk writes of
     * 1,000; no markers (issue 19: the live path keeps none). A record of a type the projection does not act on is
     * passed over undecoded ({@link Rebuilds#concerns}); an undecodable record is skipped, as the live consumer sends
     * it to its dead-letter topic.
     *
     * @return the events applied
     */
    public long rebuild(Iterable<ConsumerRecord<String, byte[]>> records, String group) {
        Folded writes = new Folded();
        long applied = Rebuilds.fold(records, ACTS_ON, event -> {
            try {
                apply(event, writes);
            } catch (RuntimeException poison) {
                return false; // as live: dead-lettered
            }
            return true;
        });
        writes.insertAll();
        writes.flush(tickets, orders);
        return applied;
    }

    /** The event types {@link #apply(Envelope, Writes)} moves a document for; the topics' other events move none. */
    private static final Set<Class<?>> ACTS_ON = Set.of(
            TicketOpened.class,
            TicketReopened.class,
            TicketClosed.class,
            OrderDispatched.class,
            OrderPickedUp.class,
            WorkStarted.class,
            OrderCompleted.class,
            OrderReturned.class,
            OrderCancelled.class,
            CallbackScheduled.class);

    private void apply(Envelope event, Writes w) {
        if (!ACTS_ON.contains(event.data().getClass())) {
            return; // the one list of what moves a document, so the rebuild's undecoded records are what live ignores
        }
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
                    Field.set("estateId", o.estateId()),
                    Field.set("areaId", o.areaId()),
                    Field.set("buildingId", o.buildingId()),
                    Field.set("kind", name(o.kind())),
                    Field.set("paid", o.paid()),
                    Field.set("severity", name(o.severity())));
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
                    Field.set("ticketId", d.ticketId()),
                    Field.set("estateId", d.estateId()),
                    Field.set("areaId", d.areaId()),
                    Field.set("buildingId", d.buildingId()),
                    Field.set("kind", name(d.kind())),
                    Field.set("department", name(d.department())),
                    Field.set("paid", d.paid()));
            // A contract visit (H1) has no TicketOpened: its ticket's dimensions come from the visit order. For any
            // other ticket TicketOpened sets them, before or after this.
            update(
                    w,
                    tickets,
                    d.ticketId(),
                    key,
                    Status.DISPATCHED,
                    d.dispatchedAt(),
                    Field.setOnInsert("estateId", d.estateId()),
                    Field.setOnInsert("areaId", d.areaId()),
                    Field.setOnInsert("buildingId", d.buildingId()),
                    Field.setOnInsert("kind", name(d.kind())),
                    Field.setOnInsert("paid", d.paid()),
                    Field.set(
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
            update(w, orders, c.orderId(), key, Status.CANCELLED, c.cancelledAt(), Field.set("ticketId", c.ticketId()));
        } else if (data instanceof CallbackScheduled s) {
            orderAndTicket(w, s.orderId(), s.ticketId(), key, Status.AWAITING_CALLBACK, s.scheduledAt());
        }
    }

    private void orderAndTicket(Writes w, String orderId, String ticketId, String key, Status status, Instant at) {
        if (orderId != null) {
            update(w, orders, orderId, key, status, at, Field.set("ticketId", ticketId));
        }
        update(w, tickets, ticketId, key, status, at);
    }

    /** One commuting move of one document by {@code _id}: the change under its event's key, plus the fields. */
    private static void update(
            Writes w,
            MongoCollection<Document> collection,
            String id,
            String key,
            Status status,
            Instant at,
            Field... fields) {
        if (id == null) {
            return;
        }
        w.add(collection.getNamespace().getCollectionName(), new Move(id, key, status, Date.from(at), List.of(fields)));
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
