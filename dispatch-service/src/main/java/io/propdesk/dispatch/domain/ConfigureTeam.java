package io.propdesk.dispatch.domain;

import io.propdesk.contracts.Department;
import io.propdesk.contracts.dispatch.DispatchMode;
import java.time.Instant;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Set an area's team leader and, for the whole department, the designated dispatcher and the dispatch mode (R2, H1).
 * A null dispatcher or mode keeps the department's current one.
 */
public record ConfigureTeam(
        @TargetAggregateIdentifier String teamId,
        Department department,
        String areaId,
        String teamLeader,
        String dispatcher,
        DispatchMode mode,
        Instant configuredAt) {}
