package io.propdesk.platform.calendar;

import static com.mongodb.client.model.Filters.eq;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.ReplaceOptions;
import io.propdesk.contracts.Topics;
import io.propdesk.contracts.cloudevents.CloudEventCodec;
import io.propdesk.contracts.ticket.EstateConfigured;
import io.propdesk.platform.kafka.InboundEvents;
import java.nio.charset.StandardCharsets;
import java.time.ZoneId;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.bson.Document;
import org.springframework.kafka.annotation.KafkaListener;

/**
 * The estates as every service other than ticket-service knows them: the latest {@code EstateConfigured} of each,
 * fed from {@code propdesk.ticket.events} into the service's own {@code estates} collection (keyed by estate id) and
 * cached in memory. Enabled with {@code propdesk.estates.enabled=true}. An estate not heard of yet gets the default
 * calendar, so a clock is never left without one.
 */
public class EstateCalendars {

    static final String COLLECTION = "estates";

    private final MongoCollection<Document> estates;
    private final InboundEvents inbound;
    private final Map<String, EstateConfigured> cache = new ConcurrentHashMap<>();

    public EstateCalendars(MongoDatabase database, InboundEvents inbound) {
        this.estates = database.getCollection(COLLECTION);
        this.inbound = inbound;
    }

    @KafkaListener(topics = Topics.TICKET_EVENTS, groupId = "${spring.application.name}.estates", batch = "true")
    public void on(List<ConsumerRecord<String, byte[]>> poll) {
        inbound.handle(poll, event -> {
            if (event.data() instanceof EstateConfigured estate) {
                remember(estate);
            }
        });
    }

    public void remember(EstateConfigured estate) {
        estates.replaceOne(
                eq("_id", estate.estateId()),
                new Document("_id", estate.estateId())
                        .append("json", new String(CloudEventCodec.toJson(estate), StandardCharsets.UTF_8)),
                new ReplaceOptions().upsert(true));
        cache.put(estate.estateId(), estate);
    }

    public Optional<EstateConfigured> find(String estateId) {
        if (estateId == null) {
            return Optional.empty();
        }
        EstateConfigured cached = cache.get(estateId);
        if (cached != null) {
            return Optional.of(cached);
        }
        Document doc = estates.find(eq("_id", estateId)).first();
        if (doc == null) {
            return Optional.empty();
        }
        EstateConfigured estate = CloudEventCodec.fromJson(
                doc.getString("json").getBytes(StandardCharsets.UTF_8), EstateConfigured.class);
        cache.put(estateId, estate);
        return Optional.of(estate);
    }

    /**
     * The time zones of every estate heard of, read from the {@code estates} collection (a scan: for rare callers,
     * such as billing checking the day a price list may take effect from, P1).
     */
    public Set<ZoneId> zones() {
        Set<ZoneId> zones = new HashSet<>();
        estates.find()
                .forEach(doc -> zones.add(CloudEventCodec.fromJson(
                                doc.getString("json").getBytes(StandardCharsets.UTF_8), EstateConfigured.class)
                        .zone()));
        cache.values().forEach(estate -> zones.add(estate.zone()));
        return zones;
    }

    public EstateCalendar calendar(String estateId) {
        return find(estateId).map(EstateCalendar::of).orElse(EstateCalendar.DEFAULT);
    }

    /** R8: hours after completion within which the estate's paid orders return (default 2). */
    public int paidReturnHours(String estateId) {
        return find(estateId)
                .map(EstateConfigured::paidReturnHours)
                .filter(h -> h > 0)
                .orElse(2);
    }
}
