package io.propdesk.dispatch.domain;

import java.time.Instant;
import java.time.LocalDate;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** The rework liaison's report for one day (R6); {@code resolved} closes the rework. */
public record ReportReworkProgress(
        @TargetAggregateIdentifier String orderId,
        LocalDate date,
        String progress,
        String contractor,
        String reportedBy,
        boolean resolved,
        Instant reportedAt) {}
