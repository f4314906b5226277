package io.propdesk.console.security;

import io.propdesk.console.services.ServiceCredentials;
import io.propdesk.contracts.access.Role;
import java.io.Serial;
import java.io.Serializable;
import java.util.List;
import org.springframework.security.core.AuthenticatedPrincipal;

/**
 * The signed-in person as the console knows them: their name, the credentials passed on to the services for them, and
 * whether ticket-service lets them read the desk's tickets (which screen is their home). What they may do is decided
 * by the services on every call, not here.
 *
 * @param credentials demo mode: their Basic credentials; null in jwt mode, where the person's access token is kept by
 *     the session's OAuth2 client and fetched (refreshed when expired) for every call ({@link AccessTokens})
 * @param roles the roles their token's roles claim names (jwt mode), read as the services read it; empty in demo mode,
 *     where the console knows only what the services answer
 */
public record ConsoleUser(String username, ServiceCredentials credentials, boolean readsTickets, List<Role> roles)
        implements AuthenticatedPrincipal, Serializable {

    @Serial
    private static final long serialVersionUID = 2L;

    public ConsoleUser {
        roles = roles == null ? List.of() : List.copyOf(roles);
    }

    /** A person whose roles the console does not know (demo mode). */
    public ConsoleUser(String username, ServiceCredentials credentials, boolean readsTickets) {
        this(username, credentials, readsTickets, List.of());
    }

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
