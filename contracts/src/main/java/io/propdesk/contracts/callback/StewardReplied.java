package io.propdesk.contracts.callback;

import io.propdesk.contracts.PublicEvent;
import java.time.Instant;

/**
 * The steward told the front desk how the work stands (R4, C1); each reply restarts the 4-hour window.
 * One of the backbone events.
 */
public record StewardReplied(String ticketId, String stewardId, String message, Instant repliedAt)
        implements PublicEvent {}
