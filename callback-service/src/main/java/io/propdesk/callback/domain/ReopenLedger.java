package io.propdesk.callback.domain;

import java.time.Instant;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** From TicketReopened (R5, C2): the follow-up starts again. */
public record ReopenLedger(@TargetAggregateIdentifier String ticketId, Instant reopenedAt) {}
