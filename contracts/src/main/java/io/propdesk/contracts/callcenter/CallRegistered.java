package io.propdesk.contracts.callcenter;

import io.propdesk.contracts.Nullable;
import io.propdesk.contracts.PublicEvent;
import io.propdesk.contracts.Severity;
import io.propdesk.contracts.TicketKind;
import java.time.Instant;

/**
 * Inbound from the call-center system: a registered call, which opens a ticket exactly like
 * {@code POST /api/tickets} (R1). The call id makes it idempotent: a re-delivered call never opens a
 * second ticket. It has no ticket yet, so the call is its subject.
 *
 * @param paid        null when the call center does not know; the front desk decides (R7)
 * @param severity    for complaints only (C2)
 * @param serviceTime the service time confirmed with the customer, for housekeeping kinds (H6)
 */
public record CallRegistered(
        String callId,
        String estateId,
        @Nullable String unitId,
        TicketKind kind,
        Boolean paid,
        Severity severity,
        String description,
        String callerName,
        String callerPhone,
        String acceptor,
        Instant receivedAt,
        Instant serviceTime)
        implements PublicEvent {

    @Override
    public String ticketId() {
        return null;
    }

    @Override
    public String subject() {
        return callId;
    }

    /** Never the caller's name or phone: a record that fails may end up in a log line. */
    @Override
    public String toString() {
        return "CallRegistered[callId=" + callId + ", estateId=" + estateId + ", unitId=" + unitId + ", kind=" + kind
                + ", callerName=***, callerPhone=***]";
    }
}
