package io.propdesk.console.security;

import java.net.URI;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code propdesk.console.oidc.*} (jwt mode): the console as an OpenID Connect client of the issuer the services
 * trust. A confidential client with the authorization-code grant (PKCE required) and refresh tokens only: the console
 * gets tokens for the people who sign in, never one of its own.
 *
 * @param issuerUri the issuer; by default the services' {@code spring.security.oauth2.resourceserver.jwt.issuer-uri}
 * @param clientId the console's client id at the issuer
 * @param clientSecret its secret
 * @param scopes what the console asks for: {@code openid} and {@code profile}, plus whatever the issuer needs to put
 *     the services' audience and the roles claim into the access token
 */
@ConfigurationProperties("propdesk.console.oidc")
public record OidcProperties(
        URI issuerUri,
        String clientId,
        String clientSecret,
        @DefaultValue({"openid", "profile"}) List<String> scopes) {

    public OidcProperties {
        scopes = scopes == null ? List.of() : List.copyOf(scopes);
    }

    /** Stops the console at start, naming the first setting jwt mode needs and did not get. */
    void requireComplete() {
        if (issuerUri == null || issuerUri.toString().isBlank()) {
            throw new IllegalStateException("propdesk.console.oidc.issuer-uri (PROPDESK_CONSOLE_OIDC_ISSUER_URI) is not"
                    + " set: in jwt mode the console signs people in at the issuer the services trust");
        }
        if (clientId == null || clientId.isBlank()) {
            throw new IllegalStateException(
                    "propdesk.console.oidc.client-id (PROPDESK_CONSOLE_OIDC_CLIENT_ID) is not set (jwt mode)");
        }
        if (clientSecret == null || clientSecret.isBlank()) {
            throw new IllegalStateException(
                    "propdesk.console.oidc.client-secret (PROPDESK_CONSOLE_OIDC_CLIENT_SECRET) is not set (jwt mode)");
        }
        if (!scopes.contains("openid")) {
            throw new IllegalStateException("propdesk.console.oidc.scopes must include openid, not " + scopes);
        }
    }
}
