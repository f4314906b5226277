package io.propdesk.callback.domain;

import static io.propdesk.callback.domain.Calendars.local;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.propdesk.callback.CallbackProperties;
import io.propdesk.callback.CallbackProperties.EstateRules;
import io.propdesk.contracts.Department;
import io.propdesk.contracts.SlaRule;
import io.propdesk.contracts.TicketKind;
import io.propdesk.contracts.callback.FollowUpOpened;
import io.propdesk.contracts.callback.ObligationAtRisk;
import io.propdesk.contracts.callback.ObligationFulfilled;
import io.propdesk.contracts.callback.ObligationOpened;
import io.propdesk.contracts.callback.ObligationRescheduled;
import io.propdesk.contracts.callback.ObligationWithdrawn;
import io.propdesk.contracts.callback.SlaBreached;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.TestExecutor;
import org.junit.jupiter.api.Test;

/**
 * W1 on a ticket's ledger: every open obligation is at risk a configurable time before it is due, announced once. Time
 * moved by hand on the test estate's calendar ({@link Calendars}: 08:30-17:30 Asia/Shanghai, Monday-Friday; 2026-12-29
 * is a Tuesday); the warning is 30 minutes unless a test configures another.
 */
class ObligationAtRiskTest {

    private static final String T = "T-1";
    private static final String ESTATE = "sunrise";
    private static final Instant OPENED = local("2026-12-29T09:00");
    /** R4: the first reply window, 4 working hours after the ticket opened. */
    private static final Instant DUE = local("2026-12-29T13:00");

    private static final String WINDOW = T + ":R4:1";

    private static AggregateTestFixture<TicketLedger> fixture(CallbackProperties properties) {
        AggregateTestFixture<TicketLedger> fixture = new AggregateTestFixture<>(TicketLedger.class);
        fixture.registerInjectableResource(Calendars.dueTimes(properties));
        return fixture;
    }

    private static CallbackProperties warnings(
            Duration everywhere, Map<SlaRule, Duration> byRule, Map<String, EstateRules> estates) {
        return new CallbackProperties(
                Duration.ofHours(4),
                CallbackProperties.ReplyClock.WORKING_HOURS,
                CallbackProperties.CallbackDue.NEXT_WORKING_DAY,
                Duration.ofMinutes(30),
                3,
                everywhere,
                byRule,
                estates);
    }

    private static final CallbackProperties DEFAULTS =
            warnings(CallbackProperties.DEFAULT_AT_RISK_BEFORE, Map.of(), Map.of());

    private static TestExecutor<TicketLedger> givenARepairWithItsFirstWindow(
            CallbackProperties properties, Object... more) {
        List<Object> events = new ArrayList<>(List.of(
                new FollowUpOpened(
                        T,
                        ESTATE,
                        TicketKind.REPAIR,
                        null,
                        false,
                        "desk-chen",
                        "steward-li",
                        Department.ENGINEERING,
                        null,
                        OPENED),
                opened(WINDOW, SlaRule.R4, "steward", null, OPENED, DUE)));
        events.addAll(List.of(more));
        return fixture(properties).given(events);
    }

    private static ObligationOpened opened(
            String id, SlaRule rule, String party, String orderId, Instant at, Instant dueAt) {
        return new ObligationOpened(
                T,
                null,
                id,
                rule,
                party,
                orderId,
                null,
                null,
                ESTATE,
                Department.ENGINEERING,
                "steward-li",
                "desk-chen",
                at,
                dueAt);
    }

    private static ObligationAtRisk atRisk(
            String id, SlaRule rule, String party, String orderId, Instant dueAt, Instant at, int minutes) {
        return new ObligationAtRisk(
                T,
                null,
                id,
                rule,
                party,
                orderId,
                ESTATE,
                Department.ENGINEERING,
                "steward-li",
                "desk-chen",
                dueAt,
                at,
                minutes);
    }

