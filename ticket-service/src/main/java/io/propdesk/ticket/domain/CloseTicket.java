package io.propdesk.ticket.domain;

import java.time.Instant;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Close after a satisfied callback (R5, H5); a complaint needs its steward's sign-off first (C3). */
public record CloseTicket(
        @TargetAggregateIdentifier String ticketId, String callbackId, String reason, Instant closedAt) {}
