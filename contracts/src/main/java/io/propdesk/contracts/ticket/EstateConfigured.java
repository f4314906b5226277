package io.propdesk.contracts.ticket;

import io.propdesk.contracts.Nullable;
import io.propdesk.contracts.PublicEvent;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * The whole configuration of an estate, republished in full on every change so that a consumer needs
 * only the latest one: its calendar, from which every SLA clock is computed (R4-R9, C2, C4), and its
 * areas and buildings with their stewards (R3, C1; one team leader per area, H3, H4).
 *
 * @param timeZone        IANA zone id of the estate, e.g. {@code Asia/Shanghai}
 * @param workdayStart    start of the working day, local time (R9, default 08:30)
 * @param workdayEnd      end of the working day, local time (R9, default 17:30)
 * @param paidReturnHours hours after completion within which a paid order returns (R8, default 2)
 * @param hotlines        the estate's own phone numbers (E.164) that owners call: an inbound call to one of them
 *                        belongs to this estate when the caller's number names no owner (issue 16)
 */
public record EstateConfigured(
        String estateId,
        String name,
        String timeZone,
        LocalTime workdayStart,
        LocalTime workdayEnd,
        Set<DayOfWeek> workingDays,
        List<LocalDate> holidays,
        List<Area> areas,
        List<Building> buildings,
        int paidReturnHours,
        Instant configuredAt,
        @Nullable List<String> hotlines)
        implements PublicEvent {

    public EstateConfigured {
        workingDays = workingDays == null ? Set.of() : Collections.unmodifiableSet(new TreeSet<>(workingDays));
        holidays = holidays == null ? List.of() : List.copyOf(holidays);
        areas = areas == null ? List.of() : List.copyOf(areas);
        buildings = buildings == null ? List.of() : List.copyOf(buildings);
        hotlines = hotlines == null ? List.of() : List.copyOf(hotlines);
    }

    /** An estate without hotlines (the configuration before issue 16). */
    public EstateConfigured(
            String estateId,
            String name,
            String timeZone,
            LocalTime workdayStart,
            LocalTime workdayEnd,
            Set<DayOfWeek> workingDays,
            List<LocalDate> holidays,
            List<Area> areas,
            List<Building> buildings,
            int paidReturnHours,
            Instant configuredAt) {
        this(
                estateId,
                name,
                timeZone,
                workdayStart,
                workdayEnd,
                workingDays,
                holidays,
                areas,
                buildings,
                paidReturnHours,
                configuredAt,
                List.of());
    }

    public record Area(String areaId, String name) {}

    /** @param stewardId the steward (貼心管家) of the building's owners (R3) */
    public record Building(
            String buildingId,
            String areaId,
            String name,
            @Nullable String stewardId,
            List<String> units) {
        public Building {
            units = units == null ? List.of() : List.copyOf(units);
        }
    }

    /** The building a unit belongs to, which gives its area and steward (R3). */
    public Optional<Building> buildingOfUnit(String unitId) {
        return buildings.stream().filter(b -> b.units().contains(unitId)).findFirst();
    }

    public ZoneId zone() {
        return ZoneId.of(timeZone);
    }

    @Override
    public String ticketId() {
        return null;
    }

    @Override
    public String subject() {
        return estateId;
    }
}
