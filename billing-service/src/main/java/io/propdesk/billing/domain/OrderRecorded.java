package io.propdesk.billing.domain;

import io.propdesk.contracts.Department;
import io.propdesk.contracts.TicketKind;
import java.time.Instant;

/** Internal: billing learned of a dispatched work order. */
public record OrderRecorded(
        String orderId,
        String ticketId,
        String estateId,
        String unitId,
        TicketKind kind,
        Department department,
        boolean paid,
        String contractId,
        Instant dispatchedAt) {}
