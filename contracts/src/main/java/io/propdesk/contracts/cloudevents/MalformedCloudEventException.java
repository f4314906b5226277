package io.propdesk.contracts.cloudevents;

/**
 * A Kafka record that is not a valid PropDesk CloudEvent. Retrying cannot fix it, so consumers send
 * it straight to their dead-letter topic.
 */
public class MalformedCloudEventException extends RuntimeException {

    private final String attribute;

    public MalformedCloudEventException(String attribute, String message) {
        this(attribute, message, null);
    }

    public MalformedCloudEventException(String attribute, String message, Throwable cause) {
        super(message, cause);
        this.attribute = attribute;
    }

    /** The offending header (e.g. {@code ce_type}), or {@code value} for the record's payload. */
    public String attribute() {
        return attribute;
    }
}
