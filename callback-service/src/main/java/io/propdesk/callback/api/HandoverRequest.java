package io.propdesk.callback.api;

import io.propdesk.platform.web.ResourceId;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/** C5: the outgoing shift hands over an estate. */
public record HandoverRequest(
        @NotBlank @ResourceId String estateId,
        @NotBlank @Size(max = 100) String handedOverBy) {}
