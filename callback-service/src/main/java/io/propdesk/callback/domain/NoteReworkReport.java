package io.propdesk.callback.domain;

import java.time.Instant;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** From ReworkProgressReported (R6): the day's report, and whether the defect is fixed. */
public record NoteReworkReport(
        @TargetAggregateIdentifier String ticketId,
        String orderId,
        boolean resolved,
        String eventId,
        Instant reportedAt) {}
