package io.propdesk.callback.facts;

import static com.mongodb.client.model.Filters.eq;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.ReplaceOptions;
import io.propdesk.contracts.PublicEvent;
import io.propdesk.contracts.Topics;
import io.propdesk.contracts.callback.FollowUpClosed;
import io.propdesk.contracts.callback.FollowUpOpened;
import io.propdesk.contracts.callback.ObligationFulfilled;
import io.propdesk.contracts.callback.ObligationOpened;
import io.propdesk.contracts.callback.SlaBreached;
import io.propdesk.contracts.callback.StewardAssigned;
import io.propdesk.contracts.cloudevents.CloudEventCodec;
import io.propdesk.contracts.cloudevents.CloudEventCodec.Envelope;
import io.propdesk.platform.kafka.InboundEvents;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.bson.Document;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/**
 * The warehouse feed, live (issue 18 item 6): a projection of {@code propdesk.callback.events} under its own consumer
 * group that publishes {@link SlaFactFold}'s rows to {@code propdesk.sla.facts}. What it remembers of each ticket is
 * one document ({@code _id} = ticket id) in {@code sla_fact_tickets}, written before the rows are published; a
 * re-delivered event yields the same rows (same factId, same version) again, which a table keyed by factId absorbs.
 */
@Component
public class SlaFactsProjection {

    public static final String GROUP = "callback-service.sla-facts";
    static final String COLLECTION = "sla_fact_tickets";

    private static final ObjectMapper JSON = CloudEventCodec.mapper();

    private final MongoCollection<Document> tickets;
    private final InboundEvents inbound;
    private final SlaFactPublisher publisher;

    SlaFactsProjection(MongoDatabase database, InboundEvents inbound, SlaFactPublisher publisher) {
        this.tickets = database.getCollection(COLLECTION);
        this.inbound = inbound;
        this.publisher = publisher;
    }

    @KafkaListener(topics = Topics.CALLBACK_EVENTS, groupId = GROUP, batch = "true")
    public void on(List<ConsumerRecord<String, byte[]>> poll) {
        inbound.handle(poll, this::apply);
    }

    /** One event's rows, published before it returns: the listener's handler, the same for a re-delivered event. */
    public void apply(Envelope event) {
        Object data = event.data();
        if (!folds(data)) {
            return;
        }
        String ticketId = ((PublicEvent) data).ticketId();
        TicketFacts ticket = ticketId == null ? new TicketFacts() : load(ticketId);
        List<io.propdesk.contracts.sla.SlaFact> rows = SlaFactFold.apply(data, ticket);
        if (ticketId != null) {
            save(ticketId, ticket);
        }
        publisher.publish(Topics.SLA_FACTS, rows);
    }

    /** The events the feed folds; the others of the topic change nothing it publishes. */
    static boolean folds(Object event) {
        return event instanceof FollowUpOpened
                || event instanceof StewardAssigned
                || event instanceof ObligationOpened
                || event instanceof SlaBreached
                || event instanceof ObligationFulfilled
                || event instanceof FollowUpClosed;
    }

    private TicketFacts load(String ticketId) {
        Document d = tickets.find(eq("_id", ticketId)).first();
        if (d == null) {
            return new TicketFacts();
        }
        try {
            return JSON.readValue(d.getString("state"), TicketFacts.class);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void save(String ticketId, TicketFacts ticket) {
        try {
            tickets.replaceOne(
                    eq("_id", ticketId),
                    new Document("_id", ticketId).append("state", JSON.writeValueAsString(ticket)),
                    new ReplaceOptions().upsert(true));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
