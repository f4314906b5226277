package io.propdesk.billing.api;

import io.propdesk.contracts.Department;
import io.propdesk.contracts.Money;
import io.propdesk.platform.web.FreeText;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.util.List;

/**
 * A quote for a paid order (R7, P2). Each line is a price-list item ({@code itemCode} × {@code quantity}) or a job
 * priced on site ({@code description}, {@code unitPrice} × {@code quantity}).
 */
public record IssueQuoteRequest(
        @NotBlank @Size(max = 100) String ticketId,
        @NotBlank @Size(max = 100) String orderId,
        @NotNull Department department,
        @NotEmpty @Size(max = 100) List<@Valid @NotNull Line> lines,
        @NotNull @Valid PricedBy pricedBy) {

    public record Line(
            @Size(max = 40) String itemCode,
            @Size(max = 200) @FreeText String description,
            @NotNull @Min(1) @Max(10000) Integer quantity,
            Money unitPrice) {}

    /** P2: the steward priced it on site with the department's professional. */
    public record PricedBy(
            @NotBlank @Size(max = 100) String stewardId,
            @NotBlank @Size(max = 100) String professionalId) {}
}
