package io.propdesk.ticket.domain;

import io.propdesk.contracts.Channel;
import io.propdesk.contracts.Severity;
import io.propdesk.contracts.TicketKind;
import io.propdesk.contracts.ticket.LateOrderExplained;
import io.propdesk.contracts.ticket.TicketOpened;
import io.propdesk.platform.domain.BadRequestException;
import io.propdesk.platform.domain.RuleViolationException;
import java.time.Instant;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Kind-specific rules of registering a call (R1, R3, R6, R7, C2, H6). */
class TicketTest {

    private static final Instant RECEIVED = Instant.parse("2026-11-27T02:00:00Z");
    private static final Instant OPENED = Instant.parse("2026-11-27T02:01:00Z");
    private static final Instant TOMORROW_10 = Instant.parse("2026-11-28T02:00:00Z");

    private AggregateTestFixture<Ticket> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Ticket.class);
    }

    private static OpenTicket open(TicketKind kind, Boolean paid, Severity severity, Instant serviceTime) {
        return new OpenTicket(
                "T-1",
                "call-1",
                "sunrise",
                "north",
                "b1",
                "b1-101",
                kind,
                paid,
                severity,
                "kitchen tap leaking",
                "Wang",
                "13800000000",
                Channel.PHONE,
                "desk-chen",
                "steward-li",
                RECEIVED,
                serviceTime,
                OPENED);
    }

    @Test
    void registeringARepairOpensTheTicketWithTheUnitsAreaAndSteward_R1_R3() {
        fixture.givenNoPriorActivity()
                .when(open(TicketKind.REPAIR, false, null, null))
                .expectSuccessfulHandlerExecution()
                .expectEvents(new TicketOpened(
                        "T-1",
                        "call-1",
                        "sunrise",
                        "north",
                        "b1",
                        "b1-101",
                        TicketKind.REPAIR,
                        false,
                        null,
                        "kitchen tap leaking",
                        "Wang",
                        "13800000000",
                        Channel.PHONE,
                        "desk-chen",
                        "steward-li",
                        RECEIVED,
                        null,
                        OPENED));
    }

    @Test
    void aRepairMustSayWhetherItIsPaidOrFree_R7() {
        fixture.givenNoPriorActivity()
                .when(open(TicketKind.REPAIR, null, null, null))
                .expectException(BadRequestException.class)
                .expectExceptionMessage("paid: a repair must say whether it is paid or free (R7)")
                .expectNoEvents();
    }

    @Test
    void reworkIsNeverPaidByTheOwner_R6() {
        fixture.givenNoPriorActivity()
                .when(open(TicketKind.REWORK, true, null, null))
                .expectException(BadRequestException.class)
                .expectNoEvents();
    }

    @Test
    void aComplaintMustBeNormalOrMajor_C2() {
        fixture.givenNoPriorActivity()
                .when(open(TicketKind.COMPLAINT, null, null, null))
                .expectException(BadRequestException.class)
                .expectExceptionMessage("severity: a complaint must be NORMAL or MAJOR (C2)");
    }

    @Test
    void onlyAComplaintHasASeverity() {
        fixture.givenNoPriorActivity()
                .when(open(TicketKind.REPAIR, false, Severity.MAJOR, null))
                .expectException(BadRequestException.class)
                .expectNoEvents();
    }

    @Test
    void aMajorComplaintKeepsItsSeverityAndIsNotPaid_C2() {
        fixture.givenNoPriorActivity()
                .when(open(TicketKind.COMPLAINT, null, Severity.MAJOR, null))
                .expectEvents(new TicketOpened(
                        "T-1",
                        "call-1",
                        "sunrise",
                        "north",
                        "b1",
                        "b1-101",
                        TicketKind.COMPLAINT,
                        false,
                        Severity.MAJOR,
                        "kitchen tap leaking",
                        "Wang",
                        "13800000000",
                        Channel.PHONE,
                        "desk-chen",
                        "steward-li",
                        RECEIVED,
                        null,
                        OPENED));
    }

    @Test
    void housekeepingNeedsTheServiceTimeConfirmedWithTheCustomer_H6() {
        fixture.givenNoPriorActivity()
                .when(open(TicketKind.CLEANING_HOURLY, null, null, null))
                .expectException(BadRequestException.class)
                .expectExceptionMessage(
                        "serviceTime: housekeeping needs the service time confirmed with the customer (H6)")
                .expectNoEvents();
    }

    @Test
    void housekeepingIsPaidWork_P1() {
        fixture.givenNoPriorActivity()
                .when(open(TicketKind.GREENING, false, null, TOMORROW_10))
                .expectException(BadRequestException.class)
                .expectNoEvents();
    }

    @Test
    void aConfirmedHousekeepingCallOpensAsPaidWithItsServiceTime_H6() {
        fixture.givenNoPriorActivity()
                .when(open(TicketKind.CLEANING_MOVE_IN, null, null, TOMORROW_10))
                .expectEvents(new TicketOpened(
                        "T-1",
                        "call-1",
                        "sunrise",
                        "north",
                        "b1",
                        "b1-101",
                        TicketKind.CLEANING_MOVE_IN,
                        true,
                        null,
                        "kitchen tap leaking",
                        "Wang",
                        "13800000000",
                        Channel.PHONE,
                        "desk-chen",
                        "steward-li",
                        RECEIVED,
                        TOMORROW_10,
                        OPENED));
    }

    @Test
    void aServiceTimeBeforeTheCallIsRejected_H6() {
        fixture.givenNoPriorActivity()
                .when(open(TicketKind.CLEANING_HOURLY, null, null, RECEIVED.minusSeconds(3600)))
                .expectException(BadRequestException.class)
                .expectNoEvents();
    }

    private static TicketOpened opened() {
        return new TicketOpened(
                "T-1",
                "call-1",
                "sunrise",
                "north",
                "b1",
                "b1-101",
                TicketKind.REPAIR,
                false,
                null,
                "kitchen tap leaking",
                "Wang",
                "13800000000",
                Channel.PHONE,
                "desk-chen",
                "steward-li",
                RECEIVED,
                null,
                OPENED);
    }

    @Test
    void aLateOrderIsEnteredInTheComplaintBookWithReasonWhoAndWhen_R11() {
        Instant at = OPENED.plusSeconds(7200);
        fixture.given(opened())
                .when(new ExplainLateOrder("T-1", "WO-17", "parts arrived late", "desk-chen", at))
                .expectEvents(new LateOrderExplained("T-1", "WO-17", "parts arrived late", "desk-chen", at));
    }

    @Test
    void anOrderIsExplainedOnlyOnce_R11() {
        Instant at = OPENED.plusSeconds(7200);
        fixture.given(opened(), new LateOrderExplained("T-1", "WO-17", "parts arrived late", "desk-chen", at))
                .when(new ExplainLateOrder("T-1", "WO-17", "again", "desk-chen", at.plusSeconds(60)))
                .expectException(RuleViolationException.class)
                .expectNoEvents();
    }
}
