package io.propdesk.callback.domain;

/** An obligation ends fulfilled or breached; one that stops with its ticket or order is withdrawn (not counted). */
public enum ObligationStatus {
    OPEN,
    FULFILLED,
    BREACHED,
    WITHDRAWN
}
