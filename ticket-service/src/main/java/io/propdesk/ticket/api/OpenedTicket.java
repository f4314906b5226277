package io.propdesk.ticket.api;

import io.propdesk.ticket.domain.TicketStatus;

/**
 * What {@code POST /api/tickets} answers a role that may open tickets but not read them (INTEGRATION): the ticket's
 * id and status, with its {@code Location}, and none of the caller's personal data.
 */
public record OpenedTicket(String ticketId, TicketStatus status) {}
