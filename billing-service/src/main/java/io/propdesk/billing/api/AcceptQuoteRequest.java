package io.propdesk.billing.api;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/** R7: who explained the fee to the owner before the owner accepted it. */
public record AcceptQuoteRequest(@NotBlank @Size(max = 100) String explainedBy) {}
