package io.propdesk.callback.facts;

import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Filters.in;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.BulkWriteOptions;
import com.mongodb.client.model.ReplaceOneModel;
import com.mongodb.client.model.ReplaceOptions;
import com.mongodb.client.model.WriteModel;
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
import io.propdesk.contracts.sla.SlaFact;
import io.propdesk.platform.kafka.InboundEvents;
import io.propdesk.platform.kafka.ReadModelFetch;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.bson.Document;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/**
 * The warehouse feed, live (issue 18 item 6): a projection of {@code propdesk.callback.events} under its own consumer
 * group that publishes {@link SlaFactFold}'s rows to {@code propdesk.sla.facts}. What it remembers of each ticket is
 * one document ({@code _id} = ticket id) in {@code sla_fact_tickets}, written after the poll's rows were published
 * (issue 19), with the last sequence it applied per source and aggregate, so a re-delivered event is skipped without
 * an inbox marker; an event re-delivered after a crash between the publish and the save yields the same rows (same
 * factId, same version) again, which a table keyed by factId absorbs.
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

    @KafkaListener(
            topics = Topics.CALLBACK_EVENTS,
            groupId = GROUP,
            batch = "true",
            properties = ReadModelFetch.BATCHES)
    public void on(List<ConsumerRecord<String, byte[]>> poll) {
        // issue 19: no inbox markers; each ticket's document keeps the last sequence it applied per source and
        // aggregate, so a re-delivered event is skipped by the document itself
        inbound.handleUnmarked(poll, this::apply);
    }

    /** One event's rows, published before it returns; an event the ticket's document already applied yields none. */
    public void apply(Envelope event) {
        apply(List.of(event));
    }

    /**
     * One poll's rows (issue 19): the poll's tickets read in one {@code _id $in}, its events folded in order, their
     * rows published and acknowledged, and only then the tickets' documents stored in one bulk write. Publish before
     * save: the stored document's sequences say "published", so a crash between the two re-delivers the events, which
     * yield the same rows again (same factId and version, absorbed downstream); the other order would lose them. A
     * document only ever moves forward, so applying the poll again, whole or one event at a time, changes nothing.
     */
    void apply(List<Envelope> events) {
        Set<String> ticketIds = new LinkedHashSet<>();
        boolean any = false;
        for (Envelope event : events) {
            if (folds(event.data())) {
                any = true;
                String ticketId = ((PublicEvent) event.data()).ticketId();
                if (ticketId != null) {
                    ticketIds.add(ticketId);
                }
            }
        }
        if (!any) {
            return; // most of the topic's events: nothing read, written or published
        }
        Map<String, TicketFacts> loaded = load(ticketIds);
        Set<String> changed = new LinkedHashSet<>();
        List<SlaFact> rows = new ArrayList<>();
        for (Envelope event : events) {
            Object data = event.data();
            if (!folds(data)) {
                continue;
            }
            String ticketId = ((PublicEvent) data).ticketId();
            if (ticketId == null) {
                // a missed call's obligation (M1): nothing remembered, the same rows on every delivery
                rows.addAll(SlaFactFold.apply(data, new TicketFacts()));
                continue;
            }
            TicketFacts ticket = loaded.computeIfAbsent(ticketId, id -> new TicketFacts());
            if (!ticket.takes(event)) {
                continue;
            }
            rows.addAll(SlaFactFold.apply(data, ticket));
            changed.add(ticketId);
        }
        publisher.publish(Topics.SLA_FACTS, rows);
        save(changed, loaded);
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

    private Map<String, TicketFacts> load(Set<String> ticketIds) {
        Map<String, TicketFacts> loaded = new HashMap<>();
        if (ticketIds.isEmpty()) {
            return loaded;
        }
        for (Document d : tickets.find(in("_id", ticketIds))) {
            try {
                loaded.put(d.getString("_id"), JSON.readValue(d.getString("state"), TicketFacts.class));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return loaded;
    }

    private void save(Set<String> changed, Map<String, TicketFacts> loaded) {
        if (changed.isEmpty()) {
            return;
        }
        List<WriteModel<Document>> writes = new ArrayList<>(changed.size());
        for (String ticketId : changed) {
            try {
                writes.add(new ReplaceOneModel<>(
                        eq("_id", ticketId),
                        new Document("_id", ticketId).append("state", JSON.writeValueAsString(loaded.get(ticketId))),
                        new ReplaceOptions().upsert(true)));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        tickets.bulkWrite(writes, new BulkWriteOptions().ordered(false));
    }
}
