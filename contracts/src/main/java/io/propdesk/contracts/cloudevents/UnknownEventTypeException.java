package io.propdesk.contracts.cloudevents;

/**
 * A well-formed CloudEvent whose {@code ce_type} this version of the contracts does not know, e.g. an
 * event type a producer added after the consumer was built. Consumers that only follow some types of
 * a topic may skip it instead of dead-lettering it.
 */
public class UnknownEventTypeException extends MalformedCloudEventException {

    private final String type;

    public UnknownEventTypeException(String type) {
        super(
                CloudEventCodec.CE_TYPE,
                "unknown CloudEvent type '" + type + "' in header " + CloudEventCodec.CE_TYPE
                        + ": not registered in io.propdesk.contracts.EventTypes (newer producer, or a typo?)");
        this.type = type;
    }

    public String type() {
        return type;
    }
}
