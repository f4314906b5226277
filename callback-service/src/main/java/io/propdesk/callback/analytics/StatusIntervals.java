package io.propdesk.callback.analytics;

import io.propdesk.platform.calendar.EstateCalendar;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;

/**
 * The interval arithmetic of time in status: an item's recorded status changes, in any order, become its intervals
 * (status, from, to), and an interval's length is counted wall-clock and in the estate's working time on the same
 * calendar the SLA clocks use ({@link EstateCalendar#workingTimeBetween}). Plain values, no storage.
 */
public final class StatusIntervals {

    /** One recorded change: from {@code at} the item is in {@code status}. */
    public record Change(Status status, Instant at) {}

    /** A stretch of time in one status; {@code to} is null while it still runs. */
    public record Interval(Status status, Instant from, Instant to) {

        public boolean ongoing() {
            return to == null;
        }

        /** Wall-clock length, up to {@code now} while it runs. */
        public Duration wall(Instant now) {
            Instant end = end(now);
            return end.isAfter(from) ? Duration.between(from, end) : Duration.ZERO;
        }

        /** Working time within the interval on the estate's calendar: nights, days off and holidays do not count. */
        public Duration working(EstateCalendar calendar, Instant now) {
            return calendar.workingTimeBetween(from, end(now));
        }

        private Instant end(Instant now) {
            return to != null ? to : now;
        }
    }

    /** Time order; changes at the same instant in the order of the lifecycle ({@link Status}). */
    static final Comparator<Change> ORDER = Comparator.comparing(Change::at).thenComparing(Change::status);

    private StatusIntervals() {}

    /**
     * The intervals of an item's changes: each counted change opens an interval that runs to the next change (a
     * change to the same status continues it, as a second order dispatched while the ticket is dispatched); CLOSED and
     * CANCELLED end the running one. {@code endedAt}, when not null, ends what still runs then: an order's callback
     * wait ends when its ticket closes.
     */
    public static List<Interval> of(Collection<Change> changes, Instant endedAt) {
        List<Change> sorted = new ArrayList<>(changes);
        sorted.sort(ORDER);
        List<Interval> intervals = new ArrayList<>();
        Status current = null;
        Instant since = null;
        for (Change change : sorted) {
            if (change.status() == current) {
                continue;
            }
            if (current != null) {
                intervals.add(new Interval(current, since, change.at()));
            }
            current = change.status().counted() ? change.status() : null;
            since = change.at();
        }
        if (current != null) {
            Instant end = endedAt != null && !endedAt.isBefore(since) ? endedAt : null;
            intervals.add(new Interval(current, since, end));
        }
        return intervals;
    }

    /**
     * When an order's still running interval ends because its ticket closed: the ticket's first CLOSED at or after the
     * order's last change, or null.
     */
    public static Instant closedAfter(Collection<Change> ticketChanges, Instant lastChange) {
        return ticketChanges.stream()
                .filter(c -> c.status() == Status.CLOSED && !c.at().isBefore(lastChange))
                .map(Change::at)
                .min(Comparator.naturalOrder())
                .orElse(null);
    }
}
