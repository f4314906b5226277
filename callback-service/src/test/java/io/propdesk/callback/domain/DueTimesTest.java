package io.propdesk.callback.domain;

import static io.propdesk.callback.domain.Calendars.local;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import org.junit.jupiter.api.Test;

/** Every due time of the ledger across nights, weekends and holidays on the estate's calendar (see {@link Calendars}). */
class DueTimesTest {

    private final DueTimes due = Calendars.dueTimes();

    @Test
    void aReplyWindowOpenedInTheMorningEndsFourWorkingHoursLater_R4() {
        assertThat(due.replyDue("sunrise", local("2026-12-29T09:00"))).isEqualTo(local("2026-12-29T13:00"));
    }

    @Test
    void aReplyWindowOpenedInTheAfternoonRunsOnOvernight_R4() {
        // 15:30 -> 2 h until 17:30, the other 2 h from 08:30 next morning
        assertThat(due.replyDue("sunrise", local("2026-12-29T15:30"))).isEqualTo(local("2026-12-30T10:30"));
    }

    @Test
    void aReplyWindowOpenedAtNightStartsCountingNextMorning_R4() {
        assertThat(due.replyDue("sunrise", local("2026-12-29T22:00"))).isEqualTo(local("2026-12-30T12:30"));
    }

    @Test
    void aReplyWindowSkipsTheHolidayAndTheWeekend_R4() {
        // Thursday 15:30: 2 h on Thursday, Friday is New Year's Day, Saturday and Sunday off, 2 h on Monday
        assertThat(due.replyDue("sunrise", local("2026-12-31T15:30"))).isEqualTo(local("2027-01-04T10:30"));
    }

    @Test
    void anEstateOnWallClockCountsTheNightToo_R4() {
        assertThat(due.replyDue("night-owl", local("2026-12-29T22:00"))).isEqualTo(local("2026-12-30T02:00"));
    }

    @Test
    void aCallbackIsDueByTheEndOfTheNextWorkingDay_R5_H5() {
        assertThat(due.callbackDue("sunrise", local("2026-12-29T10:00"))).isEqualTo(local("2026-12-30T17:30"));
        // returned Thursday: Friday is a holiday, the weekend is off
        assertThat(due.callbackDue("sunrise", local("2026-12-31T10:00"))).isEqualTo(local("2027-01-04T17:30"));
        // returned Tuesday evening after hours: that work belongs to Wednesday, so Thursday
        assertThat(due.callbackDue("sunrise", local("2026-12-29T19:00"))).isEqualTo(local("2026-12-31T17:30"));
    }

    @Test
    void aFreeOrderReturnsBeforeItsWorkingDayEnds_R9() {
        assertThat(due.returnDue("sunrise", false, local("2026-12-29T10:15"))).isEqualTo(local("2026-12-29T17:30"));
        // completed Thursday evening: the next working day is Monday
        assertThat(due.returnDue("sunrise", false, local("2026-12-31T18:00"))).isEqualTo(local("2027-01-04T17:30"));
    }

    @Test
    void aPaidOrderReturnsWithinTheEstatesPaidReturnHours_R8() {
        assertThat(due.returnDue("sunrise", true, local("2026-12-31T17:00"))).isEqualTo(local("2026-12-31T19:00"));
    }

    @Test
    void eachDaysReworkReportIsDueByThatDaysEndInTheEstatesZone_R6() {
        assertThat(due.localDay("sunrise", local("2026-12-31T00:30"))).isEqualTo(LocalDate.parse("2026-12-31"));
        assertThat(due.endOfDay("sunrise", LocalDate.parse("2026-12-31"))).isEqualTo(local("2027-01-01T00:00"));
    }
}
