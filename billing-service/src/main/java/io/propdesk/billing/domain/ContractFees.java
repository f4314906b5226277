package io.propdesk.billing.domain;

import io.propdesk.contracts.Money;
import io.propdesk.contracts.dispatch.ContractSigned;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.Optional;

/**
 * The monthly fee of a contract for one month (H1, H7).
 *
 * <p>Pro-rata rule: a month the contract runs in full costs the monthly fee. A partial month costs
 * {@code fee × days run ÷ days in the month}, counting calendar days from {@code startDate} to {@code endDate}
 * inclusive, computed exactly and rounded once, HALF_UP to 2 decimals. A month it does not run in costs nothing.
 * Example: 600.00 a month, starting on 16 November (15 of 30 days) = 300.00; ending 10 February 2027 (10 of 28 days)
 * = 214.285… = 214.29.
 */
public final class ContractFees {

    private ContractFees() {}

    public record Fee(Money amount, int daysRun, int daysInMonth) {

        public boolean fullMonth() {
            return daysRun == daysInMonth;
        }
    }

    public static Optional<Fee> feeFor(ContractSigned contract, YearMonth month) {
        LocalDate first = month.atDay(1);
        LocalDate last = month.atEndOfMonth();
        LocalDate from = contract.startDate().isAfter(first) ? contract.startDate() : first;
        LocalDate to = contract.endDate() != null && contract.endDate().isBefore(last) ? contract.endDate() : last;
        if (to.isBefore(from)) {
            return Optional.empty();
        }
        int days = (int) (to.toEpochDay() - from.toEpochDay()) + 1;
        int inMonth = month.lengthOfMonth();
        Money fee = contract.monthlyFee();
        if (days == inMonth) {
            return Optional.of(new Fee(fee, days, inMonth));
        }
        BigDecimal prorated = fee.amount()
                .multiply(BigDecimal.valueOf(days))
                .divide(BigDecimal.valueOf(inMonth), 2, RoundingMode.HALF_UP);
        return Optional.of(new Fee(new Money(prorated, fee.currency()), days, inMonth));
    }

    public static String description(ContractSigned contract, YearMonth month, Fee fee) {
        String base = "Monthly fee, " + contract.kind() + " contract " + contract.contractId() + ", " + month;
        return fee.fullMonth() ? base : base + " (pro rata " + fee.daysRun() + "/" + fee.daysInMonth() + " days)";
    }
}
