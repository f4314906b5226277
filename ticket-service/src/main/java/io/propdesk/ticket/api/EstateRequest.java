package io.propdesk.ticket.api;

import io.propdesk.platform.web.InWindow;
import io.propdesk.platform.web.ResourceId;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.List;
import java.util.Set;

/**
 * An estate's whole configuration (PUT replaces it). Working hours default to 08:30-17:30 Monday to Saturday and
 * the paid return window to 2 hours (R8, R9). Area, building and unit ids are path-safe ids like the estate's own:
 * an owner {@code <estateId>:<unitId>} must stay reachable by {@code /api/owners/{ownerId}}. The hotlines are the
 * numbers owners call, in any form a phone system writes them; they are kept in E.164.
 */
public record EstateRequest(
        @NotBlank @Size(max = 200) String name,
        @NotBlank @Size(max = 64) String timeZone,
        LocalTime workdayStart,
        LocalTime workdayEnd,
        Set<DayOfWeek> workingDays,
        @Size(max = 366) List<@NotNull @InWindow LocalDate> holidays,
        @Min(1) @Max(72) Integer paidReturnHours,
        @NotEmpty @Size(max = 200) List<@Valid @NotNull AreaRequest> areas,
        @NotNull @Size(max = 2000) List<@Valid @NotNull BuildingRequest> buildings,
        @Size(max = 50) List<@NotBlank @Size(max = 40) String> hotlines) {

    public record AreaRequest(
            @NotBlank @ResourceId String areaId,
            @NotBlank @Size(max = 200) String name) {}

    public record BuildingRequest(
            @NotBlank @ResourceId String buildingId,
            @NotBlank @ResourceId String areaId,
            @Size(max = 200) String name,
            @Size(max = 100) String stewardId,
            @NotNull @Size(max = 5000) List<@NotBlank @ResourceId String> units) {}
}
