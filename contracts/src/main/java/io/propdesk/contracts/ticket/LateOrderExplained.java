package io.propdesk.contracts.ticket;

import io.propdesk.contracts.PublicEvent;
import java.time.Instant;

/**
 * An entry in the complaint book for an order that was not handled or returned in time (R11): it
 * clears the "late without explanation" flag.
 */
public record LateOrderExplained(
        String ticketId, String orderId, String reason, String explainedBy, Instant explainedAt)
        implements PublicEvent {}
