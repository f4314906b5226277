package io.propdesk.callback.api;

import io.propdesk.callback.CallbackProperties.CallbackDue;
import io.propdesk.callback.CallbackProperties.ReplyClock;
import io.propdesk.platform.web.InWindow;
import jakarta.validation.constraints.NotNull;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalTime;
import java.util.Map;
import java.util.Set;

/**
 * A what-if of the compliance figures: the period and grouping as in {@code GET /api/sla/compliance}, and the rules to
 * recompute them under; a field left out keeps the rule in force.
 *
 * @param replyEveryHours R4: a steward reply is due every this many hours (1-24)
 * @param replyClock      R4: counted in working hours or wall-clock
 * @param callbackDue     R5, H5, C2: a callback is due by the end of the same or the next working day
 * @param estates         per estate id: its own reply rule and another working day; unknown estates are ignored
 */
public record WhatIfRequest(
        @NotNull @InWindow Instant from,
        @NotNull @InWindow Instant to,
        String groupBy,
        Integer replyEveryHours,
        ReplyClock replyClock,
        CallbackDue callbackDue,
        Map<String, EstateRules> estates) {

    /** An estate's what-if rules: its reply rule, and its working day (start, end, working days of the week). */
    public record EstateRules(
            Integer replyEveryHours,
            ReplyClock replyClock,
            LocalTime workdayStart,
            LocalTime workdayEnd,
            Set<DayOfWeek> workingDays) {}
}