    private static ObligationAtRisk windowAtRisk(Instant at, int minutes) {
        return atRisk(WINDOW, SlaRule.R4, "steward", null, DUE, at, minutes);
    }

    // ---------------------------------------------------------------- the moment

    @Test
    void anOpenObligationIsNotAtRiskBeforeItsWarningTime_W1() {
        givenARepairWithItsFirstWindow(DEFAULTS)
                .when(new MarkObligationsAtRisk(T, local("2026-12-29T12:29:59")))
                .expectNoEvents();
    }

    @Test
    void anOpenObligationIsAtRiskThirtyMinutesBeforeItIsDue_W1() {
        // R4:1 due 13:00, the default warning of 30 minutes: at risk from 12:30, announced with who owes it
        givenARepairWithItsFirstWindow(DEFAULTS)
                .when(new MarkObligationsAtRisk(T, local("2026-12-29T12:30")))
                .expectEvents(windowAtRisk(local("2026-12-29T12:30"), 30));
    }

    @Test
    void aTickLateInTheWindowStillAnnouncesTheMomentItBecameAtRisk_W1() {
        givenARepairWithItsFirstWindow(DEFAULTS)
                .when(new MarkObligationsAtRisk(T, local("2026-12-29T12:50")))
                .expectEvents(windowAtRisk(local("2026-12-29T12:30"), 30));
    }

    @Test
    void aReSentCommandAnnouncesNothingAgain_W1() {
        // a second tick, a restart's first tick or a second instance: the ledger remembers it announced the window
        givenARepairWithItsFirstWindow(DEFAULTS, windowAtRisk(local("2026-12-29T12:30"), 30))
                .when(new MarkObligationsAtRisk(T, local("2026-12-29T12:31")))
                .expectNoEvents()
                .expectState(ledger -> assertThat(ledger.view().obligations())
                        .singleElement()
                        .satisfies(o -> {
                            assertThat(o.atRisk()).isTrue();
                            assertThat(o.atRiskAt()).isEqualTo(local("2026-12-29T12:30"));
                        }));
    }

    @Test
    void anObligationThatOpensInsideItsWarningIsAtRiskAtOnce_W1() {
        // R9: a free order completed at 17:10 is due back by the working day's end, 17:30: 20 minutes, less than the
        // 30 minutes' warning, so it is at risk from its opening
        Instant completed = local("2026-12-29T17:10");
        Instant returnDue = local("2026-12-29T17:30");
        String ret = T + ":R9:WO-1";
        givenARepairWithItsFirstWindow(
                        DEFAULTS,
                        new SlaBreached(
                                T,
                                null,
                                WINDOW,
                                SlaRule.R4,
                                null,
                                ESTATE,
                                Department.ENGINEERING,
                                "steward-li",
                                "desk-chen",
                                1,
                                DUE,
                                DUE),
                        opened(ret, SlaRule.R9, "department", "WO-1", completed, returnDue))
                .when(new MarkObligationsAtRisk(T, completed.plusSeconds(1)))
                .expectEvents(atRisk(ret, SlaRule.R9, "department", "WO-1", returnDue, completed, 30));
    }

    @Test
    void aFulfilledObligationIsNeverAtRisk_W1() {
        givenARepairWithItsFirstWindow(
                        DEFAULTS,
                        new ObligationFulfilled(
                                T,
                                null,
                                WINDOW,
                                SlaRule.R4,
                                null,
                                ESTATE,
                                Department.ENGINEERING,
                                "steward-li",
                                "desk-chen",
                                "StewardReplied/" + T,
                                DUE,
                                local("2026-12-29T12:00")),
                        opened(
                                T + ":R4:2",
                                SlaRule.R4,
                                "steward",
                                null,
                                local("2026-12-29T12:00"),
                                local("2026-12-29T16:00")))
                .when(new MarkObligationsAtRisk(T, local("2026-12-29T12:45")))
                .expectNoEvents();
    }

