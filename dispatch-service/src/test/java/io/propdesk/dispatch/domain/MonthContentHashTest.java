package io.propdesk.dispatch.domain;

import static org.assertj.core.api.Assertions.assertThat;

import io.propdesk.contracts.Department;
import io.propdesk.contracts.TicketKind;
import io.propdesk.contracts.dispatch.OrderCompleted;
import java.util.ArrayList;
import java.util.List;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventsourcing.eventstore.inmemory.InMemoryEventStorageEngine;
import org.junit.jupiter.api.Test;

/** H8: the month's content hash covers every event of its orders, so any later change to history shows. */
class MonthContentHashTest {

    private static InMemoryEventStorageEngine storeWith(String result) {
        InMemoryEventStorageEngine store = new InMemoryEventStorageEngine();
        List<Object> events = new ArrayList<>(Orders.dispatchedEvents(Orders.aRepair(false)));
        events.add(Orders.pickedUp());
        events.add(Orders.started(null));
        events.add(new OrderCompleted(
                Orders.TICKET,
                Orders.ORDER,
                "sunrise",
                TicketKind.REPAIR,
                Department.ENGINEERING,
                false,
                Orders.LEADER,
                result,
                Orders.COMPLETED_AT));
        for (int seq = 0; seq < events.size(); seq++) {
            store.appendEvents(new GenericDomainEventMessage<>("WorkOrder", Orders.ORDER, seq, events.get(seq)));
        }
        return store;
    }

    private static String hash(InMemoryEventStorageEngine store) {
        return new MonthClosing(null, null, null, store, null, null, null, null).contentHash(List.of(Orders.ORDER));
    }

    @Test
    void theSameHistoryGivesTheSameHashAndAChangedEventAnother_H8() {
        String original = hash(storeWith("tap replaced"));
        assertThat(original).matches("[0-9a-f]{64}").isEqualTo(hash(storeWith("tap replaced")));
        assertThat(hash(storeWith("tap replaced, washer too"))).isNotEqualTo(original);
    }
}
