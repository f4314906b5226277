package io.propdesk.callback.domain;

import static io.propdesk.callback.domain.Calendars.local;
import static org.assertj.core.api.Assertions.assertThat;

import io.propdesk.callback.domain.LedgerEvents.CallbackRated;
import io.propdesk.callback.domain.LedgerEvents.CallbackRescheduled;
import io.propdesk.callback.domain.LedgerEvents.LedgerOpened;
import io.propdesk.callback.domain.LedgerEvents.ObligationOpened;
import io.propdesk.callback.domain.LedgerEvents.ObligationRescheduled;
import io.propdesk.callback.domain.LedgerEvents.ObligationWithdrawn;
import io.propdesk.callback.domain.LedgerEvents.OrderNoted;
import io.propdesk.callback.domain.LedgerEvents.ReworkResolved;
import io.propdesk.callback.domain.LedgerEvents.TicketStatusNoted;
import io.propdesk.contracts.CallerRole;
import io.propdesk.contracts.Department;
import io.propdesk.contracts.Severity;
import io.propdesk.contracts.SlaRule;
import io.propdesk.contracts.TicketKind;
import io.propdesk.contracts.callback.CallbackCompleted;
import io.propdesk.contracts.callback.CallbackScheduled;
import io.propdesk.contracts.callback.ComplaintSignedOff;
import io.propdesk.contracts.callback.FollowUpClosed;
import io.propdesk.contracts.callback.FollowUpOpened;
import io.propdesk.contracts.callback.FollowUpReopened;
import io.propdesk.contracts.callback.ObligationFulfilled;
import io.propdesk.contracts.callback.SlaBreached;
import io.propdesk.contracts.callback.StewardAssigned;
import io.propdesk.contracts.callback.StewardReplied;
import io.propdesk.platform.calendar.EstateCalendar;
import io.propdesk.platform.domain.NotFoundException;
import io.propdesk.platform.domain.RuleViolationException;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.TestExecutor;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The follow-up ledger of one ticket, time moved by hand on the test estate's calendar ({@link Calendars}: 08:30-17:30
 * Asia/Shanghai, Monday-Friday, 2027-01-01 a holiday; 2026-12-29 is a Tuesday).
 */
class TicketLedgerTest {

    private static final String T = "T-1";
    private static final Instant OPENED = local("2026-12-29T09:00");