    @Test
    void aWithdrawnObligationIsNeverAtRisk_W1() {
        givenARepairWithItsFirstWindow(
                        DEFAULTS,
                        new ObligationWithdrawn(
                                T, null, WINDOW, SlaRule.R4, "ticket closed", local("2026-12-29T12:00")))
                .when(new MarkObligationsAtRisk(T, local("2026-12-29T12:45")))
                .expectNoEvents();
    }

    @Test
    void aDueObligationIsBreachedNotWarnedOf_W1() {
        // after an outage past the due time the tick breaches the window (BreachDueObligations runs first); a warning
        // for it would come too late to act on
        givenARepairWithItsFirstWindow(DEFAULTS)
                .when(new MarkObligationsAtRisk(T, DUE))
                .expectNoEvents();
    }

    @Test
    void aBreachedObligationIsNotWarnedOfAfterwards_W1() {
        givenARepairWithItsFirstWindow(
                        DEFAULTS,
                        new SlaBreached(
                                T,
                                null,
                                WINDOW,
                                SlaRule.R4,
                                null,
                                ESTATE,
                                Department.ENGINEERING,
                                "steward-li",
                                "desk-chen",
                                1,
                                DUE,
                                DUE),
                        opened(T + ":R4:2", SlaRule.R4, "steward", null, DUE, local("2026-12-29T17:00")))
                .when(new MarkObligationsAtRisk(T, local("2026-12-29T13:00:01")))
                .expectNoEvents();
    }

    @Test
    void aPausedObligationWithoutADueTimeIsNeverAtRisk_W1_R7() {
        givenARepairWithItsFirstWindow(
                        DEFAULTS,
                        new SlaBreached(
                                T,
                                null,
                                WINDOW,
                                SlaRule.R4,
                                null,
                                ESTATE,
                                Department.ENGINEERING,
                                "steward-li",
                                "desk-chen",
                                1,
                                DUE,
                                DUE),
                        opened(T + ":R7:WO-1", SlaRule.R7, "department", "WO-1", OPENED, null))
                .when(new MarkObligationsAtRisk(T, local("2026-12-31T12:00")))
                .expectNoEvents();
    }

    @Test
    void anObligationRescheduledAfterItsAnnouncementIsNotAnnouncedAgain_W1() {
        // once per obligation: the estate's late calendar moved the window to 15:00, but it was at risk already
        Instant later = local("2026-12-29T15:00");
        givenARepairWithItsFirstWindow(
                        DEFAULTS,
                        windowAtRisk(local("2026-12-29T12:30"), 30),
                        new ObligationRescheduled(T, null, WINDOW, SlaRule.R4, DUE, later, OPENED))
                .when(new MarkObligationsAtRisk(T, local("2026-12-29T14:30")))
                .expectNoEvents();
    }

    @Test
    void anObligationRescheduledBeforeItsMomentIsAtRiskBeforeItsNewDueTime_W1() {
        Instant later = local("2026-12-29T15:00");
        givenARepairWithItsFirstWindow(
                        DEFAULTS, new ObligationRescheduled(T, null, WINDOW, SlaRule.R4, DUE, later, OPENED))
                .when(new MarkObligationsAtRisk(T, local("2026-12-29T14:30")))
                .expectEvents(atRisk(WINDOW, SlaRule.R4, "steward", null, later, local("2026-12-29T14:30"), 30));
    }

    // ---------------------------------------------------------------- the warning time, configured

    @Test
    void aRulesOwnWarningTimeOutranksTheServiceWideOne_W1() {
        CallbackProperties hourForReplies =
                warnings(Duration.ofMinutes(30), Map.of(SlaRule.R4, Duration.ofHours(1)), Map.of());
        givenARepairWithItsFirstWindow(hourForReplies)
                .when(new MarkObligationsAtRisk(T, local("2026-12-29T12:00")))
                .expectEvents(windowAtRisk(local("2026-12-29T12:00"), 60));
    }

