package io.propdesk.dispatch.domain;

import java.time.Instant;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** The completed slip comes back to the front desk (R8, R9, H5). */
public record ReturnOrder(
        @TargetAggregateIdentifier String orderId, String returnedBy, String note, Instant returnedAt) {}
