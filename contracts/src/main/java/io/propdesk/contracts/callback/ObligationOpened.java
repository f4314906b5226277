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
 * @param party  who owes it: steward, acceptor, department, liaison, manager or acceptor+steward (C4)
 * @param day    R6: the estate-local day whose rework report it is
 * @param dueAt  null while the clock waits on the owner (R7 before acceptance) or has no due time (C3)
 */
public record ObligationOpened(
        String ticketId,
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
        implements PublicEvent {}
