package io.propdesk.dispatch.query;

import static com.mongodb.client.model.Filters.and;
import static com.mongodb.client.model.Filters.eq;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;
import io.propdesk.contracts.Department;
import io.propdesk.contracts.TicketKind;
import io.propdesk.contracts.Topics;
import io.propdesk.contracts.dispatch.OrderCancelled;
import io.propdesk.contracts.dispatch.OrderCompleted;
import io.propdesk.contracts.dispatch.OrderDispatched;
import io.propdesk.contracts.dispatch.OrderPickedUp;
import io.propdesk.contracts.dispatch.OrderReturned;
import io.propdesk.contracts.dispatch.WorkStarted;
import io.propdesk.contracts.ticket.LateOrderExplained;
import io.propdesk.dispatch.domain.OrderStatus;
import io.propdesk.platform.kafka.InboundEvents;
import io.propdesk.platform.web.paging.Cursor;
import io.propdesk.platform.web.paging.MongoPages;
import io.propdesk.platform.web.paging.Page;
import io.propdesk.platform.web.paging.PageRequest;
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
 * The department apps' order list, a projection of {@code propdesk.dispatch.events} (and the complaint-book entries
 * on {@code propdesk.ticket.events}, R11): one document per order keyed by its id; every event is a {@code $set} on
 * it, so an explanation that arrives before the order's own events is kept. Re-deliveries are skipped by sequence.
 */
@Component
public class OrderList {

    /** Named after the application, as the platform names its own groups, so each deployment has its own. */
    public static final String GROUP = "${spring.application.name}.order-list";

    static final String COLLECTION = "order_list";

    private final MongoCollection<Document> rows;
    private final InboundEvents inbound;

    public OrderList(MongoDatabase database, InboundEvents inbound) {
        this.rows = database.getCollection(COLLECTION);
        this.inbound = inbound;
    }

    @KafkaListener(
            topics = {Topics.DISPATCH_EVENTS, Topics.TICKET_EVENTS},
            groupId = GROUP,
            batch = "true")
    public void on(List<ConsumerRecord<String, byte[]>> poll) {
        inbound.handle(poll, event -> apply(event.data()));
    }

    void apply(Object event) {
        if (event instanceof OrderDispatched d) {
            set(
                    d.orderId(),
                    d.dispatchedAt(),
                    Updates.combine(
                            Updates.set("ticketId", d.ticketId()),
                            Updates.set("estateId", d.estateId()),
                            Updates.set("areaId", d.areaId()),
                            Updates.set("unitId", d.unitId()),
                            Updates.set("kind", d.kind().name()),
                            Updates.set("department", d.department().name()),
                            Updates.set("paid", d.paid()),
                            Updates.set("contractId", d.contractId()),
                            Updates.set("assignee", d.assignee()),
                            Updates.set("status", OrderStatus.DISPATCHED.name()),
                            // The service time is the caller's value, and a BSON date (milliseconds in a
                            // long) cannot hold every instant an event may carry (Date.from threw ArithmeticException
                            // for
                            // +1000000000-12-31, the order went to the dead-letter topic and vanished from this list).
                            // Its
                            // ISO-8601 text holds any instant; nothing here sorts or filters by it.
                            Updates.set(
                                    "serviceTime",
                                    d.serviceTime() == null
                                            ? null
                                            : d.serviceTime().toString()),
                            Updates.set("dispatchedAt", Date.from(d.dispatchedAt()))));
        } else if (event instanceof OrderPickedUp p) {
            // In an open pool the order belongs to whoever picked it up first.
            set(
                    p.orderId(),
                    p.pickedUpAt(),
                    Updates.combine(
                            Updates.set("status", OrderStatus.PICKED_UP.name()),
                            Updates.set("assignee", p.pickedUpBy())));
        } else if (event instanceof WorkStarted s) {
            set(s.orderId(), s.startedAt(), Updates.set("status", OrderStatus.STARTED.name()));
        } else if (event instanceof OrderCompleted c) {
            set(c.orderId(), c.completedAt(), Updates.set("status", OrderStatus.COMPLETED.name()));
        } else if (event instanceof OrderReturned r) {
            set(
                    r.orderId(),
                    r.returnedAt(),
                    Updates.combine(Updates.set("status", OrderStatus.RETURNED.name()), Updates.set("late", r.late())));
        } else if (event instanceof OrderCancelled c) {
            set(c.orderId(), c.cancelledAt(), Updates.set("status", OrderStatus.CANCELLED.name()));
        } else if (event instanceof LateOrderExplained e) {
            set(e.orderId(), e.explainedAt(), Updates.set("explained", true));
        }
    }

    private void set(String orderId, Instant at, Bson update) {
        rows.updateOne(
                eq("_id", orderId),
                Updates.combine(update, Updates.set("updatedAt", Date.from(at))),
                new UpdateOptions().upsert(true));
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
