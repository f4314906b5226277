package io.propdesk.callback.domain;

import java.time.Instant;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * From EstateConfigured (R4-R9, C2-C4): the estate's calendar in force since {@code inForceFrom} reached us,
 * perhaps after obligations opened since then were clocked on the calendar we knew before. Their due times are
 * computed again on it, once: a re-delivery finds them already right and changes nothing.
 */
public record RescheduleObligations(
        @TargetAggregateIdentifier String ticketId, Instant inForceFrom) {}
