package io.propdesk.console.services;

import java.io.Serial;
import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * The person's user name and password as they typed them at the login form (demo mode), kept only in their server-side
 * session and passed on to the services with HTTP Basic.
 */
public final class BasicCredentials implements ServiceCredentials, Serializable {

    @Serial
    private static final long serialVersionUID = 1L;

    private final String header;

    public BasicCredentials(String username, String password) {
        this.header = "Basic "
                + Base64.getEncoder().encodeToString((username + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public String authorization() {
        return header;
    }

    /** Never the password: a credential may end up in a log line. */
    @Override
    public String toString() {
        return "BasicCredentials[***]";
    }
}
