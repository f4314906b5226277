package io.propdesk.dispatch.query;

import static com.mongodb.client.model.Filters.and;
import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Filters.in;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.BulkWriteOptions;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Projections;
import com.mongodb.client.model.UpdateOneModel;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;
import com.mongodb.client.model.WriteModel;
import io.propdesk.contracts.Department;
import io.propdesk.contracts.TicketKind;
import io.propdesk.contracts.Topics;
import io.propdesk.contracts.cloudevents.CloudEventCodec.Envelope;
import io.propdesk.contracts.dispatch.OrderCancelled;
import io.propdesk.contracts.dispatch.OrderCompleted;
import io.propdesk.contracts.dispatch.OrderDispatched;
import io.propdesk.contracts.dispatch.OrderPickedUp;
import io.propdesk.contracts.dispatch.OrderReturned;
import io.propdesk.contracts.dispatch.WorkStarted;
import io.propdesk.contracts.ticket.LateOrderExplained;
import io.propdesk.dispatch.domain.OrderStatus;
import io.propdesk.platform.kafka.InboundEvents;
import io.propdesk.platform.kafka.ReadModelFetch;
import io.propdesk.platform.kafka.Rebuilds;
import io.propdesk.platform.web.paging.Cursor;
import io.propdesk.platform.web.paging.MongoPages;
import io.propdesk.platform.web.paging.Page;
import io.propdesk.platform.web.paging.PageRequest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashMap;
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
 * The department apps' order list, a projection of {@code propdesk.dispatch.events} (and the complaint-book entries
 * on {@code propdesk.ticket.events}, R11): one document per order keyed by its id; every event is a {@code $set} on
 * it, so an explanation that arrives before the order's own events is kept. Re-deliveries are skipped by sequence.
 */
@Component
public class OrderList {

    /** Named after the application, as the platform names its own groups, so each deployment has its own. */
    public static final String GROUP = "${spring.application.name}.order-list";

    static final String COLLECTION = "order_list";
    /** Per stream (source service and aggregate) the last sequence the row applied (issue 19). */
    static final String APPLIED = "applied";

    private final MongoCollection<Document> rows;
    private final InboundEvents inbound;

    public OrderList(MongoDatabase database, InboundEvents inbound) {
        this.rows = database.getCollection(COLLECTION);
        this.inbound = inbound;
    }

    @KafkaListener(
            topics = {Topics.DISPATCH_EVENTS, Topics.TICKET_EVENTS},
            groupId = GROUP,
            batch = "true",
            properties = ReadModelFetch.BATCHES)
    public void on(List<ConsumerRecord<String, byte[]>> poll) {
        // issue 19: the rows record what they applied, so no inbox marker; one bulk write per poll
        inbound.handleUnmarked(poll, this::apply);
    }

    /**
     * Applies one poll's events (delivery guarantee 4 by the rows): reads the applied sequences of the orders they
     * touch with one {@code _id $in} lookup, folds the events that are new to each row in order, and stores every
     * touched row with one unordered bulk write (one update per order: its fields' last values and a {@code $max} of
     * each stream's sequence). Applying a poll again, whole or in part, changes nothing.
     */
    void apply(List<Envelope> events) {
        Map<String, List<Envelope>> byOrder = new LinkedHashMap<>();
        for (Envelope event : events) {
            String orderId = orderIdOf(event.data());
            if (orderId != null) {
                byOrder.computeIfAbsent(orderId, id -> new ArrayList<>()).add(event);
            }
        }
        if (byOrder.isEmpty()) {
            return;
        }
        Map<String, Document> stored = new HashMap<>();
        for (Document row : rows.find(in("_id", byOrder.keySet())).projection(Projections.include(APPLIED))) {
            stored.put(row.getString("_id"), row.get(APPLIED, Document.class));
        }
        List<WriteModel<Document>> writes = new ArrayList<>(byOrder.size());
        byOrder.forEach((orderId, theirs) -> {
            Document applied = new Document(stored.getOrDefault(orderId, new Document()));
            Map<String, Object> fields = new LinkedHashMap<>();
            Map<String, Long> sequences = new LinkedHashMap<>();
            for (Envelope event : theirs) {
                String stream = stream(event);
                if (handled(applied, stream, event)) {
                    continue;
                }
                fields.putAll(fields(event.data()));
                long seq = Math.max(event.sequence(), 0L);
                applied.put(stream, seq);
                sequences.merge(stream, seq, Math::max);
            }
            if (sequences.isEmpty()) {
                return; // every event of this order was applied before
            }
            List<Bson> update = new ArrayList<>(fields.size() + sequences.size());
            fields.forEach((field, value) -> update.add(Updates.set(field, value)));
            sequences.forEach((stream, seq) -> update.add(Updates.max(APPLIED + "." + stream, seq)));
            writes.add(new UpdateOneModel<>(
                    eq("_id", orderId), Updates.combine(update), new UpdateOptions().upsert(true)));
        });
        if (!writes.isEmpty()) {
            rows.bulkWrite(writes, new BulkWriteOptions().ordered(false));
        }
    }

