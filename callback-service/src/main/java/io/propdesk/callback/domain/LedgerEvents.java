package io.propdesk.callback.domain;

import io.propdesk.contracts.Department;
import io.propdesk.contracts.Severity;
import io.propdesk.contracts.SlaRule;
import io.propdesk.contracts.TicketKind;
import java.time.Instant;
import java.time.LocalDate;

/**
 * The ledger's internal events: they stay in callback-service's store (not PublicEvent, so the relay does not publish
 * them). Facts learnt from other services are recorded here under our own names, never by re-appending their events.
 *
 * <p>{@link LedgerOpened}, {@link TicketStatusNoted}, {@link ObligationOpened}, {@link ObligationWithdrawn},
 * {@link ObligationRescheduled}, {@link CallbackRescheduled} and {@link CallbackRated} are no longer applied: the
 * ledger publishes those facts as public events (FollowUpOpened, FollowUpClosed/Reopened, the obligation events,
 * CallbackRescheduled, CallbackCompleted with its rating). They stay here because streams recorded before still hold
 * them under these class names, and such ledgers must load and replay.
 */
public final class LedgerEvents {

    private LedgerEvents() {}

    /**
     * The facts of TicketOpened the follow-up needs, or of a contract visit's OrderDispatched.
     *
     * @param contractId the monthly contract of a visit's ledger (H1): no front-desk ticket stands behind it, so its
     *                   follow-up ends with its callback's outcome; null for a front-desk ticket (and in ledgers
     *                   recorded before contract visits were followed up)
     */
    public record LedgerOpened(
            String ticketId,
            String estateId,
            TicketKind kind,
            Severity severity,
            boolean paid,
            String acceptor,
            String stewardId,
            Department department,
            Instant openedAt,
            String contractId) {}

    /**
     * Who a callback of the ticket calls and at which number (sealed as TicketOpened carries it), for a dialler
     * (issue 16 §4); recorded with the ledger's opening when TicketOpened names them.
     */
    public record OwnerContactNoted(String ticketId, String ownerId, String callerPhone) {}

    /**
     * @param dueAt null for an obligation without a clock: R7 waits on the owner (paused) and breaches only when
     *              work starts unaccepted; C3 is fulfilled by the sign-off, which the close depends on
     * @param day   R6: the estate-local day whose report it is
     */
    public record ObligationOpened(
            String ticketId,
            String obligationId,
            SlaRule rule,
            Party party,
            String orderId,
            String callbackId,
            LocalDate day,
            Instant openedAt,
            Instant dueAt) {}

    public record ObligationWithdrawn(String ticketId, String obligationId, String reason, Instant withdrawnAt) {}

    /**
     * TicketClosed (open = false) or TicketReopened (open = true) as ticket-service published it; for a contract
     * visit's ledger (H1), which has no front-desk ticket, open = false when its callback completed.
     */
    public record TicketStatusNoted(String ticketId, boolean open, Instant at) {}

    /** @param contractId the monthly contract that prices the order (H1: no quote, no R7); null for one-off work */
    public record OrderNoted(
            String ticketId,
            String orderId,
            TicketKind kind,
            Department department,
            boolean paid,
            Instant dispatchedAt,
            String contractId) {}

    public record QuoteAcceptanceNoted(String ticketId, String orderId, String quoteId, Instant acceptedAt) {}

    /** R6: the contractor fixed the defect; no further daily reports are due. */
    public record ReworkResolved(String ticketId, String orderId, Instant resolvedAt) {}

    /** The progress a steward reported with a reply; StewardReplied has no field for it. */
    public record ReplyProgressNoted(String ticketId, String stewardId, String progress, Instant repliedAt) {}

    /** The owner's rating of a completed callback; CallbackCompleted has no field for it. */
    public record CallbackRated(String ticketId, String callbackId, int rating) {}

    /**
     * An open obligation's due time computed again on the estate's calendar in force since
     * {@code calendarInForceFrom}, which reached this service after the obligation had opened.
     */
    public record ObligationRescheduled(
            String ticketId, String obligationId, Instant previousDueAt, Instant dueAt, Instant calendarInForceFrom) {}

    /** The same for a callback still to be made (its due time, R5, H5, C2). */
    public record CallbackRescheduled(
            String ticketId, String callbackId, Instant previousDueAt, Instant dueAt, Instant calendarInForceFrom) {}
}
