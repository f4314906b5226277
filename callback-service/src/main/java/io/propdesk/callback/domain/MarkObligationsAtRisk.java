package io.propdesk.callback.domain;

import java.time.Instant;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** From the deadline ticker (W1): announce, once each, every open obligation at risk by {@code now}. */
public record MarkObligationsAtRisk(
        @TargetAggregateIdentifier String ticketId, Instant now) {}
