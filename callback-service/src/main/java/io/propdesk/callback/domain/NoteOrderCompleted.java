package io.propdesk.callback.domain;

import io.propdesk.contracts.Department;
import java.time.Instant;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** From OrderCompleted (R8, R9): the order's return is due from now. */
public record NoteOrderCompleted(
        @TargetAggregateIdentifier String ticketId,
        String orderId,
        String estateId,
        Department department,
        boolean paid,
        Instant completedAt) {}
