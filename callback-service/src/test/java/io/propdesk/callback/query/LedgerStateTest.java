package io.propdesk.callback.query;

import static io.propdesk.callback.domain.Calendars.local;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.propdesk.callback.domain.BreachDueObligations;
import io.propdesk.callback.domain.Calendars;
import io.propdesk.callback.domain.CloseLedger;
import io.propdesk.callback.domain.CompleteCallback;
import io.propdesk.callback.domain.LedgerView;
import io.propdesk.callback.domain.NoteCallbackCall;
import io.propdesk.callback.domain.NoteOrderCancelled;
import io.propdesk.callback.domain.NoteOrderCompleted;
import io.propdesk.callback.domain.NoteOrderDispatched;
import io.propdesk.callback.domain.NoteOrderReturned;
import io.propdesk.callback.domain.OpenLedger;
import io.propdesk.callback.domain.RecordCallbackAttempt;
import io.propdesk.callback.domain.RecordStewardReply;
import io.propdesk.callback.domain.ReopenLedger;
import io.propdesk.callback.domain.ScratchAggregates;
import io.propdesk.callback.domain.SignOffComplaint;
import io.propdesk.callback.domain.TicketLedger;
import io.propdesk.contracts.CallerRole;
import io.propdesk.contracts.Department;
import io.propdesk.contracts.Severity;
import io.propdesk.contracts.TicketKind;
import io.propdesk.contracts.cloudevents.CloudEventCodec;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Issue 14 item 6: the ledger documents are the fold of the ledger's events, no longer the view a command returned;
 * folded from the events alone (and through the JSON they are stored as) they list what the ledger itself holds.
 */
class LedgerStateTest {

    private static final String T = "T-1";
    private static final ObjectMapper JSON = CloudEventCodec.mapper();

    @Test
    void theDocumentFoldedFromTheEventsListsWhatTheLedgerHolds_issue14_item6() throws Exception {
        try (ScratchAggregates<TicketLedger> live = new ScratchAggregates<>(TicketLedger.class, Calendars.dueTimes())) {
            // a MAJOR complaint (C1-C4) routed to engineering, replied late once, signed off, called back by rank
            live.send(new OpenLedger(
                    T,
                    "sunrise",
                    TicketKind.COMPLAINT,
                    Severity.MAJOR,
                    false,
                    "desk-chen",
                    "steward-li",
                    local("2026-12-29T09:00")));
            live.send(new NoteOrderDispatched(
                    T, "WO-1", TicketKind.REPAIR, Department.ENGINEERING, false, local("2026-12-29T09:30")));
            live.send(new NoteOrderCompleted(
                    T, "WO-1", "sunrise", Department.ENGINEERING, false, local("2026-12-29T10:00")));
            live.send(new NoteOrderReturned(
                    T,
                    "WO-1",
                    "sunrise",
                    TicketKind.COMPLAINT,
                    Department.ENGINEERING,
                    false,
                    local("2026-12-29T10:00"),
                    local("2026-12-29T17:30"),
                    false,
                    "e-ret",
                    local("2026-12-29T10:30")));
            live.send(new NoteOrderDispatched(
                    T, "WO-2", TicketKind.REPAIR, Department.GREENING, true, local("2026-12-29T10:40")));
            live.send(new NoteOrderCancelled(T, "WO-2", local("2026-12-29T10:50")));
            live.send(new BreachDueObligations(T, local("2026-12-29T13:30")));
            live.send(new RecordStewardReply(T, "steward-li", "on it", "parts ordered", local("2026-12-29T14:00")));
            live.send(new SignOffComplaint(T, "steward-li", "handled", local("2026-12-29T15:00")));
            String callbackId = "CB1-" + T;
            live.send(new RecordCallbackAttempt(
                    T, callbackId, "mgr-wu", CallerRole.MANAGER, "no answer", local("2026-12-29T16:00")));
            // issue 16 §4: a call dialled for the callback reached the owner
            live.send(new NoteCallbackCall(T, callbackId, "CALL-9", true, "mgr-wu", null, local("2026-12-29T16:20")));
            live.send(new CompleteCallback(
                    T, callbackId, "mgr-wu", CallerRole.MANAGER, true, 5, "thanks", local("2026-12-29T16:30")));
            live.send(new CloseLedger(T, local("2026-12-29T17:00")));
            live.send(new ReopenLedger(T, local("2026-12-30T09:00")));

            LedgerState folded = new LedgerState();
            live.events(T).forEach(folded::apply);
            LedgerState stored = JSON.readValue(JSON.writeValueAsString(folded), LedgerState.class);
            LedgerView held = live.read(T, TicketLedger::view);

            assertThat(held.obligations()).hasSizeGreaterThan(5);
            assertThat(held.callbacks()).singleElement().satisfies(c -> {
                assertThat(c.rating()).isEqualTo(5);
                assertThat(c.reachedAt()).isEqualTo(local("2026-12-29T16:20"));
                assertThat(c.lastCallId()).isEqualTo("CALL-9");
            });
            assertThat(stored.view())
                    .usingRecursiveComparison()
                    .ignoringCollectionOrderInFields("callbacks.allowedRoles")
                    .isEqualTo(held);
            assertThat(stored.view().active()).isTrue();
        }
    }

    @Test
    void eventsTheListsDoNotShowLeaveTheDocumentAsItWas_issue14_item6() {
        LedgerState state = new LedgerState();
        state.apply(new Object());
        assertThat(state.view().obligations()).isEqualTo(List.of());
    }
}
