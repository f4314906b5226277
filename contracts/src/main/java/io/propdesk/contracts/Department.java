package io.propdesk.contracts;

/** Who a work order goes to (R2, R6, H1-H4); each of the first three keeps a price list (P1). */
public enum Department {
    ENGINEERING,
    CLEANING,
    GREENING,
    /** Chases construction defects with the developer's contractor (R6). */
    REWORK_LIAISON
}