    /**
     * Rebuilds the list into an empty collection from the topics read from their start (delivery guarantee 6): the
     * same decisions as {@link #on} (a stream's event is applied when its sequence is past the row's, an event
     * without one when its id is not in the row), folded in memory and written with one {@code insertMany} per 1,000
     * rows. The rows carry what they applied, so no inbox marker is written: a live consumer under {@code group} that
     * starts from the offsets the caller commits skips what the rows already hold.
     *
     * @return the events applied
     */
    public long rebuild(Iterable<ConsumerRecord<String, byte[]>> records, String group) {
        Map<String, Document> byId = new LinkedHashMap<>();
        long applied = Rebuilds.fold(records, ACTS_ON, event -> fold(event, byId));
        Rebuilds.insertAll(rows, byId.values());
        return applied;
    }

    /** {@link #apply}'s decision for one event, on a row held in memory (the rebuild's); answers whether it changed. */
    private static boolean fold(Envelope event, Map<String, Document> byId) {
        String orderId = orderIdOf(event.data());
        if (orderId == null) {
            return false;
        }
        Document row = byId.get(orderId);
        String stream = stream(event);
        if (row != null && handled(row.get(APPLIED, Document.class), stream, event)) {
            return false;
        }
        Map<String, Object> fields;
        try {
            fields = fields(event.data());
        } catch (RuntimeException poison) {
            return false; // as live: dead-lettered, the row unchanged
        }
        if (row == null) {
            row = new Document("_id", orderId).append(APPLIED, new Document());
            byId.put(orderId, row);
        }
        row.putAll(fields);
        row.get(APPLIED, Document.class)
                .merge(
                        stream,
                        Math.max(event.sequence(), 0L),
                        (a, b) -> Math.max(((Number) a).longValue(), ((Number) b).longValue()));
        return true;
    }

    /** The event types {@link #orderIdOf} names an order for; a rebuild passes over the others undecoded. */
    private static final Set<Class<?>> ACTS_ON = Set.of(
            OrderDispatched.class,
            OrderPickedUp.class,
            WorkStarted.class,
            OrderCompleted.class,
            OrderReturned.class,
            OrderCancelled.class,
            LateOrderExplained.class);

    /** The order an event of this list changes, or null for the events the list ignores. */
    private static String orderIdOf(Object event) {
        if (!ACTS_ON.contains(event.getClass())) {
            return null; // the one list of what the list acts on, live and rebuilt
        }
        if (event instanceof OrderDispatched d) {
            return d.orderId();
        } else if (event instanceof OrderPickedUp p) {
            return p.orderId();
        } else if (event instanceof WorkStarted s) {
            return s.orderId();
        } else if (event instanceof OrderCompleted c) {
            return c.orderId();
        } else if (event instanceof OrderReturned r) {
            return r.orderId();
        } else if (event instanceof OrderCancelled c) {
            return c.orderId();
        } else if (event instanceof LateOrderExplained e) {
            return e.orderId();
        }
        return null;
    }

    /**
     * What an event sets on its order's row. Every event is a {@code $set}, so an explanation that arrives before the
     * order's own events is kept (R11).
     */
    private static Map<String, Object> fields(Object event) {
        Map<String, Object> f = new LinkedHashMap<>();
        Instant at;
        if (event instanceof OrderDispatched d) {
            f.put("ticketId", d.ticketId());
            f.put("estateId", d.estateId());
            f.put("areaId", d.areaId());
            f.put("unitId", d.unitId());
            f.put("kind", d.kind().name());
            f.put("department", d.department().name());
            f.put("paid", d.paid());
            f.put("contractId", d.contractId());
            f.put("assignee", d.assignee());
            f.put("status", OrderStatus.DISPATCHED.name());
            // The service time is the caller's value, and a BSON date (milliseconds in a long) cannot hold every
            // instant an event may carry (Date.from threw ArithmeticException for +1000000000-12-31, the order went to
            // the dead-letter topic and vanished from this list). Its ISO-8601 text holds any instant; nothing here
            // sorts or filters by it.
            f.put(
                    "serviceTime",
                    d.serviceTime() == null ? null : d.serviceTime().toString());
            f.put("dispatchedAt", Date.from(d.dispatchedAt()));
            at = d.dispatchedAt();
        } else if (event instanceof OrderPickedUp p) {
            // In an open pool the order belongs to whoever picked it up first.
            f.put("status", OrderStatus.PICKED_UP.name());
            f.put("assignee", p.pickedUpBy());
            at = p.pickedUpAt();
        } else if (event instanceof WorkStarted s) {
            f.put("status", OrderStatus.STARTED.name());
            at = s.startedAt();
        } else if (event instanceof OrderCompleted c) {
            f.put("status", OrderStatus.COMPLETED.name());
            at = c.completedAt();
        } else if (event instanceof OrderReturned r) {
            f.put("status", OrderStatus.RETURNED.name());
            f.put("late", r.late());
            at = r.returnedAt();
        } else if (event instanceof OrderCancelled c) {
            f.put("status", OrderStatus.CANCELLED.name());
            at = c.cancelledAt();
        } else if (event instanceof LateOrderExplained e) {
            f.put("explained", true);
            at = e.explainedAt();
        } else {
            throw new IllegalArgumentException(
                    "not an order list event: " + event.getClass().getName());
        }
        f.put("updatedAt", Date.from(at));
        return f;
    }

