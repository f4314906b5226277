package io.propdesk.platform.security;

/** The caller is known but may not do this to this item (a rule on the data, not only on the role): 403. */
public class ForbiddenException extends RuntimeException {

    public ForbiddenException(String message) {
        super(message);
    }
}
