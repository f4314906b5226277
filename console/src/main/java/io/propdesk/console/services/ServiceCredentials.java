package io.propdesk.console.services;

/**
 * How the console proves to a service who the signed-in person is, on every call made for them. Demo mode passes the
 * person's own Basic credentials on ({@link BasicCredentials}); the OpenID Connect login (jwt mode) will pass the
 * person's token here. The console holds no credential of its own.
 */
public interface ServiceCredentials {

    /** The {@code Authorization} header value for a call made for this person. */
    String authorization();
}
