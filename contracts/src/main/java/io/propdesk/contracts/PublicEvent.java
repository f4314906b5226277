package io.propdesk.contracts;

/**
 * An event published on a PropDesk topic, part of the integration contract (ARCHITECTURE.md).
 * Events are additive-only: a change that is not purely additive is a new {@code .v2} type.
 */
public interface PublicEvent {

    /** The ticket the event belongs to, or null for events that belong to no ticket. */
    String ticketId();

    /**
     * The CloudEvent {@code subject} and Kafka key: the ticketId, so that one ticket's events stay in
     * order on their partition (R10 timelines); events without a ticket name their own aggregate.
     */
    default String subject() {
        return ticketId();
    }
}
