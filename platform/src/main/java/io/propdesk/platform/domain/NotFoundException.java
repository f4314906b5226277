package io.propdesk.platform.domain;

/** An unknown id in the path: 404. */
public class NotFoundException extends RuntimeException {

    public NotFoundException(String what, String id) {
        super(what + " " + id + " does not exist");
    }
}
