package io.propdesk.platform.security;

import io.propdesk.contracts.access.Access;
import java.util.List;

/**
 * Endpoints of an application that are not in the REST contract's {@link Access} table (a test application, an
 * internal tool): declared as a bean, they are admitted the same way; everything not in either is refused.
 */
public record ExtraEndpoints(List<Access.Endpoint> endpoints) {}
