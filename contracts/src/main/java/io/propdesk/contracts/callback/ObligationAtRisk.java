package io.propdesk.contracts.callback;

import io.propdesk.contracts.Department;
import io.propdesk.contracts.Nullable;
import io.propdesk.contracts.PublicEvent;
import io.propdesk.contracts.SlaRule;
import java.time.Instant;

/**
 * W1: an open obligation came within its warning time of its due time and is at risk of a breach, so the department
 * apps can tell the people who owe it while there is still time to act. Published once per obligation, never for one
 * already fulfilled, breached or withdrawn, and not again when its due time moves (ObligationRescheduled); an
 * obligation without a due time (R7 paused, C3) is never at risk until it gets one.
 *
 * @param ticketId       the ticket the obligation belongs to; null for a missed call (M1), which has none
 * @param callId         the missed call (M1); null for every other rule
 * @param party          who owes it, as ObligationOpened named it: steward, acceptor, department, liaison, manager,
 *                       acceptor+steward (C4) or front desk (M1)
 * @param department     the department that owes it; null for a missed call (M1: the front desk owes it) and for a
 *                       complaint not yet routed to a department
 * @param stewardId      the ticket's steward, to notify; null for a missed call (M1)
 * @param acceptor       the front-desk person who owns the ticket's follow-up; null for a missed call (M1)
 * @param dueAt          when it is due (a breach after that)
 * @param atRiskAt       the moment it became at risk: its due time less the warning, or its opening when it opened
 *                       already inside the warning time
 * @param warningMinutes the warning time in force for its rule and estate ({@code propdesk.callback.at-risk-before})
 */
public record ObligationAtRisk(
        @Nullable String ticketId,
        @Nullable String callId,
        String obligationId,
        SlaRule rule,
        String party,
        @Nullable String orderId,
        String estateId,
        @Nullable Department department,
        @Nullable String stewardId,
        @Nullable String acceptor,
        Instant dueAt,
        Instant atRiskAt,
        int warningMinutes)
        implements PublicEvent {

    /** A ticket's obligations are keyed by the ticket; a missed call's (M1) by the call, which has no ticket. */
    @Override
    public String subject() {
        return ticketId != null ? ticketId : callId;
    }
}
