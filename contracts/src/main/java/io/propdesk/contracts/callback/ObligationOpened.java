package io.propdesk.contracts.callback;

import io.propdesk.contracts.Department;
import io.propdesk.contracts.Nullable;
import io.propdesk.contracts.PublicEvent;
import io.propdesk.contracts.SlaRule;
import java.time.Instant;
import java.time.LocalDate;

/**
 * The ledger opened an obligation (R4-R9, R11, C2-C4, M1): who owes what by when. With ObligationFulfilled,
 * ObligationWithdrawn and SlaBreached it tells a consumer every obligation's whole life, so queues, department apps
 * and warehouses can list what is due without asking callback-service.
 *
 * @param ticketId the ticket the obligation belongs to; null for a missed call (M1), which has none
 * @param callId   the missed call (M1); null for every other rule
 * @param party  who owes it: steward, acceptor, department, liaison, manager or acceptor+steward (C4)
 * @param day    R6: the estate-local day whose rework report it is
 * @param dueAt  null while the clock waits on the owner (R7 before acceptance) or has no due time (C3)
 */
public record ObligationOpened(
        @Nullable String ticketId,
        @Nullable String callId,
        String obligationId,
        SlaRule rule,
        String party,
        @Nullable String orderId,
        @Nullable String callbackId,
        @Nullable LocalDate day,
        String estateId,
        @Nullable Department department,
        @Nullable String stewardId,
        @Nullable String acceptor,
        Instant openedAt,
        @Nullable Instant dueAt)
        implements PublicEvent {

    /** A ticket's obligations are keyed by the ticket; a missed call's (M1) by the call, which has no ticket. */
    @Override
    public String subject() {
        return ticketId != null ? ticketId : callId;
    }
}
