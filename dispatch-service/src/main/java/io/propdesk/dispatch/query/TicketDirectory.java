package io.propdesk.dispatch.query;

import static com.mongodb.client.model.Filters.eq;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;
import io.propdesk.contracts.cloudevents.CloudEventCodec;
import io.propdesk.contracts.ticket.TicketOpened;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.springframework.stereotype.Component;

/**
 * The tickets dispatch has seen, keyed by ticket id: the TicketOpened as it came (so a complaint's order can be opened
 * later with the ticket's estate, unit and kind, C1) and the ticket's latest order (which a follow-up links to).
 */
@Component
public class TicketDirectory {

    static final String COLLECTION = "tickets";

    private final MongoCollection<Document> tickets;

    public TicketDirectory(MongoDatabase database) {
        this.tickets = database.getCollection(COLLECTION);
    }

    public void remember(TicketOpened ticket) {
        tickets.updateOne(eq("_id", ticket.ticketId()), opened(ticket), new UpdateOptions().upsert(true));
    }

    /**
     * The ticket and its first order in one write (issue 19: a ticket that opens an order used to cost two, the
     * ticket's and then its order's).
     */
    public void remember(TicketOpened ticket, String firstOrderId) {
        tickets.updateOne(
                eq("_id", ticket.ticketId()),
                Updates.combine(opened(ticket), Updates.set("lastOrderId", firstOrderId)),
                new UpdateOptions().upsert(true));
    }

    private static Bson opened(TicketOpened ticket) {
        return Updates.set("opened", new String(CloudEventCodec.toJson(ticket), StandardCharsets.UTF_8));
    }

    public Optional<TicketOpened> find(String ticketId) {
        return Optional.ofNullable(tickets.find(eq("_id", ticketId)).first())
                .map(d -> d.getString("opened"))
                .map(json -> CloudEventCodec.fromJson(json.getBytes(StandardCharsets.UTF_8), TicketOpened.class));
    }

    public void orderOpened(String ticketId, String orderId) {
        tickets.updateOne(eq("_id", ticketId), Updates.set("lastOrderId", orderId), new UpdateOptions().upsert(true));
    }

    public Optional<String> lastOrderId(String ticketId) {
        return Optional.ofNullable(tickets.find(eq("_id", ticketId)).first()).map(d -> d.getString("lastOrderId"));
    }
}
