package io.propdesk.console.services;

import io.propdesk.console.security.AccessTokens;
import io.propdesk.console.security.ConsoleUser;
import io.propdesk.console.security.OidcPerson;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.support.StaticListableBeanFactory;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;

/**
 * The signed-in person of the request being served, and the credentials the console passes on for them: their Basic
 * credentials from the session (demo mode), or their access token, refreshed when expired (jwt mode).
 */
@Component
public class CurrentPerson {

    private final ObjectProvider<AccessTokens> tokens;

    @Autowired
    public CurrentPerson(ObjectProvider<AccessTokens> tokens) {
        this.tokens = tokens;
    }

    /** Demo mode's: every person's credentials are in their session. */
    public CurrentPerson() {
        this(new StaticListableBeanFactory().getBeanProvider(AccessTokens.class));
    }

    public ConsoleUser user() {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        if (authentication != null && authentication.getPrincipal() instanceof ConsoleUser user) {
            return user;
        }
        if (authentication != null && authentication.getPrincipal() instanceof OidcPerson person) {
            return person.user();
        }
        throw new IllegalStateException("no one is signed in");
    }

    public ServiceCredentials credentials() {
        ConsoleUser user = user();
        return user.credentials() != null
                ? user.credentials()
                : tokens.getObject().current();
    }
}
