package io.propdesk.callback.calls;

import io.propdesk.contracts.ticket.HangupCause;
import java.time.Instant;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** What the call events tell a missed call (M1), as commands to its {@link MissedCall}, keyed by the inbound call. */
public final class MissedCallCommands {

    private MissedCallCommands() {}

    /**
     * A command after which the call waits for no time, whatever it knew before (M1: a call that was answered, or with
     * which a ticket was opened, is no missed call, and its open obligation is withdrawn). {@link MissedCallDesk}
     * writes no mark for it (issue 19), since a crash before the refresh has nothing to lose.
     */
    public sealed interface EndsTheWait permits NoteInboundCallAnswered, NoteCallTicket {}

    /** CallEnded of an inbound call: answered or not by then, and why it ended. */
    public record NoteInboundCallEnded(
            @TargetAggregateIdentifier String callId,
            HangupCause cause,
            boolean answered,
            String linkedTicketId,
            String estateId,
            String ownerId,
            Instant endedAt) {}

    /** CallAnswered of an inbound call, which may come after its CallEnded: the call was taken after all. */
    public record NoteInboundCallAnswered(
            @TargetAggregateIdentifier String callId, Instant answeredAt) implements EndsTheWait {}

    /** CallLinked, or TicketOpened carrying the call id: a ticket was opened with the call. */
    public record NoteCallTicket(@TargetAggregateIdentifier String callId, String ticketId, Instant at)
            implements EndsTheWait {}

    /**
     * An outbound call that returns this one ({@code returnsCallIds}) was answered, or ended unanswered.
     *
     * @param at when it was answered, or when it ended unanswered
     */
    public record NoteReturnCall(
            @TargetAggregateIdentifier String callId, String returnCallId, boolean answered, Instant at) {}

    /** From the ticker: a time the missed call waits for has come (the 60 s after hangup, or the due time). */
    public record PassMissedCallDeadline(
            @TargetAggregateIdentifier String callId, Instant now) {}
}
