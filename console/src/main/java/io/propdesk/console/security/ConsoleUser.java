package io.propdesk.console.security;

import io.propdesk.console.services.ServiceCredentials;
import java.io.Serial;
import java.io.Serializable;
import org.springframework.security.core.AuthenticatedPrincipal;

/**
 * The signed-in person as the console knows them: their name, the credentials passed on to the services for them, and
 * whether ticket-service lets them read the desk's tickets (which screen is their home). What they may do is decided
 * by the services on every call, not here.
 */
public record ConsoleUser(String username, ServiceCredentials credentials, boolean readsTickets)
        implements AuthenticatedPrincipal, Serializable {

    @Serial
    private static final long serialVersionUID = 1L;

    @Override
    public String getName() {
        return username;
    }

    /** The home screen: the desk's queues for those who read tickets, the department board for the others. */
    public String home() {
        return readsTickets ? "/queues" : "/board";
    }

    @Override
    public String toString() {
        return "ConsoleUser[" + username + "]";
    }
}
