package io.propdesk.contracts.ticket;

import io.propdesk.contracts.Nullable;
import io.propdesk.contracts.PublicEvent;
import java.time.Instant;
import java.util.List;

/**
 * The phone system reported a new call ({@code newCall}); the first event of a call's log. Keyed by the call id.
 * Phone numbers are sealed as personal data of the owner they belong to, or, for a number no owner has, under a key of
 * the number's own (erasable by number).
 *
 * @param callId         the phone system's call id; a ticket opened during the call carries the same id (R1)
 * @param from           the calling number, sealed
 * @param to             the called number, sealed
 * @param users          the agents the phone system named, if any
 * @param estateId       the estate of the matched owner, or of the called hotline; null when unknown
 * @param ownerId        the owner the outside number belongs to ({@code estate:unit}) when exactly one is known
 * @param callbackId     an outbound call placed to make a scheduled callback (R5, C2, H5)
 * @param returnsCallIds for an outbound call: the earlier unanswered inbound calls from the same number that it
 *                       returns (M1)
 */
public record CallStarted(
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
        Instant startedAt)
        implements PublicEvent {

    public CallStarted {
        users = users == null ? List.of() : List.copyOf(users);
        returnsCallIds = returnsCallIds == null ? List.of() : List.copyOf(returnsCallIds);
    }

    @Override
    public String ticketId() {
        return null;
    }

    @Override
    public String subject() {
        return callId;
    }

    /** Never a number: a record that fails may end up in a log line. */
    @Override
    public String toString() {
        return "CallStarted[callId=" + callId + ", direction=" + direction + ", from=***, to=***, estateId=" + estateId
                + ", callbackId=" + callbackId + "]";
    }
}
