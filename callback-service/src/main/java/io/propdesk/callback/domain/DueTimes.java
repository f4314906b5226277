package io.propdesk.callback.domain;

import io.propdesk.callback.CallbackProperties;
import io.propdesk.callback.CallbackProperties.ReplyClock;
import io.propdesk.contracts.SlaRule;
import io.propdesk.platform.calendar.EstateCalendar;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.function.Function;
import java.util.function.ToIntFunction;

/**
 * Every due time of the ledger, computed on the estate's calendar (time zone, working hours, holidays). Command
 * handlers compute due times with it and record them in events, so replaying a ledger never recomputes a due time
 * under changed rules; a what-if is a separate computation beside the record.
 */
public class DueTimes {

    private final Function<String, EstateCalendar> calendars;
    private final ToIntFunction<String> paidReturnHours;
    private final CallbackProperties properties;

    public DueTimes(
            Function<String, EstateCalendar> calendars,
            ToIntFunction<String> paidReturnHours,
            CallbackProperties properties) {
        this.calendars = calendars;
        this.paidReturnHours = paidReturnHours;
        this.properties = properties;
    }

    public EstateCalendar calendar(String estateId) {
        EstateCalendar calendar = estateId == null ? null : calendars.apply(estateId);
        return calendar == null ? EstateCalendar.DEFAULT : calendar;
    }

    /** R4, C1: the next steward reply is due 4 hours (configurable) after {@code from}, in working time by default. */
    public Instant replyDue(String estateId, Instant from) {
        Duration every = properties.replyEvery(estateId);
        return properties.replyClock(estateId) == ReplyClock.WALL_CLOCK
                ? from.plus(every)
                : calendar(estateId).plusWorkingTime(from, every);
    }

    /** R5, H5, C2: a callback is due by the end of the next working day after the return or sign-off. */
    public Instant callbackDue(String estateId, Instant from) {
        EstateCalendar calendar = calendar(estateId);
        return properties.callbackDue() == CallbackProperties.CallbackDue.NEXT_WORKING_DAY
                ? calendar.endOfNextWorkingDay(from)
                : calendar.endOfWorkingDay(from);
    }

    /**
     * M1: a missed call is returned within 30 minutes (configurable per estate) of the estate's working time from
     * {@code missedAt}; a call missed after hours is due that long into the next working day. An estate whose calendar
     * is unknown counts on the default calendar.
     */
    public Instant missedCallDue(String estateId, Instant missedAt) {
        return calendar(estateId).plusWorkingTime(missedAt, properties.missedCallWindow(estateId));
    }

    /** M1: how many unanswered return calls close a missed call as unreachable. */
    public int missedCallAttempts() {
        return properties.missedCallAttempts();
    }

    /** R8 for paid orders (the estate's paid-return hours after completion), R9 for free ones (that working day). */
    public Instant returnDue(String estateId, boolean paid, Instant completedAt) {
        return paid
                ? completedAt.plus(Duration.ofHours(paidReturnHours.applyAsInt(estateId)))
                : calendar(estateId).endOfWorkingDay(completedAt);
    }

    /** R6: the estate-local day an instant falls on; each day's report is due by that day's end. */
    public LocalDate localDay(String estateId, Instant at) {
        return at.atZone(calendar(estateId).zone()).toLocalDate();
    }

    /** R6: the end of an estate-local day (midnight in the estate's zone). */
    public Instant endOfDay(String estateId, LocalDate day) {
        return day.plusDays(1).atStartOfDay(calendar(estateId).zone()).toInstant();
    }

    /** W1: how long before its due time an obligation of the rule is at risk in the estate (wall-clock). */
    /** W1: the longest warning time in force for any rule and estate. */
    public Duration longestAtRiskBefore() {
        return properties.longestAtRiskBefore();
    }

    public Duration atRiskBefore(String estateId, SlaRule rule) {
        return properties.atRiskBefore(estateId, rule);
    }

    /**
     * W1: the moment an obligation becomes at risk: its due time less the warning, counted wall-clock (a warning of 30
     * minutes before a due time of 08:45 falls at 08:15 even when the working day starts at 08:30), or its opening when
     * it opened already inside the warning time; null for an obligation without a due time (R7 paused, C3), which is
     * never at risk until it gets one. With a warning of zero it is the due time itself, so no warning comes.
     */
    public Instant atRiskAt(String estateId, SlaRule rule, Instant openedAt, Instant dueAt) {
        if (dueAt == null) {
            return null;
        }
        Instant at = dueAt.minus(atRiskBefore(estateId, rule));
        return openedAt != null && at.isBefore(openedAt) && openedAt.isBefore(dueAt) ? openedAt : at;
    }
}
