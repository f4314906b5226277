package io.propdesk.ticket.domain;

import io.propdesk.contracts.ticket.EstateConfigured;
import io.propdesk.platform.axon.AggregateReads;
import java.util.Optional;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.modelling.command.Repository;
import org.springframework.stereotype.Service;

/** The estates, their calendars, buildings, units and stewards, read from each estate's own stream. */
@Service
public class EstateDirectory {

    private final CommandGateway commands;
    private final Repository<Estate> estates;

    private final AggregateReads reads;

    public EstateDirectory(CommandGateway commands, Repository<Estate> estates, AggregateReads reads) {
        this.reads = reads;
        this.commands = commands;
        this.estates = estates;
    }

    public Optional<EstateConfigured> find(String estateId) {
        return reads.read(estates, estateId, Estate::configuration);
    }

    public EstateConfigured configure(ConfigureEstate command) {
        commands.sendAndWait(command);
        return find(command.estateId()).orElseThrow();
    }
}
