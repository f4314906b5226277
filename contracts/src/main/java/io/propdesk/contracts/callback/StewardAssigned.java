package io.propdesk.contracts.callback;

import io.propdesk.contracts.Nullable;
import io.propdesk.contracts.PublicEvent;
import java.time.Instant;

/**
 * The unit's steward was notified and now follows the ticket (R3; for complaints the steward routes
 * it to the department, C1). Starts the steward's 4-hour reply clock (R4).
 *
 * @param orderId the accepted order that triggered the assignment; null for a complaint routed before any order
 */
public record StewardAssigned(
        String ticketId, String stewardId, @Nullable String orderId, Instant assignedAt) implements PublicEvent {}
