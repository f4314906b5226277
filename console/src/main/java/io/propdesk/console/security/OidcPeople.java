package io.propdesk.console.security;

import io.propdesk.contracts.access.Access;
import io.propdesk.contracts.access.Role;
import io.propdesk.contracts.access.RoleClaims;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.oauth2.client.oidc.userinfo.OidcUserRequest;
import org.springframework.security.oauth2.client.oidc.userinfo.OidcUserService;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.oidc.user.OidcUser;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtException;

/**
 * Who signed in at the issuer (jwt mode): the ID token and user info as Spring reads them, and the roles from the
 * access token the services will be given, at the claim path they read ({@code propdesk.security.jwt.roles-claim},
 * with {@link RoleClaims}). The access token's signature and lifetime are checked against the issuer's keys first.
 * A person whose token names no staff role (a call-center system, or none at all) is refused, as the demo login
 * refuses them.
 */
public class OidcPeople extends OidcUserService {

    /** Raised when the person's token names no role that may use the console. */
    static final String NO_STAFF_ROLE = "no_staff_role";

    private static final List<Role> STAFF =
            List.of(Role.FRONT_DESK, Role.STEWARD, Role.DEPARTMENT, Role.MANAGER, Role.BILLING, Role.ADMIN);

    private final JwtDecoder accessTokens;
    private final String rolesClaim;

    OidcPeople(JwtDecoder accessTokens, String rolesClaim) {
        this.accessTokens = accessTokens;
        this.rolesClaim = rolesClaim;
    }

    @Override
    public OidcUser loadUser(OidcUserRequest request) {
        OidcUser oidc = super.loadUser(request);
        Map<String, Object> claims;
        try {
            Jwt token = accessTokens.decode(request.getAccessToken().getTokenValue());
            claims = token.getClaims();
        } catch (JwtException e) {
            // an issuer whose access tokens are not JWTs: the same claim path in the ID token and user info
            claims = oidc.getClaims();
        }
        List<Role> roles = RoleClaims.roles(RoleClaims.at(claims, rolesClaim));
        if (roles.stream().noneMatch(STAFF::contains)) {
            throw new OAuth2AuthenticationException(new OAuth2Error(
                    NO_STAFF_ROLE, "the token's " + rolesClaim + " names no role that may use the console", null));
        }
        String name = oidc.getPreferredUsername() != null ? oidc.getPreferredUsername() : oidc.getSubject();
        boolean readsTickets = Access.find("ticket", "GET", "/api/tickets")
                .map(row -> roles.stream().anyMatch(row::admits))
                .orElse(false);
        List<GrantedAuthority> authorities = new ArrayList<>();
        authorities.add(new SimpleGrantedAuthority(ServiceLogin.PERSON));
        roles.forEach(role -> authorities.add(new SimpleGrantedAuthority(role.authority())));
        return new OidcPerson(
                authorities, oidc.getIdToken(), oidc.getUserInfo(), new ConsoleUser(name, null, readsTickets, roles));
    }
}
