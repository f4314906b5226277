package io.propdesk.ticket.caller;

import static com.mongodb.client.model.Filters.eq;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;
import io.propdesk.contracts.SlaRule;
import io.propdesk.contracts.Topics;
import io.propdesk.contracts.callback.ObligationFulfilled;
import io.propdesk.contracts.callback.ObligationOpened;
import io.propdesk.contracts.callback.ObligationRescheduled;
import io.propdesk.contracts.callback.ObligationWithdrawn;
import io.propdesk.contracts.callback.SlaBreached;
import io.propdesk.platform.kafka.InboundEvents;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/**
 * Each ticket's open obligations, a projection of {@code propdesk.callback.events} (one document per ticket,
 * {@code _id} = ticket id): opened, rescheduled, breached (still owed, now overdue), and gone once fulfilled or
 * withdrawn. The caller lookup shows an open ticket's next due obligation from it. A missed call's obligation (M1)
 * names no ticket and is not kept here.
 */
@Component
public class TicketObligations {

    public static final String GROUP = "ticket-service.ticket-obligations";
    public static final String COLLECTION = "ticket_obligations";

    private final MongoCollection<Document> tickets;
    private final InboundEvents inbound;

    public TicketObligations(MongoDatabase database, InboundEvents inbound) {
        this.tickets = database.getCollection(COLLECTION);
        this.inbound = inbound;
    }

    /** What the ticket owes next: the open obligation due first ({@code breached} once its window passed unmet). */
    public record Due(String obligationId, SlaRule rule, Instant dueAt, boolean breached) {}

    @KafkaListener(topics = Topics.CALLBACK_EVENTS, groupId = GROUP, batch = "true")
    public void on(List<ConsumerRecord<String, byte[]>> poll) {
        inbound.handle(poll, event -> apply(event.data()));
    }

    void apply(Object event) {
        if (event instanceof ObligationOpened o && o.ticketId() != null) {
            set(o.ticketId(), o.obligationId(), o.rule(), o.dueAt(), false);
        } else if (event instanceof ObligationRescheduled r && r.ticketId() != null) {
            set(r.ticketId(), r.obligationId(), r.rule(), r.dueAt(), false);
        } else if (event instanceof SlaBreached b && b.ticketId() != null) {
            set(b.ticketId(), b.obligationId(), b.rule(), b.dueAt(), true);
        } else if (event instanceof ObligationFulfilled f && f.ticketId() != null) {
            remove(f.ticketId(), f.obligationId());
        } else if (event instanceof ObligationWithdrawn w && w.ticketId() != null) {
            remove(w.ticketId(), w.obligationId());
        }
    }

    private void set(String ticketId, String obligationId, SlaRule rule, Instant dueAt, boolean breached) {
        String entry = "open." + CallerIndex.fieldOf(obligationId);
        List<Bson> changes = new ArrayList<>();
        changes.add(Updates.set(entry + ".obligationId", obligationId));
        changes.add(Updates.set(entry + ".rule", rule.name()));
        changes.add(dueAt == null ? Updates.unset(entry + ".dueAt") : Updates.set(entry + ".dueAt", Date.from(dueAt)));
        if (breached) {
            changes.add(Updates.set(entry + ".breached", true));
        }
        tickets.updateOne(eq("_id", ticketId), Updates.combine(changes), new UpdateOptions().upsert(true));
    }

    private void remove(String ticketId, String obligationId) {
        tickets.updateOne(eq("_id", ticketId), Updates.unset("open." + CallerIndex.fieldOf(obligationId)));
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
