package io.propdesk.platform.kafka;

import static com.mongodb.client.model.Filters.eq;

import java.util.function.Consumer;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.bson.Document;
import org.slf4j.MDC;
import org.springframework.kafka.support.KafkaUtils;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;

import io.micrometer.core.instrument.MeterRegistry;
import io.propdesk.contracts.cloudevents.CloudEventCodec;
import io.propdesk.contracts.cloudevents.CloudEventCodec.Envelope;
import io.propdesk.platform.observability.TraceContexts;

/**
 * What every service's Kafka listener calls: decode the CloudEvent, skip what this consumer group already handled,
 * handle, remember. Re-delivery is harmless (delivery guarantee 4): an event carrying a per-aggregate sequence is
 * skipped when that aggregate's handled sequence has reached it; one without (an inbound call) by its {@code ce_id}.
 * The marker is written after the handler succeeds, and offsets are committed after that, so a crash in between
 * re-delivers and handlers stay idempotent by their own keys too. Undecodable records are not retried: they go
 * straight to the dead-letter topic (see {@link KafkaConsumerSupport}).
 */
public class InboundEvents {

    static final String COLLECTION = "inbox";

    private final MongoCollection<Document> inbox;
    private final MeterRegistry meters;
    private final TraceContexts traces;

    public InboundEvents(MongoDatabase database, MeterRegistry meters, TraceContexts traces) {
        this.traces = traces;
        this.inbox = database.getCollection(COLLECTION);
        this.meters = meters;
    }

    public void handle(ConsumerRecord<String, byte[]> record, Consumer<Envelope> handler) {
        // Logs carry the ticket; the handling continues the producer's trace (and so do the events it appends).
        try (MDC.MDCCloseable ticket = MDC.putCloseable("ticketId", record.key())) {
            traces.continueFrom(record.headers(), "consume " + record.topic(), () -> handleOnce(record, handler));
        }
    }

    private void handleOnce(ConsumerRecord<String, byte[]> record, Consumer<Envelope> handler) {
        Envelope event = CloudEventCodec.fromRecord(record);
        String group = KafkaUtils.getConsumerGroupId();
        String key = markerKey(group, event);
        boolean bySequence = event.aggregateId() != null && event.sequence() >= 0;
        Document marker = inbox.find(eq("_id", key)).first();
        if (marker != null && (!bySequence || marker.get("seq", Number.class).longValue() >= event.sequence())) {
            meters.counter("propdesk.inbound.duplicates", "topic", record.topic()).increment();
            return;
        }
        handler.accept(event);
        inbox.updateOne(eq("_id", key), Updates.max("seq", bySequence ? event.sequence() : 0L),
                new UpdateOptions().upsert(true));
        meters.counter("propdesk.inbound.handled", "topic", record.topic()).increment();
    }

    /**
     * Aggregate ids are unique only within one service's store (callback-service's ledger of a ticket has the
     * ticket's id), so the sequence marker is per source service and aggregate.
     */
    private static String markerKey(String group, Envelope event) {
        return event.aggregateId() != null && event.sequence() >= 0
                ? group + "|" + event.source() + "|" + event.aggregateId()
                : group + "|id|" + event.id();
    }
}
