package io.propdesk.callback.analytics;

import static io.propdesk.callback.domain.Calendars.SUNRISE;
import static io.propdesk.callback.domain.Calendars.local;
import static org.assertj.core.api.Assertions.assertThat;

import io.propdesk.callback.analytics.StatusIntervals.Change;
import io.propdesk.callback.analytics.StatusIntervals.Interval;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Issue 18 item 3: the interval and working-time arithmetic of time in status, on the test estate's calendar
 * (Asia/Shanghai, 08:30-17:30, Monday-Friday; 2027-01-01, a Friday, is a holiday).
 */
class StatusIntervalsTest {

    private static Change change(Status status, String local) {
        return new Change(status, local(local));
    }

    @Test
    void aStatusSpanningANightAndAHolidayCountsOnlyWorkingMinutes_issue18_item3() {
        // Thursday 16:30 to Monday 09:30: Thursday 16:30-17:30 (60) + Friday the holiday (0) + the weekend (0)
        // + Monday 08:30-09:30 (60) = 120 working minutes; wall-clock 3 days 17 hours = 5,340 minutes
        Interval dispatched = new Interval(Status.DISPATCHED, local("2026-12-31T16:30"), local("2027-01-04T09:30"));

        assertThat(dispatched.working(SUNRISE, Instant.MAX)).isEqualTo(Duration.ofMinutes(120));
        assertThat(dispatched.wall(Instant.MAX)).isEqualTo(Duration.ofMinutes(5_340));
    }

    @Test
    void aStatusOverOneNightCountsTheEveningAndTheMorning_issue18_item3() {
        // Tuesday 17:00 to Wednesday 09:00: 30 + 30 working minutes of 16 hours
        Interval started = new Interval(Status.STARTED, local("2026-12-29T17:00"), local("2026-12-30T09:00"));

        assertThat(started.working(SUNRISE, Instant.MAX)).isEqualTo(Duration.ofMinutes(60));
        assertThat(started.wall(Instant.MAX)).isEqualTo(Duration.ofHours(16));
    }

    @Test
    void changesInAnyOrderBecomeTheSameIntervalsEndingAtTheClose_issue18_item3() {
        List<Change> changes = List.of(
                change(Status.CLOSED, "2026-12-29T15:00"),
                change(Status.AWAITING_CALLBACK, "2026-12-29T11:00"),
                change(Status.RETURNED, "2026-12-29T11:00"),
                change(Status.OPEN, "2026-12-29T09:00"),
                change(Status.DISPATCHED, "2026-12-29T09:10"));

        assertThat(StatusIntervals.of(changes, null))
                .containsExactly(
                        new Interval(Status.OPEN, local("2026-12-29T09:00"), local("2026-12-29T09:10")),
                        new Interval(Status.DISPATCHED, local("2026-12-29T09:10"), local("2026-12-29T11:00")),
                        // the callback is scheduled the moment the order returns: RETURNED first, for no time
                        new Interval(Status.RETURNED, local("2026-12-29T11:00"), local("2026-12-29T11:00")),
                        new Interval(Status.AWAITING_CALLBACK, local("2026-12-29T11:00"), local("2026-12-29T15:00")));
        List<Change> reversed = new java.util.ArrayList<>(changes);
        java.util.Collections.reverse(reversed);
        assertThat(StatusIntervals.of(reversed, null)).isEqualTo(StatusIntervals.of(changes, null));
    }

    @Test
    void aSecondOrderDispatchedWhileDispatchedContinuesTheIntervalAndAReopenStartsANewOne_issue18_item3() {
        List<Change> changes = List.of(
                change(Status.OPEN, "2026-12-29T09:00"),
                change(Status.DISPATCHED, "2026-12-29T09:10"),
                change(Status.DISPATCHED, "2026-12-29T09:20"),
                change(Status.PICKED_UP, "2026-12-29T10:00"),
                change(Status.CLOSED, "2026-12-29T12:00"),
                change(Status.REOPENED, "2026-12-30T09:00"),
                change(Status.DISPATCHED, "2026-12-30T10:00"));

        List<Interval> intervals = StatusIntervals.of(changes, null);

        assertThat(intervals)
                .containsExactly(
                        new Interval(Status.OPEN, local("2026-12-29T09:00"), local("2026-12-29T09:10")),
                        new Interval(Status.DISPATCHED, local("2026-12-29T09:10"), local("2026-12-29T10:00")),
                        new Interval(Status.PICKED_UP, local("2026-12-29T10:00"), local("2026-12-29T12:00")),
                        new Interval(Status.REOPENED, local("2026-12-30T09:00"), local("2026-12-30T10:00")),
                        new Interval(Status.DISPATCHED, local("2026-12-30T10:00"), null));
        // a still running interval counts up to now
        assertThat(intervals.get(4).ongoing()).isTrue();
        assertThat(intervals.get(4).working(SUNRISE, local("2026-12-30T11:15"))).isEqualTo(Duration.ofMinutes(75));
    }

    @Test
    void anOrdersCallbackWaitEndsWhenItsTicketClosesAndNotAtAnEarlierClose_issue18_item3() {
        List<Change> ticket = List.of(
                change(Status.CLOSED, "2026-12-29T08:45"),
                change(Status.REOPENED, "2026-12-29T08:50"),
                change(Status.CLOSED, "2026-12-29T16:00"));
        List<Change> order = List.of(
                change(Status.DISPATCHED, "2026-12-29T09:00"),
                change(Status.RETURNED, "2026-12-29T11:00"),
                change(Status.AWAITING_CALLBACK, "2026-12-29T11:00"));

        Instant closed = StatusIntervals.closedAfter(ticket, local("2026-12-29T11:00"));

        assertThat(closed).isEqualTo(local("2026-12-29T16:00"));
        assertThat(StatusIntervals.of(order, closed))
                .last()
                .isEqualTo(
                        new Interval(Status.AWAITING_CALLBACK, local("2026-12-29T11:00"), local("2026-12-29T16:00")));
        // a cancelled order ends at its cancellation, whatever its ticket does
        assertThat(StatusIntervals.of(
                        List.of(
                                change(Status.DISPATCHED, "2026-12-29T09:00"),
                                change(Status.CANCELLED, "2026-12-29T09:30")),
                        closed))
                .containsExactly(new Interval(Status.DISPATCHED, local("2026-12-29T09:00"), local("2026-12-29T09:30")));
    }

    @Test
    void theMedianIsTheMiddleAndP90TheNearestRank_issue18_item3() {
        Percentiles odd = new Percentiles();
        for (long v : new long[] {50, 10, 40, 20, 30}) {
            odd.add(v);
        }
        // sorted 10 20 30 40 50: median 30; p90 rank ceil(4.5) = 5 -> 50
        assertThat(odd.median()).isEqualTo(30.0);
        assertThat(odd.percentile(90)).isEqualTo(50.0);

        Percentiles even = new Percentiles();
        for (long v = 1; v <= 20; v++) {
            even.add(v * 10);
        }
        // 10..200: median (100 + 110) / 2 = 105; p90 rank 18 -> 180
        assertThat(even.median()).isEqualTo(105.0);
        assertThat(even.percentile(90)).isEqualTo(180.0);
        assertThat(new Percentiles().median()).isNull();
    }
}
