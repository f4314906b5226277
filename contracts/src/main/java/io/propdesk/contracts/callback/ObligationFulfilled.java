package io.propdesk.contracts.callback;

import io.propdesk.contracts.Department;
import io.propdesk.contracts.Nullable;
import io.propdesk.contracts.PublicEvent;
import io.propdesk.contracts.SlaRule;
import java.time.Instant;

/**
 * An SLA obligation (R4-R9, R11, C2-C4, M1) was met before its due time. With SlaBreached it is the
 * denominator of compliance analytics, so it carries the same grouping dimensions (estate,
 * department, steward, rule).
 *
 * @param ticketId           the ticket the obligation belongs to; null for a missed call (M1), which has none
 * @param callId             the missed call (M1); null for every other rule
 * @param department         the department that owed it; null for a missed call (M1: the front desk owes it) and
 *                           for a complaint not yet routed to a department
 * @param acceptor           the front-desk person who owns the ticket's follow-up; null for a missed call (M1)
 * @param fulfilledByEventId what fulfilled it, for audit: the fulfilling event ({@code <type>/<id>}); for M1 the
 *                           returning call ({@code CallEnded/<callId>}), with {@code unreachable after n attempts}
 *                           when the desk's unanswered attempts closed it
 */
public record ObligationFulfilled(
        @Nullable String ticketId,
        @Nullable String callId,
        String obligationId,
        SlaRule rule,
        @Nullable String orderId,
        String estateId,
        @Nullable Department department,
        @Nullable String stewardId,
        @Nullable String acceptor,
        String fulfilledByEventId,
        Instant dueAt,
        Instant fulfilledAt)
        implements PublicEvent {

    /** A ticket's obligations are keyed by the ticket; a missed call's (M1) by the call, which has no ticket. */
    @Override
    public String subject() {
        return ticketId != null ? ticketId : callId;
    }
}
