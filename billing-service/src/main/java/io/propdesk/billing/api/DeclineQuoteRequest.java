package io.propdesk.billing.api;

import io.propdesk.platform.web.FreeText;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/** Why the owner declined the fee (R7). */
public record DeclineQuoteRequest(
        @NotBlank @Size(max = 500) @FreeText String reason) {}
