package io.propdesk.contracts.dispatch;

import io.propdesk.contracts.Department;
import io.propdesk.contracts.PublicEvent;
import io.propdesk.contracts.TicketKind;
import java.time.Instant;

/**
 * The department finished the work. It starts the return clock, R8 for paid orders and R9 for free
 * ones, computed on the estate's calendar, opens the callback (R5, H5) and lets billing charge paid
 * work (H7); so it carries the estate, kind and paid flag those consumers need.
 */
public record OrderCompleted(
        String ticketId,
        String orderId,
        String estateId,
        TicketKind kind,
        Department department,
        boolean paid,
        String completedBy,
        String result,
        Instant completedAt)
        implements PublicEvent {}
