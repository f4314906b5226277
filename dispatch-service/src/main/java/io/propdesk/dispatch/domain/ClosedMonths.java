package io.propdesk.dispatch.domain;

/** Whether a month is archived (H8); injected into the work order's command handlers. */
public interface ClosedMonths {

    boolean isClosed(String month);
}
