package io.propdesk.dispatch.domain;

import io.propdesk.contracts.Department;
import io.propdesk.contracts.Money;
import io.propdesk.contracts.TicketKind;
import io.propdesk.contracts.dispatch.ContractSigned;
import io.propdesk.platform.domain.BadRequestException;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.Set;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Registering a monthly contract with its agreed schedule (H1, H6, P2). */
class ContractTest {

    static final Instant SIGNED = Instant.parse("2026-12-01T01:00:00Z");
    private AggregateTestFixture<Contract> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Contract.class);
    }

    static SignContract weeklyCleaning(LocalDate start, LocalDate end, Set<DayOfWeek> days, Money fee) {
        return new SignContract(
                "C-1",
                "b1-101",
                "sunrise",
                "b1-101",
                TicketKind.CLEANING_MONTHLY,
                Department.CLEANING,
                start,
                end,
                days,
                LocalTime.of(10, 0),
                fee,
                3,
                "steward-li",
                "leader-wu",
                SIGNED);
    }

    @Test
    void aContractWithItsScheduleAndFeeIsSigned_H1() {
        SignContract c =
                weeklyCleaning(LocalDate.parse("2026-12-01"), null, Set.of(DayOfWeek.TUESDAY), Money.cny("800"));
        fixture.givenNoPriorActivity()
                .when(c)
                .expectEvents(new ContractSigned(
                        "C-1",
                        "b1-101",
                        "sunrise",
                        "b1-101",
                        TicketKind.CLEANING_MONTHLY,
                        Department.CLEANING,
                        c.startDate(),
                        null,
                        Set.of(DayOfWeek.TUESDAY),
                        LocalTime.of(10, 0),
                        Money.cny("800.00"),
                        3,
                        "steward-li",
                        "leader-wu",
                        SIGNED));
    }

    @Test
    void aContractCannotEndBeforeItStarts_H1() {
        fixture.givenNoPriorActivity()
                .when(weeklyCleaning(
                        LocalDate.parse("2026-12-10"),
                        LocalDate.parse("2026-12-01"),
                        Set.of(DayOfWeek.TUESDAY),
                        Money.cny("800")))
                .expectException(BadRequestException.class)
                .expectExceptionMessage("endDate: the contract ends before it starts")
                .expectNoEvents();
    }

    @Test
    void aContractNeedsVisitDaysAndAPositiveFee_H1_P2() {
        fixture.givenNoPriorActivity()
                .when(weeklyCleaning(LocalDate.parse("2026-12-01"), null, Set.of(), Money.cny("800")))
                .expectException(BadRequestException.class)
                .expectExceptionMessage("visitDays: a contract needs at least one visit day (H1)");
        fixture.givenNoPriorActivity()
                .when(weeklyCleaning(LocalDate.parse("2026-12-01"), null, Set.of(DayOfWeek.TUESDAY), Money.cny("0")))
                .expectException(BadRequestException.class)
                .expectExceptionMessage("monthlyFee: the monthly fee must be positive (P2)");
    }

    @Test
    void onlyMonthlyCleaningAndGreeningAreContractsServedByTheirOwnDepartment_H1() {
        SignContract c =
                weeklyCleaning(LocalDate.parse("2026-12-01"), null, Set.of(DayOfWeek.TUESDAY), Money.cny("800"));
        fixture.givenNoPriorActivity()
                .when(new SignContract(
                        "C-1",
                        "b1-101",
                        "sunrise",
                        "b1-101",
                        TicketKind.REPAIR,
                        Department.ENGINEERING,
                        c.startDate(),
                        null,
                        c.visitDays(),
                        c.visitTime(),
                        c.monthlyFee(),
                        3,
                        null,
                        "x",
                        SIGNED))
                .expectException(BadRequestException.class)
                .expectExceptionMessage("kind: a contract is CLEANING_MONTHLY or GREENING (H1)");
        fixture.givenNoPriorActivity()
                .when(new SignContract(
                        "C-1",
                        "b1-101",
                        "sunrise",
                        "b1-101",
                        TicketKind.GREENING,
                        Department.CLEANING,
                        c.startDate(),
                        null,
                        c.visitDays(),
                        c.visitTime(),
                        c.monthlyFee(),
                        3,
                        null,
                        "x",
                        SIGNED))
                .expectException(BadRequestException.class)
                .expectExceptionMessage("department: GREENING contracts are served by GREENING");
    }
}
