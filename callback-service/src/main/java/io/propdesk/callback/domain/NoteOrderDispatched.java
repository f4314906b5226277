package io.propdesk.callback.domain;

import io.propdesk.contracts.Department;
import io.propdesk.contracts.TicketKind;
import java.time.Instant;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** @param contractId the monthly contract that prices the order (H1); null for one-off work */
public record NoteOrderDispatched(
        @TargetAggregateIdentifier String ticketId,
        String orderId,
        TicketKind kind,
        Department department,
        boolean paid,
        String contractId,
        Instant dispatchedAt) {

    public NoteOrderDispatched(
            String ticketId,
            String orderId,
            TicketKind kind,
            Department department,
            boolean paid,
            Instant dispatchedAt) {
        this(ticketId, orderId, kind, department, paid, null, dispatchedAt);
    }
}
