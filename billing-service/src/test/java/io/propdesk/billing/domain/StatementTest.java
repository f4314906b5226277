package io.propdesk.billing.domain;

import static io.propdesk.billing.domain.BillingMother.NOVEMBER;
import static io.propdesk.billing.domain.BillingMother.POSTED;

import io.propdesk.contracts.Department;
import io.propdesk.contracts.Money;
import io.propdesk.contracts.billing.ChargePosted;
import io.propdesk.contracts.billing.StatementIssued;
import java.time.Instant;
import java.util.List;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A customer's month: charges posted once (R7, P2, H7), the statement issued once and then fixed (H7, H8). */
class StatementTest {

    private static final String CUSTOMER = "b1-101";
    private static final String STATEMENT = "ST-b1-101-2026-11";
    private static final Instant CLOSED_AT = Instant.parse("2026-12-01T02:00:00Z");

    private AggregateTestFixture<Statement> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Statement.class);
    }

    private static PostCharge orderCharge(boolean monthClosed) {
        return new PostCharge(
                CUSTOMER,
                NOVEMBER,
                "sunrise",
                "CH-WO-17",
                "T-1",
                "WO-17",
                "Q1-WO-17",
                null,
                Department.ENGINEERING,
                "Paid order WO-17",
                Money.cny("177.00"),
                monthClosed,
                POSTED);
    }

    private static ChargePosted orderCharged() {
        return new ChargePosted(
                "T-1",
                "CH-WO-17",
                "WO-17",
                "Q1-WO-17",
                null,
                CUSTOMER,
                Department.ENGINEERING,
                "Paid order WO-17",
                Money.cny("177.00"),
                NOVEMBER,
                POSTED);
    }

    private static ChargePosted feeCharged() {
        return new ChargePosted(
                null,
                "CF-C-1-2026-11",
                null,
                null,
                "C-1",
                CUSTOMER,
                Department.CLEANING,
                "Monthly fee",
                Money.cny("300.00"),
                NOVEMBER,
                POSTED);
    }

    private static StatementOpened opened() {
        return new StatementOpened(STATEMENT, CUSTOMER, NOVEMBER, "sunrise");
    }

    @Test
    void theFirstChargeOfTheMonthOpensTheCustomersStatement_H7() {
        fixture.givenNoPriorActivity()
                .when(orderCharge(false))
                .expectResultMessagePayload(PostResult.POSTED)
                .expectEvents(opened(), orderCharged());
    }

    @Test
    void theSameChargePostedAgainChangesNothing_R7_H7() {
        fixture.given(opened(), orderCharged())
                .when(orderCharge(false))
                .expectResultMessagePayload(PostResult.ALREADY_POSTED)
                .expectNoEvents();
    }

    @Test
    void issuingListsEveryChargeWithTheTotal_H7() {
        fixture.given(opened(), orderCharged(), feeCharged())
                .when(new IssueStatement(CUSTOMER, NOVEMBER, "sunrise", CLOSED_AT))
                .expectResultMessagePayload(true)
                .expectEvents(new StatementIssued(
                        CUSTOMER,
                        NOVEMBER,
                        STATEMENT,
                        "sunrise",
                        List.of(
                                new StatementIssued.Line(
                                        "CH-WO-17", "T-1", "WO-17", null, "Paid order WO-17", Money.cny("177.00")),
                                new StatementIssued.Line(
                                        "CF-C-1-2026-11", null, null, "C-1", "Monthly fee", Money.cny("300.00"))),
                        Money.cny("477.00"),
                        CLOSED_AT));
    }

    @Test
    void aStatementIsIssuedOnceHoweverOftenTheMonthIsClosed_H8() {
        fixture.given(
                        opened(),
                        orderCharged(),
                        new StatementIssued(
                                CUSTOMER, NOVEMBER, STATEMENT, "sunrise", List.of(), Money.cny("177.00"), CLOSED_AT))
                .when(new IssueStatement(CUSTOMER, NOVEMBER, "sunrise", CLOSED_AT.plusSeconds(60)))
                .expectResultMessagePayload(false)
                .expectNoEvents();
    }

    @Test
    void anIssuedStatementTakesNoNewChargeButStillRecognisesItsOwn_H8() {
        StatementIssued issued = new StatementIssued(
                CUSTOMER, NOVEMBER, STATEMENT, "sunrise", List.of(), Money.cny("300.00"), CLOSED_AT);
        fixture.given(opened(), feeCharged(), issued)
                .when(orderCharge(false))
                .expectResultMessagePayload(PostResult.MONTH_CLOSED)
                .expectNoEvents();
        fixture.given(opened(), orderCharged(), issued)
                .when(orderCharge(true))
                .expectResultMessagePayload(PostResult.ALREADY_POSTED)
                .expectNoEvents();
    }

    @Test
    void aClosedMonthTakesNoNewChargeEvenBeforeItsStatementIsIssued_H8() {
        fixture.given(opened(), feeCharged())
                .when(orderCharge(true))
                .expectResultMessagePayload(PostResult.MONTH_CLOSED)
                .expectNoEvents();
    }
}
