package io.propdesk.platform.openapi;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * On a creating POST that is idempotent: besides its {@code 201 Created}, the same request again answers {@code 200}
 * with what the first one created. {@link ContractDocumentation} documents both; no convention can tell this apart.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface Replay {

    /** When the {@code 200} is answered, e.g. "the same call again (R1): the ticket it opened". */
    String value();
}
