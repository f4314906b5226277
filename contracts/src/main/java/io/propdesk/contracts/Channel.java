package io.propdesk.contracts;

/** How a call reached the front desk (R1). */
public enum Channel {
    PHONE,
    WALK_IN,
    CALL_CENTER,
    APP
}
