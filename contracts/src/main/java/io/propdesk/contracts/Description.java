package io.propdesk.contracts;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The meaning of an event component as integrators read it: the JSON Schemas and the AsyncAPI document carry it as the
 * property's {@code description} (Javadoc does not survive compilation, so the generators cannot read it). A
 * {@code deprecated} component is still filled as before, so that existing consumers keep working, and is marked
 * {@code "deprecated": true}; its description says what to read instead.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.RECORD_COMPONENT)
public @interface Description {

    String value();

    boolean deprecated() default false;
}
