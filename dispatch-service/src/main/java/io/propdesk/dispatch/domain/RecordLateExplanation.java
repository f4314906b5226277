package io.propdesk.dispatch.domain;

import java.time.Instant;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Ticket-service's complaint-book entry (LateOrderExplained) for this order arrived (R11). */
public record RecordLateExplanation(
        @TargetAggregateIdentifier String orderId, String reason, String explainedBy, Instant explainedAt) {}
