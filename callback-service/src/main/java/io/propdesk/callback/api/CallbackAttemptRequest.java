package io.propdesk.callback.api;

import io.propdesk.contracts.CallerRole;
import io.propdesk.platform.web.FreeText;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/** A call that did not reach the owner (R5, H5); the caller's rank matters on a MAJOR complaint (C2). */
public record CallbackAttemptRequest(
        @NotBlank @Size(max = 100) String callerId,
        @NotNull CallerRole callerRole,
        @Size(max = 500) @FreeText String note) {}
