package io.propdesk.callback.domain;

import java.time.Instant;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

import io.propdesk.contracts.CallerRole;
import io.propdesk.contracts.Department;
import io.propdesk.contracts.Severity;
import io.propdesk.contracts.TicketKind;

/** The commands of a ticket's follow-up ledger; each names the ticket it belongs to. */
public final class LedgerCommands {

    private LedgerCommands() {
    }

    /**
     * From TicketOpened: the ticket is followed up from now on (R3, R4, C1); or from a contract visit's OrderDispatched
     * (H1), which has no front-desk ticket behind it.
     *
     * @param contractId the monthly contract a visit serves (H1); null for a front-desk ticket
     */
    public record OpenLedger(@TargetAggregateIdentifier String ticketId, String estateId, TicketKind kind,
                             Severity severity, boolean paid, String acceptor, String stewardId, Instant openedAt,
                             String contractId) {

        public OpenLedger(String ticketId, String estateId, TicketKind kind, Severity severity, boolean paid,
                          String acceptor, String stewardId, Instant openedAt) {
            this(ticketId, estateId, kind, severity, paid, acceptor, stewardId, openedAt, null);
        }
    }

    public record RecordStewardReply(@TargetAggregateIdentifier String ticketId, String stewardId, String message,
                                     String progress, Instant repliedAt) {
    }

    public record SignOffComplaint(@TargetAggregateIdentifier String ticketId, String stewardId, String note,
                                   Instant signedOffAt) {
    }

    public record CloseLedger(@TargetAggregateIdentifier String ticketId, Instant closedAt) {
    }

    public record ReopenLedger(@TargetAggregateIdentifier String ticketId, Instant reopenedAt) {
    }

    /** @param contractId the monthly contract that prices the order (H1); null for one-off work */
    public record NoteOrderDispatched(@TargetAggregateIdentifier String ticketId, String orderId, TicketKind kind,
                                      Department department, boolean paid, String contractId, Instant dispatchedAt) {

        public NoteOrderDispatched(String ticketId, String orderId, TicketKind kind, Department department,
                                   boolean paid, Instant dispatchedAt) {
            this(ticketId, orderId, kind, department, paid, null, dispatchedAt);
        }
    }

    public record NoteQuoteAccepted(@TargetAggregateIdentifier String ticketId, String orderId, String quoteId,
                                    String eventId, Instant acceptedAt) {
    }

    public record NoteWorkStarted(@TargetAggregateIdentifier String ticketId, String orderId, String quoteId,
                                  String eventId, Instant startedAt) {
    }

    public record NoteOrderCompleted(@TargetAggregateIdentifier String ticketId, String orderId, String estateId,
                                     Department department, boolean paid, Instant completedAt) {
    }

    public record NoteOrderReturned(@TargetAggregateIdentifier String ticketId, String orderId, String estateId,
                                    TicketKind kind, Department department, boolean paid, Instant completedAt,
                                    Instant dueAt, boolean late, String eventId, Instant returnedAt) {
    }

    public record NoteOrderCancelled(@TargetAggregateIdentifier String ticketId, String orderId, Instant cancelledAt) {
    }

    public record NoteReworkReport(@TargetAggregateIdentifier String ticketId, String orderId, boolean resolved,
                                   String eventId, Instant reportedAt) {
    }

    public record RecordCallbackAttempt(@TargetAggregateIdentifier String ticketId, String callbackId, String callerId,
                                        CallerRole callerRole, String note, Instant attemptedAt) {
    }

    public record CompleteCallback(@TargetAggregateIdentifier String ticketId, String callbackId, String callerId,
                                   CallerRole callerRole, boolean satisfied, int rating, String comment,
                                   Instant completedAt) {
    }

    /**
     * From EstateConfigured (issue 13 item 7): the estate's calendar in force since {@code inForceFrom} reached us,
     * perhaps after obligations opened since then were clocked on the calendar we knew before. Their due times are
     * computed again on it, once: a re-delivery finds them already right and changes nothing.
     */
    public record RescheduleObligations(@TargetAggregateIdentifier String ticketId, Instant inForceFrom) {
    }

    /** From the deadline ticker: breach, once each, every open obligation due by {@code now}. */
    public record BreachDueObligations(@TargetAggregateIdentifier String ticketId, Instant now) {
    }
}