    @Test
    void anEstatesWarningTimeOutranksTheServiceWideRuleAndTheEstatesRuleOutranksThat_W1() {
        // service: 30 min, R4 1 h; estate sunrise: 15 min
        Map<SlaRule, Duration> hourForReplies = Map.of(SlaRule.R4, Duration.ofHours(1));
        CallbackProperties estateWide = warnings(
                Duration.ofMinutes(30),
                hourForReplies,
                Map.of(ESTATE, new EstateRules(null, null, null, Duration.ofMinutes(15), Map.of())));
        givenARepairWithItsFirstWindow(estateWide)
                .when(new MarkObligationsAtRisk(T, local("2026-12-29T12:44")))
                .expectNoEvents();
        givenARepairWithItsFirstWindow(estateWide)
                .when(new MarkObligationsAtRisk(T, local("2026-12-29T12:45")))
                .expectEvents(windowAtRisk(local("2026-12-29T12:45"), 15));
        // ... and the estate's own R4 setting, 2 h, outranks its 15 minutes
        CallbackProperties estateRule = warnings(
                Duration.ofMinutes(30),
                hourForReplies,
                Map.of(
                        ESTATE,
                        new EstateRules(
                                null, null, null, Duration.ofMinutes(15), Map.of(SlaRule.R4, Duration.ofHours(2)))));
        givenARepairWithItsFirstWindow(estateRule)
                .when(new MarkObligationsAtRisk(T, local("2026-12-29T11:00")))
                .expectEvents(windowAtRisk(local("2026-12-29T11:00"), 120));
    }

    @Test
    void anotherEstatesWarningTimeDoesNotApply_W1() {
        CallbackProperties otherEstate = warnings(
                Duration.ofMinutes(30),
                Map.of(),
                Map.of("night-owl", new EstateRules(null, null, null, Duration.ofHours(3), Map.of())));
        givenARepairWithItsFirstWindow(otherEstate)
                .when(new MarkObligationsAtRisk(T, local("2026-12-29T12:29")))
                .expectNoEvents();
    }

    @Test
    void aWarningOfZeroTurnsWarningsOff_W1() {
        givenARepairWithItsFirstWindow(warnings(Duration.ZERO, Map.of(), Map.of()))
                .when(new MarkObligationsAtRisk(T, local("2026-12-29T12:59:59")))
                .expectNoEvents();
    }

    @Test
    void aNegativeWarningStopsTheStart_W1() {
        assertThatThrownBy(() -> warnings(Duration.ofMinutes(-5), Map.of(), Map.of()))
                .hasMessageContaining("propdesk.callback.at-risk-before");
        assertThatThrownBy(() -> warnings(Duration.ofMinutes(30), Map.of(SlaRule.R8, Duration.ofMinutes(-1)), Map.of()))
                .hasMessageContaining("at-risk-before-by-rule.R8");
    }

    @Test
    void theWarningIsCountedOnTheWallClockNotInWorkingTime_W1() {
        // a window opened at 17:15 runs 15 working minutes that evening and 3 h 45 min the next morning: due Wednesday
        // 12:15. Its warning of 30 minutes falls at 11:45; one of 4 hours at 08:15 Wednesday, before the working day
        // starts at 08:30 (the warning is wall-clock, so people are warned that early), not at 16:45 Tuesday
        DueTimes due = Calendars.dueTimes(warnings(Duration.ofHours(4), Map.of(), Map.of()));
        Instant from = local("2026-12-29T17:15");
        Instant replyDue = due.replyDue(ESTATE, from);
        assertThat(replyDue).isEqualTo(local("2026-12-30T12:15"));
        assertThat(due.atRiskAt(ESTATE, SlaRule.R4, from, replyDue)).isEqualTo(local("2026-12-30T08:15"));
    }

    // ---------------------------------------------------------------- a day, counted by hand

