package io.propdesk.ticket.domain;

import io.propdesk.contracts.Channel;
import io.propdesk.contracts.Severity;
import io.propdesk.contracts.TicketKind;
import io.propdesk.contracts.ticket.TicketClosed;
import io.propdesk.contracts.ticket.TicketOpened;
import io.propdesk.contracts.ticket.TicketReopened;
import io.propdesk.platform.domain.RuleViolationException;
import java.time.Instant;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What the callback's outcome does to the ticket (R5, C3, H5). */
class TicketFollowUpTest {

    private static final Instant OPENED = Instant.parse("2026-11-27T02:00:00Z");
    private static final Instant CALLED = Instant.parse("2026-11-28T03:00:00Z");

    private AggregateTestFixture<Ticket> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Ticket.class);
    }

    private static TicketOpened opened(TicketKind kind, Severity severity) {
        return new TicketOpened(
                "T-1",
                "call-1",
                "sunrise",
                "north",
                "b1",
                "b1-101",
                kind,
                false,
                severity,
                "noise at night",
                "Wang",
                "13800000000",
                Channel.PHONE,
                "desk-chen",
                "steward-li",
                OPENED,
                null,
                OPENED);
    }

    @Test
    void aSatisfiedCallbackClosesARepair_R5() {
        fixture.given(opened(TicketKind.REPAIR, null))
                .when(new CloseTicket("T-1", "CB-1", "owner satisfied", CALLED))
                .expectEvents(
                        new CallbackOutcomeNoted("T-1", "CB-1"), new TicketClosed("T-1", "owner satisfied", CALLED));
    }

    @Test
    void cannotCloseComplaintWithoutStewardSignOff_C3() {
        fixture.given(opened(TicketKind.COMPLAINT, Severity.NORMAL))
                .when(new CloseTicket("T-1", "CB-1", "owner satisfied", CALLED))
                .expectException(RuleViolationException.class)
                .expectExceptionMessage("complaint T-1 cannot be closed before its steward signs off (C3)")
                .expectNoEvents();
    }

    @Test
    void aSignedOffComplaintClosesOnASatisfiedCallback_C3() {
        fixture.given(
                        opened(TicketKind.COMPLAINT, Severity.MAJOR),
                        new ComplaintSignOffNoted("T-1", "steward-li", CALLED.minusSeconds(3600)))
                .when(new CloseTicket("T-1", "CB-1", "owner satisfied", CALLED))
                .expectEvents(
                        new CallbackOutcomeNoted("T-1", "CB-1"), new TicketClosed("T-1", "owner satisfied", CALLED));
    }

    @Test
    void anUnsatisfiedCallbackReopensTheTicket() {
        fixture.given(opened(TicketKind.REPAIR, null))
                .when(new ReopenTicket("T-1", "CB-1", "still leaking", CALLED))
                .expectEvents(
                        new CallbackOutcomeNoted("T-1", "CB-1"), new TicketReopened("T-1", "still leaking", CALLED));
    }

    @Test
    void theSameCallbackOutcomeTwiceChangesNothing() {
        fixture.given(
                        opened(TicketKind.REPAIR, null),
                        new CallbackOutcomeNoted("T-1", "CB-1"),
                        new TicketReopened("T-1", "still leaking", CALLED))
                .when(new ReopenTicket("T-1", "CB-1", "still leaking", CALLED))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void aReopenedTicketClosesOnTheNextSatisfiedCallback() {
        fixture.given(
                        opened(TicketKind.REPAIR, null),
                        new CallbackOutcomeNoted("T-1", "CB-1"),
                        new TicketReopened("T-1", "still leaking", CALLED))
                .when(new CloseTicket("T-1", "CB-2", "fixed now", CALLED.plusSeconds(86_400)))
                .expectEvents(
                        new CallbackOutcomeNoted("T-1", "CB-2"),
                        new TicketClosed("T-1", "fixed now", CALLED.plusSeconds(86_400)));
    }
}
