package io.propdesk.callback.query;

import io.propdesk.callback.domain.DeadlineIndex;
import io.propdesk.callback.domain.TicketLedger;
import java.util.Iterator;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.SequenceNumber;
import org.axonframework.eventsourcing.eventstore.DomainEventStream;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.messaging.annotation.SourceId;
import org.springframework.stereotype.Component;

/**
 * Feeds the ledger documents and the deadline index from the ledgers' own events, like every other
 * read model is fed from events: each event a ledger applies reaches {@link #on} right after the store appended it
 * (Axon's subscribing processor, in the command's thread), and is folded into the ledger's document in stream order.
 * The document keeps the sequence of its last event, so an event seen before changes nothing and one that finds a gap
 * (an event this process did not handle: another instance's command, or a crash between the append and this
 * projection) has the missing events read from the ledger's stream first. No lock orders the writes; the stream does.
 */
@Component
public class LedgerProjection {

    private static final String LEDGER = TicketLedger.class.getSimpleName();

    private final LedgerDocuments documents;
    private final EventStorageEngine store;
    private final DeadlineIndex index;

    public LedgerProjection(LedgerDocuments documents, EventStorageEngine store, DeadlineIndex index) {
        this.documents = documents;
        this.store = store;
        this.index = index;
    }

    /** Another aggregate of this service (a missed call, M1) has no ledger document: only ledgers' events count. */
    @EventHandler
    public void on(Object event, @SourceId String id, @SequenceNumber Long sequence, DomainEventMessage<?> message) {
        if (LEDGER.equals(message.getType())) {
            on(event, id, sequence);
        }
    }

    public void on(Object event, String ticketId, Long sequence) {
        LedgerDocuments.Stored stored = documents.load(ticketId);
        if (sequence <= stored.sequence()) {
            return;
        }
        if (sequence == stored.sequence() + 1) {
            stored.state().apply(event);
            save(ticketId, stored.state(), sequence);
        } else {
            catchUp(ticketId);
        }
    }

    /**
     * Folds whatever the ledger's stream holds beyond its document and refreshes the deadline index from it: at
     * start-up for every active ledger, and by the ticker for a ledger it found due. A document whose ledger has no
     * stream (marked before a first command that never appended) is dropped.
     */
    public void catchUp(String ticketId) {
        LedgerDocuments.Stored stored = documents.load(ticketId);
        long sequence = stored.sequence();
        DomainEventStream tail = store.readEvents(ticketId, sequence + 1);
        for (Iterator<? extends DomainEventMessage<?>> it = tail.asStream().iterator(); it.hasNext(); ) {
            DomainEventMessage<?> event = it.next();
            stored.state().apply(event.getPayload());
            sequence = event.getSequenceNumber();
        }
        if (sequence < 0) {
            documents.forget(ticketId);
        } else if (sequence > stored.sequence()) {
            save(ticketId, stored.state(), sequence);
        } else {
            index.refresh(stored.state().view());
        }
    }

    private void save(String ticketId, LedgerState state, long sequence) {
        documents.save(ticketId, state, sequence);
        index.refresh(state.view());
    }
}
