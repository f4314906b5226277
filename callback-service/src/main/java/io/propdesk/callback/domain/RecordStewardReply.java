package io.propdesk.callback.domain;

import java.time.Instant;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** R4, C1, C4: the steward replied to the owner (REST); {@code progress} is optional. */
public record RecordStewardReply(
        @TargetAggregateIdentifier String ticketId,
        String stewardId,
        String message,
        String progress,
        Instant repliedAt) {}
