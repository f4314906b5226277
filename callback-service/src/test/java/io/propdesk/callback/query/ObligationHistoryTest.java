package io.propdesk.callback.query;

import static org.assertj.core.api.Assertions.assertThat;

import io.propdesk.callback.domain.ObligationStatus;
import io.propdesk.contracts.Department;
import io.propdesk.contracts.PublicEvent;
import io.propdesk.contracts.SlaRule;
import io.propdesk.contracts.callback.FollowUpClosed;
import io.propdesk.contracts.callback.ObligationFulfilled;
import io.propdesk.contracts.callback.ObligationOpened;
import io.propdesk.contracts.callback.ObligationRescheduled;
import io.propdesk.contracts.callback.ObligationWithdrawn;
import io.propdesk.contracts.callback.SlaBreached;
import io.propdesk.contracts.cloudevents.CloudEventCodec.Envelope;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The obligation history's fold as plain objects, on the in-memory store a rebuild uses (issue 18 §2). */
class ObligationHistoryTest {

    private final HistoryStore.Memory store = new HistoryStore.Memory();
    private final Map<String, Long> sequences = new HashMap<>();

    @Test
    void aBreachStaysOutstandingUntilItIsFulfilledLate() {
        apply(0, opened("T1", "T1:R4:1", "2026-12-01T10:00:00Z", "2026-12-01T14:00:00Z"));
        apply(0, breached("T1", "T1:R4:1", "2026-12-01T14:00:30Z"));
        apply(0, fulfilled("T1", "T1:R4:1", "2026-12-03T09:00:00Z"));

        assertThat(states("2026-12-01T09:59:59Z")).isEmpty();
        assertThat(states("2026-12-01T10:00:00Z")).containsExactly("T1:R4:1=OPEN");
        assertThat(states("2026-12-01T14:00:29Z")).containsExactly("T1:R4:1=OPEN");
        assertThat(states("2026-12-01T14:00:30Z")).containsExactly("T1:R4:1=BREACHED");
        assertThat(states("2026-12-02T23:00:00Z")).containsExactly("T1:R4:1=BREACHED");
        assertThat(states("2026-12-03T09:00:00Z")).isEmpty();
    }

    @Test
    void aBreachNeverMetLateLeavesTheOverdueQueueWhenItsTicketsFollowUpCloses() {
        apply(0, opened("T1", "T1:R4:1", "2026-12-01T10:00:00Z", "2026-12-01T14:00:00Z"));
        apply(0, breached("T1", "T1:R4:1", "2026-12-01T14:00:30Z"));
        apply(0, opened("T1", "T1:R9:O1", "2026-12-01T11:00:00Z", "2026-12-04T11:00:00Z"));
        apply(0, opened("T2", "T2:R4:1", "2026-12-01T10:00:00Z", "2026-12-01T14:00:00Z"));
        apply(0, breached("T2", "T2:R4:1", "2026-12-01T14:00:30Z"));
        // T1 closes two days later: its breach leaves with it; its open R9 waits for its own withdrawal
        FollowUpClosed closed = new FollowUpClosed("T1", "ticket closed", Instant.parse("2026-12-03T09:00:00Z"));
        apply(0, closed);

        assertThat(states("2026-12-03T08:59:59Z"))
                .containsExactly("T1:R4:1=BREACHED", "T1:R9:O1=OPEN", "T2:R4:1=BREACHED");
        assertThat(states("2026-12-03T09:00:00Z")).containsExactly("T1:R9:O1=OPEN", "T2:R4:1=BREACHED");
        apply(0, withdrawn("T1", "T1:R9:O1", "2026-12-03T09:00:00Z"));
        // a later day's checkpoint (T2's partition moves on) keeps neither; T2, never closed, is still overdue
        apply(0, opened("T3", "T3:R4:1", "2026-12-05T08:00:00Z", "2026-12-05T12:00:00Z"));
        assertThat(states("2026-12-05T09:00:00Z")).containsExactly("T2:R4:1=BREACHED", "T3:R4:1=OPEN");

        // the closing delivered again changes nothing
        ObligationHistory.apply(store, 0, envelope(sequences.get("T1") - 1, closed));
        assertThat(states("2026-12-03T09:00:00Z")).containsExactly("T2:R4:1=BREACHED");
        assertThat(states("2026-12-05T09:00:00Z")).containsExactly("T2:R4:1=BREACHED", "T3:R4:1=OPEN");
    }

