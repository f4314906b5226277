package io.propdesk.dispatch.domain;

import java.time.Instant;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

import io.propdesk.contracts.Department;
import io.propdesk.contracts.dispatch.DispatchMode;

/**
 * Set an area's team leader and, for the whole department, the designated dispatcher and the dispatch mode (R2, H1).
 * A null dispatcher or mode keeps the department's current one.
 */
public record ConfigureTeam(@TargetAggregateIdentifier String teamId, Department department, String areaId,
                            String teamLeader, String dispatcher, DispatchMode mode, Instant configuredAt) {
}
