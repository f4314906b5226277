package io.propdesk.ticket.api;

import io.propdesk.platform.web.FreeText;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/** R11: why an order was late and who explains it; the time is when the entry is made. */
public record LateExplanationRequest(
        @NotBlank @Size(max = 100) String orderId,
        @NotBlank @Size(max = 2000) @FreeText String reason,
        @NotBlank @Size(max = 100) String explainedBy) {}
