package io.propdesk.dispatch.domain;

import java.time.Instant;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** The order will not be served, e.g. the owner declined its quote (R7). */
public record CancelOrder(
        @TargetAggregateIdentifier String orderId, String reason, String quoteId, Instant cancelledAt) {}
