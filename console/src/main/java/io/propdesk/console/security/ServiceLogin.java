package io.propdesk.console.security;

import io.propdesk.console.ConsoleProperties;
import io.propdesk.console.services.Answer;
import io.propdesk.console.services.BasicCredentials;
import io.propdesk.console.services.ServiceApi;
import java.util.ArrayList;
import java.util.List;
import org.springframework.http.HttpMethod;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.AuthenticationServiceException;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.DisabledException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.stereotype.Component;

/**
 * Demo mode's login: the console checks the user name and password by calling ticket-service as that person (it keeps
 * no users of its own), then keeps the credentials in the person's server-side session to pass on. A person the
 * service does not know is refused; so is one whose role may read nothing the console shows (a call-center system).
 */
@Component
public class ServiceLogin implements AuthenticationProvider {

    /** Every signed-in person. */
    public static final String PERSON = "ROLE_PERSON";

    /** Those ticket-service lets read its operational endpoints: they may read the console's too. */
    public static final String OPERATIONS = "ROLE_OPERATIONS";

    private final ServiceApi services;
    private final ConsoleProperties properties;

    public ServiceLogin(ServiceApi services, ConsoleProperties properties) {
        this.services = services;
        this.properties = properties;
    }

    @Override
    public Authentication authenticate(Authentication login) {
        String username = login.getName();
        String password = String.valueOf(login.getCredentials());
        BasicCredentials credentials = new BasicCredentials(username, password);
        // every staff role may read an estate (404 for one not configured yet is an answer too)
        String estate =
                properties.estates().isEmpty() ? "none" : properties.estates().get(0);
        Answer check = services.call(credentials, HttpMethod.GET, "ticket", "/api/estates/" + estate, null);
        switch (check.status()) {
            case 401 -> throw new BadCredentialsException("unknown user or wrong password");
            case 403 -> throw new DisabledException("this account may not use the console");
            case Answer.UNREACHABLE -> throw new AuthenticationServiceException("ticket-service did not answer");
            default -> {
                if (check.status() >= 500) {
                    throw new AuthenticationServiceException("ticket-service answered " + check.status());
                }
            }
        }
        boolean readsTickets = services.call(credentials, HttpMethod.GET, "ticket", "/api/tickets?limit=1", null)
                .ok();
        List<GrantedAuthority> authorities = new ArrayList<>();
        authorities.add(new SimpleGrantedAuthority(PERSON));
        if (services.call(credentials, HttpMethod.GET, "ticket", "/actuator/info", null)
                .ok()) {
            authorities.add(new SimpleGrantedAuthority(OPERATIONS));
        }
        return UsernamePasswordAuthenticationToken.authenticated(
                new ConsoleUser(username, credentials, readsTickets), null, authorities);
    }

    @Override
    public boolean supports(Class<?> authentication) {
        return UsernamePasswordAuthenticationToken.class.isAssignableFrom(authentication);
    }
}
