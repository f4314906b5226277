package io.propdesk.callback.domain;

import io.propdesk.callback.CallbackProperties;
import io.propdesk.platform.calendar.EstateCalendar;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;

/**
 * Object Mother for the test estate's calendar: Asia/Shanghai (UTC+8), 08:30-17:30, Monday to Friday, New Year's Day
 * 2027 (a Friday) a holiday. 2026-12-29 is a Tuesday, 2026-12-31 a Thursday.
 */
public final class Calendars {

    public static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");
    public static final EstateCalendar SUNRISE = new EstateCalendar(
            SHANGHAI,
            LocalTime.of(8, 30),
            LocalTime.of(17, 30),
            EnumSet.range(DayOfWeek.MONDAY, DayOfWeek.FRIDAY),
            List.of(LocalDate.parse("2027-01-01")));

    private Calendars() {}

    public static Instant local(String dateTime) {
        return LocalDateTime.parse(dateTime).atZone(SHANGHAI).toInstant();
    }

    /** Due times on the test calendar, with 2 paid-return hours; estate "night-owl" counts replies wall-clock. */
    public static DueTimes dueTimes() {
        return dueTimes(new CallbackProperties(
                java.time.Duration.ofHours(4),
                CallbackProperties.ReplyClock.WORKING_HOURS,
                CallbackProperties.CallbackDue.NEXT_WORKING_DAY,
                Map.of(
                        "night-owl",
                        new CallbackProperties.EstateRules(null, CallbackProperties.ReplyClock.WALL_CLOCK))));
    }

    public static DueTimes dueTimes(CallbackProperties properties) {
        return new DueTimes(estate -> SUNRISE, estate -> 2, properties);
    }
}
