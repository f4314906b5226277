package io.propdesk.callback.domain;

import java.time.Instant;
import java.util.Optional;

import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.modelling.command.AggregateStreamCreationException;
import org.axonframework.modelling.command.ConcurrencyException;
import org.axonframework.modelling.command.Repository;
import org.springframework.stereotype.Service;

import io.propdesk.callback.query.LedgerDocuments;
import io.propdesk.platform.axon.AggregateReads;

/**
 * The one door to the ledgers, for REST, Kafka listeners and the ticker alike. Before a command the ticket is marked
 * active in MongoDB, so a crash between the store's append and the bookkeeping still leaves the ledger to be found at
 * the next start-up; after it, the ledger's document and the deadline index are refreshed from the state the command
 * returned. Commands for one ticket are serialised in this process, so those refreshes land in order.
 */
@Service
public class LedgerDesk {

    private static final int STRIPES = 64;

    private final CommandGateway commands;
    private final Repository<TicketLedger> ledgers;
    private final AggregateReads reads;
    private final LedgerDocuments documents;
    private final DeadlineIndex index;
    private final Object[] locks = new Object[STRIPES];

    public LedgerDesk(CommandGateway commands, Repository<TicketLedger> ledgers, AggregateReads reads,
                      LedgerDocuments documents, DeadlineIndex index) {
        this.commands = commands;
        this.ledgers = ledgers;
        this.reads = reads;
        this.documents = documents;
        this.index = index;
        for (int i = 0; i < STRIPES; i++) {
            locks[i] = new Object();
        }
    }

    /** Opens the ledger of a new ticket; a re-delivered TicketOpened finds it there and changes nothing. */
    public Optional<LedgerView> open(OpenLedger cmd) {
        synchronized (lock(cmd.ticketId())) {
            if (find(cmd.ticketId()).isPresent()) {
                return find(cmd.ticketId());
            }
            documents.markActive(cmd.ticketId(), cmd.estateId());
            try {
                commands.sendAndWait(cmd);
            } catch (AggregateStreamCreationException | ConcurrencyException raced) {
                // another instance opened it first: the same ticket, the same ledger
            }
            Optional<LedgerView> view = find(cmd.ticketId());
            view.ifPresent(this::remember);
            return view;
        }
    }

    /** Sends a command to an existing ledger and returns its state after the command. */
    public LedgerView send(String ticketId, Object command) {
        synchronized (lock(ticketId)) {
            documents.markActive(ticketId, null);
            LedgerView view = commands.sendAndWait(command);
            remember(view);
            return view;
        }
    }

    /**
     * Issue 13 item 7: the estate's calendar in force since {@code inForceFrom} is known now; every active ledger of
     * the estate computes the due times it opened since then again on it (once: a re-delivery changes nothing).
     */
    public void reschedule(String estateId, Instant inForceFrom) {
        for (String ticketId : documents.activeTicketIds(estateId)) {
            synchronized (lock(ticketId)) {
                if (find(ticketId).isPresent()) {
                    remember(commands.sendAndWait(new RescheduleObligations(ticketId, inForceFrom)));
                }
            }
        }
    }

    public Optional<LedgerView> find(String ticketId) {
        return reads.read(ledgers, ticketId, TicketLedger::view);
    }

    /** Start-up: re-reads a ledger from its stream, for the documents and the index. */
    public void reload(String ticketId) {
        synchronized (lock(ticketId)) {
            find(ticketId).ifPresentOrElse(this::remember, () -> documents.forget(ticketId));
        }
    }

    private void remember(LedgerView view) {
        documents.save(view);
        index.refresh(view);
    }

    private Object lock(String ticketId) {
        return locks[Math.floorMod(ticketId.hashCode(), STRIPES)];
    }
}
