package io.propdesk.callback.api;

import io.propdesk.platform.web.FreeText;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/** R4, C1: the steward tells the front desk how the work stands. */
public record StewardReplyRequest(
        @NotBlank @Size(max = 100) String stewardId,
        @NotBlank @Size(max = 2000) @FreeText String message,
        @Size(max = 500) @FreeText String progress) {}
