package io.propdesk.dispatch.domain;

import io.propdesk.platform.calendar.EstateCalendar;
import java.time.Duration;
import java.time.Instant;

/** When a completed order is due back at the front desk, by the estate's own settings (R8, R9). */
public interface ReturnDeadlines {

    EstateCalendar calendar(String estateId);

    int paidReturnHours(String estateId);

    /** R8: paid orders within the estate's hours of completion; R9: free ones before that working day ends. */
    default Instant dueAt(String estateId, boolean paid, Instant completedAt) {
        return paid
                ? completedAt.plus(Duration.ofHours(paidReturnHours(estateId)))
                : calendar(estateId).endOfWorkingDay(completedAt);
    }
}
