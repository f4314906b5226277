package io.propdesk.contracts;

import java.util.EnumSet;
import java.util.Set;

/** The rank of whoever calls an owner back; C2 restricts MAJOR complaints to the senior ranks. */
public enum CallerRole {
    DUTY_STAFF,
    MANAGER,
    SUPERVISOR,
    TEAM_LEADER;

    /** C2: the roles allowed to call back on a complaint of the given severity (null = not a complaint). */
    public static Set<CallerRole> allowedFor(Severity severity) {
        return severity == Severity.MAJOR
                ? EnumSet.of(MANAGER, SUPERVISOR, TEAM_LEADER)
                : EnumSet.allOf(CallerRole.class);
    }
}
