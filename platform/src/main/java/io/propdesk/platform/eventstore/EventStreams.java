package io.propdesk.platform.eventstore;

/**
 * Whether an aggregate has a stream in this service's store, for code that needs nothing else of the store (a
 * listener telling a foreign ticket from its own, a read that answers 404 without loading). A typed bean, so nobody
 * casts Axon's {@code EventStorageEngine} down to the MongoDB class.
 */
@FunctionalInterface
public interface EventStreams {

    /** Whether the aggregate has any event. */
    boolean hasStream(String aggregateId);
}
