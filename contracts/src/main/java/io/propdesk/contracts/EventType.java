package io.propdesk.contracts;

/**
 * How one public event travels: its CloudEvent {@code type} ({@code propdesk.<service>.<EventName>.v<n>}),
 * its {@code source} and the topic its producer publishes it on.
 */
public record EventType(Class<? extends PublicEvent> eventClass, String type, String source, String topic) {}