    /**
     * The row's key for the stream an event comes from. A row is fed by its order's stream and by the ticket's (R11),
     * and aggregate ids are unique only within one service, so the key is per source service and aggregate; an event
     * without a sequence is keyed by its {@code ce_id}. Escaped, as a field name takes no dot and no leading dollar.
     */
    static String stream(Envelope event) {
        String key = bySequence(event) ? event.source() + "|" + event.aggregateId() : "id|" + event.id();
        return key.replace("%", "%25").replace(".", "%2E").replace("$", "%24");
    }

    /** The one "already applied?" decision of the live path and the rebuild. */
    private static boolean handled(Document applied, String stream, Envelope event) {
        Number seq = applied == null ? null : applied.get(stream, Number.class);
        return seq != null && (!bySequence(event) || seq.longValue() >= event.sequence());
    }

    private static boolean bySequence(Envelope event) {
        return event.aggregateId() != null && event.sequence() >= 0;
    }

    /**
     * Newest first, equal dispatch times by order id (descending), one page after the cursor.
     *
     * @param lateUnexplained only the orders returned late without their complaint-book entry yet (R11)
     */
    public Page<OrderSummary> search(
            Department department,
            String areaId,
            String assignee,
            OrderStatus status,
            TicketKind kind,
            boolean lateUnexplained,
            PageRequest page) {
        List<Bson> filters = new ArrayList<>();
        // Explanations of orders this service never dispatched have no department and never match a listing.
        filters.add(Filters.exists("dispatchedAt"));
        if (department != null) {
            filters.add(eq("department", department.name()));
        }
        if (areaId != null) {
            filters.add(eq("areaId", areaId));
        }
        if (assignee != null) {
            filters.add(eq("assignee", assignee));
        }
        if (status != null) {
            filters.add(eq("status", status.name()));
        }
        if (kind != null) {
            filters.add(eq("kind", kind.name()));
        }
        if (lateUnexplained) {
            filters.add(eq("late", true));
            filters.add(Filters.ne("explained", true));
        }
        filters.add(MongoPages.olderThan(page, "dispatchedAt"));
        List<OrderSummary> result = new ArrayList<>();
        for (Document d : rows.find(and(filters))
                .sort(MongoPages.newestFirst("dispatchedAt"))
                .limit(page.fetch())) {
            boolean late = d.getBoolean("late", false);
            boolean explained = d.getBoolean("explained", false);
            result.add(new OrderSummary(
                    d.getString("_id"),
                    d.getString("ticketId"),
                    d.getString("estateId"),
                    d.getString("areaId"),
                    d.getString("unitId"),
                    TicketKind.valueOf(d.getString("kind")),
                    Department.valueOf(d.getString("department")),
                    d.getBoolean("paid", false),
                    d.getString("contractId"),
                    d.getString("assignee"),
                    OrderStatus.valueOf(d.getString("status")),
                    instant(d.get("serviceTime")),
                    instant(d.get("dispatchedAt")),
                    late,
                    explained,
                    late && !explained,
                    instant(d.get("updatedAt"))));
        }
        return Page.of(result, page, o -> Cursor.of(o.dispatchedAt(), o.orderId()));
    }

    /** A date, or an instant's ISO-8601 text (service times, and rows written before they were stored as text). */
    private static Instant instant(Object value) {
        if (value instanceof Date date) {
            return date.toInstant();
        }
        return value == null ? null : Instant.parse(value.toString());
    }
}
