package io.propdesk.dispatch.domain;

import io.propdesk.contracts.Department;
import io.propdesk.contracts.TicketKind;
import io.propdesk.contracts.dispatch.DispatchMode;
import java.util.Map;

/**
 * How a department's orders find their people (R2, H1-H4).
 *
 * @param leaders team leader per area
 */
public record Routing(Department department, DispatchMode mode, String dispatcher, Map<String, String> leaders) {

    public Routing {
        mode = mode == null ? DispatchMode.AREA_LEADER : mode;
        leaders = leaders == null ? Map.of() : Map.copyOf(leaders);
    }

    /** A department nobody has configured yet: area leaders, none known. */
    public static Routing unconfigured(Department department) {
        return new Routing(department, DispatchMode.AREA_LEADER, null, Map.of());
    }

    /** R2, H1: contract work goes to the designated dispatcher, the rest by the department's mode. */
    public Assignment assign(String areaId, boolean contractWork) {
        if (contractWork) {
            return new Assignment(DispatchMode.CONTRACT_DISPATCHER, dispatcher);
        }
        if (mode == DispatchMode.OPEN_POOL) {
            return new Assignment(DispatchMode.OPEN_POOL, null);
        }
        return new Assignment(DispatchMode.AREA_LEADER, areaId == null ? null : leaders.get(areaId));
    }

    /** Whether a kind of ticket is contract work served by the designated dispatcher (H1). */
    public static boolean contractWork(TicketKind kind) {
        return kind == TicketKind.CLEANING_MONTHLY;
    }

    public record Assignment(DispatchMode mode, String assignee) {}
}
