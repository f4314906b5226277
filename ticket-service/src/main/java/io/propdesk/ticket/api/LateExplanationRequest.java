package io.propdesk.ticket.api;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/** R11: why an order was late and who explains it; the time is when the entry is made. */
public record LateExplanationRequest(@NotBlank @Size(max = 100) String orderId,
                                     @NotBlank @Size(max = 2000) String reason,
                                     @NotBlank @Size(max = 100) String explainedBy) {
}
