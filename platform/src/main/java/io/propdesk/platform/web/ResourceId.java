package io.propdesk.platform.web;

import static java.lang.annotation.ElementType.FIELD;
import static java.lang.annotation.ElementType.METHOD;
import static java.lang.annotation.ElementType.PARAMETER;
import static java.lang.annotation.ElementType.TYPE_USE;
import static java.lang.annotation.RetentionPolicy.RUNTIME;

import jakarta.validation.Constraint;
import jakarta.validation.Payload;
import jakarta.validation.ReportAsSingleViolation;
import jakarta.validation.constraints.Pattern;
import java.lang.annotation.Documented;
import java.lang.annotation.Retention;
import java.lang.annotation.Target;

/**
 * An estate, area, building or unit id ({@link RequestBounds#ID}); null is valid (pair with {@code @NotNull} or
 * {@code @NotBlank} where the id is required). An owner is {@code <estateId>:<unitId>}, and an id
 * that a path cannot carry would make the owner's personal data unreachable for erasure.
 */
@Documented
@Constraint(validatedBy = {})
@Pattern(regexp = RequestBounds.ID)
@ReportAsSingleViolation
@Target({FIELD, METHOD, PARAMETER, TYPE_USE})
@Retention(RUNTIME)
public @interface ResourceId {

    String message() default RequestBounds.ID_MESSAGE;

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};
}
