package io.propdesk.billing.domain;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** A command to billing's side of one work order; the order's stream is named from its order id. */
public interface OrderCommand {

    String orderId();

    @TargetAggregateIdentifier
    default String streamId() {
        return Order.streamId(orderId());
    }
}
