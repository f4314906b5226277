package io.propdesk.contracts.callback;

import io.propdesk.contracts.Department;
import io.propdesk.contracts.Nullable;
import io.propdesk.contracts.PublicEvent;
import io.propdesk.contracts.SlaRule;
import java.time.Instant;

/**
 * An SLA obligation (R4-R9, R11, C2-C4, M1) came due unmet. Recorded under the rules in force and never
 * rewritten; a replay under new rules is a what-if view beside it. Unanswered late complaints are
 * escalated to acceptor and steward jointly (C4).
 *
 * @param ticketId   the ticket the obligation belongs to; null for a missed call (M1), which has none
 * @param callId     the missed call (M1); null for every other rule
 * @param department the department that owed it; null for a missed call (M1: the front desk owes it) and for a
 *                   complaint not yet routed to a department
 * @param acceptor   the front-desk person who owns the ticket's follow-up; null for a missed call (M1)
 * @param occurrence the n-th breach of this obligation: each 4-hour window without a steward reply
 *                   (R4) or each day without a rework report (R6) is one more breach
 */
public record SlaBreached(
        @Nullable String ticketId,
        @Nullable String callId,
        String obligationId,
        SlaRule rule,
        @Nullable String orderId,
        String estateId,
        @Nullable Department department,
        @Nullable String stewardId,
        @Nullable String acceptor,
        int occurrence,
        Instant dueAt,
        Instant breachedAt)
        implements PublicEvent {

    /** A ticket's obligations are keyed by the ticket; a missed call's (M1) by the call, which has no ticket. */
    @Override
    public String subject() {
        return ticketId != null ? ticketId : callId;
    }
}
