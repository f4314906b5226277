package io.propdesk.dispatch.domain;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import io.propdesk.contracts.Department;
import io.propdesk.contracts.dispatch.DispatchMode;
import io.propdesk.platform.domain.BadRequestException;
import io.propdesk.platform.domain.Snapshots;
import java.util.HashMap;
import java.util.Map;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.CreationPolicy;
import org.axonframework.spring.stereotype.Aggregate;

/** A department's routing: one team leader per area, one designated dispatcher, a dispatch mode (R2, H1). */
@Aggregate(snapshotTriggerDefinition = Snapshots.TRIGGER, cache = Snapshots.CACHE)
@JsonAutoDetect(fieldVisibility = JsonAutoDetect.Visibility.ANY)
public class Team {

    @AggregateIdentifier
    private String teamId;

    private Department department;
    private DispatchMode mode = DispatchMode.AREA_LEADER;
    private String dispatcher;
    private Map<String, String> leaders = new HashMap<>();

    public Team() {}

    public static String idOf(Department department) {
        return "TEAM-" + department.name();
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    public void handle(ConfigureTeam cmd) {
        if (cmd.mode() == DispatchMode.CONTRACT_DISPATCHER) {
            throw new BadRequestException(
                    "mode",
                    "contract visits always go to the designated dispatcher (H1); a "
                            + "department's mode is AREA_LEADER or OPEN_POOL");
        }
        DispatchMode newMode = cmd.mode() == null ? mode : cmd.mode();
        String newDispatcher = cmd.dispatcher() == null ? dispatcher : cmd.dispatcher();
        apply(new TeamConfigured(
                cmd.teamId(),
                cmd.department(),
                cmd.areaId(),
                cmd.teamLeader(),
                newDispatcher,
                newMode,
                cmd.configuredAt()));
    }

    @EventSourcingHandler
    void on(TeamConfigured e) {
        teamId = e.teamId();
        department = e.department();
        mode = e.mode();
        dispatcher = e.dispatcher();
        leaders.put(e.areaId(), e.teamLeader());
    }

    public Routing routing() {
        return new Routing(department, mode, dispatcher, leaders);
    }
}
