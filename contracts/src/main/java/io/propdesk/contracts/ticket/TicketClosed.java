package io.propdesk.contracts.ticket;

import io.propdesk.contracts.PublicEvent;
import java.time.Instant;

/**
 * The ticket's lifecycle ends (R10); a complaint closes only after the steward's sign-off (C3). Open
 * obligations of the ticket (R4, R6) stop with it.
 */
public record TicketClosed(String ticketId, String reason, Instant closedAt) implements PublicEvent {}
