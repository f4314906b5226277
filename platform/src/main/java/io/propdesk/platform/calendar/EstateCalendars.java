package io.propdesk.platform.calendar;

import static com.mongodb.client.model.Filters.and;
import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Filters.in;

import com.mongodb.MongoBulkWriteException;
import com.mongodb.bulk.BulkWriteResult;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.BulkWriteOptions;
import com.mongodb.client.model.InsertOneModel;
import com.mongodb.client.model.UpdateOneModel;
import com.mongodb.client.model.Updates;
import com.mongodb.client.model.WriteModel;
import io.propdesk.contracts.Topics;
import io.propdesk.contracts.cloudevents.CloudEventCodec;
import io.propdesk.contracts.cloudevents.CloudEventCodec.Envelope;
import io.propdesk.contracts.ticket.EstateConfigured;
import io.propdesk.platform.kafka.InboundEvents;
import java.nio.charset.StandardCharsets;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
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
 *
 * <p>Issue 19: the listener reads every ticket event, of which only {@code EstateConfigured} matters, so it keeps no
 * inbox markers ({@link InboundEvents#handleUnmarked}): the estate document dedupes by itself. It holds the estate
 * stream's sequence ({@code seq}, the event's {@code ce_sequence}) and the event's {@code ce_id} ({@code ceId}), and
 * an event replaces it only when its sequence is higher (an event without a sequence: when its {@code ce_id} differs).
 * A poll without estate events reads and writes nothing; one with some costs one {@code _id} read and one bulk write.
 */
public class EstateCalendars {

    static final String COLLECTION = "estates";
    static final String SEQ = "seq";
    static final String CE_ID = "ceId";
    private static final int ATTEMPTS = 3;

    private final MongoCollection<Document> estates;
    private final InboundEvents inbound;
    private final Map<String, EstateConfigured> cache = new ConcurrentHashMap<>();

    public EstateCalendars(MongoDatabase database, InboundEvents inbound) {
        this.estates = database.getCollection(COLLECTION);
        this.inbound = inbound;
    }

    @KafkaListener(topics = Topics.TICKET_EVENTS, groupId = "${spring.application.name}.estates", batch = "true")
    public void on(List<ConsumerRecord<String, byte[]>> poll) {
        inbound.handleUnmarked(poll, this::apply);
    }

    /**
     * Stores the newest estate events of a poll (idempotent per event and per poll, as handleUnmarked requires): the
     * poll's last event per estate is compared with the stored document and written only when newer, in one bulk
     * write guarded by the sequence read; a concurrent writer in between (a rebalance) makes it read and try again.
     */
    void apply(List<Envelope> events) {
        Map<String, Envelope> newest = new LinkedHashMap<>();
        for (Envelope event : events) {
            if (event.data() instanceof EstateConfigured estate) {
                newest.merge(estate.estateId(), event, (kept, next) -> newer(next, kept) ? next : kept);
            }
        }
        if (newest.isEmpty()) {
            return;
        }
        for (int attempt = 1; ; attempt++) {
            Map<String, Document> stored = new HashMap<>();
            for (Document doc :
                    estates.find(in("_id", newest.keySet())).projection(new Document(SEQ, 1).append(CE_ID, 1))) {
                stored.put(doc.getString("_id"), doc);
            }
            List<WriteModel<Document>> writes = new ArrayList<>();
            List<EstateConfigured> written = new ArrayList<>();
            newest.forEach((estateId, event) -> {
                Document doc = stored.get(estateId);
                if (doc != null && !newer(event, doc)) {
                    return; // a re-delivery, or older than what is stored
                }
                EstateConfigured estate = (EstateConfigured) event.data();
                String json = new String(CloudEventCodec.toJson(estate), StandardCharsets.UTF_8);
                if (doc == null) {
                    writes.add(new InsertOneModel<>(new Document("_id", estateId)
                            .append("json", json)
                            .append(SEQ, event.sequence())
                            .append(CE_ID, event.id())));
                } else {
                    writes.add(new UpdateOneModel<>(
                            and(eq("_id", estateId), eq(SEQ, doc.get(SEQ))),
                            Updates.combine(
                                    Updates.set("json", json),
                                    Updates.set(SEQ, event.sequence()),
                                    Updates.set(CE_ID, event.id()))));
                }
                written.add(estate);
            });
            if (writes.isEmpty()) {
                return;
            }
            boolean raced;
            try {
                BulkWriteResult result = estates.bulkWrite(writes, new BulkWriteOptions().ordered(false));
                raced = result.getInsertedCount() + result.getMatchedCount() < writes.size();
            } catch (MongoBulkWriteException duplicate) {
                raced = true;
            }
            if (!raced) {
                written.forEach(this::cache);
                return;
            }
            if (attempt == ATTEMPTS) {
                throw new IllegalStateException("the estates " + newest.keySet() + " kept changing under this poll");
            }
        }
    }

    /** Whether {@code event} comes after what {@code stored} (a document or an envelope) holds. */
    private static boolean newer(Envelope event, Object stored) {
        long storedSeq;
        String storedId;
        if (stored instanceof Envelope kept) {
            storedSeq = kept.sequence();
            storedId = kept.id();
        } else {
            Document doc = (Document) stored;
            Number seq = doc.get(SEQ, Number.class);
            storedSeq = seq == null ? Envelope.NO_SEQUENCE : seq.longValue();
            storedId = doc.getString(CE_ID);
        }
        if (event.sequence() >= 0 && storedSeq >= 0) {
            return event.sequence() > storedSeq;
        }
        // Without a sequence on either side (a document from before issue 19, a producer that sends none), the
        // later delivery wins unless it is the very same event again.
        return !event.id().equals(storedId);
    }

    /**
     * An estate's calendar heard of outside this listener (callback-service's ledger reads it in its own poll, so a
     * ticket right after is clocked on it): kept in memory only; the {@code estates} listener stores it, with its
     * sequence. Issue 19: it no longer writes the document, which has no sequence to judge it by.
     */
    public void remember(EstateConfigured estate) {
        cache(estate);
    }

    /** The cache keeps the later configuration of an estate, by {@code configuredAt}. */
    private void cache(EstateConfigured estate) {
        cache.merge(
                estate.estateId(),
                estate,
                (cached, next) -> next.configuredAt() != null
                                && cached.configuredAt() != null
                                && next.configuredAt().isBefore(cached.configuredAt())
                        ? cached
                        : next);
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
        cache(estate);
        return Optional.of(cache.get(estateId));
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
