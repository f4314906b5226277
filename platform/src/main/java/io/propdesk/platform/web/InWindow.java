package io.propdesk.platform.web;

import static java.lang.annotation.ElementType.FIELD;
import static java.lang.annotation.ElementType.METHOD;
import static java.lang.annotation.ElementType.PARAMETER;
import static java.lang.annotation.ElementType.TYPE_USE;
import static java.lang.annotation.RetentionPolicy.RUNTIME;

import jakarta.validation.Constraint;
import jakarta.validation.Payload;
import java.lang.annotation.Documented;
import java.lang.annotation.Retention;
import java.lang.annotation.Target;

/**
 * An instant or a date a request carries lies in a sane window, or the request is a 400 naming the
 * field. Each bound is either a calendar date ({@code 2000-01-01}) or a period relative to now on the injected
 * {@link java.time.Clock}: {@code -P1D}, {@code +P365D}, {@code +PT5M}. Null is valid. Applies to {@code Instant},
 * {@code OffsetDateTime}, {@code LocalDate} and {@code YearMonth}; an instant against a date bound is compared at
 * the start of that day in UTC (the end of the day for the upper bound).
 *
 * <p>The defaults are the absolute range {@link RequestBounds#FIRST_DAY}..{@link RequestBounds#LAST_DAY}: no value
 * outside it means anything to a service desk, and every projection can store and sort it.
 */
@Documented
@Constraint(validatedBy = InWindowValidator.class)
@Target({FIELD, METHOD, PARAMETER, TYPE_USE})
@Retention(RUNTIME)
public @interface InWindow {

    String notBefore() default "2000-01-01";

    String notAfter() default "2100-12-31";

    String message() default "";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};
}
