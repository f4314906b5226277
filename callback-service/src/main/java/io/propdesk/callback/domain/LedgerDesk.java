package io.propdesk.callback.domain;

import io.propdesk.callback.query.LedgerDocuments;
import io.propdesk.platform.axon.AggregateReads;
import java.time.Instant;
import java.util.Optional;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.modelling.command.AggregateStreamCreationException;
import org.axonframework.modelling.command.ConcurrencyException;
import org.axonframework.modelling.command.Repository;
import org.springframework.stereotype.Service;

/**
 * The one door to the ledgers, for REST, Kafka listeners and the ticker alike. Before a command the ticket is marked
 * active in MongoDB, so a calendar that arrives before the ledger's events reached the projection still finds it. The
 * documents and the deadline index are not written here: the ledger's published events feed them from the topic
 * (query.LedgerProjection, query.OpenObligations).
 */
@Service
public class LedgerDesk {

    private final CommandGateway commands;
    private final Repository<TicketLedger> ledgers;
    private final AggregateReads reads;
    private final LedgerDocuments documents;

    public LedgerDesk(
            CommandGateway commands,
            Repository<TicketLedger> ledgers,
            AggregateReads reads,
            LedgerDocuments documents) {
        this.commands = commands;
        this.ledgers = ledgers;
        this.reads = reads;
        this.documents = documents;
    }

    /** Opens the ledger of a new ticket; a re-delivered TicketOpened finds it there and changes nothing. */
    public void open(OpenLedger cmd) {
        if (find(cmd.ticketId()).isPresent()) {
            return;
        }
        documents.markActive(cmd.ticketId(), cmd.estateId());
        try {
            commands.sendAndWait(cmd);
        } catch (AggregateStreamCreationException | ConcurrencyException raced) {
            // another instance opened it first: the same ticket, the same ledger
        }
    }

    /** Sends a command to an existing ledger. */
    public void send(String ticketId, Object command) {
        documents.markActive(ticketId, null);
        commands.sendAndWait(command);
    }

    /**
     * R4-R9, C2-C4: the estate's calendar in force since {@code inForceFrom} is known now; every active ledger of
     * the estate computes the due times it opened since then again on it (once: a re-delivery changes nothing).
     */
    public void reschedule(String estateId, Instant inForceFrom) {
        for (String ticketId : documents.activeTicketIds(estateId)) {
            if (find(ticketId).isPresent()) {
                commands.sendAndWait(new RescheduleObligations(ticketId, inForceFrom));
            }
        }
    }

    /** The ledger's current state from its own stream, so a client reads its own write at once. */
    public Optional<LedgerView> find(String ticketId) {
        return reads.read(ledgers, ticketId, TicketLedger::view);
    }
}
