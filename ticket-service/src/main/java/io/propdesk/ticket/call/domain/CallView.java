package io.propdesk.ticket.call.domain;

import io.propdesk.contracts.Nullable;
import io.propdesk.contracts.ticket.CallDirection;
import io.propdesk.contracts.ticket.HangupCause;
import java.time.Instant;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * One call of the call log: who called whom, who took it, how it ended, the ticket opened during it. {@code from} and
 * {@code to} are sealed in the store and opened only for a role that may read owners' personal data.
 *
 * @param answeredBy the agent(s) the answer named
 * @param cause      null while the call goes on
 */
public record CallView(
        String callId,
        CallDirection direction,
        String from,
        String to,
        List<String> users,
        @Nullable String queue,
        @Nullable String estateId,
        @Nullable String ownerId,
        @Nullable String callbackId,
        List<String> returnsCallIds,
        boolean answered,
        @Nullable String answeringNumber,
        List<String> answeredBy,
        @Nullable HangupCause cause,
        int durationSeconds,
        @Nullable String linkedTicketId,
        Instant startedAt,
        @Nullable Instant answeredAt,
        @Nullable Instant endedAt,
        @Nullable Instant linkedAt) {

    /** The same call with both numbers passed through {@code numbers} (opened, or withheld). */
    public CallView withNumbers(UnaryOperator<String> numbers) {
        return new CallView(
                callId,
                direction,
                numbers.apply(from),
                numbers.apply(to),
                users,
                queue,
                estateId,
                ownerId,
                callbackId,
                returnsCallIds,
                answered,
                answeringNumber,
                answeredBy,
                cause,
                durationSeconds,
                linkedTicketId,
                startedAt,
                answeredAt,
                endedAt,
                linkedAt);
    }

    @Override
    public String toString() {
        return "CallView[callId=" + callId + ", direction=" + direction + ", from=***, to=***]";
    }
}
