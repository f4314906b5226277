package io.propdesk.console.services;

/**
 * The signed-in person's access token from the issuer the services trust (jwt mode), passed on as
 * {@code Authorization: Bearer}. Made for one call from the token the person's session holds; never kept elsewhere.
 */
public final class BearerCredentials implements ServiceCredentials {

    private final String header;

    public BearerCredentials(String accessToken) {
        if (accessToken == null || accessToken.isBlank()) {
            throw new IllegalArgumentException("no access token");
        }
        this.header = "Bearer " + accessToken;
    }

    @Override
    public String authorization() {
        return header;
    }

    /** Never the token: a credential may end up in a log line. */
    @Override
    public String toString() {
        return "BearerCredentials[***]";
    }
}
