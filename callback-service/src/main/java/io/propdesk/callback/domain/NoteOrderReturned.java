package io.propdesk.callback.domain;

import io.propdesk.contracts.Department;
import io.propdesk.contracts.TicketKind;
import java.time.Instant;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** From OrderReturned (R8, R9, R5, H5): the order came back, late or not as dispatch-service decided. */
public record NoteOrderReturned(
        @TargetAggregateIdentifier String ticketId,
        String orderId,
        String estateId,
        TicketKind kind,
        Department department,
        boolean paid,
        Instant completedAt,
        Instant dueAt,
        boolean late,
        String eventId,
        Instant returnedAt) {}
