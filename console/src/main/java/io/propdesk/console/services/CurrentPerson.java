package io.propdesk.console.services;

import io.propdesk.console.security.ConsoleUser;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;

/** The signed-in person of the request being served, and the credentials the console passes on for them. */
@Component
public class CurrentPerson {

    public ConsoleUser user() {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        if (authentication != null && authentication.getPrincipal() instanceof ConsoleUser user) {
            return user;
        }
        throw new IllegalStateException("no one is signed in");
    }

    public ServiceCredentials credentials() {
        return user().credentials();
    }
}
