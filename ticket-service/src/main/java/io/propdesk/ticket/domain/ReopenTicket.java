package io.propdesk.ticket.domain;

import java.time.Instant;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** The owner was not satisfied on the callback: the work goes round again. */
public record ReopenTicket(
        @TargetAggregateIdentifier String ticketId, String callbackId, String reason, Instant reopenedAt) {}
