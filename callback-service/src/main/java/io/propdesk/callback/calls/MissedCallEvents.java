package io.propdesk.callback.calls;

import io.propdesk.contracts.ticket.HangupCause;
import java.time.Instant;

/**
 * A missed call's internal facts (not PublicEvent: they stay in callback-service's store). What it publishes are the
 * ledger's public obligation events (ObligationOpened, ObligationFulfilled, ObligationWithdrawn, SlaBreached).
 */
public final class MissedCallEvents {

    private MissedCallEvents() {}

    /**
     * The inbound call ended.
     *
     * @param missedAt when it counts as missed unless an answer or a ticket comes first: at the hangup for noAnswer,
     *                 busy and cancel; 60 s after it for any other cause; null when it had been answered
     */
    public record InboundCallEnded(
            String callId,
            HangupCause cause,
            boolean answered,
            String estateId,
            String ownerId,
            Instant endedAt,
            Instant missedAt) {}

    public record InboundCallAnswered(String callId, Instant answeredAt) {}

    public record CallTicketNoted(String callId, String ticketId, Instant at) {}

    public record ReturnCallNoted(String callId, String returnCallId, boolean answered, Instant at) {}
}
