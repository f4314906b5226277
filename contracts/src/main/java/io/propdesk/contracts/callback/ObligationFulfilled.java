package io.propdesk.contracts.callback;

import io.propdesk.contracts.Department;
import io.propdesk.contracts.Nullable;
import io.propdesk.contracts.PublicEvent;
import io.propdesk.contracts.SlaRule;
import java.time.Instant;

/**
 * An SLA obligation (R4-R9, R11, C2-C4) was met before its due time. With SlaBreached it is the
 * denominator of compliance analytics, so it carries the same grouping dimensions (estate,
 * department, steward, rule).
 *
 * @param fulfilledByEventId the {@code ce_id} of the event that fulfilled it, for audit
 */
public record ObligationFulfilled(
        String ticketId,
        String obligationId,
        SlaRule rule,
        @Nullable String orderId,
        String estateId,
        Department department,
        @Nullable String stewardId,
        String acceptor,
        String fulfilledByEventId,
        Instant dueAt,
        Instant fulfilledAt)
        implements PublicEvent {}
