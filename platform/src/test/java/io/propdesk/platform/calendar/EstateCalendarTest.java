package io.propdesk.platform.calendar;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.EnumSet;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Estate calendar maths in the estate's own time zone (Asia/Shanghai, UTC+8): working day 08:30-17:30, Monday to
 * Saturday, New Year's Day 2027 a holiday. 2026-12-31 is a Thursday, 2027-01-03 a Sunday.
 */
class EstateCalendarTest {

    private static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");
    private final EstateCalendar calendar = new EstateCalendar(
            SHANGHAI,
            LocalTime.of(8, 30),
            LocalTime.of(17, 30),
            EnumSet.range(DayOfWeek.MONDAY, DayOfWeek.SATURDAY),
            List.of(LocalDate.parse("2027-01-01")));

    private static Instant local(String dateTime) {
        return LocalDateTime.parse(dateTime).atZone(SHANGHAI).toInstant();
    }

    @Test
    void workDoneDuringAWorkingDayIsDueBackAtItsEnd_R9() {
        assertThat(calendar.endOfWorkingDay(local("2026-12-29T10:15"))).isEqualTo(local("2026-12-29T17:30"));
    }

    @Test
    void workDoneAfterHoursIsDueBackAtTheEndOfTheNextWorkingDay_R9() {
        assertThat(calendar.endOfWorkingDay(local("2026-12-29T19:00"))).isEqualTo(local("2026-12-30T17:30"));
    }

    @Test
    void aHolidayAndASundayAreSkipped_R9() {
        // Thursday night -> Friday is New Year's Day -> Saturday is a working day
        assertThat(calendar.endOfWorkingDay(local("2026-12-31T18:00"))).isEqualTo(local("2027-01-02T17:30"));
        // Saturday night -> Sunday off -> Monday
        assertThat(calendar.endOfWorkingDay(local("2027-01-02T20:00"))).isEqualTo(local("2027-01-04T17:30"));
    }

    @Test
    void theNextWorkingDayEndsADayLater() {
        assertThat(calendar.endOfNextWorkingDay(local("2026-12-31T09:00"))).isEqualTo(local("2027-01-02T17:30"));
    }

    @Test
    void fourWorkingHoursFromTheAfternoonRunIntoTheNextMorning_R4() {
        // 15:30 -> 2 h left today, 2 h from 08:30 next day
        assertThat(calendar.plusWorkingTime(local("2026-12-29T15:30"), Duration.ofHours(4)))
                .isEqualTo(local("2026-12-30T10:30"));
    }

    @Test
    void fourWorkingHoursStartedAtNightCountFromTheNextOpening_R4() {
        assertThat(calendar.plusWorkingTime(local("2026-12-29T23:00"), Duration.ofHours(4)))
                .isEqualTo(local("2026-12-30T12:30"));
    }

    @Test
    void workingHoursSkipWeekendsAndHolidays_R4() {
        // Thursday 16:30 -> 1 h Thursday, Friday holiday, 3 h Saturday
        assertThat(calendar.plusWorkingTime(local("2026-12-31T16:30"), Duration.ofHours(4)))
                .isEqualTo(local("2027-01-02T11:30"));
        // Saturday 17:00 -> 30 min Saturday, Sunday off, 3.5 h Monday
        assertThat(calendar.plusWorkingTime(local("2027-01-02T17:00"), Duration.ofHours(4)))
                .isEqualTo(local("2027-01-04T12:00"));
    }

    @Test
    void aWindowEndingAtClosingTimeIsDueAtClosingTime() {
        assertThat(calendar.plusWorkingTime(local("2026-12-29T13:30"), Duration.ofHours(4)))
                .isEqualTo(local("2026-12-29T17:30"));
    }

    @Test
    void workingTimeBetweenCountsOnlyOpenHours() {
        assertThat(calendar.workingTimeBetween(local("2026-12-31T16:30"), local("2027-01-02T11:30")))
                .isEqualTo(Duration.ofHours(4));
        assertThat(calendar.workingTimeBetween(local("2027-01-03T09:00"), local("2027-01-03T17:00")))
                .isZero();
    }

    @Test
    void workingTimeIsJudgedInTheEstatesZoneNotUtc() {
        // 01:00 UTC is 09:00 in Shanghai
        assertThat(calendar.isWorkingTime(Instant.parse("2026-12-29T01:00:00Z")))
                .isTrue();
        assertThat(calendar.isWorkingTime(Instant.parse("2026-12-29T10:00:00Z")))
                .isFalse();
        assertThat(calendar.isWorkingDay(LocalDate.parse("2027-01-01"))).isFalse();
    }

    @Test
    void aCalendarWithoutWorkingDaysOrWithAnInvertedDayIsRefused() {
        assertThatThrownBy(() -> new EstateCalendar(
                        SHANGHAI, LocalTime.of(9, 0), LocalTime.of(8, 0), EnumSet.of(DayOfWeek.MONDAY), List.of()))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new EstateCalendar(
                        SHANGHAI, LocalTime.of(8, 0), LocalTime.of(9, 0), EnumSet.noneOf(DayOfWeek.class), List.of()))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
