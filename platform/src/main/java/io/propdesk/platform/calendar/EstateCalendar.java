package io.propdesk.platform.calendar;

import io.propdesk.contracts.ticket.EstateConfigured;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * An estate's working calendar: its time zone, working hours, working days and holidays. Every SLA clock is computed
 * from it (R4, R5, R8, R9, C4), the same way in every service. Immutable; all inputs and outputs are instants.
 */
public final class EstateCalendar {

    /** The default when an estate says nothing: 08:30-17:30, Monday to Saturday, Asia/Shanghai (R9). */
    public static final EstateCalendar DEFAULT = new EstateCalendar(
            ZoneId.of("Asia/Shanghai"),
            LocalTime.of(8, 30),
            LocalTime.of(17, 30),
            EnumSet.range(DayOfWeek.MONDAY, DayOfWeek.SATURDAY),
            List.of());

    private static final int MAX_DAYS_SEARCHED = 3 * 366;

    private final ZoneId zone;
    private final LocalTime start;
    private final LocalTime end;
    private final Set<DayOfWeek> workingDays;
    private final Set<LocalDate> holidays;

    public EstateCalendar(
            ZoneId zone, LocalTime start, LocalTime end, Set<DayOfWeek> workingDays, List<LocalDate> holidays) {
        if (!start.isBefore(end)) {
            throw new IllegalArgumentException("a working day must end after it starts: " + start + "-" + end);
        }
        if (workingDays.isEmpty()) {
            throw new IllegalArgumentException("a calendar needs at least one working day");
        }
        this.zone = zone;
        this.start = start;
        this.end = end;
        this.workingDays = Set.copyOf(workingDays);
        this.holidays = Set.copyOf(holidays);
    }

    public static EstateCalendar of(EstateConfigured estate) {
        return new EstateCalendar(
                estate.zone(), estate.workdayStart(), estate.workdayEnd(), estate.workingDays(), estate.holidays());
    }

    public ZoneId zone() {
        return zone;
    }

    public boolean isWorkingDay(LocalDate date) {
        return workingDays.contains(date.getDayOfWeek()) && !holidays.contains(date);
    }

    public boolean isWorkingTime(Instant instant) {
        ZonedDateTime local = instant.atZone(zone);
        LocalTime time = local.toLocalTime();
        return isWorkingDay(local.toLocalDate()) && !time.isBefore(start) && time.isBefore(end);
    }

    private Instant startOf(LocalDate date) {
        return date.atTime(start).atZone(zone).toInstant();
    }

    private Instant endOf(LocalDate date) {
        return date.atTime(end).atZone(zone).toInstant();
    }

    private LocalDate nextWorkingDayFrom(LocalDate date) {
        LocalDate day = date;
        for (int i = 0; i < MAX_DAYS_SEARCHED; i++, day = day.plusDays(1)) {
            if (isWorkingDay(day)) {
                return day;
            }
        }
        throw new IllegalStateException("no working day within three years of " + date);
    }

    /**
     * R9: the end of the working day on which {@code instant} falls; after hours or on a day off, the end of the next
     * working day (work finished then is returned during the next working day).
     */
    public Instant endOfWorkingDay(Instant instant) {
        LocalDate day = instant.atZone(zone).toLocalDate();
        if (isWorkingDay(day) && instant.isBefore(endOf(day))) {
            return endOf(day);
        }
        return endOf(nextWorkingDayFrom(day.plusDays(1)));
    }

    /** The end of the working day after the one {@code instant} belongs to (a callback due "by the next working day"). */
    public Instant endOfNextWorkingDay(Instant instant) {
        Instant thisDayEnd = endOfWorkingDay(instant);
        return endOf(nextWorkingDayFrom(thisDayEnd.atZone(zone).toLocalDate().plusDays(1)));
    }

    /** The next moment at or after {@code instant} that is working time. */
    public Instant nextWorkingMoment(Instant instant) {
        LocalDate day = instant.atZone(zone).toLocalDate();
        if (isWorkingDay(day)) {
            if (instant.isBefore(startOf(day))) {
                return startOf(day);
            }
            if (instant.isBefore(endOf(day))) {
                return instant;
            }
        }
        return startOf(nextWorkingDayFrom(day.plusDays(1)));
    }

    /**
     * R4 in working hours: the instant when {@code amount} of working time has passed after {@code from}. Time outside
     * working hours does not count; a window that ends exactly at closing time is due at closing time.
     */
    public Instant plusWorkingTime(Instant from, Duration amount) {
        if (amount.isNegative()) {
            throw new IllegalArgumentException("working time to add must not be negative: " + amount);
        }
        Instant cursor = nextWorkingMoment(from);
        Duration left = amount;
        for (int i = 0; i < MAX_DAYS_SEARCHED * 2; i++) {
            Instant dayEnd = endOf(cursor.atZone(zone).toLocalDate());
            Duration available = Duration.between(cursor, dayEnd);
            if (left.compareTo(available) <= 0) {
                return cursor.plus(left);
            }
            left = left.minus(available);
            cursor = nextWorkingMoment(dayEnd);
        }
        throw new IllegalStateException("cannot add " + amount + " of working time to " + from);
    }

    /** The working time between two instants (zero when {@code to} is not after {@code from}). */
    public Duration workingTimeBetween(Instant from, Instant to) {
        Duration total = Duration.ZERO;
        Instant cursor = nextWorkingMoment(from);
        while (cursor.isBefore(to)) {
            Instant dayEnd = endOf(cursor.atZone(zone).toLocalDate());
            Instant stop = dayEnd.isBefore(to) ? dayEnd : to;
            total = total.plus(Duration.between(cursor, stop));
            cursor = nextWorkingMoment(dayEnd);
        }
        return total;
    }
}
