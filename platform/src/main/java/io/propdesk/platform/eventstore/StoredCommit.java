package io.propdesk.platform.eventstore;

import java.util.List;
import org.axonframework.eventhandling.DomainEventMessage;

/**
 * One unit of work's events for one aggregate, as they were just appended: what the relay is woken with.
 */
public record StoredCommit(
        String aggregateId,
        long firstSequence,
        long lastSequence,
        List<? extends DomainEventMessage<?>> events,
        String outboxTouch) {}
