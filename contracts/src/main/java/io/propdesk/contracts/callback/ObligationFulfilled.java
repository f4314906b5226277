package io.propdesk.contracts.callback;

import io.propdesk.contracts.Department;
import io.propdesk.contracts.Nullable;
import io.propdesk.contracts.PublicEvent;
import io.propdesk.contracts.SlaRule;
import java.time.Instant;

/**
 * An SLA obligation (R4-R9, R11, C2-C4, M1) was met. With SlaBreached it is the denominator of compliance
 * analytics, so it carries the same grouping dimensions (estate, department, steward, rule).
 *
 * <p>Usually met on time, and then the obligation's one closing event. An obligation met late (issue 18 item 4) is
 * breached first ({@code SlaBreached}, which stays: "ever breached") and then fulfilled once, late, by this event with
 * {@code breachedAt} and the lateness set ("breached now" is no longer true). A consumer that closes an obligation on
 * SlaBreached must therefore expect this event after it for the same obligation id. A steward's reply fulfils late the
 * R4 windows and C4 follow-ups missed since the last reply; a missed R6 day never is (a report is the report of the
 * day it is made on).
 *
 * @param ticketId           the ticket the obligation belongs to; null for a missed call (M1), which has none
 * @param callId             the missed call (M1); null for every other rule
 * @param department         the department that owed it; null for a missed call (M1: the front desk owes it) and
 *                           for a complaint not yet routed to a department
 * @param acceptor           the front-desk person who owns the ticket's follow-up; null for a missed call (M1)
 * @param fulfilledByEventId what fulfilled it, for audit: the fulfilling event ({@code <type>/<id>}); for M1 the
 *                           returning call ({@code CallEnded/<callId>}), with {@code unreachable after n attempts}
 *                           when the desk's unanswered attempts closed it
 * @param breachedAt         when the obligation was breached, for a late fulfilment; null when met on time
 * @param minutesLate        a late fulfilment's wall-clock minutes after the due time (after the breach for an
 *                           obligation without a clock, R7), rounded down; null when met on time
 * @param workingMinutesLate the same lateness in the estate's working time only (its calendar's working hours, working
 *                           days and holidays); null when met on time
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
        Instant fulfilledAt,
        @Nullable Instant breachedAt,
        @Nullable Integer minutesLate,
        @Nullable Integer workingMinutesLate)
        implements PublicEvent {

    /** An obligation met on time: no breach, no lateness. */
    public ObligationFulfilled(
            String ticketId,
            String callId,
            String obligationId,
            SlaRule rule,
            String orderId,
            String estateId,
            Department department,
            String stewardId,
            String acceptor,
            String fulfilledByEventId,
            Instant dueAt,
            Instant fulfilledAt) {
        this(
                ticketId,
                callId,
                obligationId,
                rule,
                orderId,
                estateId,
                department,
                stewardId,
                acceptor,
                fulfilledByEventId,
                dueAt,
                fulfilledAt,
                null,
                null,
                null);
    }

    /** Met late, after its breach (issue 18 item 4). */
    public boolean late() {
        return breachedAt != null;
    }

    /** A ticket's obligations are keyed by the ticket; a missed call's (M1) by the call, which has no ticket. */
    @Override
    public String subject() {
        return ticketId != null ? ticketId : callId;
    }
}
