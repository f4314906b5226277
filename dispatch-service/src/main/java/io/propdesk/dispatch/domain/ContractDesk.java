package io.propdesk.dispatch.domain;

import io.propdesk.contracts.dispatch.ContractSigned;
import io.propdesk.contracts.ticket.EstateConfigured;
import io.propdesk.dispatch.query.ContractSchedule;
import io.propdesk.platform.axon.AggregateReads;
import io.propdesk.platform.calendar.EstateCalendars;
import io.propdesk.platform.domain.BadRequestException;
import java.util.Optional;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.modelling.command.Repository;
import org.springframework.stereotype.Service;

/** Registers monthly contracts (H1) for units of estates the service knows, and enters them for their visits. */
@Service
public class ContractDesk {

    private final CommandGateway commands;
    private final Repository<Contract> contracts;
    private final AggregateReads reads;
    private final EstateCalendars estates;
    private final ContractSchedule schedule;

    public ContractDesk(
            CommandGateway commands,
            Repository<Contract> contracts,
            AggregateReads reads,
            EstateCalendars estates,
            ContractSchedule schedule) {
        this.schedule = schedule;
        this.commands = commands;
        this.contracts = contracts;
        this.reads = reads;
        this.estates = estates;
    }

    public ContractSigned sign(SignContract command) {
        EstateConfigured estate = estates.find(command.estateId())
                .orElseThrow(() -> new BadRequestException(
                        "estateId",
                        "estate " + command.estateId() + " is not configured (PUT /api/estates on ticket-service)"));
        if (estate.buildingOfUnit(command.unitId()).isEmpty()) {
            throw new BadRequestException(
                    "unitId", "unit " + command.unitId() + " does not exist in estate " + command.estateId());
        }
        schedule.add(command.contractId());
        try {
            commands.sendAndWait(command);
        } catch (RuntimeException refused) {
            schedule.remove(command.contractId());
            throw refused;
        }
        return find(command.contractId()).orElseThrow();
    }

    public Optional<ContractSigned> find(String contractId) {
        return reads.read(contracts, contractId, Contract::signed);
    }
}
