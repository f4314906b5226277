package io.propdesk.console.security;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The services' own security settings ({@code propdesk.security.*}, platform's {@code StaffSecurityProperties}) that
 * the console reads too, so it signs people in the way the services check them: the mode, and in jwt mode the claim
 * that carries the roles.
 *
 * @param mode {@code jwt} (the default, production): OpenID Connect login at the issuer the services trust, the
 *     person's token passed on; {@code demo}: a login form whose user name and password are passed on (HTTP Basic)
 * @param jwt where a token names its roles
 */
@ConfigurationProperties("propdesk.security")
public record PersonSecurityProperties(
        @DefaultValue("jwt") Mode mode, @DefaultValue Jwt jwt) {

    public enum Mode {
        JWT,
        DEMO
    }

    /** @param rolesClaim a claim name or a dotted path into nested claims ({@code realm_access.roles}) */
    public record Jwt(@DefaultValue("roles") String rolesClaim) {}
}