    @Test
    void aClosingThatArrivesAfterLaterDaysWereCheckpointedTakesTheBreachOffThem() {
        apply(0, opened("T1", "T1:R4:1", "2026-12-01T10:00:00Z", "2026-12-01T14:00:00Z"));
        apply(0, breached("T1", "T1:R4:1", "2026-12-01T14:00:30Z"));
        apply(0, opened("T2", "T2:R4:1", "2026-12-03T08:00:00Z", "2026-12-03T12:00:00Z"));
        assertThat(states("2026-12-02T12:00:00Z")).containsExactly("T1:R4:1=BREACHED");
        apply(0, new FollowUpClosed("T1", "ticket closed", Instant.parse("2026-12-01T18:00:00Z")));

        assertThat(states("2026-12-01T17:59:59Z")).containsExactly("T1:R4:1=BREACHED");
        assertThat(states("2026-12-02T12:00:00Z")).isEmpty();
        assertThat(states("2026-12-03T09:00:00Z")).containsExactly("T2:R4:1=OPEN");
    }

    @Test
    void anEventThatArrivesAfterLaterDaysWereCheckpointedRewritesTheirCheckpoints() {
        apply(0, opened("T1", "T1:R9:O1", "2026-12-01T10:00:00Z", "2026-12-01T17:00:00Z"));
        // another ticket of the partition moves it on two days: the checkpoints of 2 and 3 December are written
        apply(0, opened("T2", "T2:R4:1", "2026-12-03T08:00:00Z", "2026-12-03T12:00:00Z"));
        assertThat(states("2026-12-02T12:00:00Z")).containsExactly("T1:R9:O1=OPEN");
        // then T1's withdrawal, recorded as of 1 December 23:00, arrives
        apply(0, withdrawn("T1", "T1:R9:O1", "2026-12-01T23:00:00Z"));

        assertThat(states("2026-12-01T22:59:59Z")).containsExactly("T1:R9:O1=OPEN");
        assertThat(states("2026-12-02T12:00:00Z")).isEmpty();
        assertThat(states("2026-12-03T09:00:00Z")).containsExactly("T2:R4:1=OPEN");
    }

    @Test
    void aCalendarChangeRecordedBeforeTheOpeningMovesTheDueFromTheOpening() {
        apply(1, opened("T1", "T1:R4:1", "2026-12-01T10:00:00Z", "2026-12-01T14:00:00Z"));
        apply(
                1,
                new ObligationRescheduled(
                        "T1",
                        null,
                        "T1:R4:1",
                        SlaRule.R4,
                        Instant.parse("2026-12-01T14:00:00Z"),
                        Instant.parse("2026-12-01T15:00:00Z"),
                        Instant.parse("2026-12-01T08:00:00Z")));

        assertThat(states("2026-12-01T09:00:00Z")).isEmpty();
        List<ObligationLife> at11 = ObligationHistory.outstandingAt(store, Instant.parse("2026-12-01T11:00:00Z"));
        assertThat(at11).singleElement().satisfies(o -> {
            assertThat(o.dueAt()).isEqualTo(Instant.parse("2026-12-01T15:00:00Z"));
            assertThat(o.status()).isEqualTo(ObligationStatus.OPEN);
        });
    }

    @Test
    void aRedeliveredEventChangesNothing() {
        Envelope open = envelope(0, opened("T1", "T1:R4:1", "2026-12-01T10:00:00Z", "2026-12-01T14:00:00Z"));
        Envelope breach = envelope(1, breached("T1", "T1:R4:1", "2026-12-01T14:00:30Z"));
        ObligationHistory.apply(store, 0, open);
        ObligationHistory.apply(store, 0, breach);
        ObligationHistory.apply(store, 0, open);
        ObligationHistory.apply(store, 0, breach);

        assertThat(states("2026-12-01T12:00:00Z")).containsExactly("T1:R4:1=OPEN");
        assertThat(states("2026-12-01T15:00:00Z")).containsExactly("T1:R4:1=BREACHED");
    }

