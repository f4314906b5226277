package io.propdesk.callback.domain;

import java.time.Instant;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** From TicketClosed: the ticket's clocks stop; what is still open is withdrawn. */
public record CloseLedger(@TargetAggregateIdentifier String ticketId, Instant closedAt) {}