    /**
     * W1 over one Tuesday for one repair, ticking as the service does (breaches first, then warnings). Counted by hand
     * (30 minutes' warning; R8 1 hour, configured; 2 paid-return hours):
     *
     * <pre>
     * obligation     opens  due    at risk          announced at tick
     * R4:1           09:00  13:00  12:30            12:30 (the 12:00 tick: nothing)
     * R7:WO-2        09:30  -      never (paused)   -
     * R8:WO-2        10:00  12:00  11:00 (1 h)      11:00
     * R4:1 missed at 13:00 -> R4:2 13:00, due 17:00, at risk 16:30; announced at the 16:40 tick (its moment passed
     *                         between two ticks: atRiskAt still says 16:30)
     * R9:WO-1        17:10  17:30  17:10 (opens inside its warning)  17:10
     * R8:WO-2 missed at 12:00 and R4:2 at 17:00 are breached, never announced again.
     * </pre>
     *
     * Ticks 11:00, 12:00, 12:30, 13:00, 16:40, 17:10, 17:20: 4 announcements (R8:WO-2, R4:1, R4:2, R9:WO-1), each once.
     */
    @Test
    void aScriptedDayAnnouncesEachObligationOnceAtTheHandCountedInstants_W1() {
        CallbackProperties properties =
                warnings(Duration.ofMinutes(30), Map.of(SlaRule.R8, Duration.ofHours(1)), Map.of());
        DueTimes due = Calendars.dueTimes(properties);
        Map<Instant, List<String>> announcedAt = new LinkedHashMap<>();
        try (ScratchAggregates<TicketLedger> ledger = new ScratchAggregates<>(TicketLedger.class, due)) {
            ledger.send(new OpenLedger(T, ESTATE, TicketKind.REPAIR, null, false, "desk-chen", "steward-li", OPENED));
            ledger.send(new NoteOrderDispatched(
                    T, "WO-2", TicketKind.REPAIR, Department.ENGINEERING, true, local("2026-12-29T09:30")));
            ledger.send(new NoteOrderDispatched(
                    T, "WO-1", TicketKind.REPAIR, Department.ENGINEERING, false, local("2026-12-29T09:40")));
            ledger.send(
                    new NoteOrderCompleted(T, "WO-2", ESTATE, Department.ENGINEERING, true, local("2026-12-29T10:00")));
            for (String tick : List.of("11:00", "12:00", "12:30", "13:00", "16:40", "17:10", "17:20")) {
                Instant now = local("2026-12-29T" + tick);
                if (tick.equals("17:10")) {
                    ledger.send(new NoteOrderCompleted(T, "WO-1", ESTATE, Department.ENGINEERING, false, now));
                }
                int before = ledger.events(T).size();
                ledger.send(new BreachDueObligations(T, now));
                ledger.send(new MarkObligationsAtRisk(T, now));
                List<Object> events = ledger.events(T);
                announcedAt.put(
                        now,
                        events.subList(before, events.size()).stream()
                                .filter(ObligationAtRisk.class::isInstance)
                                .map(e ->
                                        ((ObligationAtRisk) e).obligationId() + "@" + ((ObligationAtRisk) e).atRiskAt())
                                .toList());
            }
        }
        assertThat(announcedAt)
                .containsExactly(
                        Map.entry(local("2026-12-29T11:00"), List.of(T + ":R8:WO-2@" + local("2026-12-29T11:00"))),
                        Map.entry(local("2026-12-29T12:00"), List.of()),
                        Map.entry(local("2026-12-29T12:30"), List.of(T + ":R4:1@" + local("2026-12-29T12:30"))),
                        Map.entry(local("2026-12-29T13:00"), List.of()),
                        Map.entry(local("2026-12-29T16:40"), List.of(T + ":R4:2@" + local("2026-12-29T16:30"))),
                        Map.entry(local("2026-12-29T17:10"), List.of(T + ":R9:WO-1@" + local("2026-12-29T17:10"))),
                        Map.entry(local("2026-12-29T17:20"), List.of()));
    }
}
