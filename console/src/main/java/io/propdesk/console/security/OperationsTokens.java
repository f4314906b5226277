package io.propdesk.console.security;

import io.propdesk.console.services.Answer;
import io.propdesk.console.services.BearerCredentials;
import io.propdesk.console.services.ServiceApi;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpMethod;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.oauth2.core.DefaultOAuth2AuthenticatedPrincipal;
import org.springframework.security.oauth2.core.OAuth2AuthenticatedPrincipal;
import org.springframework.security.oauth2.server.resource.introspection.BadOpaqueTokenException;
import org.springframework.security.oauth2.server.resource.introspection.OAuth2IntrospectionException;
import org.springframework.security.oauth2.server.resource.introspection.OpaqueTokenIntrospector;

/**
 * jwt mode's check of a bearer token on the console's operational endpoints (Prometheus scrapes with a token of the
 * issuer): the console validates nothing itself, it asks ticket-service whether the token may read ticket-service's
 * own operational endpoints, as demo mode asks it about a password.
 */
public class OperationsTokens implements OpaqueTokenIntrospector {

    private final ServiceApi services;

    OperationsTokens(ServiceApi services) {
        this.services = services;
    }

    @Override
    public OAuth2AuthenticatedPrincipal introspect(String token) {
        Answer check = services.call(new BearerCredentials(token), HttpMethod.GET, "ticket", "/actuator/info", null);
        if (check.ok()) {
            return new DefaultOAuth2AuthenticatedPrincipal(
                    "operations",
                    Map.of("sub", "operations"),
                    List.of(new SimpleGrantedAuthority(ServiceLogin.OPERATIONS)));
        }
        if (check.status() == Answer.UNREACHABLE || check.status() >= 500) {
            throw new OAuth2IntrospectionException("ticket-service could not check the token");
        }
        throw new BadOpaqueTokenException("ticket-service does not let this token read its operational endpoints");
    }
}
