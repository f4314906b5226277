package io.propdesk.dispatch.domain;

/** Where a work order stands: dispatched, picked up (接單), started, completed, returned to the front desk. */
public enum OrderStatus {
    DISPATCHED,
    PICKED_UP,
    STARTED,
    COMPLETED,
    RETURNED,
    CANCELLED
}
