package io.propdesk.contracts;

import com.fasterxml.jackson.annotation.JsonFormat;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * An amount of money, on the wire {@code {"amount":"128.00","currency":"CNY"}} (P1, P2, R7, H7).
 *
 * <p>The amount is a decimal string, never a JSON number, so that no consumer ever reads it
 * through a {@code double}. It always carries exactly two decimals: construction rounds
 * {@link RoundingMode#HALF_UP HALF_UP}, so {@code new BigDecimal("1.005")} becomes {@code 1.01}
 * (through a {@code double} it would have been {@code 1.00}, because {@code 1.005d} is really
 * {@code 1.00499999…}). Build amounts from strings ({@link #cny(String)}), never from doubles.
 * Negative amounts are allowed for credits and refunds.
 */
public record Money(
        @JsonFormat(shape = JsonFormat.Shape.STRING) BigDecimal amount, String currency) {

    public static final String CNY = "CNY";
    private static final Pattern ISO_4217 = Pattern.compile("[A-Z]{3}");

    public Money {
        Objects.requireNonNull(amount, "amount");
        Objects.requireNonNull(currency, "currency");
        if (!ISO_4217.matcher(currency).matches()) {
            throw new IllegalArgumentException("currency must be an ISO 4217 code like CNY, got '" + currency + "'");
        }
        amount = amount.setScale(2, RoundingMode.HALF_UP);
    }

    /** {@code Money.cny("128")} is 128.00 CNY; the string keeps the decimal exact. */
    public static Money cny(String amount) {
        return of(amount, CNY);
    }

    public static Money of(String amount, String currency) {
        return new Money(new BigDecimal(amount), currency);
    }

    public static Money zero(String currency) {
        return new Money(BigDecimal.ZERO, currency);
    }

    public Money plus(Money other) {
        return new Money(amount.add(sameCurrency(other).amount), currency);
    }

    public Money minus(Money other) {
        return new Money(amount.subtract(sameCurrency(other).amount), currency);
    }

    public Money times(int quantity) {
        return new Money(amount.multiply(BigDecimal.valueOf(quantity)), currency);
    }

    private Money sameCurrency(Money other) {
        if (!currency.equals(other.currency)) {
            throw new IllegalArgumentException("cannot combine " + this + " with " + other + ": different currencies");
        }
        return other;
    }

    @Override
    public String toString() {
        return amount.toPlainString() + " " + currency;
    }
}
