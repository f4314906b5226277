package io.propdesk.callback.domain;

import static io.propdesk.callback.domain.Calendars.local;
import static org.assertj.core.api.Assertions.assertThat;
import static org.axonframework.test.matchers.Matchers.listWithAnyOf;
import static org.axonframework.test.matchers.Matchers.payloadsMatching;
import static org.axonframework.test.matchers.Matchers.predicate;

import io.propdesk.callback.domain.LedgerEvents.LedgerOpened;
import io.propdesk.callback.domain.LedgerEvents.OrderNoted;
import io.propdesk.callback.domain.LedgerEvents.OwnerContactNoted;
import io.propdesk.callback.domain.LedgerView.CallbackView;
import io.propdesk.contracts.CallerRole;
import io.propdesk.contracts.Department;
import io.propdesk.contracts.Severity;
import io.propdesk.contracts.TicketKind;
import io.propdesk.contracts.callback.CallbackAttempted;
import io.propdesk.contracts.callback.CallbackCallEnded;
import io.propdesk.contracts.callback.CallbackScheduled;
import java.time.Instant;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Issue 16 §4: a call dialled for a callback records its outcome on the callback by itself (R5, H5, C2). */
class DialledCallbackTest {

    private static final String T = "T-1";
    private static final String CB = "CB1-" + T;
    private static final Instant OPENED = local("2026-12-29T09:00");
    private static final Instant SCHEDULED = local("2026-12-29T11:00");
    private static final Instant DUE = local("2026-12-30T17:30");
    private static final Instant ENDED = local("2026-12-30T10:00");
    private static final String PHONE = "pii:v1:sunrise:U-1#1:c2VhbGVk";

    private AggregateTestFixture<TicketLedger> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(TicketLedger.class);
        fixture.registerInjectableResource(Calendars.dueTimes());
    }

    private static LedgerOpened opened(TicketKind kind, Severity severity) {
        return new LedgerOpened(T, "sunrise", kind, severity, false, "desk-chen", "steward-li", null, OPENED, null);
    }

    private static CallbackScheduled scheduled(TicketKind kind, Severity severity) {
        return new CallbackScheduled(
                T,
                CB,
                null,
                kind,
                severity,
                "desk-chen",
                CallerRole.allowedFor(kind == TicketKind.COMPLAINT ? severity : null),
                DUE,
                SCHEDULED,
                "sunrise:U-1",
                PHONE);
    }

    private static CallbackView callbackOf(TicketLedger ledger) {
        return ledger.view().callbacks().get(0);
    }

    @Test
    void aDialledCallbacksUnansweredCallRecordsAFailedAttemptUnderTheDiallingAgent_R5() {
        fixture.given(opened(TicketKind.REPAIR, null), scheduled(TicketKind.REPAIR, null))
                .when(new NoteCallbackCall(T, CB, "CALL-9", false, "desk-wu", "no answer (call CALL-9, busy)", ENDED))
                .expectEvents(
                        new CallbackCallEnded(T, CB, "CALL-9", false, "desk-wu", ENDED),
                        new CallbackAttempted(
                                T, CB, "desk-wu", CallerRole.DUTY_STAFF, "no answer (call CALL-9, busy)", ENDED))
                .expectState(ledger -> {
                    assertThat(callbackOf(ledger).attempts()).isEqualTo(1);
                    assertThat(callbackOf(ledger).completed()).isFalse();
                    assertThat(callbackOf(ledger).reachedAt()).isNull();
                    assertThat(callbackOf(ledger).lastCallId()).isEqualTo("CALL-9");
                });
    }

    @Test
    void aMajorComplaintsDialledAttemptIsRecordedUnderASeniorRankAsTicketServiceCheckedItWhenDialled_C2() {
        fixture.given(opened(TicketKind.COMPLAINT, Severity.MAJOR), scheduled(TicketKind.COMPLAINT, Severity.MAJOR))
                .when(new NoteCallbackCall(
                        T, CB, "CALL-9", false, "lead-zhao", "no answer (call CALL-9, noAnswer)", ENDED))
                .expectEvents(
                        new CallbackCallEnded(T, CB, "CALL-9", false, "lead-zhao", ENDED),
                        new CallbackAttempted(
                                T,
                                CB,
                                "lead-zhao",
                                CallerRole.TEAM_LEADER,
                                "no answer (call CALL-9, noAnswer)",
                                ENDED));
    }

    @Test
    void anAnsweredDialledCallMarksTheOwnerReachedAndTheCallbackStaysDueForItsOutcome_R5() {
        fixture.given(opened(TicketKind.REPAIR, null), scheduled(TicketKind.REPAIR, null))
                .when(new NoteCallbackCall(T, CB, "CALL-9", true, "desk-wu", null, ENDED))
                .expectEvents(new CallbackCallEnded(T, CB, "CALL-9", true, "desk-wu", ENDED))
                .expectState(ledger -> {
                    assertThat(callbackOf(ledger).reachedAt()).isEqualTo(ENDED);
                    assertThat(callbackOf(ledger).attempts()).isZero();
                    assertThat(callbackOf(ledger).completed()).isFalse();
                });
    }

    @Test
    void theSameDialledCallTwiceRecordsOnce_R5() {
        fixture.given(
                        opened(TicketKind.REPAIR, null),
                        scheduled(TicketKind.REPAIR, null),
                        new CallbackCallEnded(T, CB, "CALL-9", false, "desk-wu", ENDED),
                        new CallbackAttempted(T, CB, "desk-wu", CallerRole.DUTY_STAFF, "no answer", ENDED))
                .when(new NoteCallbackCall(T, CB, "CALL-9", false, "desk-wu", "no answer", ENDED))
                .expectNoEvents();
    }

    @Test
    void aCallbackScheduledCarriesTheOwnerAndTheSealedNumberForADialler_R5() {
        Instant completed = local("2026-12-29T10:00");
        fixture.given(
                        opened(TicketKind.REPAIR, null),
                        new OwnerContactNoted(T, "sunrise:U-1", PHONE),
                        new OrderNoted(T, "WO-1", TicketKind.REPAIR, Department.ENGINEERING, false, OPENED, null))
                .when(new NoteOrderReturned(
                        T,
                        "WO-1",
                        "sunrise",
                        TicketKind.REPAIR,
                        Department.ENGINEERING,
                        false,
                        completed,
                        local("2026-12-29T17:30"),
                        false,
                        "ce-1",
                        local("2026-12-29T10:30")))
                .expectEventsMatching(payloadsMatching(listWithAnyOf(predicate(e -> e instanceof CallbackScheduled s
                        && "sunrise:U-1".equals(s.ownerId())
                        && PHONE.equals(s.callerPhone())))));
    }

    @Test
    void aTicketOpenedWithAnOwnerRecordsWhoItsCallbacksCall_R5() {
        fixture.givenNoPriorActivity()
                .when(new OpenLedger(
                        T,
                        "sunrise",
                        TicketKind.REPAIR,
                        null,
                        false,
                        "desk-chen",
                        null,
                        OPENED,
                        null,
                        "sunrise:U-1",
                        PHONE))
                .expectEventsMatching(payloadsMatching(
                        listWithAnyOf(predicate(e -> e.equals(new OwnerContactNoted(T, "sunrise:U-1", PHONE))))));
    }
}
