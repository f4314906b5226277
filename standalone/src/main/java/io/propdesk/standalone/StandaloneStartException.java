package io.propdesk.standalone;

/** A part of PropDesk standalone could not start; everything that had started has been stopped. */
public class StandaloneStartException extends RuntimeException {

    public StandaloneStartException(String message, Throwable cause) {
        super(message, cause);
    }
}
