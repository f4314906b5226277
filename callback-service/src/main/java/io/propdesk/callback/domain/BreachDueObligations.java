package io.propdesk.callback.domain;

import java.time.Instant;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** From the deadline ticker: breach, once each, every open obligation due by {@code now}. */
public record BreachDueObligations(
        @TargetAggregateIdentifier String ticketId, Instant now) {}
