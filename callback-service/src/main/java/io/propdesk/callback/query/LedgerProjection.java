package io.propdesk.callback.query;

import io.propdesk.contracts.Topics;
import io.propdesk.contracts.cloudevents.CloudEventCodec.Envelope;
import io.propdesk.platform.kafka.InboundEvents;
import io.propdesk.platform.kafka.ReadModelFetch;
import io.propdesk.platform.kafka.Rebuilds;
import java.util.ArrayList;
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
 * before changes nothing when it is delivered again, so no inbox markers are kept (issue 19).
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

    /**
     * Issue 19: the document's own sequence is the dedupe (no inbox markers), so the whole poll is folded per ticket in
     * memory: each ledger loaded once ({@code _id $in}), the newer events applied in order, each changed ledger saved
     * once, all in one bulk write. The relay publishes a commit's events together, so one poll often holds several
     * events of one ticket. Re-applying an event or a whole poll changes nothing (sequence not above the stored one).
     */
    @KafkaListener(
            topics = Topics.CALLBACK_EVENTS,
            groupId = GROUP,
            batch = "true",
            properties = ReadModelFetch.BATCHES)
    public void on(List<ConsumerRecord<String, byte[]>> poll) {
        inbound.handleUnmarked(poll, this::apply);
    }

    void apply(List<Envelope> events) {
        Map<String, List<Envelope>> byTicket = new LinkedHashMap<>();
        for (Envelope event : events) {
            String ticketId = LedgerState.ticketOf(event.data());
            if (ticketId != null) {
                byTicket.computeIfAbsent(ticketId, id -> new ArrayList<>()).add(event);
            }
        }
        if (byTicket.isEmpty()) {
            return;
        }
        Map<String, LedgerDocuments.Stored> stored = documents.loadAll(byTicket.keySet());
        Map<String, LedgerDocuments.Stored> changed = new LinkedHashMap<>();
        byTicket.forEach((ticketId, ofTicket) -> {
            LedgerDocuments.Stored ledger = stored.get(ticketId);
            for (Envelope event : ofTicket) {
                ledger = fold(ledger, event);
            }
            if (ledger != stored.get(ticketId)) {
                changed.put(ticketId, ledger);
            }
        });
        documents.saveAll(changed);
    }

    /** The one decision, live and in a rebuild: an event newer than the ledger's last one is folded in. */
    private static LedgerDocuments.Stored fold(LedgerDocuments.Stored ledger, Envelope event) {
        if (event.sequence() <= ledger.sequence()) {
            return ledger;
        }
        ledger.state().apply(event.data());
        return new LedgerDocuments.Stored(ledger.state(), event.sequence());
    }

    /**
     * Rebuilds the documents into an empty collection from the topic read from its start (delivery guarantee 6): the
     * same dedupe (the ledger's sequence) and the same fold as {@link #on}, in memory, written in bulk; no markers
     * (issue 19: the live path needs none, the documents dedupe by themselves).
     *
     * @return the events applied
     */
    public long rebuild(Iterable<ConsumerRecord<String, byte[]>> records, String group) {
        Map<String, LedgerDocuments.Stored> byTicket = new LinkedHashMap<>();
        long applied = Rebuilds.fold(records, event -> {
            String ticketId = LedgerState.ticketOf(event.data());
            if (ticketId == null) {
                return true; // handed to the fold, which has nothing to do with it, as live
            }
            LedgerDocuments.Stored before =
                    byTicket.computeIfAbsent(ticketId, id -> new LedgerDocuments.Stored(new LedgerState(), -1));
            LedgerDocuments.Stored after;
            try {
                after = fold(before, event);
            } catch (RuntimeException poison) {
                return false;
            }
            if (after == before) {
                return false;
            }
            byTicket.put(ticketId, after);
            return true;
        });
        documents.insertAll(byTicket);
        return applied;
    }
}
