package io.propdesk.contracts.callback;

import io.propdesk.contracts.PublicEvent;
import java.time.Instant;

/**
 * A call dialled for a callback ended (R5, H5, C2; issue 16 §4), recorded on the callback by itself. Answered, the
 * owner was reached and the callback waits for its satisfaction outcome (CallbackCompleted); unanswered, a
 * CallbackAttempted follows, like an attempt recorded at the desk. One per call.
 *
 * @param callId   the phone system's id of the dialled call (ticket-service's call log)
 * @param answered whether the owner answered
 * @param callerId the dialling agent, as the phone system named them ("phone system" when it named none)
 */
public record CallbackCallEnded(
        String ticketId, String callbackId, String callId, boolean answered, String callerId, Instant endedAt)
        implements PublicEvent {}
