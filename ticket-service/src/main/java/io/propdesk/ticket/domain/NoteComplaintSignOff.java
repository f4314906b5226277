package io.propdesk.ticket.domain;

import java.time.Instant;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** C3: the steward signed the register for this complaint (told by callback-service). */
public record NoteComplaintSignOff(
        @TargetAggregateIdentifier String ticketId, String stewardId, Instant signedOffAt) {}
