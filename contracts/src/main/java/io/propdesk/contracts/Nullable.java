package io.propdesk.contracts;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks an id component that may be absent. By convention ids (components named {@code id} or
 * {@code ...Id}) and primitives are always present and the JSON Schemas list them as
 * {@code required}; every other component may be null, and null components are left out of the JSON.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.RECORD_COMPONENT)
public @interface Nullable {}
