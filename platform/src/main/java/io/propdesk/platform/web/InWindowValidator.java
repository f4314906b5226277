package io.propdesk.platform.web;

import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.Period;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.time.temporal.TemporalAmount;
import org.springframework.beans.factory.annotation.Autowired;

/** Checks {@link InWindow}; "now" is the service's injected clock, so tests move it like every other deadline. */
public class InWindowValidator implements ConstraintValidator<InWindow, Object> {

    private final Clock clock;
    private String notBefore;
    private String notAfter;
    private String message;

    /** Outside a Spring context (a plain Validator), now is the system clock. */
    public InWindowValidator() {
        this(Clock.systemUTC());
    }

    @Autowired
    public InWindowValidator(Clock clock) {
        this.clock = clock;
    }

    @Override
    public void initialize(InWindow window) {
        this.notBefore = window.notBefore();
        this.notAfter = window.notAfter();
        this.message = window.message();
        // fail at the first use of a misspelt bound rather than on a client's request
        bound(notBefore, Instant.EPOCH, false);
        bound(notAfter, Instant.EPOCH, true);
    }

    @Override
    public boolean isValid(Object value, ConstraintValidatorContext context) {
        if (value == null) {
            return true;
        }
        Instant now = clock.instant();
        Instant min = bound(notBefore, now, false);
        Instant max = bound(notAfter, now, true);
        Instant lower;
        Instant upper;
        if (value instanceof Instant i) {
            lower = i;
            upper = i;
        } else if (value instanceof OffsetDateTime o) {
            lower = o.toInstant();
            upper = lower;
        } else if (value instanceof LocalDate d) {
            lower = d.atStartOfDay(ZoneOffset.UTC).toInstant();
            upper = d.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant().minusNanos(1);
        } else if (value instanceof YearMonth m) {
            lower = m.atDay(1).atStartOfDay(ZoneOffset.UTC).toInstant();
            upper = m.plusMonths(1)
                    .atDay(1)
                    .atStartOfDay(ZoneOffset.UTC)
                    .toInstant()
                    .minusNanos(1);
        } else {
            throw new IllegalArgumentException(
                    "@InWindow does not apply to " + value.getClass().getSimpleName());
        }
        // a date is in the window when the window holds any moment of that day (time zones differ by up to a day)
        if (!upper.isBefore(min) && !lower.isAfter(max)) {
            return true;
        }
        context.disableDefaultConstraintViolation();
        context.buildConstraintViolationWithTemplate(
                        message.isEmpty()
                                ? "must be between " + describe(notBefore, min) + " and " + describe(notAfter, max)
                                : message)
                .addConstraintViolation();
        return false;
    }

    private static String describe(String bound, Instant resolved) {
        return bound.startsWith("+") || bound.startsWith("-")
                ? resolved + " (now " + bound.charAt(0) + " " + bound.substring(1) + ")"
                : bound;
    }

    private static Instant bound(String bound, Instant now, boolean upper) {
        if (bound.startsWith("+") || bound.startsWith("-")) {
            String amount = bound.substring(1);
            TemporalAmount period = amount.contains("T") ? Duration.parse(amount) : Period.parse(amount);
            // a Period on an Instant needs a zone: days are counted in UTC
            Instant base = now;
            return bound.startsWith("+")
                    ? base.atOffset(ZoneOffset.UTC).plus(period).toInstant()
                    : base.atOffset(ZoneOffset.UTC).minus(period).toInstant();
        }
        LocalDate day = LocalDate.parse(bound);
        return upper
                ? day.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant().minusNanos(1)
                : day.atStartOfDay(ZoneOffset.UTC).toInstant();
    }
}
