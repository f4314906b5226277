package io.propdesk.callback.domain;

import static io.propdesk.callback.domain.Calendars.local;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.propdesk.contracts.CallerRole;
import io.propdesk.contracts.Department;
import io.propdesk.contracts.TicketKind;
import org.axonframework.serialization.SerializedObject;
import org.axonframework.serialization.json.JacksonSerializer;
import org.junit.jupiter.api.Test;

/**
 * Issue 14 item 6: the ledger's state is now held by {@link Obligations} and {@link Callbacks}; a snapshot of it (JSON,
 * as the service stores snapshots) restores the same ledger, under the new revision.
 */
class TicketLedgerSnapshotTest {

    private static final String T = "T-1";

    @Test
    void aSnapshotOfTheLedgerRestoresTheSameLedger_issue14_item6() {
        JacksonSerializer serializer = JacksonSerializer.builder()
                .objectMapper(new ObjectMapper()
                        .registerModule(new JavaTimeModule())
                        .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS))
                .build();
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
            live.send(new NoteOrderDispatched(
                    T, "WO-1", TicketKind.REPAIR, Department.ENGINEERING, true, local("2026-12-29T09:10")));
            live.send(new NoteOrderCompleted(
                    T, "WO-1", "sunrise", Department.ENGINEERING, true, local("2026-12-29T10:00")));
            live.send(new NoteOrderReturned(
                    T,
                    "WO-1",
                    "sunrise",
                    TicketKind.REPAIR,
                    Department.ENGINEERING,
                    true,
                    local("2026-12-29T10:00"),
                    local("2026-12-29T12:00"),
                    false,
                    "e-ret",
                    local("2026-12-29T11:00")));
            live.send(new RecordCallbackAttempt(
                    T, "CB1-" + T, "desk-chen", CallerRole.DUTY_STAFF, "busy", local("2026-12-29T11:30")));
            live.send(new BreachDueObligations(T, local("2026-12-29T13:30")));
            TicketLedger ledger = live.read(T, l -> l);

            SerializedObject<String> snapshot = serializer.serialize(ledger, String.class);
            TicketLedger restored = serializer.deserialize(snapshot);

            assertThat(snapshot.getType().getRevision()).isEqualTo("2");
            assertThat(restored).usingRecursiveComparison().isEqualTo(ledger);
            assertThat(restored.view().obligations()).hasSizeGreaterThan(3);
        }
    }
}
