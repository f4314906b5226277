package io.propdesk.billing.domain;

import static io.propdesk.billing.domain.BillingMother.aCleaningContract;
import static org.assertj.core.api.Assertions.assertThat;

import io.propdesk.contracts.Money;
import java.time.LocalDate;
import java.time.YearMonth;
import org.junit.jupiter.api.Test;

/** The monthly contract fee, pro rata by calendar days for a partial month, rounded HALF_UP once (H1, H7). */
class ContractFeesTest {

    @Test
    void aFullMonthCostsTheMonthlyFee_H7() {
        var contract = aCleaningContract("C-1", LocalDate.of(2026, 10, 1), null);
        assertThat(ContractFees.feeFor(contract, YearMonth.of(2026, 11))
                        .orElseThrow()
                        .amount())
                .isEqualTo(Money.cny("600.00"));
    }

    @Test
    void aContractStartingMidMonthPaysTheCalendarDaysItRuns_H7() {
        // 16-30 November: 15 of 30 days of 600.00 = 300.00
        var contract = aCleaningContract("C-1", LocalDate.of(2026, 11, 16), null);
        var fee = ContractFees.feeFor(contract, YearMonth.of(2026, 11)).orElseThrow();
        assertThat(fee.amount()).isEqualTo(Money.cny("300.00"));
        assertThat(ContractFees.description(contract, YearMonth.of(2026, 11), fee))
                .contains("pro rata 15/30 days");
    }

    @Test
    void aContractEndingMidMonthIsRoundedHalfUpOnceAtTheEnd_H7() {
        // 1-10 February 2027: 600.00 × 10 / 28 = 214.2857… → 214.29
        var contract = aCleaningContract("C-1", LocalDate.of(2026, 11, 1), LocalDate.of(2027, 2, 10));
        assertThat(ContractFees.feeFor(contract, YearMonth.of(2027, 2))
                        .orElseThrow()
                        .amount())
                .isEqualTo(Money.cny("214.29"));
        // 31 December only: 600.00 × 1 / 31 = 19.354… → 19.35
        var oneDay = aCleaningContract("C-2", LocalDate.of(2026, 12, 31), null);
        assertThat(ContractFees.feeFor(oneDay, YearMonth.of(2026, 12))
                        .orElseThrow()
                        .amount())
                .isEqualTo(Money.cny("19.35"));
    }

    @Test
    void aMonthOutsideTheContractCostsNothing_H7() {
        var contract = aCleaningContract("C-1", LocalDate.of(2026, 11, 16), LocalDate.of(2026, 12, 31));
        assertThat(ContractFees.feeFor(contract, YearMonth.of(2026, 10))).isEmpty();
        assertThat(ContractFees.feeFor(contract, YearMonth.of(2027, 1))).isEmpty();
    }

    @Test
    void aContractWithinOneMonthPaysItsDays_H7() {
        // 10-19 November: 10 of 30 days = 200.00
        var contract = aCleaningContract("C-1", LocalDate.of(2026, 11, 10), LocalDate.of(2026, 11, 19));
        assertThat(ContractFees.feeFor(contract, YearMonth.of(2026, 11))
                        .orElseThrow()
                        .amount())
                .isEqualTo(Money.cny("200.00"));
    }
}
