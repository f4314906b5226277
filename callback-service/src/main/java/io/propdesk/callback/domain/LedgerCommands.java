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

    /** From TicketOpened: the ticket is followed up from now on (R3, R4, C1). */
    public record OpenLedger(@TargetAggregateIdentifier String ticketId, String estateId, TicketKind kind,
                             Severity severity, boolean paid, String acceptor, String stewardId, Instant openedAt) {
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

    public record NoteOrderDispatched(@TargetAggregateIdentifier String ticketId, String orderId, TicketKind kind,
                                      Department department, boolean paid, Instant dispatchedAt) {
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

    /** From the deadline ticker: breach, once each, every open obligation due by {@code now}. */
    public record BreachDueObligations(@TargetAggregateIdentifier String ticketId, Instant now) {
    }
}
