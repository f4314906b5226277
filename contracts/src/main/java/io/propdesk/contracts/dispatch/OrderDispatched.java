package io.propdesk.contracts.dispatch;

import io.propdesk.contracts.Department;
import io.propdesk.contracts.Nullable;
import io.propdesk.contracts.PublicEvent;
import io.propdesk.contracts.SlaRule;
import io.propdesk.contracts.TicketKind;
import java.time.Instant;

/**
 * A work order went to a department (R2): Engineering for repairs, the rework liaison for rework
 * (R6), Cleaning or Greening for housekeeping (H1-H4), only after the service time was confirmed
 * (H6). The department serves only against an order (P2).
 *
 * @param contractId  the monthly contract a visit order serves (H1); null for one-off orders
 * @param serviceTime the confirmed service time (H6); null for non-housekeeping kinds
 * @param mode        how the order finds its people
 * @param assignee    the team leader or designated dispatcher it went to; null in an open pool
 * @param returnRule  R8 (paid: back within the estate's hours of completion) or R9 (free: same working day)
 * @param followUpOf  the order this one follows up after an unsatisfied callback; null for a first order
 */
public record OrderDispatched(
        String ticketId,
        String orderId,
        String estateId,
        @Nullable String areaId,
        @Nullable String buildingId,
        @Nullable String unitId,
        TicketKind kind,
        Department department,
        boolean paid,
        @Nullable String contractId,
        String description,
        Instant serviceTime,
        DispatchMode mode,
        @Nullable String assignee,
        SlaRule returnRule,
        @Nullable String followUpOf,
        String dispatchedBy,
        Instant dispatchedAt)
        implements PublicEvent {}
