package io.propdesk.ticket.domain;

/** Where a ticket stands for the front desk. */
public enum TicketStatus {
    OPEN,
    CLOSED,
    REOPENED
}
