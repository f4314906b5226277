package io.propdesk.dispatch.api;

import io.propdesk.contracts.Department;
import io.propdesk.platform.web.FreeText;
import io.propdesk.platform.web.InWindow;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.time.LocalDate;

/** The request bodies of the work-order endpoints. */
public final class OrderRequests {

    private OrderRequests() {}

    /** C1: the steward routes a complaint to the department that handles it. */
    public record RouteComplaint(
            @NotBlank @Size(max = 100) String ticketId,
            @NotNull Department department,
            @Size(max = 100) String routedBy) {}

    public record PickUp(
            @NotBlank @Size(max = 100) String pickedUpBy,
            @Size(max = 100) String assignedTo) {}

    public record Start(@NotBlank @Size(max = 100) String startedBy) {}

    public record Complete(
            @NotBlank @Size(max = 100) String completedBy,
            @Size(max = 2000) @FreeText String result) {}

    public record Return(
            @NotBlank @Size(max = 100) String returnedBy,
            @Size(max = 2000) @FreeText String note) {}

    /** R6: the day reported, what the contractor did, the contractor, and whether the defect is fixed. */
    public record ReworkReport(
            @NotNull @InWindow LocalDate date,
            @NotBlank @Size(max = 2000) @FreeText String progress,
            @NotBlank @Size(max = 200) String contractor,
            @NotBlank @Size(max = 100) String reportedBy,
            boolean resolved) {}
}
