package io.propdesk.dispatch.domain;

import io.propdesk.platform.calendar.EstateCalendar;
import io.propdesk.platform.calendar.EstateCalendars;
import org.springframework.stereotype.Component;

/** R8, R9 by each estate's latest EstateConfigured: its calendar and its paid-return hours. */
@Component
public class EstateReturnDeadlines implements ReturnDeadlines {

    private final EstateCalendars calendars;

    public EstateReturnDeadlines(EstateCalendars calendars) {
        this.calendars = calendars;
    }

    @Override
    public EstateCalendar calendar(String estateId) {
        return calendars.calendar(estateId);
    }

    @Override
    public int paidReturnHours(String estateId) {
        return calendars.paidReturnHours(estateId);
    }
}
