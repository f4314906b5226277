package io.propdesk.contracts.callback;

import io.propdesk.contracts.PublicEvent;
import java.time.Instant;

/**
 * The ticket's follow-up ended: the ticket closed, or a contract visit (H1) was called back. Its obligations still open
 * are withdrawn with it (ObligationWithdrawn).
 *
 * @param reason why, in words a clerk understands ("ticket closed", "visit called back")
 */
public record FollowUpClosed(String ticketId, String reason, Instant closedAt) implements PublicEvent {}
