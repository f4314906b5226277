package io.propdesk.dispatch.domain;

import io.propdesk.contracts.Department;
import io.propdesk.platform.axon.AggregateReads;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.modelling.command.Repository;
import org.springframework.stereotype.Service;

/** The departments' routing, read from each department's own Team stream (R2, H1). */
@Service
public class Teams {

    private final CommandGateway commands;
    private final Repository<Team> teams;
    private final AggregateReads reads;

    public Teams(CommandGateway commands, Repository<Team> teams, AggregateReads reads) {
        this.commands = commands;
        this.teams = teams;
        this.reads = reads;
    }

    public Routing routing(Department department) {
        return reads.read(teams, Team.idOf(department), Team::routing).orElse(Routing.unconfigured(department));
    }

    public Routing configure(ConfigureTeam command) {
        commands.sendAndWait(command);
        return routing(command.department());
    }
}
