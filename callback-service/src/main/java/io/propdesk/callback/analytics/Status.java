package io.propdesk.callback.analytics;

/**
 * The steps a ticket or a work order goes through, as the time-in-status analytics counts them (issue 18). The
 * declaration order breaks ties between changes at the same instant (a repair's callback is scheduled the moment its
 * order returns: RETURNED, then AWAITING_CALLBACK). CLOSED and CANCELLED end an item's intervals and are not counted.
 */
public enum Status {
    /** A ticket from TicketOpened. */
    OPEN,
    /** A ticket from TicketReopened, until its next order moves it on. */
    REOPENED,
    DISPATCHED,
    PICKED_UP,
    STARTED,
    COMPLETED,
    RETURNED,
    /** From CallbackScheduled: a ticket's callback, or an order's when the callback names it. */
    AWAITING_CALLBACK,
    /** TicketClosed: the end of a ticket's intervals, and of its orders' still running. */
    CLOSED,
    /** OrderCancelled: the end of an order's intervals. */
    CANCELLED;

    /** Whether time spent from this change on is time in a status, not after the item's end. */
    public boolean counted() {
        return this != CLOSED && this != CANCELLED;
    }
}
