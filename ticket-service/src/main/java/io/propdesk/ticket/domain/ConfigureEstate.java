package io.propdesk.ticket.domain;

import io.propdesk.contracts.ticket.EstateConfigured;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.List;
import java.util.Set;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Replace an estate's whole configuration: calendar, areas, buildings with their stewards and units, and the hotline
 * numbers (E.164) its owners call.
 */
public record ConfigureEstate(
        @TargetAggregateIdentifier String estateId,
        String name,
        String timeZone,
        LocalTime workdayStart,
        LocalTime workdayEnd,
        Set<DayOfWeek> workingDays,
        List<LocalDate> holidays,
        List<EstateConfigured.Area> areas,
        List<EstateConfigured.Building> buildings,
        int paidReturnHours,
        Instant configuredAt,
        List<String> hotlines) {

    public ConfigureEstate {
        hotlines = hotlines == null ? List.of() : List.copyOf(hotlines);
    }
}
