package io.propdesk.billing.domain;

import static io.propdesk.billing.domain.BillingMother.DECIDED;
import static io.propdesk.billing.domain.BillingMother.DISPATCHED;
import static io.propdesk.billing.domain.BillingMother.QUOTED;
import static io.propdesk.billing.domain.BillingMother.aFreeRepairOrder;
import static io.propdesk.billing.domain.BillingMother.aPaidRepairOrder;
import static io.propdesk.billing.domain.BillingMother.issued;
import static io.propdesk.billing.domain.BillingMother.pricedBy;
import static io.propdesk.billing.domain.BillingMother.quoteFor;
import static org.assertj.core.api.Assertions.assertThat;

import io.propdesk.contracts.Department;
import io.propdesk.contracts.TicketKind;
import io.propdesk.contracts.billing.QuoteAccepted;
import io.propdesk.contracts.billing.QuoteDeclined;
import io.propdesk.platform.domain.BadRequestException;
import io.propdesk.platform.domain.RuleViolationException;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Quotes before paid work (R7), priced from a named price-list version (P2), on billing's side of an order. */
class OrderTest {

    private static final String ORDER = "WO-17";

    private AggregateTestFixture<Order> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Order.class);
    }

    @Test
    void aDispatchedOrderIsRecordedOnceHoweverOftenDelivered() {
        RecordOrder record = new RecordOrder(
                ORDER, "T-1", "sunrise", "b1-101", TicketKind.REPAIR, Department.ENGINEERING, true, null, DISPATCHED);
        fixture.givenNoPriorActivity().when(record).expectEvents(aPaidRepairOrder(ORDER));
        fixture.given(aPaidRepairOrder(ORDER))
                .when(record)
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void aPaidOrdersQuoteIsIssuedWithItsTotalAndThePriceListVersionUsed_R7_P2() {
        fixture.given(aPaidRepairOrder(ORDER))
                .when(quoteFor(ORDER))
                .expectResultMessagePayload("Q1-WO-17")
                .expectEvents(issued(ORDER, 1), pricedBy(ORDER, 1))
                .expectState(order -> {
                    QuoteView quote = order.view().quote("Q1-WO-17").orElseThrow();
                    assertThat(quote.status()).isEqualTo(QuoteStatus.OPEN);
                    assertThat(quote.priceListVersion()).isEqualTo(3);
                    assertThat(quote.pricedBy()).isEqualTo(new QuoteView.PricedBy("steward-li", "eng-zhang"));
                });
    }

    @Test
    void freeWorkIsNeverQuoted_R7() {
        fixture.given(aFreeRepairOrder(ORDER))
                .when(quoteFor(ORDER))
                .expectException(RuleViolationException.class)
                .expectExceptionMessage("order WO-17 is free work: it needs no quote (R7)")
                .expectNoEvents();
    }

    @Test
    void aQuoteNamesTheOrdersOwnTicketAndDepartment_R7() {
        IssueQuote wrongTicket = new IssueQuote(
                ORDER,
                "T-2",
                Department.ENGINEERING,
                3,
                BillingMother.tapAndLabour(),
                quoteFor(ORDER).total(),
                "steward-li",
                "eng-zhang",
                QUOTED);
        fixture.given(aPaidRepairOrder(ORDER))
                .when(wrongTicket)
                .expectException(BadRequestException.class)
                .expectNoEvents();
        IssueQuote wrongDepartment = new IssueQuote(
                ORDER,
                "T-1",
                Department.CLEANING,
                3,
                BillingMother.tapAndLabour(),
                quoteFor(ORDER).total(),
                "steward-li",
                "eng-zhang",
                QUOTED);
        fixture.given(aPaidRepairOrder(ORDER))
                .when(wrongDepartment)
                .expectException(BadRequestException.class)
                .expectNoEvents();
    }

    @Test
    void acceptingTheOpenQuoteNamesTheOrderAndTicketSoDispatchCanStartIt_R7() {
        fixture.given(aPaidRepairOrder(ORDER), issued(ORDER, 1), pricedBy(ORDER, 1))
                .when(new AcceptQuote(ORDER, "Q1-WO-17", "steward-li", DECIDED))
                .expectEvents(
                        new QuoteAccepted("T-1", "Q1-WO-17", ORDER, "steward-li", DECIDED, "steward-li", "b1-101"))
                .expectState(order -> assertThat(order.view().acceptedQuote()).isPresent());
    }

    @Test
    void quoteAcceptedNamesTheStaffRecorderAndTheOwningCustomerAndKeepsAcceptedBy_issue14_item7() {
        fixture.given(aPaidRepairOrder(ORDER), issued(ORDER, 1), pricedBy(ORDER, 1))
                .when(new AcceptQuote(ORDER, "Q1-WO-17", "steward-li", DECIDED))
                .expectEvents(new QuoteAccepted(
                        "T-1",
                        "Q1-WO-17",
                        ORDER,
                        /* acceptedBy, deprecated: its old value */ "steward-li",
                        DECIDED,
                        /* recordedBy */ "steward-li", /* customerId: the order's unit */
                        "b1-101"))
                .expectState(order -> assertThat(
                                order.view().acceptedQuote().orElseThrow().decidedBy())
                        .isEqualTo("steward-li"));
    }

    @Test
    @SuppressWarnings("deprecation")
    void anAcceptanceStoredBeforeRecordedByStillNamesItsRecorder_issue14_item7() {
        QuoteAccepted stored = new QuoteAccepted("T-1", "Q1-WO-17", ORDER, "steward-li", DECIDED, null, null);
        fixture.given(aPaidRepairOrder(ORDER), issued(ORDER, 1), stored)
                .when(new NoteCompletion(ORDER, DECIDED))
                .expectState(order -> assertThat(
                                order.view().acceptedQuote().orElseThrow().decidedBy())
                        .isEqualTo("steward-li"));
    }

    @Test
    void aSecondQuoteSupersedesTheOpenOneWhichCanNoLongerBeAccepted_R7() {
        fixture.given(aPaidRepairOrder(ORDER), issued(ORDER, 1), pricedBy(ORDER, 1))
                .when(quoteFor(ORDER))
                .expectResultMessagePayload("Q2-WO-17")
                .expectEvents(issued(ORDER, 2), pricedBy(ORDER, 2))
                .expectState(order -> {
                    assertThat(order.view().quote("Q1-WO-17").orElseThrow().status())
                            .isEqualTo(QuoteStatus.SUPERSEDED);
                    assertThat(order.view().quote("Q2-WO-17").orElseThrow().status())
                            .isEqualTo(QuoteStatus.OPEN);
                });
        fixture.given(aPaidRepairOrder(ORDER), issued(ORDER, 1), pricedBy(ORDER, 1), issued(ORDER, 2))
                .when(new AcceptQuote(ORDER, "Q1-WO-17", "steward-li", DECIDED))
                .expectException(RuleViolationException.class)
                .expectExceptionMessage("quote Q1-WO-17 is superseded by Q2-WO-17; only the order's open quote can be"
                        + " accepted (R7)")
                .expectNoEvents();
    }

    @Test
    void anAcceptedQuoteIsNeitherAcceptedAgainNorReplaced_R7() {
        QuoteAccepted accepted =
                new QuoteAccepted("T-1", "Q1-WO-17", ORDER, "steward-li", DECIDED, "steward-li", "b1-101");
        fixture.given(aPaidRepairOrder(ORDER), issued(ORDER, 1), accepted)
                .when(new AcceptQuote(ORDER, "Q1-WO-17", "steward-li", DECIDED))
                .expectException(RuleViolationException.class)
                .expectNoEvents();
        fixture.given(aPaidRepairOrder(ORDER), issued(ORDER, 1), accepted)
                .when(quoteFor(ORDER))
                .expectException(RuleViolationException.class)
                .expectNoEvents();
    }

    @Test
    void theOwnerMayDeclineTheOpenQuote_R7() {
        fixture.given(aPaidRepairOrder(ORDER), issued(ORDER, 1))
                .when(new DeclineQuote(ORDER, "Q1-WO-17", "too expensive", DECIDED))
                .expectEvents(new QuoteDeclined("T-1", "Q1-WO-17", ORDER, "too expensive", DECIDED));
        fixture.given(
                        aPaidRepairOrder(ORDER),
                        issued(ORDER, 1),
                        new QuoteDeclined("T-1", "Q1-WO-17", ORDER, "too expensive", DECIDED))
                .when(new AcceptQuote(ORDER, "Q1-WO-17", "steward-li", DECIDED))
                .expectException(RuleViolationException.class)
                .expectNoEvents();
    }

    @Test
    void cancellingTheOrderWithdrawsItsOpenQuote_R7() {
        fixture.given(aPaidRepairOrder(ORDER), issued(ORDER, 1))
                .when(new CancelOrder(ORDER, "owner changed mind", DECIDED))
                .expectEvents(new OrderCancellationNoted(ORDER, "Q1-WO-17", "owner changed mind", DECIDED))
                .expectState(order -> assertThat(
                                order.view().quote("Q1-WO-17").orElseThrow().status())
                        .isEqualTo(QuoteStatus.WITHDRAWN));
        fixture.given(
                        aPaidRepairOrder(ORDER),
                        issued(ORDER, 1),
                        new OrderCancellationNoted(ORDER, "Q1-WO-17", "owner changed mind", DECIDED))
                .when(new AcceptQuote(ORDER, "Q1-WO-17", "steward-li", DECIDED))
                .expectException(RuleViolationException.class)
                .expectNoEvents();
    }

    @Test
    void aCompletedOrderIsNotQuotedAnyMoreAndCompletionIsNotedOnce_R7() {
        fixture.given(aPaidRepairOrder(ORDER), new OrderCompletionNoted(ORDER, DECIDED))
                .when(new NoteCompletion(ORDER, DECIDED))
                .expectNoEvents();
        fixture.given(aPaidRepairOrder(ORDER), new OrderCompletionNoted(ORDER, DECIDED))
                .when(quoteFor(ORDER))
                .expectException(RuleViolationException.class)
                .expectNoEvents();
    }
}
