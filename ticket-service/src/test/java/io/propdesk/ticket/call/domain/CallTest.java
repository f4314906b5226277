package io.propdesk.ticket.call.domain;

import io.propdesk.contracts.ticket.CallAnswered;
import io.propdesk.contracts.ticket.CallDirection;
import io.propdesk.contracts.ticket.CallEnded;
import io.propdesk.contracts.ticket.CallLinked;
import io.propdesk.contracts.ticket.CallStarted;
import io.propdesk.contracts.ticket.HangupCause;
import io.propdesk.platform.domain.BadRequestException;
import java.time.Instant;
import java.util.List;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A call as the phone system reports it: once per (call, event), right in any order (issue 16, M1, R1). */
class CallTest {

    private static final Instant RANG = Instant.parse("2026-12-01T02:00:00Z");
    private static final Instant ANSWERED = RANG.plusSeconds(8);
    private static final Instant HUNG_UP = RANG.plusSeconds(98);
    private static final String FROM = "pii:v1:phone:x#1:sealed-from";
    private static final String TO = "pii:v1:phone:x#1:sealed-to";

    private AggregateTestFixture<Call> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Call.class);
    }

    private static ReportCallEvent report(CtiEvent event, HangupCause cause, Instant at) {
        return report(event, CallDirection.IN, cause, null, at);
    }

    private static ReportCallEvent report(
            CtiEvent event, CallDirection direction, HangupCause cause, String callbackId, Instant at) {
        return new ReportCallEvent(
                "call-1",
                event,
                direction,
                FROM,
                TO,
                List.of("desk"),
                "hotline",
                event == CtiEvent.ANSWER ? "8001" : null,
                cause,
                callbackId,
                "sunrise",
                "sunrise:b1-101",
                List.of(),
                at);
    }

    private static CallStarted started(Instant at) {
        return started(CallDirection.IN, null, at);
    }

    private static CallStarted started(CallDirection direction, String callbackId, Instant at) {
        return new CallStarted(
                "call-1",
                direction,
                FROM,
                TO,
                List.of("desk"),
                "hotline",
                "sunrise",
                "sunrise:b1-101",
                callbackId,
                List.of(),
                at);
    }

    private static CallAnswered answered(Instant at) {
        return new CallAnswered("call-1", CallDirection.IN, List.of("desk"), "8001", "sunrise", null, at);
    }

    private static CallEnded ended(HangupCause cause, boolean answered, int seconds, Instant at) {
        return new CallEnded(
                "call-1",
                CallDirection.IN,
                cause,
                answered,
                seconds,
                null,
                "sunrise",
                "sunrise:b1-101",
                null,
                List.of(),
                RANG,
                at);
    }

    @Test
    void aNewCallStartsTheCall() {
        fixture.givenNoPriorActivity()
                .when(report(CtiEvent.NEW_CALL, null, RANG))
                .expectEvents(started(RANG), new CtiEventNoted("call-1", CtiEvent.NEW_CALL));
    }

    @Test
    void theSameEventTwiceChangesNothing() {
        fixture.given(started(RANG), new CtiEventNoted("call-1", CtiEvent.NEW_CALL))
                .when(report(CtiEvent.NEW_CALL, null, RANG.plusSeconds(2)))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
        fixture.given(
                        started(RANG),
                        new CtiEventNoted("call-1", CtiEvent.NEW_CALL),
                        new CtiEventNoted("call-1", CtiEvent.HANGUP),
                        ended(HangupCause.NO_ANSWER, false, 0, HUNG_UP))
                .when(report(CtiEvent.HANGUP, HangupCause.NORMAL_CLEARING, HUNG_UP.plusSeconds(5)))
                .expectNoEvents();
    }

    @Test
    void anAnsweredCallEndsWithItsTalkTime() {
        fixture.given(
                        started(RANG),
                        new CtiEventNoted("call-1", CtiEvent.NEW_CALL),
                        new CtiEventNoted("call-1", CtiEvent.ANSWER),
                        answered(ANSWERED))
                .when(report(CtiEvent.HANGUP, HangupCause.NORMAL_CLEARING, HUNG_UP))
                .expectEvents(
                        new CtiEventNoted("call-1", CtiEvent.HANGUP),
                        ended(HangupCause.NORMAL_CLEARING, true, 90, HUNG_UP));
    }

    @Test
    void aHangupBeforeItsAnswerEndsTheCallUnansweredAndTheLateAnswerStillMakesItAnswered_M1() {
        fixture.given(
                        started(RANG),
                        new CtiEventNoted("call-1", CtiEvent.NEW_CALL),
                        new CtiEventNoted("call-1", CtiEvent.HANGUP),
                        ended(HangupCause.NORMAL_CLEARING, false, 0, HUNG_UP))
                .when(report(CtiEvent.ANSWER, null, HUNG_UP.plusSeconds(1)))
                .expectEvents(new CtiEventNoted("call-1", CtiEvent.ANSWER), answered(HUNG_UP.plusSeconds(1)))
                .expectState(call -> {
                    if (call.unansweredInbound() || !call.view().answered()) {
                        throw new AssertionError("a late answer makes the call answered");
                    }
                });
    }

    @Test
    void aHangupWhoseNewCallNeverCameStartsTheCallFromWhatItCarries() {
        fixture.givenNoPriorActivity()
                .when(report(CtiEvent.HANGUP, HangupCause.NO_ANSWER, HUNG_UP))
                .expectEvents(
                        started(HUNG_UP),
                        new CtiEventNoted("call-1", CtiEvent.HANGUP),
                        new CallEnded(
                                "call-1",
                                CallDirection.IN,
                                HangupCause.NO_ANSWER,
                                false,
                                0,
                                null,
                                "sunrise",
                                "sunrise:b1-101",
                                null,
                                List.of(),
                                HUNG_UP,
                                HUNG_UP));
    }

    @Test
    void aNewCallAfterTheCallWasStartedByItsAnswerChangesNothingButIsTaken() {
        fixture.given(started(ANSWERED), new CtiEventNoted("call-1", CtiEvent.ANSWER), answered(ANSWERED))
                .when(report(CtiEvent.NEW_CALL, null, ANSWERED.plusSeconds(1)))
                .expectEvents(new CtiEventNoted("call-1", CtiEvent.NEW_CALL));
    }

    @Test
    void aHangupWithoutItsCauseIsRefusedAndStoresNothing() {
        fixture.given(started(RANG), new CtiEventNoted("call-1", CtiEvent.NEW_CALL))
                .when(report(CtiEvent.HANGUP, null, HUNG_UP))
                .expectException(BadRequestException.class)
                .expectNoEvents();
    }

    @Test
    void aDialledCallbackNamesItsCallbackOnEveryEventOfTheCall() {
        fixture.given(started(CallDirection.OUT, "CB-7", RANG), new CtiEventNoted("call-1", CtiEvent.NEW_CALL))
                .when(report(CtiEvent.ANSWER, CallDirection.OUT, null, null, ANSWERED))
                .expectEvents(
                        new CtiEventNoted("call-1", CtiEvent.ANSWER),
                        new CallAnswered(
                                "call-1", CallDirection.OUT, List.of("desk"), "8001", "sunrise", "CB-7", ANSWERED));
    }

    @Test
    void aCallIsLinkedToTheTicketOpenedDuringItOnce_R1() {
        fixture.given(started(RANG), new CtiEventNoted("call-1", CtiEvent.NEW_CALL))
                .when(new LinkCall("call-1", "T-9", ANSWERED))
                .expectEvents(new CallLinked("call-1", "T-9", ANSWERED));
        fixture.given(
                        started(RANG),
                        new CtiEventNoted("call-1", CtiEvent.NEW_CALL),
                        new CallLinked("call-1", "T-9", ANSWERED))
                .when(new LinkCall("call-1", "T-9", HUNG_UP))
                .expectNoEvents();
    }

    @Test
    void aLinkedCallEndsNamingItsTicket() {
        fixture.given(
                        started(RANG),
                        new CtiEventNoted("call-1", CtiEvent.NEW_CALL),
                        new CallLinked("call-1", "T-9", ANSWERED))
                .when(report(CtiEvent.HANGUP, HangupCause.NORMAL_CLEARING, HUNG_UP))
                .expectEvents(
                        new CtiEventNoted("call-1", CtiEvent.HANGUP),
                        new CallEnded(
                                "call-1",
                                CallDirection.IN,
                                HangupCause.NORMAL_CLEARING,
                                false,
                                0,
                                "T-9",
                                "sunrise",
                                "sunrise:b1-101",
                                null,
                                List.of(),
                                RANG,
                                HUNG_UP));
    }
}
