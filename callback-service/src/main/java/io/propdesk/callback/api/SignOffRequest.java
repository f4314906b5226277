package io.propdesk.callback.api;

import io.propdesk.platform.web.FreeText;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/** C3: the complaint's steward signs the register. */
public record SignOffRequest(
        @NotBlank @Size(max = 100) String stewardId,
        @Size(max = 2000) @FreeText String note) {}
