package io.propdesk.dispatch.domain;

import io.propdesk.contracts.Department;
import io.propdesk.contracts.dispatch.DispatchMode;
import java.time.Instant;

/** Internal: a department's routing after a change: the area's leader, the dispatcher, the mode (R2, H1). */
public record TeamConfigured(
        String teamId,
        Department department,
        String areaId,
        String teamLeader,
        String dispatcher,
        DispatchMode mode,
        Instant configuredAt) {}
