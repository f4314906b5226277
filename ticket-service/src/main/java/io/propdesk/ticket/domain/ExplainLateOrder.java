package io.propdesk.ticket.domain;

import java.time.Instant;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** R11: enter a late order in the complaint book: reason, who, when. */
public record ExplainLateOrder(
        @TargetAggregateIdentifier String ticketId,
        String orderId,
        String reason,
        String explainedBy,
        Instant explainedAt) {}
