package io.propdesk.dispatch.domain;

import java.time.Instant;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** The department accepts the order (接單, R2); {@code assignedTo} is the staff member put on it, if known. */
public record PickUpOrder(
        @TargetAggregateIdentifier String orderId, String pickedUpBy, String assignedTo, Instant pickedUpAt) {}
