package io.propdesk.contracts.callback;

import io.propdesk.contracts.Department;
import io.propdesk.contracts.Nullable;
import io.propdesk.contracts.PublicEvent;
import io.propdesk.contracts.SlaRule;
import java.time.Instant;

/**
 * An SLA obligation (R4-R9, R11, C2-C4) came due unmet. Recorded under the rules in force and never
 * rewritten; a replay under new rules is a what-if view beside it. Unanswered late complaints are
 * escalated to acceptor and steward jointly (C4).
 *
 * @param occurrence the n-th breach of this obligation: each 4-hour window without a steward reply
 *                   (R4) or each day without a rework report (R6) is one more breach
 */
public record SlaBreached(
        String ticketId,
        String obligationId,
        SlaRule rule,
        @Nullable String orderId,
        String estateId,
        Department department,
        @Nullable String stewardId,
        String acceptor,
        int occurrence,
        Instant dueAt,
        Instant breachedAt)
        implements PublicEvent {}
