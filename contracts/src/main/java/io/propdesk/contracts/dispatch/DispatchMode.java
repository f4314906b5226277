package io.propdesk.contracts.dispatch;

/** How a department's orders find their people (R2, H1-H4). */
public enum DispatchMode {
    /** To the team leader of the order's area (the default). */
    AREA_LEADER,
    /** Any leader of the department may pick it up; the first wins. */
    OPEN_POOL,
    /** Contract visits go to the department's designated dispatcher (H1). */
    CONTRACT_DISPATCHER
}
