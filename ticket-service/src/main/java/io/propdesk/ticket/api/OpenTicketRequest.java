package io.propdesk.ticket.api;

import java.time.Instant;

import io.propdesk.contracts.Channel;
import io.propdesk.contracts.Severity;
import io.propdesk.contracts.TicketKind;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/**
 * A call as the front desk registers it (R1). {@code callId} is the call-center's id and the idempotency key, so it
 * is required (issue 15 item 1); {@code receivedAt} defaults to now and {@code channel} to PHONE.
 */
public record OpenTicketRequest(
        @NotBlank @Size(max = 100) @Pattern(regexp = "[A-Za-z0-9._:-]+", message = "letters, digits and . _ : - only")
        String callId,
        @NotBlank @Size(max = 100) String estateId,
        @NotBlank @Size(max = 100) String unitId,
        @NotNull TicketKind kind,
        Boolean paid,
        Severity severity,
        @NotBlank @Size(max = 2000) String description,
        @NotBlank @Size(max = 100) String callerName,
        @NotBlank @Pattern(regexp = "\\+?[0-9][0-9 -]{4,19}", message = "not a phone number") String callerPhone,
        Channel channel,
        @NotBlank @Size(max = 100) String acceptor,
        Instant receivedAt,
        Instant serviceTime) {

    /** Never the caller's name or phone: a rejected request may end up in a log line. */
    @Override
    public String toString() {
        return "OpenTicketRequest[callId=" + callId + ", estateId=" + estateId + ", unitId=" + unitId + ", kind=" + kind
                + ", callerName=***, callerPhone=***]";
    }
}
