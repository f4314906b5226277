package io.propdesk.platform.eventstore;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;

/** Domain event messages for store tests: the payload is a small record, the aggregate type "Counter". */
final class TestEvents {

    record Counted(String counterId, long value) {}

    private TestEvents() {}

    static DomainEventMessage<Counted> counted(String aggregateId, long sequence) {
        return new GenericDomainEventMessage<>("Counter", aggregateId, sequence, new Counted(aggregateId, sequence));
    }

    static List<DomainEventMessage<?>> commit(String aggregateId, long first, int size) {
        List<DomainEventMessage<?>> events = new ArrayList<>();
        for (long seq = first; seq < first + size; seq++) {
            events.add(counted(aggregateId, seq));
        }
        return events;
    }

    static DomainEventMessage<Counted> snapshot(String aggregateId, long sequence) {
        return new GenericDomainEventMessage<>(
                "Counter",
                aggregateId,
                sequence,
                new Counted(aggregateId, sequence),
                org.axonframework.messaging.MetaData.emptyInstance(),
                java.util.UUID.randomUUID().toString(),
                Instant.now());
    }
}
