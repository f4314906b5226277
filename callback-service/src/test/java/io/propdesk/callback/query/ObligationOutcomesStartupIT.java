package io.propdesk.callback.query;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.ConnectionString;
import com.mongodb.MongoClientSettings;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.event.CommandListener;
import com.mongodb.event.CommandSucceededEvent;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.propdesk.callback.domain.DeadlineIndex;
import io.propdesk.contracts.CallerRole;
import io.propdesk.contracts.Department;
import io.propdesk.contracts.Severity;
import io.propdesk.contracts.SlaRule;
import io.propdesk.contracts.TicketKind;
import io.propdesk.contracts.callback.CallbackCompleted;
import io.propdesk.contracts.callback.CallbackScheduled;
import io.propdesk.contracts.callback.ObligationFulfilled;
import io.propdesk.contracts.callback.SlaBreached;
import io.propdesk.embedded.SharedInfrastructure;
import io.propdesk.platform.kafka.InboundEvents;
import io.propdesk.platform.observability.TraceContexts;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import org.bson.BsonDocument;
import org.bson.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * Issue 19: ObligationOutcomes' start-up reads the figures so far from the counts documents its live path keeps with
 * the rows, so it reads the same few documents whatever the history holds; its polls dedupe by the rows themselves.
 * Counted on the real driver (its {@link CommandListener}) against the MongoDB-wire server; no timing asserted.
 */
class ObligationOutcomesStartupIT {

    private static final Instant DUE = Instant.parse("2026-12-01T02:00:00Z");
    private static final AtomicLong READ_DOCUMENTS = new AtomicLong();
    private static final AtomicLong READ_COMMANDS = new AtomicLong();
    private static final MongoClient CLIENT = MongoClients.create(MongoClientSettings.builder()
            .applyConnectionString(
                    new ConnectionString(SharedInfrastructure.get().mongoUri()))
            .addCommandListener(new CommandListener() {
                @Override
                public void commandSucceeded(CommandSucceededEvent event) {
                    String name = event.getCommandName();
                    if (name.equals("find") || name.equals("getMore") || name.equals("aggregate")) {
                        READ_COMMANDS.incrementAndGet();
                        BsonDocument cursor = event.getResponse().getDocument("cursor");
                        String batch = cursor.containsKey("firstBatch") ? "firstBatch" : "nextBatch";
                        READ_DOCUMENTS.addAndGet(cursor.getArray(batch).size());
                    }
                }
            })
            .build());

    private static final DeadlineIndex NO_OPEN = new DeadlineIndex() {
        @Override
        public Set<String> ticketsDueBy(Instant now) {
            return Set.of();
        }

        @Override
        public Set<String> ticketsAtRiskBy(Instant now) {
            return Set.of();
        }

        @Override
        public Map<SlaRule, Long> openByRule() {
            return Map.of();
        }
    };

    @AfterAll
    static void close() {
        CLIENT.close();
    }

    private static MongoDatabase freshDatabase() {
        return CLIENT.getDatabase(
                "outcomes_startup_" + UUID.randomUUID().toString().substring(0, 8));
    }

    private static ObligationOutcomes start(MongoDatabase database, MeterRegistry meters) {
        return new ObligationOutcomes(
                database, new InboundEvents(database, meters, TraceContexts.none()), meters, NO_OPEN);
    }

    /** What a start reads: {documents returned, read commands}. */
    private static long[] startReads(MongoDatabase database, MeterRegistry meters) {
        long documents = READ_DOCUMENTS.get();
        long commands = READ_COMMANDS.get();
        start(database, meters);
        return new long[] {READ_DOCUMENTS.get() - documents, READ_COMMANDS.get() - commands};
    }

