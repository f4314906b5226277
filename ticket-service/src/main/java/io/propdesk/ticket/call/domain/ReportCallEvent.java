package io.propdesk.ticket.call.domain;

import io.propdesk.contracts.ticket.CallDirection;
import io.propdesk.contracts.ticket.HangupCause;
import java.time.Instant;
import java.util.List;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * One event of a call as the phone system reported it, already checked, with its numbers sealed and the call's owner,
 * estate and returned calls resolved by {@link CallLog}. The first event of a call, whichever it is, starts it.
 *
 * @param from  the calling number, sealed
 * @param to    the called number, sealed
 * @param cause for {@link CtiEvent#HANGUP} only
 */
public record ReportCallEvent(
        String callId,
        CtiEvent event,
        CallDirection direction,
        String from,
        String to,
        List<String> users,
        String queue,
        String answeringNumber,
        HangupCause cause,
        String callbackId,
        String estateId,
        String ownerId,
        List<String> returnsCallIds,
        Instant at) {

    public ReportCallEvent {
        users = users == null ? List.of() : List.copyOf(users);
        returnsCallIds = returnsCallIds == null ? List.of() : List.copyOf(returnsCallIds);
    }

    @TargetAggregateIdentifier
    public String stream() {
        return Call.streamOf(callId);
    }

    /** Never a number, sealed or not. */
    @Override
    public String toString() {
        return "ReportCallEvent[callId=" + callId + ", event=" + event + ", direction=" + direction + "]";
    }
}
