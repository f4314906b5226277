package io.propdesk.dispatch.domain;

import io.propdesk.platform.eventstore.MongoEventStorageEngine;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.springframework.stereotype.Component;

/** H8: a month is closed when its Month stream exists; a closed month never reopens, so that answer is cached. */
@Component
public class StoreClosedMonths implements ClosedMonths {

    private final MongoEventStorageEngine store;
    private final Set<String> closed = ConcurrentHashMap.newKeySet();

    public StoreClosedMonths(EventStorageEngine store) {
        this.store = (MongoEventStorageEngine) store;
    }

    @Override
    public boolean isClosed(String month) {
        if (month == null) {
            return false;
        }
        if (closed.contains(month)) {
            return true;
        }
        boolean archived = store.hasStream(Month.idOf(month));
        if (archived) {
            closed.add(month);
        }
        return archived;
    }
}
