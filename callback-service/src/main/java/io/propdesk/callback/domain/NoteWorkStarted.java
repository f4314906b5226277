package io.propdesk.callback.domain;

import java.time.Instant;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** From WorkStarted (R7): work started, on an accepted quote when {@code quoteId} is set. */
public record NoteWorkStarted(
        @TargetAggregateIdentifier String ticketId,
        String orderId,
        String quoteId,
        String eventId,
        Instant startedAt) {}
