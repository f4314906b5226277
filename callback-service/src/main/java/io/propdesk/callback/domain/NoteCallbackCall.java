package io.propdesk.callback.domain;

import java.time.Instant;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * From CallEnded naming a callback (issue 16 §4): the call dialled for it ended, answered or not (R5, H5, C2).
 *
 * @param callerId the dialling agent (the call's first user), or "phone system" when it named none
 * @param note     why an unanswered call failed, e.g. "no answer (call CALL-9, busy)"
 */
public record NoteCallbackCall(
        @TargetAggregateIdentifier String ticketId,
        String callbackId,
        String callId,
        boolean answered,
        String callerId,
        String note,
        Instant endedAt) {}
