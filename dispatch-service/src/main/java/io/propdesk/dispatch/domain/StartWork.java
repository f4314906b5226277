package io.propdesk.dispatch.domain;

import java.time.Instant;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Begin the work; a paid order only after its quote was accepted (R7). */
public record StartWork(@TargetAggregateIdentifier String orderId, String startedBy, Instant startedAt) {}