    /**
     * n tickets' outcomes: even ones met on time (R4), odd ones breached (R5), every fourth breached one fulfilled
     * late; each ticket's repair callback scheduled, the even ones completed.
     */
    private static List<Object> history(int n) {
        List<Object> events = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            String ticket = "T" + i;
            String callback = "CB-" + ticket;
            events.add(new CallbackScheduled(
                    ticket,
                    callback,
                    null,
                    TicketKind.REPAIR,
                    Severity.NORMAL,
                    "desk",
                    Set.of(),
                    DUE,
                    DUE,
                    null,
                    null));
            if (i % 2 == 0) {
                events.add(new ObligationFulfilled(
                        ticket,
                        null,
                        ticket + ":R4",
                        SlaRule.R4,
                        null,
                        "E1",
                        Department.ENGINEERING,
                        "s1",
                        "desk",
                        "ev-" + i,
                        DUE,
                        DUE.minusSeconds(60)));
                events.add(new CallbackCompleted(
                        ticket, callback, "desk-chen", CallerRole.DUTY_STAFF, true, "ok", DUE, 5));
            } else {
                events.add(new SlaBreached(
                        ticket,
                        null,
                        ticket + ":R5",
                        SlaRule.R5,
                        null,
                        "E1",
                        Department.ENGINEERING,
                        "s1",
                        "desk",
                        1,
                        DUE,
                        DUE));
                if (i % 4 == 1) {
                    events.add(new ObligationFulfilled(
                            ticket,
                            null,
                            ticket + ":R5",
                            SlaRule.R5,
                            null,
                            "E1",
                            Department.ENGINEERING,
                            "s1",
                            "desk",
                            "ev-" + i,
                            DUE,
                            DUE.plusSeconds(600),
                            DUE,
                            10,
                            10));
                }
            }
        }
        return events;
    }

    private static void applyInPolls(ObligationOutcomes outcomes, List<Object> events, int poll) {
        for (int from = 0; from < events.size(); from += poll) {
            outcomes.apply(events.subList(from, Math.min(events.size(), from + poll)));
        }
    }

    private static double gauge(MeterRegistry meters, SlaRule rule, String status) {
        return meters.get("propdesk.obligations")
                .tags("rule", rule.name(), "status", status)
                .gauge()
                .value();
    }

    private static void assertFigures(MeterRegistry meters, int n) {
        assertThat(gauge(meters, SlaRule.R4, "FULFILLED")).isEqualTo((n + 1) / 2);
        assertThat(gauge(meters, SlaRule.R5, "BREACHED")).isEqualTo(n / 2);
        assertThat(gauge(meters, SlaRule.R5, "FULFILLED_LATE")).isEqualTo((n + 2) / 4);
        assertThat(meters.get("propdesk.callbacks.rate").gauge().value()).isEqualTo((double) ((n + 1) / 2) / n);
    }

    @Test
    void aStartReadsTheSameFewDocumentsWith10And10000OutcomesStored_issue19() {
        long[] reads = new long[2];
        int[] sizes = {10, 10_000};
        for (int k = 0; k < sizes.length; k++) {
            MongoDatabase database = freshDatabase();
            applyInPolls(start(database, new SimpleMeterRegistry()), history(sizes[k]), 500);
            assertThat(database.getCollection(ObligationOutcomes.OUTCOMES)
                            .countDocuments(Filters.ne("_id", ObligationOutcomes.COUNTS)))
                    .isEqualTo(sizes[k]);
            SimpleMeterRegistry meters = new SimpleMeterRegistry();
            long[] startReads = startReads(database, meters);
            assertFigures(meters, sizes[k]);
            reads[k] = startReads[0];
            assertThat(startReads[1]).as("read commands at start").isEqualTo(2);
        }
        assertThat(reads[1])
                .as("documents read at start, 10,000 vs 10 outcomes")
                .isEqualTo(reads[0]);
        assertThat(reads[0]).isEqualTo(2); // the two counts documents
    }

    @Test
    void aStoreFromBeforeTheCountsIsCountedOnceThenStartsReadTheCounts_issue19() {
        MongoDatabase database = freshDatabase();
        applyInPolls(start(database, new SimpleMeterRegistry()), history(101), 7);
        database.getCollection(ObligationOutcomes.OUTCOMES).deleteOne(Filters.eq("_id", ObligationOutcomes.COUNTS));
        database.getCollection(ObligationOutcomes.CALLBACKS).deleteOne(Filters.eq("_id", ObligationOutcomes.COUNTS));
        SimpleMeterRegistry first = new SimpleMeterRegistry();
        assertThat(startReads(database, first)[0]).isGreaterThan(101);
        assertFigures(first, 101);
        SimpleMeterRegistry second = new SimpleMeterRegistry();
        assertThat(startReads(database, second)[0]).isEqualTo(2);
        assertFigures(second, 101);
    }

    @Test
    void aPollAppliedAgainOrOneEventAtATimeChangesNothing_issue19() {
        List<Object> events = history(40);
        MongoDatabase once = freshDatabase();
        ObligationOutcomes live = start(once, new SimpleMeterRegistry());
        applyInPolls(live, events, 13);
        List<Document> rows = all(once, ObligationOutcomes.OUTCOMES);
        List<Document> callbacks = all(once, ObligationOutcomes.CALLBACKS);
        // a crash before the offsets' commit delivers the polls again; a failed poll is applied one event at a time
        applyInPolls(live, events, 13);
        applyInPolls(live, events, 1);
        assertThat(all(once, ObligationOutcomes.OUTCOMES)).isEqualTo(rows);
        assertThat(all(once, ObligationOutcomes.CALLBACKS)).isEqualTo(callbacks);
        SimpleMeterRegistry meters = new SimpleMeterRegistry();
        start(once, meters);
        assertFigures(meters, 40);
        // and the same events as one poll into another store give the same rows, counts documents included
        MongoDatabase onePoll = freshDatabase();
        applyInPolls(start(onePoll, new SimpleMeterRegistry()), events, events.size());
        assertThat(all(onePoll, ObligationOutcomes.OUTCOMES)).isEqualTo(rows);
        assertThat(all(onePoll, ObligationOutcomes.CALLBACKS)).isEqualTo(callbacks);
    }

    private static List<Document> all(MongoDatabase database, String collection) {
        List<Document> docs = database.getCollection(collection).find().into(new ArrayList<>());
        docs.sort(java.util.Comparator.comparing(d -> d.getString("_id")));
        return docs;
    }
}
