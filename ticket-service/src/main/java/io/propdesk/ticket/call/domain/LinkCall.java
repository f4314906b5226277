package io.propdesk.ticket.call.domain;

import java.time.Instant;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** A ticket was opened with the call's id (R1): the call belongs to it from now on. */
public record LinkCall(String callId, String ticketId, Instant at) {

    @TargetAggregateIdentifier
    public String stream() {
        return Call.streamOf(callId);
    }
}
