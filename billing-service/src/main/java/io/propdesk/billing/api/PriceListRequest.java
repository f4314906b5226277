package io.propdesk.billing.api;

import io.propdesk.contracts.Money;
import io.propdesk.platform.web.InWindow;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.time.LocalDate;
import java.util.List;

/**
 * A new version of a department's price list (P1): its items and the day it takes effect (2000-01-01..2100-12-31).
 * A price is a decimal string of at most two decimals, at most 1,000,000.00 (see RequestJson).
 */
public record PriceListRequest(
        @NotNull @InWindow LocalDate effectiveFrom,
        @NotEmpty @Size(max = 500) List<@Valid @NotNull Item> items,
        @NotBlank @Size(max = 100) String publishedBy) {

    /** @param unit what the price is per, e.g. "visit", "hour", "m²" */
    public record Item(
            @NotBlank @Size(max = 40) @Pattern(regexp = "[A-Za-z0-9._-]+", message = "letters, digits and . _ - only")
            String code,

            @NotBlank @Size(max = 200) String name,
            @NotBlank @Size(max = 40) String unit,
            @NotNull Money price) {}
}
