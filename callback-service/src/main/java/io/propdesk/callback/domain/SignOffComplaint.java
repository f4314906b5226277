package io.propdesk.callback.domain;

import java.time.Instant;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

public record SignOffComplaint(@TargetAggregateIdentifier String ticketId, String stewardId, String note,
                               Instant signedOffAt) {
}