    @Test
    void aPollFoldedTogetherEqualsItsEventsOneByOneAndItsRedeliveryChangesNothing_issue19() {
        List<Envelope> poll = new java.util.ArrayList<>();
        java.util.function.Consumer<PublicEvent> add =
                event -> poll.add(envelope(sequences.merge(event.subject(), 1L, Long::sum), event));
        add.accept(opened("T1", "T1:R4:1", "2026-12-01T10:00:00Z", "2026-12-01T14:00:00Z"));
        add.accept(breached("T1", "T1:R4:1", "2026-12-01T14:00:30Z"));
        add.accept(opened("T1", "T1:R9:O1", "2026-12-01T11:00:00Z", "2026-12-04T11:00:00Z"));
        add.accept(opened("T2", "T2:R4:1", "2026-12-03T08:00:00Z", "2026-12-03T12:00:00Z"));
        add.accept(withdrawn("T1", "T1:R9:O1", "2026-12-01T23:00:00Z"));
        add.accept(new FollowUpClosed("T1", "ticket closed", Instant.parse("2026-12-02T09:00:00Z")));
        add.accept(opened("T3", "T3:R4:1", "2026-12-05T08:00:00Z", "2026-12-05T12:00:00Z"));
        // one event by one, as before issue 19
        for (Envelope event : poll) {
            ObligationHistory.apply(store, 0, event);
        }
        // the same events in two polls folded together, the second poll starting from the first's stored history
        HistoryStore.Memory polled = new HistoryStore.Memory();
        ObligationHistory.applyPoll(polled, Map.of(), poll.subList(0, 3));
        ObligationHistory.applyPoll(polled, Map.of(), poll.subList(3, poll.size()));
        assertThat(polled.contents()).isEqualTo(store.contents());
        List<Object> once = polled.contents();

        // the whole poll delivered again, then its events one at a time (what handleUnmarked does on failure)
        ObligationHistory.applyPoll(polled, Map.of(), poll);
        assertThat(polled.contents()).isEqualTo(once);
        for (Envelope event : poll) {
            ObligationHistory.applyPoll(polled, Map.of(), List.of(event));
        }
        assertThat(polled.contents()).isEqualTo(once);
        assertThat(ObligationHistory.outstandingAt(polled, Instant.parse("2026-12-05T09:00:00Z")).stream()
                        .map(ObligationLife::obligationId)
                        .sorted())
                .containsExactly("T2:R4:1", "T3:R4:1");
    }

    private List<String> states(String at) {
        return ObligationHistory.outstandingAt(store, Instant.parse(at)).stream()
                .map(o -> o.obligationId() + "=" + o.status())
                .sorted()
                .toList();
    }

    private void apply(int partition, PublicEvent event) {
        long seq = sequences.merge(event.subject(), 1L, Long::sum);
        ObligationHistory.apply(store, partition, envelope(seq, event));
    }

    static Envelope envelope(long seq, PublicEvent event) {
        return Envelope.of(event.subject() + "-" + seq, Instant.now(), event, event.subject(), seq);
    }

    static ObligationOpened opened(String ticket, String id, String at, String due) {
        return new ObligationOpened(
                ticket,
                null,
                id,
                SlaRule.valueOf(id.split(":")[1]),
                "steward",
                null,
                null,
                null,
                "estate-1",
                Department.ENGINEERING,
                "steward-li",
                "desk-chen",
                Instant.parse(at),
                Instant.parse(due));
    }

    static SlaBreached breached(String ticket, String id, String at) {
        return new SlaBreached(
                ticket,
                null,
                id,
                SlaRule.R4,
                null,
                "estate-1",
                Department.ENGINEERING,
                "steward-li",
                "desk-chen",
                1,
                Instant.parse(at).minusSeconds(30),
                Instant.parse(at));
    }

    static ObligationFulfilled fulfilled(String ticket, String id, String at) {
        return new ObligationFulfilled(
                ticket,
                null,
                id,
                SlaRule.R4,
                null,
                "estate-1",
                Department.ENGINEERING,
                "steward-li",
                "desk-chen",
                "StewardReplied/" + ticket,
                Instant.parse(at),
                Instant.parse(at));
    }

    private static ObligationWithdrawn withdrawn(String ticket, String id, String at) {
        return new ObligationWithdrawn(ticket, null, id, SlaRule.R9, "ticket closed", Instant.parse(at));
    }
}
