package io.propdesk.contracts;

import java.util.EnumSet;
import java.util.Set;

/** The kinds of ticket of DOMAIN.md; the kind decides the first department and which rules apply. */
public enum TicketKind {
    /** 報修, Engineering, free or paid (R1-R11). */
    REPAIR,
    /** 返修, construction defect chased with the contractor by the rework liaison (R6). */
    REWORK,
    /** 投訴, routed through the steward, NORMAL or MAJOR (C1-C5). */
    COMPLAINT,
    /** 包月清潔, monthly cleaning contract (H1). */
    CLEANING_MONTHLY,
    /** 全屋 / 入伙清潔, move-in cleaning (H2). */
    CLEANING_MOVE_IN,
    /** 鐘點清潔, hourly cleaning (H3). */
    CLEANING_HOURLY,
    /** 綠化, one-off or monthly greening (H4). */
    GREENING;

    private static final Set<TicketKind> HOUSEKEEPING =
            EnumSet.of(CLEANING_MONTHLY, CLEANING_MOVE_IN, CLEANING_HOURLY, GREENING);

    /** Housekeeping kinds need a confirmed service time (H6) and are returned and called back under H5. */
    public boolean housekeeping() {
        return HOUSEKEEPING.contains(this);
    }
}
