package io.propdesk.console.security;

import io.propdesk.console.services.BearerCredentials;
import io.propdesk.console.services.ServiceCredentials;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.time.Clock;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.client.ClientAuthorizationException;
import org.springframework.security.oauth2.client.ClientAuthorizationRequiredException;
import org.springframework.security.oauth2.client.OAuth2AuthorizeRequest;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClient;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClientManager;
import org.springframework.web.context.request.RequestAttributes;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;
import org.springframework.web.util.WebUtils;

/**
 * The signed-in person's access token for one call (jwt mode), from their server-side session: refreshed with their
 * refresh token when it has expired (or is about to). When it cannot be refreshed (no refresh token, or the issuer
 * refuses it: the person's sign-in there has ended), the session's tokens are dropped and the person is sent back to
 * the issuer's login ({@link ClientAuthorizationRequiredException}, which Spring's OAuth2 redirect filter answers).
 * A person's calls wait for one another's refresh.
 */
public class AccessTokens {

    private final OAuth2AuthorizedClientManager clients;
    private final Clock clock;

    AccessTokens(OAuth2AuthorizedClientManager clients, Clock clock) {
        this.clients = clients;
        this.clock = clock;
    }

    /** The {@code Authorization: Bearer} credentials of the person signed in on the request being served. */
    public ServiceCredentials current() {
        Authentication person = SecurityContextHolder.getContext().getAuthentication();
        RequestAttributes attributes = RequestContextHolder.getRequestAttributes();
        if (person == null || !(attributes instanceof ServletRequestAttributes request)) {
            throw new IllegalStateException("a service call for a person outside a request of theirs");
        }
        OAuth2AuthorizeRequest authorize = OAuth2AuthorizeRequest.withClientRegistrationId(OidcLogin.REGISTRATION)
                .principal(person)
                .attribute(HttpServletRequest.class.getName(), request.getRequest())
                .attribute(HttpServletResponse.class.getName(), request.getResponse())
                .build();
        OAuth2AuthorizedClient client;
        // one refresh at a time per session: parallel requests of one page would otherwise spend the same refresh
        // token twice (issuers that rotate refresh tokens refuse the second) and keep ID tokens out of order
        Object session = WebUtils.getSessionMutex(request.getRequest().getSession());
        try {
            synchronized (session) {
                client = clients.authorize(authorize);
            }
        } catch (ClientAuthorizationException e) {
            // the refresh was refused; the manager has already removed the session's tokens
            throw new ClientAuthorizationRequiredException(OidcLogin.REGISTRATION);
        }
        // no refresh token: the manager hands back the expired token, which no service would take
        if (client == null
                || client.getAccessToken().getExpiresAt() != null
                        && !client.getAccessToken().getExpiresAt().isAfter(clock.instant())) {
            throw new ClientAuthorizationRequiredException(OidcLogin.REGISTRATION);
        }
        return new BearerCredentials(client.getAccessToken().getTokenValue());
    }
}
