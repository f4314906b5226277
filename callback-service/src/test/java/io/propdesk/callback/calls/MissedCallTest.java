package io.propdesk.callback.calls;

import static io.propdesk.callback.domain.Calendars.local;
import static org.assertj.core.api.Assertions.assertThat;

import io.propdesk.callback.CallbackProperties;
import io.propdesk.callback.calls.MissedCallCommands.NoteCallTicket;
import io.propdesk.callback.calls.MissedCallCommands.NoteInboundCallAnswered;
import io.propdesk.callback.calls.MissedCallCommands.NoteInboundCallEnded;
import io.propdesk.callback.calls.MissedCallCommands.NoteReturnCall;
import io.propdesk.callback.calls.MissedCallCommands.PassMissedCallDeadline;
import io.propdesk.callback.calls.MissedCallEvents.CallTicketNoted;
import io.propdesk.callback.calls.MissedCallEvents.InboundCallAnswered;
import io.propdesk.callback.calls.MissedCallEvents.InboundCallEnded;
import io.propdesk.callback.calls.MissedCallEvents.ReturnCallNoted;
import io.propdesk.callback.domain.Calendars;
import io.propdesk.contracts.SlaRule;
import io.propdesk.contracts.callback.ObligationAtRisk;
import io.propdesk.contracts.callback.ObligationFulfilled;
import io.propdesk.contracts.callback.ObligationOpened;
import io.propdesk.contracts.callback.ObligationWithdrawn;
import io.propdesk.contracts.callback.SlaBreached;
import io.propdesk.contracts.ticket.HangupCause;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * M1 for one inbound call, time moved by hand (the ticker's {@code now}) on the test estate's calendar
 * ({@link Calendars}: 08:30-17:30 Asia/Shanghai, Monday-Friday, 2027-01-01 a holiday; 2026-12-29 is a Tuesday).
 */
class MissedCallTest {

    private static final String CALL = "CALL-1";
    private static final String ID = CALL + ":M1:return";
    private static final String ESTATE = "sunrise";
    private static final Instant HANGUP = local("2026-12-29T10:00");
    private static final Instant DUE = local("2026-12-29T10:30");

    private AggregateTestFixture<MissedCall> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(MissedCall.class);
        fixture.registerInjectableResource(Calendars.dueTimes());
    }

    private static NoteInboundCallEnded hangup(HangupCause cause, boolean answered, Instant at) {
        return new NoteInboundCallEnded(CALL, cause, answered, null, ESTATE, ESTATE + ":U-1", at);
    }

    private static InboundCallEnded ended(HangupCause cause, Instant at, Instant missedAt) {
        return new InboundCallEnded(CALL, cause, false, ESTATE, ESTATE + ":U-1", at, missedAt);
    }

    private static ObligationOpened opened(Instant missedAt, Instant due) {
        return new ObligationOpened(
                null, CALL, ID, SlaRule.M1, "front desk", null, null, null, ESTATE, null, null, null, missedAt, due);
    }

    private static ObligationFulfilled fulfilled(String by, Instant at) {
        return new ObligationFulfilled(null, CALL, ID, SlaRule.M1, null, ESTATE, null, null, null, by, DUE, at);
    }

    @Test
    void aBusyInboundCallOpensAnObligationDueThirtyWorkingMinutesLater_M1() {
        fixture.givenNoPriorActivity()
                .when(hangup(HangupCause.BUSY, false, HANGUP))
                .expectEvents(ended(HangupCause.BUSY, HANGUP, HANGUP), opened(HANGUP, DUE));
    }

    @Test
    void aCallMissedAfterHoursIsDueThirtyMinutesIntoTheNextWorkingDay_M1() {
        // Thursday evening; Friday 2027-01-01 is a holiday, so the desk's next working day is Monday
        Instant evening = local("2026-12-31T19:00");
        fixture.givenNoPriorActivity()
                .when(hangup(HangupCause.NO_ANSWER, false, evening))
                .expectEvents(
                        ended(HangupCause.NO_ANSWER, evening, evening), opened(evening, local("2027-01-04T09:00")));
    }

    @Test
    void anAnsweredOutboundReturnFulfilsIt_M1() {
        Instant answered = local("2026-12-29T10:20");
        fixture.given(ended(HangupCause.BUSY, HANGUP, HANGUP), opened(HANGUP, DUE))
                .when(new NoteReturnCall(CALL, "CALL-OUT-1", true, answered))
                .expectEvents(
                        new ReturnCallNoted(CALL, "CALL-OUT-1", true, answered),
                        fulfilled("CallEnded/CALL-OUT-1", answered));
    }

    @Test
    void aReturnAnsweredBeforeTheMissedCallsHangupReachedUsFulfilsItWhenItOpens_M1() {
        // the outbound call's events are keyed by their own call id, so they may be handled first
        Instant answered = local("2026-12-29T10:05");
        fixture.given(new ReturnCallNoted(CALL, "CALL-OUT-1", true, answered))
                .when(hangup(HangupCause.CANCEL, false, HANGUP))
                .expectEvents(
                        ended(HangupCause.CANCEL, HANGUP, HANGUP),
                        opened(HANGUP, DUE),
                        fulfilled("CallEnded/CALL-OUT-1", answered));
    }

    private static ObligationFulfilled metLate(String by, Instant at, Instant breachedAt, int minutes, int working) {
        return new ObligationFulfilled(
                null, CALL, ID, SlaRule.M1, null, ESTATE, null, null, null, by, DUE, at, breachedAt, minutes, working);
    }

    @Test
    void aReturnAnsweredAfterTheDueTimeIsABreachAndMetLate_M1_issue18_item4() {
        Instant late = local("2026-12-29T10:45");
        fixture.given(ended(HangupCause.BUSY, HANGUP, HANGUP), opened(HANGUP, DUE))
                .when(new NoteReturnCall(CALL, "CALL-OUT-1", true, late))
                .expectEvents(
                        new ReturnCallNoted(CALL, "CALL-OUT-1", true, late),
                        new SlaBreached(null, CALL, ID, SlaRule.M1, null, ESTATE, null, null, null, 1, DUE, late),
                        // 10:30 -> 10:45 on a Tuesday morning: 15 minutes late, all of them working time
                        metLate("CallEnded/CALL-OUT-1", late, late, 15, 15));
    }

    @Test
    void threeUnansweredReturnsCloseItAsUnreachable_M1() {
        Instant third = local("2026-12-29T10:25");
        fixture.given(
                        ended(HangupCause.BUSY, HANGUP, HANGUP),
                        opened(HANGUP, DUE),
                        new ReturnCallNoted(CALL, "CALL-OUT-1", false, local("2026-12-29T10:05")),
                        new ReturnCallNoted(CALL, "CALL-OUT-2", false, local("2026-12-29T10:15")))
                .when(new NoteReturnCall(CALL, "CALL-OUT-3", false, third))
                .expectEvents(
                        new ReturnCallNoted(CALL, "CALL-OUT-3", false, third),
                        fulfilled("CallEnded/CALL-OUT-3: unreachable after 3 attempts", third));
    }

    @Test
    void twoUnansweredReturnsLeaveItOpenAndTheSameAttemptTwiceCountsOnce_M1() {
        Instant first = local("2026-12-29T10:05");
        fixture.given(
                        ended(HangupCause.BUSY, HANGUP, HANGUP),
                        opened(HANGUP, DUE),
                        new ReturnCallNoted(CALL, "CALL-OUT-1", false, first),
                        new ReturnCallNoted(CALL, "CALL-OUT-2", false, local("2026-12-29T10:15")))
                .when(new NoteReturnCall(CALL, "CALL-OUT-1", false, first))
                .expectNoEvents();
    }

    @Test
    void theWindowPassingBreachesItOnce_M1() {
        Instant tick = DUE.plusSeconds(1);
        fixture.given(ended(HangupCause.BUSY, HANGUP, HANGUP), opened(HANGUP, DUE))
                .when(new PassMissedCallDeadline(CALL, tick))
                .expectEvents(
                        new SlaBreached(null, CALL, ID, SlaRule.M1, null, ESTATE, null, null, null, 1, DUE, tick));
    }

    @Test
    void aBreachedCallIsNotBreachedAgainAndALaterReturnMeetsItLate_M1_issue18_item4() {
        Instant returned = local("2026-12-29T18:10");
        fixture.given(
                        ended(HangupCause.BUSY, HANGUP, HANGUP),
                        opened(HANGUP, DUE),
                        new SlaBreached(null, CALL, ID, SlaRule.M1, null, ESTATE, null, null, null, 1, DUE, DUE))
                .andGivenCommands(new PassMissedCallDeadline(CALL, DUE.plusSeconds(5)))
                .when(new NoteReturnCall(CALL, "CALL-OUT-1", true, returned))
                .expectEvents(
                        new ReturnCallNoted(CALL, "CALL-OUT-1", true, returned),
                        // the breach stays; wall clock 10:30 -> 18:10 = 460 min, working time 10:30-17:30 = 420 min
                        metLate("CallEnded/CALL-OUT-1", returned, DUE, 460, 420));
    }

    @Test
    void aCallMetLateIsMetLateOnlyOnce_M1_issue18_item4() {
        Instant returned = local("2026-12-29T18:10");
        fixture.given(
                        ended(HangupCause.BUSY, HANGUP, HANGUP),
                        opened(HANGUP, DUE),
                        new SlaBreached(null, CALL, ID, SlaRule.M1, null, ESTATE, null, null, null, 1, DUE, DUE),
                        new ReturnCallNoted(CALL, "CALL-OUT-1", true, returned),
                        metLate("CallEnded/CALL-OUT-1", returned, DUE, 460, 420))
                .when(new NoteReturnCall(CALL, "CALL-OUT-2", true, returned.plusSeconds(600)))
                .expectEvents(new ReturnCallNoted(CALL, "CALL-OUT-2", true, returned.plusSeconds(600)));
    }

    @Test
    void aTickBeforeTheDueTimeChangesNothing_M1() {
        // announced at risk already (W1: its 30 working minutes are no longer than the warning)
        fixture.given(ended(HangupCause.BUSY, HANGUP, HANGUP), opened(HANGUP, DUE), atRisk(HANGUP, 30))
                .when(new PassMissedCallDeadline(CALL, DUE.minusSeconds(1)))
                .expectNoEvents();
    }

    private static ObligationAtRisk atRisk(Instant at, int minutes) {
        return new ObligationAtRisk(
                null, CALL, ID, SlaRule.M1, "front desk", null, ESTATE, null, null, null, DUE, at, minutes);
    }

    @Test
    void aMissedCallWhoseWindowIsNoLongerThanTheWarningIsAtRiskAtTheFirstTick_W1_M1() {
        // 30 working minutes to return it, 30 minutes' warning: at risk from the miss itself
        fixture.given(ended(HangupCause.BUSY, HANGUP, HANGUP), opened(HANGUP, DUE))
                .when(new PassMissedCallDeadline(CALL, HANGUP.plusSeconds(1)))
                .expectEvents(atRisk(HANGUP, 30))
                .expectState(call -> org.assertj.core.api.Assertions.assertThat(call.nextDeadline(Calendars.dueTimes()))
                        .isEqualTo(DUE));
    }

    @Test
    void aMissedCallIsAtRiskItsRulesWarningBeforeItsDueTimeAndOnce_W1_M1() {
        fixture = new AggregateTestFixture<>(MissedCall.class);
        fixture.registerInjectableResource(Calendars.dueTimes(new CallbackProperties(
                Duration.ofHours(4),
                CallbackProperties.ReplyClock.WORKING_HOURS,
                CallbackProperties.CallbackDue.NEXT_WORKING_DAY,
                Duration.ofMinutes(30),
                3,
                Duration.ofMinutes(30),
                Map.of(SlaRule.M1, Duration.ofMinutes(10)),
                Map.of())));
        Instant moment = DUE.minus(Duration.ofMinutes(10));
        fixture.given(ended(HangupCause.BUSY, HANGUP, HANGUP), opened(HANGUP, DUE))
                .andGivenCommands(new PassMissedCallDeadline(CALL, moment.minusSeconds(1)))
                .when(new PassMissedCallDeadline(CALL, moment))
                .expectEvents(atRisk(moment, 10));
        fixture.given(ended(HangupCause.BUSY, HANGUP, HANGUP), opened(HANGUP, DUE), atRisk(moment, 10))
                .when(new PassMissedCallDeadline(CALL, moment.plusSeconds(30)))
                .expectNoEvents();
    }

    @Test
    void aReturnedMissedCallIsNeverAtRisk_W1_M1() {
        Instant answered = local("2026-12-29T10:00:30");
        fixture.given(
                        ended(HangupCause.BUSY, HANGUP, HANGUP),
                        opened(HANGUP, DUE),
                        new ReturnCallNoted(CALL, "CALL-OUT-1", true, answered),
                        fulfilled("CallEnded/CALL-OUT-1", answered))
                .when(new PassMissedCallDeadline(CALL, HANGUP.plusSeconds(60)))
                .expectNoEvents();
    }

    @Test
    void aLateAnswerWithdrawsIt_M1() {
        Instant answer = local("2026-12-29T10:01");
        fixture.given(ended(HangupCause.BUSY, HANGUP, HANGUP), opened(HANGUP, DUE))
                .when(new NoteInboundCallAnswered(CALL, answer))
                .expectEvents(
                        new InboundCallAnswered(CALL, answer),
                        new ObligationWithdrawn(
                                null, CALL, ID, SlaRule.M1, "the call was answered after all (a late answer)", answer));
    }

    @Test
    void aTicketOpenedWithTheCallIdWithdrawsIt_M1() {
        Instant opened = local("2026-12-29T10:10");
        fixture.given(ended(HangupCause.BUSY, HANGUP, HANGUP), opened(HANGUP, DUE))
                .when(new NoteCallTicket(CALL, "T-9", opened))
                .expectEvents(
                        new CallTicketNoted(CALL, "T-9", opened),
                        new ObligationWithdrawn(
                                null, CALL, ID, SlaRule.M1, "ticket T-9 was opened with the call", opened));
    }

    @Test
    void aCallLinkedToATicketBeforeItEndedOpensNothing_M1() {
        fixture.given(new CallTicketNoted(CALL, "T-9", HANGUP.minusSeconds(30)))
                .when(hangup(HangupCause.NO_ANSWER, false, HANGUP))
                .expectEvents(ended(HangupCause.NO_ANSWER, HANGUP, HANGUP));
    }

    @Test
    void normalClearingWithoutAnswerIsMissedOnlyAfterSixtySeconds_M1() {
        Instant missed = HANGUP.plus(Duration.ofSeconds(60));
        fixture.given(ended(HangupCause.NORMAL_CLEARING, HANGUP, missed))
                .andGivenCommands(new PassMissedCallDeadline(CALL, missed.minusSeconds(1)))
                .when(new PassMissedCallDeadline(CALL, missed))
                // W1: the same tick finds it inside its warning time (due 10:30, 30 minutes' warning)
                .expectEvents(opened(missed, DUE), atRisk(missed, 30));
    }

    @Test
    void normalClearingAnsweredWithinSixtySecondsOpensNothing_M1() {
        Instant missed = HANGUP.plus(Duration.ofSeconds(60));
        fixture.given(
                        ended(HangupCause.NORMAL_CLEARING, HANGUP, missed),
                        new InboundCallAnswered(CALL, HANGUP.plusSeconds(20)))
                .when(new PassMissedCallDeadline(CALL, missed.plusSeconds(5)))
                .expectNoEvents();
    }

    @Test
    void theHangupOfOtherCausesIsNotYetMissed_M1() {
        fixture.givenNoPriorActivity()
                .when(hangup(HangupCause.NORMAL_CLEARING, false, HANGUP))
                .expectEvents(ended(HangupCause.NORMAL_CLEARING, HANGUP, HANGUP.plusSeconds(60)))
                .expectState(call -> org.assertj.core.api.Assertions.assertThat(call.nextDeadline(Calendars.dueTimes()))
                        .isEqualTo(HANGUP.plusSeconds(60)));
    }

    @Test
    void anAnsweredInboundCallOpensNothing_M1() {
        fixture.givenNoPriorActivity()
                .when(hangup(HangupCause.NORMAL_CLEARING, true, HANGUP))
                .expectEvents(new InboundCallEnded(
                        CALL, HangupCause.NORMAL_CLEARING, true, ESTATE, ESTATE + ":U-1", HANGUP, null))
                .expectState(call -> org.assertj.core.api.Assertions.assertThat(call.nextDeadline(Calendars.dueTimes()))
                        .isNull());
    }

    @Test
    void aRedeliveredHangupChangesNothing_M1() {
        fixture.given(ended(HangupCause.BUSY, HANGUP, HANGUP), opened(HANGUP, DUE))
                .when(hangup(HangupCause.BUSY, false, HANGUP))
                .expectNoEvents();
    }

    @Test
    void aCallNoEstateKnowsIsOwedToNoDesk_M1() {
        fixture.givenNoPriorActivity()
                .when(new NoteInboundCallEnded(CALL, HangupCause.BUSY, false, null, null, null, HANGUP))
                .expectEvents(new InboundCallEnded(CALL, HangupCause.BUSY, false, null, null, HANGUP, HANGUP));
    }

    /**
     * Issue 19: the desk writes no mark before a command that ends the wait, so none may leave the call waiting: from
     * every stage in which a call waits (the 60 s after a hangup, open, open and at risk) and from those in which it
     * does not (nothing known, breached), after an answer or a ticket it waits for nothing.
     */
    @Test
    void afterAnAnswerOrATicketTheCallWaitsForNoTime_M1_issue19() {
        assertThat(MissedCallCommands.EndsTheWait.class.getPermittedSubclasses())
                .as("each command that ends the wait is checked below")
                .containsExactlyInAnyOrder(NoteInboundCallAnswered.class, NoteCallTicket.class);
        Instant later = HANGUP.plusSeconds(30);
        Map<String, Object[]> waiting = Map.of(
                "within the 60 s after a hangup",
                        new Object[] {ended(HangupCause.NORMAL_CLEARING, HANGUP, HANGUP.plusSeconds(60))},
                "open", new Object[] {ended(HangupCause.BUSY, HANGUP, HANGUP), opened(HANGUP, DUE)},
                "open and at risk",
                        new Object[] {ended(HangupCause.BUSY, HANGUP, HANGUP), opened(HANGUP, DUE), atRisk(HANGUP, 30)
                        });
        Map<String, Object[]> notWaiting = Map.of(
                "nothing known", new Object[0],
                "breached",
                        new Object[] {
                            ended(HangupCause.BUSY, HANGUP, HANGUP),
                            opened(HANGUP, DUE),
                            new SlaBreached(null, CALL, ID, SlaRule.M1, null, ESTATE, null, null, null, 1, DUE, DUE)
                        });
        waiting.forEach((stage, history) -> fixture.given(history)
                .when(new PassMissedCallDeadline(CALL, later))
                .expectState(call -> assertThat(call.nextDeadline(Calendars.dueTimes()))
                        .as("a call %s waits", stage)
                        .isNotNull()));
        Map<String, Object[]> all = new java.util.HashMap<>(waiting);
        all.putAll(notWaiting);
        all.forEach((stage, history) -> {
            for (Object endsTheWait :
                    List.of(new NoteInboundCallAnswered(CALL, later), new NoteCallTicket(CALL, "T-9", later))) {
                (history.length == 0 ? fixture.givenNoPriorActivity() : fixture.given(history))
                        .when(endsTheWait)
                        .expectState(call -> assertThat(call.nextDeadline(Calendars.dueTimes()))
                                .as("%s after %s", stage, endsTheWait)
                                .isNull());
            }
        });
    }
}
