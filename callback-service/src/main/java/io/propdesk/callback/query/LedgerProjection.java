package io.propdesk.callback.query;

import io.propdesk.contracts.Topics;
import io.propdesk.contracts.cloudevents.CloudEventCodec.Envelope;
import io.propdesk.platform.kafka.InboundEvents;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/**
 * Feeds the ledger documents (callback queue, handover, what-if) from {@code propdesk.callback.events}, like every
 * other read model: one path for every instance, rebuildable by reading the topic from its start. Each ledger's events
 * are folded in stream order into its document; the document keeps the sequence of its last event, so an event folded
 * before changes nothing even when a crash between the write and the inbox marker delivers it again.
 */
@Component
public class LedgerProjection {

    public static final String GROUP = "callback-service.ledgers";

    private final LedgerDocuments documents;
    private final InboundEvents inbound;

    public LedgerProjection(LedgerDocuments documents, InboundEvents inbound) {
        this.documents = documents;
        this.inbound = inbound;
    }

    @KafkaListener(topics = Topics.CALLBACK_EVENTS, groupId = GROUP, batch = "true")
    public void on(List<ConsumerRecord<String, byte[]>> poll) {
        inbound.handle(poll, this::apply);
    }

    void apply(Envelope event) {
        String ticketId = LedgerState.ticketOf(event.data());
        if (ticketId == null) {
            return;
        }
        LedgerDocuments.Stored stored = documents.load(ticketId);
        if (event.sequence() <= stored.sequence()) {
            return;
        }
        stored.state().apply(event.data());
        documents.save(ticketId, stored.state(), event.sequence());
    }

    /**
     * Rebuilds the documents into an empty collection from the topic read from its start (delivery guarantee 6): the
     * same dedupe and the same fold as {@link #on}, in memory, written in bulk, then the group's markers.
     *
     * @return the events applied
     */
    public long rebuild(Iterable<ConsumerRecord<String, byte[]>> records, String group) {
        Map<String, LedgerDocuments.Stored> byTicket = new LinkedHashMap<>();
        InboundEvents.Replay replay = inbound.replay(group);
        replay.fold(records, event -> {
            String ticketId = LedgerState.ticketOf(event.data());
            if (ticketId == null) {
                return;
            }
            LedgerDocuments.Stored stored =
                    byTicket.computeIfAbsent(ticketId, id -> new LedgerDocuments.Stored(new LedgerState(), -1));
            if (event.sequence() > stored.sequence()) {
                stored.state().apply(event.data());
                byTicket.put(ticketId, new LedgerDocuments.Stored(stored.state(), event.sequence()));
            }
        });
        documents.insertAll(byTicket);
        replay.writeMarkers();
        return replay.applied();
    }
}
