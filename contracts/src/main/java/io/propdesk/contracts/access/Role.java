package io.propdesk.contracts.access;

/**
 * Who a caller is to the front desk's back end. A person or system may hold several; each endpoint names the roles it
 * admits in {@link Access}.
 */
public enum Role {
    /** Front-desk staff: register calls, follow orders, call owners back (R1, R5, R10). */
    FRONT_DESK,
    /** An owner's steward: assignment, 4-hour replies, complaint sign-off, quotes (R3, R4, C1, C3, R7). */
    STEWARD,
    /** A department's people (Engineering, Cleaning, Greening), bound to their department and possibly one area. */
    DEPARTMENT,
    /** Manager, supervisor or team leader: call back on major complaints (C2), teams, analytics. */
    MANAGER,
    /** Billing: price lists, statements, the month close (H7, H8). */
    BILLING,
    /** A call-center system: may open tickets and nothing else. */
    INTEGRATION,
    /** Administrators: estates, teams, owners' personal data, the operational endpoints. */
    ADMIN;

    /** The authority Spring Security checks for this role. */
    public String authority() {
        return "ROLE_" + name();
    }
}
