package io.propdesk.callback.domain;

import java.time.Instant;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** From OrderCancelled: the order's open obligations are withdrawn. */
public record NoteOrderCancelled(@TargetAggregateIdentifier String ticketId, String orderId, Instant cancelledAt) {}
