package io.propdesk.callback.api;

import io.propdesk.contracts.CallerRole;
import io.propdesk.platform.web.FreeText;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/** The owner was reached (R5, H5): who called, at what rank (C2), whether the owner is satisfied, a rating 1-5. */
public record CallbackCompletionRequest(
        @NotBlank @Size(max = 100) String callerId,
        @NotNull CallerRole callerRole,
        @NotNull Boolean satisfied,
        @NotNull @Min(1) @Max(5) Integer rating,
        @Size(max = 2000) @FreeText String comment) {}
