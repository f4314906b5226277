package io.propdesk.console.security;

import io.propdesk.contracts.access.Role;
import java.io.Serial;
import java.util.Collection;
import java.util.List;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.oauth2.core.oidc.OidcIdToken;
import org.springframework.security.oauth2.core.oidc.OidcUserInfo;
import org.springframework.security.oauth2.core.oidc.user.DefaultOidcUser;

/**
 * A person signed in with OpenID Connect (jwt mode): the issuer's ID token (kept for RP-initiated logout) and the
 * console's view of them. Their tokens for the services are not here: the session's OAuth2 client keeps them.
 */
public final class OidcPerson extends DefaultOidcUser {

    @Serial
    private static final long serialVersionUID = 1L;

    private final ConsoleUser user;

    OidcPerson(
            Collection<? extends GrantedAuthority> authorities,
            OidcIdToken idToken,
            OidcUserInfo userInfo,
            ConsoleUser user) {
        super(authorities, idToken, userInfo);
        this.user = user;
    }

    public ConsoleUser user() {
        return user;
    }

    /** The roles their token's roles claim names. */
    public List<Role> roles() {
        return user.roles();
    }

    @Override
    public String getName() {
        return user.username();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof OidcPerson person && super.equals(other) && user.equals(person.user);
    }

    @Override
    public int hashCode() {
        return 31 * super.hashCode() + user.hashCode();
    }

    @Override
    public String toString() {
        return "OidcPerson[" + user.username() + "]";
    }
}
