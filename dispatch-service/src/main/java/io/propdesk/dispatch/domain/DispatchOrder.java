package io.propdesk.dispatch.domain;

import io.propdesk.contracts.Department;
import io.propdesk.contracts.TicketKind;
import io.propdesk.contracts.dispatch.DispatchMode;
import java.time.Instant;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Issue a work order (R2, H1). {@link OrderDesk} has already resolved routing (mode, assignee) and the register
 * month and customer (H7, H8); a contract visit carries its {@code contractId} (H1).
 */
public record DispatchOrder(
        @TargetAggregateIdentifier String orderId,
        String ticketId,
        String estateId,
        String areaId,
        String buildingId,
        String unitId,
        TicketKind kind,
        Department department,
        boolean paid,
        String contractId,
        String customerId,
        String description,
        Instant serviceTime,
        DispatchMode mode,
        String assignee,
        String followUpOf,
        String dispatchedBy,
        Instant dispatchedAt,
        String month) {}
