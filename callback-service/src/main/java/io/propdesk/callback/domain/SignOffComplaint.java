package io.propdesk.callback.domain;

import java.time.Instant;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** C3: the complaint's steward signs it off (REST); its callback is scheduled then (C2). */
public record SignOffComplaint(
        @TargetAggregateIdentifier String ticketId, String stewardId, String note, Instant signedOffAt) {}
