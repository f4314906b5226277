package io.propdesk.dispatch.api;

import io.propdesk.contracts.Department;
import io.propdesk.contracts.dispatch.DispatchMode;
import io.propdesk.dispatch.domain.ConfigureTeam;
import io.propdesk.dispatch.domain.Routing;
import io.propdesk.dispatch.domain.Team;
import io.propdesk.dispatch.domain.Teams;
import io.propdesk.platform.web.ResourceId;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import java.time.Clock;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** Who picks up a department's orders: area team leaders, the designated dispatcher, the mode (R2, H1). */
@RestController
@RequestMapping("/api/teams")
public class TeamController {

    private final Teams teams;
    private final Clock clock;

    public TeamController(Teams teams, Clock clock) {
        this.teams = teams;
        this.clock = clock;
    }

    /** A null dispatcher or mode keeps the department's current one. */
    public record TeamRequest(
            @NotBlank @Size(max = 100) String teamLeader,
            @Size(max = 100) String dispatcher,
            DispatchMode mode) {}

    @PutMapping("/{department}/{areaId}")
    public Routing configure(
            @PathVariable Department department,
            @PathVariable @ResourceId String areaId,
            @Valid @RequestBody TeamRequest body) {
        return teams.configure(new ConfigureTeam(
                Team.idOf(department),
                department,
                areaId,
                body.teamLeader(),
                body.dispatcher(),
                body.mode(),
                clock.instant()));
    }

    @GetMapping("/{department}")
    public Routing get(@PathVariable Department department) {
        return teams.routing(department);
    }
}
