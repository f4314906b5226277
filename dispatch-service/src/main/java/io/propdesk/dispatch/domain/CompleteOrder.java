package io.propdesk.dispatch.domain;

import java.time.Instant;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** The work is done; the return clock starts (R8, R9). */
public record CompleteOrder(
        @TargetAggregateIdentifier String orderId, String completedBy, String result, Instant completedAt) {}
