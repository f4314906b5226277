package io.propdesk.ticket.api;

import io.propdesk.contracts.Channel;
import io.propdesk.contracts.Severity;
import io.propdesk.contracts.TicketKind;
import io.propdesk.platform.web.FreeText;
import io.propdesk.platform.web.InWindow;
import io.propdesk.platform.web.ResourceId;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.time.Instant;

/**
 * A call as the front desk registers it (R1). {@code callId} is the call-center's id and the idempotency key, so it
 * is required; {@code receivedAt} defaults to now and {@code channel} to PHONE. Estate and unit ids are path-safe ids
 * (an owner is {@code <estateId>:<unitId>}); a call is received at most 30 days ago, and its service time lies between
 * a day ago and a year ahead.
 */
public record OpenTicketRequest(
        @NotBlank @Size(max = 100) @Pattern(regexp = "[A-Za-z0-9._:-]+", message = "letters, digits and . _ : - only")
        String callId,

        @NotBlank @ResourceId String estateId,
        @NotBlank @ResourceId String unitId,
        @NotNull TicketKind kind,
        Boolean paid,
        Severity severity,
        @NotBlank @Size(max = 2000) @FreeText String description,
        @NotBlank @Size(max = 100) String callerName,

        @NotBlank @Pattern(regexp = "\\+?[0-9][0-9 -]{4,19}", message = "not a phone number")
        String callerPhone,

        Channel channel,
        @NotBlank @Size(max = 100) String acceptor,
        @InWindow(notBefore = "-P30D", notAfter = "+PT5M") Instant receivedAt,
        @InWindow(notBefore = "-P1D", notAfter = "+P365D") Instant serviceTime) {

    /** Never the caller's name or phone: a rejected request may end up in a log line. */
    @Override
    public String toString() {
        return "OpenTicketRequest[callId=" + callId + ", estateId=" + estateId + ", unitId=" + unitId + ", kind=" + kind
                + ", callerName=***, callerPhone=***]";
    }
}