    private AggregateTestFixture<TicketLedger> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(TicketLedger.class);
        fixture.registerInjectableResource(Calendars.dueTimes());
    }

    private static LedgerOpened opened(TicketKind kind, Severity severity) {
        Department department = switch (kind) {
            case REPAIR -> Department.ENGINEERING;
            case REWORK -> Department.REWORK_LIAISON;
            default -> null;
        };
        return new LedgerOpened(
                T, "sunrise", kind, severity, false, "desk-chen", "steward-li", department, OPENED, null);
    }

    private static ObligationOpened window(int n, Instant from, Instant due) {
        return new ObligationOpened(T, T + ":R4:" + n, SlaRule.R4, Party.STEWARD, null, null, null, from, due);
    }

    private static ObligationOpened signOffDue(int n) {
        return new ObligationOpened(T, T + ":C3:" + n, SlaRule.C3, Party.STEWARD, null, null, null, OPENED, null);
    }

    private static SlaBreached breached(
            String obligation, SlaRule rule, Department dept, int occurrence, Instant due, Instant at) {
        return new SlaBreached(
                T, null, T + obligation, rule, null, "sunrise", dept, "steward-li", "desk-chen", occurrence, due, at);
    }

    // ---------------------------------------------------------------- the ledger's published form
    //
    // The givens are written in the internal events of streams recorded before the ledger published its obligations
    // (LedgerEvents), so every test also proves such a stream still loads; the expectations are those facts in the
    // public form the ledger applies now, with the dimensions the ledger holds (estate, department, steward, acceptor).

    private LedgerOpened ledger;
    private final Map<String, Department> orderDepartments = new HashMap<>();

    private TestExecutor<TicketLedger> given(Object... events) {
        note(events);
        return fixture.given(events);
    }

    private void note(Object... events) {
        for (Object e : events) {
            if (e instanceof LedgerOpened o) {
                ledger = o;
            } else if (e instanceof OrderNoted n) {
                orderDepartments.put(n.orderId(), n.department());
            }
        }
    }

    /** The events as the ledger publishes them now. */
    private Object[] published(Object... events) {
        note(events);
        List<Object> out = new ArrayList<>();
        for (Object e : events) {
            if (e instanceof LedgerOpened o) {
                out.add(new FollowUpOpened(
                        o.ticketId(),
                        o.estateId(),
                        o.kind(),
                        o.severity(),
                        o.paid(),
                        o.acceptor(),
                        o.stewardId(),
                        o.department(),
                        o.contractId(),
                        o.openedAt()));
            } else if (e instanceof TicketStatusNoted n) {
                out.add(
                        n.open()
                                ? new FollowUpReopened(n.ticketId(), n.at())
                                : new FollowUpClosed(n.ticketId(), closeReason, n.at()));
            } else if (e instanceof ObligationOpened o) {
                Department ofOrder = o.orderId() == null ? null : orderDepartments.get(o.orderId());
                out.add(new io.propdesk.contracts.callback.ObligationOpened(
                        o.ticketId(),
                        null,
                        o.obligationId(),
                        o.rule(),
                        o.party().label(),
                        o.orderId(),
                        o.callbackId(),
                        o.day(),
                        ledger.estateId(),
                        ofOrder != null ? ofOrder : ledger.department(),
                        ledger.stewardId(),
                        ledger.acceptor(),
                        o.openedAt(),
                        o.dueAt()));
            } else if (e instanceof ObligationWithdrawn w) {
                out.add(new io.propdesk.contracts.callback.ObligationWithdrawn(
                        w.ticketId(),
                        null,
                        w.obligationId(),
                        ObligationId.parse(w.obligationId()).rule(),
                        w.reason(),
                        w.withdrawnAt()));
            } else if (e instanceof ObligationRescheduled r) {
                out.add(new io.propdesk.contracts.callback.ObligationRescheduled(
                        r.ticketId(),
                        null,
                        r.obligationId(),
                        ObligationId.parse(r.obligationId()).rule(),
                        r.previousDueAt(),
                        r.dueAt(),
                        r.calendarInForceFrom()));
            } else if (e instanceof CallbackRescheduled r) {
                out.add(new io.propdesk.contracts.callback.CallbackRescheduled(
                        r.ticketId(), r.callbackId(), r.previousDueAt(), r.dueAt(), r.calendarInForceFrom()));
            } else if (e instanceof CallbackRated r && out.get(out.size() - 1) instanceof CallbackCompleted c) {
                out.set(
                        out.size() - 1,
                        new CallbackCompleted(
                                c.ticketId(),
                                c.callbackId(),
                                c.callerId(),
                                c.callerRole(),
                                c.satisfied(),
                                c.comment(),
                                c.completedAt(),
                                r.rating()));
            } else {
                out.add(e);
            }
        }
        return out.toArray();
    }

    /** Why a close in the test withdraws: the ticket closed, unless the test says otherwise. */
    private String closeReason = "ticket closed";

    @Test
    void openingARepairAssignsTheStewardAndOpensTheFirstFourHourWindow_R3_R4() {
        fixture.givenNoPriorActivity()
                .when(new OpenLedger(T, "sunrise", TicketKind.REPAIR, null, false, "desk-chen", "steward-li", OPENED))
                .expectEvents(published(
                        opened(TicketKind.REPAIR, null),
                        new StewardAssigned(T, "steward-li", null, OPENED),
                        window(1, OPENED, local("2026-12-29T13:00"))));
    }

    @Test
    void aComplaintAlsoAwaitsItsStewardsSignOff_C1_C3() {
        fixture.givenNoPriorActivity()
                .when(new OpenLedger(
                        T, "sunrise", TicketKind.COMPLAINT, Severity.NORMAL, false, "desk-chen", "steward-li", OPENED))
                .expectEvents(published(
                        opened(TicketKind.COMPLAINT, Severity.NORMAL),
                        new StewardAssigned(T, "steward-li", null, OPENED),
                        window(1, OPENED, local("2026-12-29T13:00")),
                        signOffDue(1)));
    }

    @Test
    void aReplyInTimeMeetsTheWindowAndTheNextRunsFromTheReply_R4() {
        Instant reply = local("2026-12-29T15:30");
        given(opened(TicketKind.REPAIR, null), window(1, OPENED, local("2026-12-29T16:00")))
                .when(new RecordStewardReply(T, "steward-li", "plumber on site", null, reply))
                .expectEvents(published(
                        new StewardReplied(T, "steward-li", "plumber on site", reply),
                        new ObligationFulfilled(
                                T,
                                null,
                                T + ":R4:1",
                                SlaRule.R4,
                                null,
                                "sunrise",
                                Department.ENGINEERING,
                                "steward-li",
                                "desk-chen",
                                "StewardReplied/" + T + "@" + reply,
                                local("2026-12-29T16:00"),
                                reply),
                        // 2 h left on Tuesday, 2 h from Wednesday 08:30
                        window(2, reply, local("2026-12-30T10:30"))));
    }

    @Test
    void aMissedWindowIsBreachedOnceAndTheNextRunsFromItsDueTime_R4() {
        Instant due = local("2026-12-29T13:00");
        Instant tick = due.plusSeconds(1);
        given(opened(TicketKind.REPAIR, null), window(1, OPENED, due))
                .when(new BreachDueObligations(T, tick))
                .expectEvents(published(
                        breached(":R4:1", SlaRule.R4, Department.ENGINEERING, 1, due, tick),
                        // 13:00 + 4 working hours is 17:00 the same day
                        window(2, due, local("2026-12-29T17:00"))));
    }

    private static ObligationFulfilled metLate(
            String obligation,
            SlaRule rule,
            String orderId,
            String cause,
            Instant due,
            Instant at,
            Instant breachedAt,
            int minutesLate,
            int workingMinutesLate) {
        return new ObligationFulfilled(
                T,
                null,
                T + obligation,
                rule,
                orderId,
                "sunrise",
                Department.ENGINEERING,
                "steward-li",
                "desk-chen",
                cause,
                due,
                at,
                breachedAt,
                minutesLate,
                workingMinutesLate);
    }

    @Test
    void aReplyAfterAMissedWindowMeetsItLateKeepsTheBreachAndOpensOnlyOneWindow_R4_issue18_item4() {
        Instant due = local("2026-12-29T13:00");
        Instant tick = due.plusSeconds(1);
        Instant reply = local("2026-12-29T14:30");
        String cause = "StewardReplied/" + T + "@" + reply;
        given(
                        opened(TicketKind.REPAIR, null),
                        window(1, OPENED, due),
                        breached(":R4:1", SlaRule.R4, Department.ENGINEERING, 1, due, tick),
                        // the ticker opened window 2 with the breach
                        window(2, due, local("2026-12-29T17:00")))
                .when(new RecordStewardReply(T, "steward-li", "plumber on site", null, reply))
                .expectEvents(published(
                        new StewardReplied(T, "steward-li", "plumber on site", reply),
                        // window 1 met 90 minutes late (13:00 -> 14:30, all of it working time); still breached ever
                        metLate(":R4:1", SlaRule.R4, null, cause, due, reply, tick, 90, 90),
                        // window 2 met on time
                        new ObligationFulfilled(
                                T,
                                null,
                                T + ":R4:2",
                                SlaRule.R4,
                                null,
                                "sunrise",
                                Department.ENGINEERING,
                                "steward-li",
                                "desk-chen",
                                cause,
                                local("2026-12-29T17:00"),
                                reply),
                        // one new window only, from the reply: 3 h left on Tuesday, 1 h from Wednesday 08:30
                        window(3, reply, local("2026-12-30T09:30"))))
                .expectState(ledger -> assertThat(ledger.view().obligations())
                        .filteredOn(o -> o.obligationId().equals(T + ":R4:1"))
                        .singleElement()
                        .satisfies(o -> {
                            assertThat(o.status()).isEqualTo(ObligationStatus.BREACHED);
                            assertThat(o.closedAt()).isEqualTo(tick);
                            assertThat(o.fulfilledAt()).isEqualTo(reply);
                        }));
    }

    @Test
    void aLateReplyTheTickerHadNotReachedIsBreachedAndMetLateAtOnce_R4_issue18_item4() {
        Instant due = local("2026-12-29T13:00");
        Instant reply = local("2026-12-29T14:00");
        String cause = "StewardReplied/" + T + "@" + reply;
        given(opened(TicketKind.REPAIR, null), window(1, OPENED, due))
                .when(new RecordStewardReply(T, "steward-li", "plumber on site", null, reply))
                .expectEvents(published(
                        new StewardReplied(T, "steward-li", "plumber on site", reply),
                        breached(":R4:1", SlaRule.R4, Department.ENGINEERING, 1, due, reply),
                        metLate(":R4:1", SlaRule.R4, null, cause, due, reply, reply, 60, 60),
                        // 3.5 h left on Tuesday, 30 min from Wednesday 08:30; no window for the breach itself
                        window(2, reply, local("2026-12-30T09:00"))));
    }

    @Test
    void aPaidOrderReturnedAfterItsBreachIsMetLateInWallClockAndWorkingMinutes_R8_issue18_item4() {
        Instant completed = local("2026-12-29T16:00");
        Instant due = local("2026-12-29T18:00");
        Instant tick = due.plusSeconds(1);
        Instant returned = local("2026-12-30T09:00");
        Instant callbackDue = local("2026-12-31T17:30");
        String callback = "CB1-" + T;
        given(
                        opened(TicketKind.REPAIR, null),
                        new OrderNoted(T, "WO-1", TicketKind.REPAIR, Department.ENGINEERING, true, OPENED, null),
                        new ObligationOpened(
                                T, T + ":R8:WO-1", SlaRule.R8, Party.DEPARTMENT, "WO-1", null, null, completed, due),
                        breached(":R8:WO-1", SlaRule.R8, Department.ENGINEERING, 1, due, tick))
                .when(new NoteOrderReturned(
                        T,
                        "WO-1",
                        "sunrise",
                        TicketKind.REPAIR,
                        Department.ENGINEERING,
                        true,
                        completed,
                        due,
                        true,
                        "ce-9",
                        returned))
                .expectEvents(published(
                        // wall clock 18:00 -> 09:00 next day = 900 min; working time only Wednesday 08:30-09:00 = 30
                        metLate(":R8:WO-1", SlaRule.R8, "WO-1", "ce-9", due, returned, tick, 900, 30),
                        new CallbackScheduled(
                                T,
                                callback,
                                "WO-1",
                                TicketKind.REPAIR,
                                null,
                                "desk-chen",
                                EnumSet.allOf(CallerRole.class),
                                callbackDue,
                                returned,
                                null,
                                null),
                        new ObligationOpened(
                                T,
                                T + ":R5:" + callback,
                                SlaRule.R5,
                                Party.ACCEPTOR,
                                "WO-1",
                                callback,
                                null,
                                returned,
                                callbackDue)));
    }

    @Test
    void aBreachedObligationIsMetLateOnlyOnce_R8_issue18_item4() {
        Instant completed = local("2026-12-29T16:00");
        Instant due = local("2026-12-29T18:00");
        Instant tick = due.plusSeconds(1);
        Instant returned = local("2026-12-30T09:00");
        given(
                        opened(TicketKind.COMPLAINT, Severity.NORMAL),
                        new OrderNoted(T, "WO-1", TicketKind.REPAIR, Department.ENGINEERING, true, OPENED, null),
                        new ObligationOpened(
                                T, T + ":R8:WO-1", SlaRule.R8, Party.DEPARTMENT, "WO-1", null, null, completed, due),
                        breached(":R8:WO-1", SlaRule.R8, Department.ENGINEERING, 1, due, tick),
                        metLate(":R8:WO-1", SlaRule.R8, "WO-1", "ce-9", due, returned, tick, 900, 30))
                // the same return delivered again: the obligation was met late already
                .when(new NoteOrderReturned(
                        T,
                        "WO-1",
                        "sunrise",
                        TicketKind.COMPLAINT,
                        Department.ENGINEERING,
                        true,
                        completed,
                        due,
                        true,
                        "ce-9",
                        returned))
                .expectNoEvents();
    }

    @Test
    void aSecondTickFindsNothingMoreToBreach_R4() {
        Instant due = local("2026-12-29T13:00");
        given(
                        opened(TicketKind.REPAIR, null),
                        window(1, OPENED, due),
                        breached(":R4:1", SlaRule.R4, Department.ENGINEERING, 1, due, due),
                        window(2, due, local("2026-12-29T17:00")))
                .when(new BreachDueObligations(T, due.plusSeconds(2)))
                .expectNoEvents();
    }

    @Test
    void afterAnOutageOverTheHolidayWeekendEveryMissedWindowIsOneBreach_R4() {
        // Thursday 13:30 window, checked again only on Monday 12:00: Thursday 13:30-17:30 is window 1 ending at
        // 17:30; window 2 runs Monday 08:30-12:30 and is not due yet at 12:00
        Instant due = local("2026-12-31T17:30");
        Instant monday = local("2027-01-04T12:00");
        given(opened(TicketKind.REPAIR, null), window(1, local("2026-12-31T13:30"), due))
                .when(new BreachDueObligations(T, monday))
                .expectEvents(published(
                        breached(":R4:1", SlaRule.R4, Department.ENGINEERING, 1, due, monday),
                        window(2, due, local("2027-01-04T12:30"))));
    }

    @Test
    void aLateComplaintGoesOnJointFollowUpUntilTheNextReply_R4_C4() {
        Instant due = local("2026-12-29T13:00");
        Instant tick = due.plusSeconds(1);
        Instant nextDue = local("2026-12-29T17:00");
        given(opened(TicketKind.COMPLAINT, Severity.NORMAL), window(1, OPENED, due), signOffDue(1))
                .when(new BreachDueObligations(T, tick))
                .expectEvents(published(
                        breached(":R4:1", SlaRule.R4, null, 1, due, tick),
                        window(2, due, nextDue),
                        new ObligationOpened(
                                T,
                                T + ":C4:1",
                                SlaRule.C4,
                                Party.ACCEPTOR_AND_STEWARD,
                                null,
                                null,
                                null,
                                due,
                                nextDue)));
    }

    @Test
    void onlyTheComplaintsStewardSignsItOff_C3() {
        given(opened(TicketKind.COMPLAINT, Severity.NORMAL), signOffDue(1))
                .when(new SignOffComplaint(T, "steward-wu", "done", local("2026-12-29T15:00")))
                .expectException(RuleViolationException.class)
                .expectExceptionMessage("complaint T-1 is signed off by its steward steward-li, not by steward-wu (C3)")
                .expectNoEvents();
    }

    @Test
    void aRepairIsNotSignedOff_C3() {
        given(opened(TicketKind.REPAIR, null))
                .when(new SignOffComplaint(T, "steward-li", "done", local("2026-12-29T15:00")))
                .expectException(RuleViolationException.class)
                .expectNoEvents();
    }

    @Test
    void signingOffAMajorComplaintSchedulesACallbackByRank_C2_C3() {
        Instant at = local("2026-12-29T15:00");
        Instant callbackDue = local("2026-12-30T17:30");
        String callback = "CB1-" + T;
        given(opened(TicketKind.COMPLAINT, Severity.MAJOR), signOffDue(1))
                .when(new SignOffComplaint(T, "steward-li", "handled with the owner", at))
                .expectEvents(published(
                        new ComplaintSignedOff(T, "steward-li", "handled with the owner", at),
                        new ObligationFulfilled(
                                T,
                                null,
                                T + ":C3:1",
                                SlaRule.C3,
                                null,
                                "sunrise",
                                null,
                                "steward-li",
                                "desk-chen",
                                "ComplaintSignedOff/" + T + "@" + at,
                                null,
                                at),
                        new CallbackScheduled(
                                T,
                                callback,
                                null,
                                TicketKind.COMPLAINT,
                                Severity.MAJOR,
                                "desk-chen",
                                EnumSet.of(CallerRole.MANAGER, CallerRole.SUPERVISOR, CallerRole.TEAM_LEADER),
                                callbackDue,
                                at,
                                null,
                                null),
                        new ObligationOpened(
                                T,
                                T + ":C2:" + callback,
                                SlaRule.C2,
                                Party.MANAGER,
                                null,
                                callback,
                                null,
                                at,
                                callbackDue)));
    }

    @Test
    void dutyStaffCannotCallBackAMajorComplaint_C2() {
        Instant at = local("2026-12-29T15:00");
        String callback = "CB1-" + T;
        given(
                        opened(TicketKind.COMPLAINT, Severity.MAJOR),
                        new CallbackScheduled(
                                T,
                                callback,
                                null,
                                TicketKind.COMPLAINT,
                                Severity.MAJOR,
                                "desk-chen",
                                CallerRole.allowedFor(Severity.MAJOR),
                                local("2026-12-30T17:30"),
                                at,
                                null,
                                null))
                .when(new CompleteCallback(
                        T, callback, "desk-chen", CallerRole.DUTY_STAFF, true, 5, "fine", at.plusSeconds(600)))
                .expectException(RuleViolationException.class)
                .expectExceptionMessage("callback CB1-T-1 is on a MAJOR complaint: a manager, supervisor or team "
                        + "leader calls the owner back, not DUTY_STAFF (C2)")
                .expectNoEvents();
    }

    @Test
    void aSupervisorsCallbackMeetsTheRankObligation_C2() {
        Instant at = local("2026-12-29T15:00");
        Instant done = at.plusSeconds(600);
        String callback = "CB1-" + T;
        Instant due = local("2026-12-30T17:30");
        given(
                        opened(TicketKind.COMPLAINT, Severity.MAJOR),
                        new CallbackScheduled(
                                T,
                                callback,
                                null,
                                TicketKind.COMPLAINT,
                                Severity.MAJOR,
                                "desk-chen",
                                CallerRole.allowedFor(Severity.MAJOR),
                                due,
                                at,
                                null,
                                null),
                        new ObligationOpened(
                                T, T + ":C2:" + callback, SlaRule.C2, Party.MANAGER, null, callback, null, at, due))
                .when(new CompleteCallback(T, callback, "sup-zhao", CallerRole.SUPERVISOR, true, 4, "resolved", done))
                .expectEvents(published(
                        new CallbackCompleted(T, callback, "sup-zhao", CallerRole.SUPERVISOR, true, "resolved", done),
                        new CallbackRated(T, callback, 4),
                        new ObligationFulfilled(
                                T,
                                null,
                                T + ":C2:" + callback,
                                SlaRule.C2,
                                null,
                                "sunrise",
                                null,
                                "steward-li",
                                "desk-chen",
                                "CallbackCompleted/" + callback,
                                due,
                                done)));
    }

    @Test
    void anUnknownCallbackIsNotFound_R5() {
        given(opened(TicketKind.REPAIR, null))
                .when(new RecordCallbackAttempt(T, "CB9-" + T, "desk-chen", CallerRole.DUTY_STAFF, "no answer", OPENED))
                .expectException(NotFoundException.class);
    }

    @Test
    void aFreeRepairReturnedInTimeMeetsR9AndIsCalledBackUnderR5() {
        Instant completed = local("2026-12-29T10:00");
        Instant returned = local("2026-12-29T10:30");
        Instant returnDue = local("2026-12-29T17:30");
        Instant callbackDue = local("2026-12-30T17:30");
        String callback = "CB1-" + T;
        given(
                        opened(TicketKind.REPAIR, null),
                        new OrderNoted(T, "WO-1", TicketKind.REPAIR, Department.ENGINEERING, false, OPENED, null),
                        new ObligationOpened(
                                T,
                                T + ":R9:WO-1",
                                SlaRule.R9,
                                Party.DEPARTMENT,
                                "WO-1",
                                null,
                                null,
                                completed,
                                returnDue))
                .when(new NoteOrderReturned(
                        T,
                        "WO-1",
                        "sunrise",
                        TicketKind.REPAIR,
                        Department.ENGINEERING,
                        false,
                        completed,
                        returnDue,
                        false,
                        "ce-1",
                        returned))
                .expectEvents(published(
                        new ObligationFulfilled(
                                T,
                                null,
                                T + ":R9:WO-1",
                                SlaRule.R9,
                                "WO-1",
                                "sunrise",
                                Department.ENGINEERING,
                                "steward-li",
                                "desk-chen",
                                "ce-1",
                                returnDue,
                                returned),
                        new CallbackScheduled(
                                T,
                                callback,
                                "WO-1",
                                TicketKind.REPAIR,
                                null,
                                "desk-chen",
                                EnumSet.allOf(CallerRole.class),
                                callbackDue,
                                returned,
                                null,
                                null),
                        new ObligationOpened(
                                T,
                                T + ":R5:" + callback,
                                SlaRule.R5,
                                Party.ACCEPTOR,
                                "WO-1",
                                callback,
                                null,
                                returned,
                                callbackDue)));
    }

    @Test
    void aCompletedPaidOrderMustReturnWithinTheEstatesHours_R8() {
        Instant completed = local("2026-12-29T16:00");
        given(
                        opened(TicketKind.REPAIR, null),
                        new OrderNoted(T, "WO-1", TicketKind.REPAIR, Department.ENGINEERING, true, OPENED, null))
                .when(new NoteOrderCompleted(T, "WO-1", "sunrise", Department.ENGINEERING, true, completed))
                .expectEvents(published(new ObligationOpened(
                        T,
                        T + ":R8:WO-1",
                        SlaRule.R8,
                        Party.DEPARTMENT,
                        "WO-1",
                        null,
                        null,
                        completed,
                        local("2026-12-29T18:00"))));
    }

    @Test
    void paidWorkStartedWithoutAnAcceptedQuoteIsABreach_R7() {
        Instant started = local("2026-12-29T10:00");
        given(opened(TicketKind.REPAIR, null))
                .andGivenCommands(
                        new NoteOrderDispatched(T, "WO-1", TicketKind.REPAIR, Department.ENGINEERING, true, OPENED))
                .when(new NoteWorkStarted(T, "WO-1", null, "ce-7", started))
                .expectEvents(published(new SlaBreached(
                        T,
                        null,
                        T + ":R7:WO-1",
                        SlaRule.R7,
                        "WO-1",
                        "sunrise",
                        Department.ENGINEERING,
                        "steward-li",
                        "desk-chen",
                        1,
                        null,
                        started)));
    }

    @Test
    void aDayWithoutAReworkReportIsABreachAndTheNextDayIsDue_R6() {
        LocalDate day = LocalDate.parse("2026-12-30");
        Instant end = local("2026-12-31T00:00");
        note(opened(TicketKind.REWORK, null));
        fixture.givenNoPriorActivity()
                .andGivenCommands(
                        new OpenLedger(T, "sunrise", TicketKind.REWORK, null, false, "desk-chen", "steward-li", OPENED),
                        new NoteReworkReport(T, "WO-1", false, "ce-1", local("2026-12-29T18:00")))
                .when(new BreachDueObligations(T, end))
                .expectEvents(published(
                        breached(":R6:" + day, SlaRule.R6, Department.REWORK_LIAISON, 1, end, end),
                        new ObligationOpened(
                                T,
                                T + ":R6:" + day.plusDays(1),
                                SlaRule.R6,
                                Party.LIAISON,
                                null,
                                null,
                                day.plusDays(1),
                                end,
                                local("2027-01-01T00:00"))));
    }

    @Test
    void closingTheTicketWithdrawsItsOpenWindowAndReopeningStartsANewOne_R4() {
        Instant closed = local("2026-12-29T11:00");
        Instant reopened = local("2026-12-29T14:00");
        given(
                        opened(TicketKind.REPAIR, null),
                        window(1, OPENED, local("2026-12-29T13:00")),
                        new TicketStatusNoted(T, false, closed),
                        new ObligationWithdrawn(T, T + ":R4:1", "ticket closed", closed))
                .when(new ReopenLedger(T, reopened))
                .expectEvents(published(
                        new TicketStatusNoted(T, true, reopened),
                        // 3.5 h left on Tuesday, half an hour on Wednesday morning
                        window(2, reopened, local("2026-12-30T09:00"))));
    }

    @Test
    void closingTwiceChangesNothing() {
        Instant closed = local("2026-12-29T11:00");
        given(opened(TicketKind.REPAIR, null), new TicketStatusNoted(T, false, closed))
                .when(new CloseLedger(T, closed))
                .expectNoEvents();
    }

    @Test
    void aRepliedStewardCannotReplyOnAClosedTicket_R4() {
        given(opened(TicketKind.REPAIR, null), new TicketStatusNoted(T, false, OPENED))
                .when(new RecordStewardReply(T, "steward-li", "hello", null, OPENED))
                .expectException(RuleViolationException.class)
                .expectNoEvents();
    }

    // ---------------------------------------------------------------- issue 13

    private static final String VISIT = "VISIT-C-1-2026-12-29";

    private static LedgerOpened visitOpened() {
        return new LedgerOpened(
                VISIT,
                "sunrise",
                TicketKind.CLEANING_MONTHLY,
                null,
                true,
                "disp-ma",
                "steward-li",
                Department.CLEANING,
                OPENED,
                "C-1");
    }

    @Test
    void aContractVisitIsPricedByItsContractSoItOwesNoQuote_H1_R7_issue13_item1() {
        given(visitOpened())
                .when(new NoteOrderDispatched(
                        VISIT, "WO-" + VISIT, TicketKind.CLEANING_MONTHLY, Department.CLEANING, true, "C-1", OPENED))
                // no R7 obligation beside the order
                .expectEvents(published(new OrderNoted(
                        VISIT, "WO-" + VISIT, TicketKind.CLEANING_MONTHLY, Department.CLEANING, true, OPENED, "C-1")));
    }

    @Test
    void aContractVisitStartedWithoutAQuoteIsNoBreach_H1_R7_issue13_item1() {
        given(visitOpened())
                .andGivenCommands(new NoteOrderDispatched(
                        VISIT, "WO-" + VISIT, TicketKind.CLEANING_MONTHLY, Department.CLEANING, true, "C-1", OPENED))
                .when(new NoteWorkStarted(VISIT, "WO-" + VISIT, null, "ce-start", local("2026-12-29T10:00")))
                .expectNoEvents()
                .expectState(ledger -> assertThat(ledger.view().obligations()).isEmpty());
    }

    @Test
    void aOneOffPaidOrderStillOwesItsQuote_R7_issue13_item1() {
        given(opened(TicketKind.REPAIR, null))
                .when(new NoteOrderDispatched(T, "WO-1", TicketKind.REPAIR, Department.ENGINEERING, true, null, OPENED))
                .expectEvents(published(
                        new OrderNoted(T, "WO-1", TicketKind.REPAIR, Department.ENGINEERING, true, OPENED, null),
                        new ObligationOpened(
                                T, T + ":R7:WO-1", SlaRule.R7, Party.DEPARTMENT, "WO-1", null, null, OPENED, null)));
    }

    @Test
    void aReturnedReworkIsCalledBackUnderR5LikeAnyRepair_R5_R6_issue13_item2() {
        Instant completed = local("2026-12-29T10:00");
        Instant returned = local("2026-12-29T10:30");
        Instant returnDue = local("2026-12-29T17:30");
        Instant callbackDue = local("2026-12-30T17:30");
        String callback = "CB1-" + T;
        given(
                        opened(TicketKind.REWORK, null),
                        new OrderNoted(T, "WO-1", TicketKind.REWORK, Department.REWORK_LIAISON, false, OPENED, null),
                        new ReworkResolved(T, "WO-1", completed),
                        new ObligationOpened(
                                T,
                                T + ":R9:WO-1",
                                SlaRule.R9,
                                Party.DEPARTMENT,
                                "WO-1",
                                null,
                                null,
                                completed,
                                returnDue))
                .when(new NoteOrderReturned(
                        T,
                        "WO-1",
                        "sunrise",
                        TicketKind.REWORK,
                        Department.REWORK_LIAISON,
                        false,
                        completed,
                        returnDue,
                        false,
                        "ce-1",
                        returned))
                .expectEvents(published(
                        new ObligationFulfilled(
                                T,
                                null,
                                T + ":R9:WO-1",
                                SlaRule.R9,
                                "WO-1",
                                "sunrise",
                                Department.REWORK_LIAISON,
                                "steward-li",
                                "desk-chen",
                                "ce-1",
                                returnDue,
                                returned),
                        new CallbackScheduled(
                                T,
                                callback,
                                "WO-1",
                                TicketKind.REWORK,
                                null,
                                "desk-chen",
                                EnumSet.allOf(CallerRole.class),
                                callbackDue,
                                returned,
                                null,
                                null),
                        new ObligationOpened(
                                T,
                                T + ":R5:" + callback,
                                SlaRule.R5,
                                Party.ACCEPTOR,
                                "WO-1",
                                callback,
                                null,
                                returned,
                                callbackDue)));
    }

    @Test
    void aReworkReopenedByAnUnsatisfiedOwnerOwesItsDailyReportsAgain_R6_issue13_item2() {
        Instant closed = local("2026-12-29T11:00");
        Instant reopened = local("2026-12-29T14:00");
        LocalDate nextDay = LocalDate.parse("2026-12-30");
        given(
                        opened(TicketKind.REWORK, null),
                        new ReworkResolved(T, "WO-1", closed),
                        new TicketStatusNoted(T, false, closed))
                .when(new ReopenLedger(T, reopened))
                .expectEvents(published(
                        new TicketStatusNoted(T, true, reopened),
                        new ObligationOpened(
                                T,
                                T + ":R6:" + nextDay,
                                SlaRule.R6,
                                Party.LIAISON,
                                null,
                                null,
                                nextDay,
                                reopened,
                                local("2026-12-31T00:00"))));
    }

    @Test
    void aVisitsFollowUpEndsWithItsCallbackSoItLeavesTheHandover_H1_H5_C5_issue13_item3() {
        Instant returned = local("2026-12-29T11:00");
        Instant done = local("2026-12-29T15:00");
        String callback = "CB1-" + VISIT;
        closeReason = "visit called back";
        given(
                        visitOpened(),
                        new CallbackScheduled(
                                VISIT,
                                callback,
                                "WO-" + VISIT,
                                TicketKind.CLEANING_MONTHLY,
                                null,
                                "disp-ma",
                                EnumSet.allOf(CallerRole.class),
                                local("2026-12-30T17:30"),
                                returned,
                                null,
                                null))
                .when(new CompleteCallback(
                        VISIT, callback, "desk-chen", CallerRole.DUTY_STAFF, true, 5, "spotless", done))
                .expectEvents(published(
                        new CallbackCompleted(
                                VISIT, callback, "desk-chen", CallerRole.DUTY_STAFF, true, "spotless", done),
                        new CallbackRated(VISIT, callback, 5),
                        new TicketStatusNoted(VISIT, false, done)))
                // the handover lists active ledgers' open tickets: this one is neither
                .expectState(ledger -> assertThat(ledger.view().active()).isFalse());
    }

    @Test
    void aFrontDeskTicketStaysOpenAfterItsCallbackUntilTicketServiceClosesIt_R5_issue13_item3() {
        Instant done = local("2026-12-29T15:00");
        String callback = "CB1-" + T;
        given(
                        opened(TicketKind.REPAIR, null),
                        new CallbackScheduled(
                                T,
                                callback,
                                "WO-1",
                                TicketKind.REPAIR,
                                null,
                                "desk-chen",
                                EnumSet.allOf(CallerRole.class),
                                local("2026-12-30T17:30"),
                                OPENED,
                                null,
                                null))
                .when(new CompleteCallback(T, callback, "desk-chen", CallerRole.DUTY_STAFF, true, 5, "fine", done))
                .expectEvents(published(
                        new CallbackCompleted(T, callback, "desk-chen", CallerRole.DUTY_STAFF, true, "fine", done),
                        new CallbackRated(T, callback, 5)))
                .expectState(ledger -> assertThat(ledger.view().open()).isTrue());
    }

    /** The estate's real calendar: Pacific/Auckland (UTC+13 in December), 08:30-17:30, Monday to Friday. */
    private static final EstateCalendar AUCKLAND = new EstateCalendar(
            ZoneId.of("Pacific/Auckland"),
            LocalTime.of(8, 30),
            LocalTime.of(17, 30),
            EnumSet.range(DayOfWeek.MONDAY, DayOfWeek.FRIDAY),
            List.of());

    /** Due times on whatever calendar the service knows at the moment: the default until the estate's arrives. */
    private AggregateTestFixture<TicketLedger> fixtureOn(AtomicReference<EstateCalendar> known) {
        AggregateTestFixture<TicketLedger> f = new AggregateTestFixture<>(TicketLedger.class);
        f.registerInjectableResource(
                new DueTimes(estate -> known.get(), estate -> 2, io.propdesk.callback.CallbackProperties.defaults()));
        return f;
    }

    @Test
    void dueTimesClockedBeforeTheEstatesCalendarArrivedAreComputedAgainOnIt_R4_issue13_item7() {
        AtomicReference<EstateCalendar> known = new AtomicReference<>(EstateCalendar.DEFAULT);
        Instant configured = OPENED.minusSeconds(60);
        // Tue 09:00 in Shanghai on the default calendar: R4:1 due 13:00 Shanghai
        fixtureOn(known)
                .givenNoPriorActivity()
                .andGivenCommands(
                        new OpenLedger(T, "sunrise", TicketKind.REPAIR, null, false, "desk-chen", "steward-li", OPENED))
                // the estate's calendar (put a minute before the ticket) reaches the service only now
                .when(switchTo(known, AUCKLAND, new RescheduleObligations(T, configured)))
                // Tue 09:00 Shanghai is 14:00 in Auckland: 3.5 h to 17:30, then half an hour from Wed 08:30
                .expectEvents(published(new ObligationRescheduled(
                        T, T + ":R4:1", local("2026-12-29T13:00"), Instant.parse("2026-12-29T20:00:00Z"), configured)));
    }

    @Test
    void aRedeliveredCalendarChangesNoDueTimeAgain_issue13_item7() {
        Instant configured = OPENED.minusSeconds(60);
        fixtureOn(new AtomicReference<>(AUCKLAND))
                .given(
                        opened(TicketKind.REPAIR, null),
                        window(1, OPENED, local("2026-12-29T13:00")),
                        new ObligationRescheduled(
                                T,
                                T + ":R4:1",
                                local("2026-12-29T13:00"),
                                Instant.parse("2026-12-29T20:00:00Z"),
                                configured))
                .when(new RescheduleObligations(T, configured))
                .expectNoEvents();
    }

    @Test
    void aCalendarPutAfterAnObligationOpenedLeavesItsDueTime_issue13_item7() {
        fixtureOn(new AtomicReference<>(AUCKLAND))
                .given(opened(TicketKind.REPAIR, null), window(1, OPENED, local("2026-12-29T13:00")))
                .when(new RescheduleObligations(T, OPENED.plusSeconds(60)))
                .expectNoEvents();
    }

    @Test
    void aCallbackScheduledBeforeTheCalendarArrivedIsDueOnIt_R5_issue13_item7() {
        Instant returned = local("2026-12-29T10:30");
        String callback = "CB1-" + T;
        // scheduled on the default calendar (Mon-Sat): due at the end of Wednesday in Shanghai
        Instant defaultDue = local("2026-12-30T17:30");
        // on Auckland's: 10:30 Shanghai is 15:30 in Auckland; the next working day ends Wed 17:30 Auckland
        Instant aucklandDue = Instant.parse("2026-12-30T04:30:00Z");
        fixtureOn(new AtomicReference<>(AUCKLAND))
                .given(
                        opened(TicketKind.REPAIR, null),
                        new CallbackScheduled(
                                T,
                                callback,
                                "WO-1",
                                TicketKind.REPAIR,
                                null,
                                "desk-chen",
                                EnumSet.allOf(CallerRole.class),
                                defaultDue,
                                returned,
                                null,
                                null),
                        new ObligationOpened(
                                T,
                                T + ":R5:" + callback,
                                SlaRule.R5,
                                Party.ACCEPTOR,
                                "WO-1",
                                callback,
                                null,
                                returned,
                                defaultDue))
                .when(new RescheduleObligations(T, OPENED))
                .expectEvents(published(
                        new ObligationRescheduled(T, T + ":R5:" + callback, defaultDue, aucklandDue, OPENED),
                        new CallbackRescheduled(T, callback, defaultDue, aucklandDue, OPENED)))
                .expectState(ledger ->
                        assertThat(ledger.view().callbacks().get(0).dueAt()).isEqualTo(aucklandDue));
    }

    private static <C> C switchTo(AtomicReference<EstateCalendar> known, EstateCalendar calendar, C command) {
        known.set(calendar);
        return command;
    }
}
