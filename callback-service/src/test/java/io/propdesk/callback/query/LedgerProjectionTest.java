package io.propdesk.callback.query;

import static io.propdesk.callback.domain.Calendars.local;
import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import io.propdesk.callback.domain.BreachDueObligations;
import io.propdesk.callback.domain.Calendars;
import io.propdesk.callback.domain.CloseLedger;
import io.propdesk.callback.domain.DeadlineIndex;
import io.propdesk.callback.domain.LedgerEvents.ObligationOpened;
import io.propdesk.callback.domain.LedgerView;
import io.propdesk.callback.domain.ObligationStatus;
import io.propdesk.callback.domain.OpenLedger;
import io.propdesk.callback.domain.RecordStewardReply;
import io.propdesk.callback.domain.ScratchAggregates;
import io.propdesk.callback.domain.TicketLedger;
import io.propdesk.contracts.TicketKind;
import io.propdesk.embedded.EmbeddedMongo;
import java.util.List;
import java.util.stream.IntStream;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventsourcing.eventstore.inmemory.InMemoryEventStorageEngine;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Issue 14 item 6: the ledger documents and the deadline index are fed from the ledger's events in stream order, with
 * no lock: an event seen before changes nothing, one after a gap has the missing events read from the stream first.
 * The real Mongo-wire server and an in-memory event store holding a real ledger's events.
 */
class LedgerProjectionTest {

    private static final String T = "T-1";

    private EmbeddedMongo mongo;
    private MongoClient client;
    private LedgerDocuments documents;
    private InMemoryEventStorageEngine store;
    private DeadlineIndex index;
    private LedgerProjection projection;
    private List<DomainEventMessage<?>> events;

    @BeforeEach
    void setUp() {
        mongo = EmbeddedMongo.inMemory();
        client = MongoClients.create(mongo.connectionString());
        documents = new LedgerDocuments(client.getDatabase("projection_test"));
        store = new InMemoryEventStorageEngine();
        index = new DeadlineIndex();
        projection = new LedgerProjection(documents, store, index);
        // a repair: opened 09:00 (R4:1 due 13:00), replied 12:00 (R4:1 met, R4:2 due 16:00), closed 15:00
        try (ScratchAggregates<TicketLedger> live = new ScratchAggregates<>(TicketLedger.class, Calendars.dueTimes())) {
            live.send(new OpenLedger(
                    T,
                    "sunrise",
                    TicketKind.REPAIR,
                    null,
                    false,
                    "desk-chen",
                    "steward-li",
                    local("2026-12-29T09:00")));
            live.send(new RecordStewardReply(T, "steward-li", "on it", null, local("2026-12-29T12:00")));
            live.send(new BreachDueObligations(T, local("2026-12-29T12:30")));
            live.send(new CloseLedger(T, local("2026-12-29T15:00")));
            List<Object> payloads = live.events(T);
            events = IntStream.range(0, payloads.size())
                    .<DomainEventMessage<?>>mapToObj(
                            i -> new GenericDomainEventMessage<>("TicketLedger", T, i, payloads.get(i)))
                    .toList();
        }
    }

    @AfterEach
    void tearDown() {
        client.close();
        mongo.close();
    }

    private void appended(int upTo) {
        store.appendEvents(events.subList(0, upTo));
    }

    private void handled(int sequence) {
        projection.on(events.get(sequence).getPayload(), T, (long) sequence);
    }

    private LedgerView listed() {
        return documents.list(T, null, false).get(0);
    }

    @Test
    void eachEventIsFoldedInOnceInStreamOrder_issue14_item6() {
        int opening = firstOpening();
        appended(opening + 1);
        for (int i = 0; i <= opening; i++) {
            handled(i);
        }
        assertThat(listed().obligations())
                .singleElement()
                .satisfies(o -> assertThat(o.dueAt()).isEqualTo(local("2026-12-29T13:00")));
        assertThat(index.ticketsDueBy(local("2026-12-29T13:00"))).containsExactly(T);

        // a re-delivery of an event already in the document changes nothing
        handled(0);
        assertThat(listed().obligations()).hasSize(1);
        assertThat(index.size()).isEqualTo(1);
    }

    @Test
    void anEventAfterAGapHasTheMissingEventsReadFromTheStreamFirst_issue14_item6() {
        appended(events.size());
        handled(0);
        // the events between were another instance's (or lost in a crash): the last one finds the gap
        handled(events.size() - 1);

        LedgerView ledger = listed();
        assertThat(ledger.open()).isFalse();
        assertThat(ledger.obligations())
                .extracting(LedgerView.ObligationView::status)
                .containsExactly(ObligationStatus.FULFILLED, ObligationStatus.WITHDRAWN);
        assertThat(index.size()).isZero();
        assertThat(documents.activeTicketIds()).isEmpty();
    }

    @Test
    void catchingUpAtStartUpFoldsTheTailAndDropsAMarkWithoutAStream_issue14_item6() {
        appended(events.size());
        documents.markActive(T, "sunrise");
        documents.markActive("T-never-opened", "sunrise");

        projection.catchUp(T);
        projection.catchUp("T-never-opened");

        assertThat(listed().open()).isFalse();
        assertThat(documents.list("T-never-opened", null, false)).isEmpty();
        assertThat(documents.activeTicketIds()).isEmpty();
    }

    private int firstOpening() {
        for (int i = 0; i < events.size(); i++) {
            if (events.get(i).getPayload() instanceof ObligationOpened) {
                return i;
            }
        }
        throw new AssertionError("no obligation opened");
    }
}
