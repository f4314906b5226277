package io.propdesk.contracts.ticket;

import io.propdesk.contracts.PublicEvent;
import java.time.Instant;

/**
 * A closed ticket is open again, typically because the owner was not satisfied on the callback
 * (R5, C2); its R4 reply clock restarts.
 */
public record TicketReopened(String ticketId, String reason, Instant reopenedAt) implements PublicEvent {}
