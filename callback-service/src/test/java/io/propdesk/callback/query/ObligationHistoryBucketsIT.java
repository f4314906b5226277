package io.propdesk.callback.query;

import static io.propdesk.callback.query.ObligationHistoryTest.breached;
import static io.propdesk.callback.query.ObligationHistoryTest.envelope;
import static io.propdesk.callback.query.ObligationHistoryTest.fulfilled;
import static io.propdesk.callback.query.ObligationHistoryTest.opened;
import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import io.propdesk.contracts.cloudevents.CloudEventCodec.Envelope;
import io.propdesk.embedded.SharedInfrastructure;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import org.bson.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * Issue 19: the obligation history keeps an hour's changes in buckets of at most {@link HistoryStore#BUCKET}, so a
 * busy hour costs each poll one small document, not the hour's whole history; read back, the buckets are the hour.
 * On the real driver against the MongoDB-wire server.
 */
class ObligationHistoryBucketsIT {

    private static final MongoClient CLIENT =
            MongoClients.create(SharedInfrastructure.get().mongoUri());
    private static final Instant HOUR = Instant.parse("2026-12-01T10:00:00Z");

    @AfterAll
    static void close() {
        CLIENT.close();
    }

    @Test
    void aBusyHoursChangesFillBucketsOfAtMostFiftyAndAreReadBackAsTheHour_issue19() {
        MongoDatabase database = fresh();
        HistoryStore.Mongo live = new HistoryStore.Mongo(database);
        HistoryStore.Memory oneByOne = new HistoryStore.Memory();
        List<Envelope> events = busyHour(70);
        // polls of uneven sizes, as a consumer under load sees them: one ends where a bucket is full, the next starts
        // a bucket; one is larger than a bucket
        int[] sizes = {7, 43, 1, 62, 27};
        int from = 0;
        for (int size : sizes) {
            ObligationHistory.applyPoll(live, Map.of(), events.subList(from, from + size));
            from += size;
        }
        assertThat(from).isEqualTo(events.size());
        events.forEach(event -> ObligationHistory.apply(oneByOne, 0, event));

        MongoCollection<Document> docs = database.getCollection(HistoryStore.COLLECTION);
        String hourId = HistoryStore.hourId(0, ObligationHistory.hour(HOUR));
        Document head = docs.find(Filters.eq("_id", hourId)).first();
        // 140 changes: 50, 50 and 40
        assertThat(head).containsEntry("n", 2).containsEntry("k", 40).doesNotContainKey("c");
        assertThat(changesPerBucket(docs, hourId)).containsExactly(50, 50, 40);

        for (String at : List.of("2026-12-01T10:20:00Z", "2026-12-01T10:59:59Z", "2026-12-01T11:00:00Z")) {
            assertThat(outstanding(live, at))
                    .isEqualTo(outstanding(oneByOne, at))
                    .isNotEmpty();
        }
        assertThat(outstanding(live, "2026-12-01T10:59:59Z")).hasSize(35); // the 35 breached; the 35 met have left

        // the last poll delivered again: its obligations' latest states skip it, nothing is written
        List<Envelope> last = events.subList(from - sizes[sizes.length - 1], from);
        ObligationHistory.applyPoll(live, Map.of(), last);
        assertThat(changesPerBucket(docs, hourId)).containsExactly(50, 50, 40);
        // as after a crash that stored its hours but not its latest states: its changes are stored again, after the
        // head, and the hour reads the same; no bucket holds more than fifty
        docs.deleteMany(Filters.in(
                "_id", last.stream().map(e -> "o:" + e.subject() + ":R4:1").toList()));
        ObligationHistory.applyPoll(live, Map.of(), last);
        assertThat(changesPerBucket(docs, hourId)).hasSizeGreaterThan(3).allMatch(size -> size <= 50);
        for (String at : List.of("2026-12-01T10:20:00Z", "2026-12-01T10:59:59Z")) {
            assertThat(outstanding(live, at)).isEqualTo(outstanding(oneByOne, at));
        }
    }

    @Test
    void aRebuildStoresTheSameHoursInBucketsAndAnHourStoredWholeBeforeBucketsIsStillRead_issue19() {
        HistoryStore.Memory folded = new HistoryStore.Memory();
        busyHour(70).forEach(event -> ObligationHistory.apply(folded, 0, event));
        MongoDatabase database = fresh();
        folded.writeTo(database);
        MongoCollection<Document> docs = database.getCollection(HistoryStore.COLLECTION);
        String hourId = HistoryStore.hourId(0, ObligationHistory.hour(HOUR));
        assertThat(changesPerBucket(docs, hourId)).containsExactly(50, 50, 40);
        HistoryStore.Mongo rebuilt = new HistoryStore.Mongo(database);
        assertThat(outstanding(rebuilt, "2026-12-01T10:59:59Z")).isEqualTo(outstanding(folded, "2026-12-01T10:59:59Z"));

        // the next hour as a store before issue 19 kept it: the changes in the head itself
        Instant next = HOUR.plusSeconds(3_600);
        ObligationLife late = ObligationLife.after(
                null,
                opened(
                        "T-late",
                        "T-late:R4:1",
                        next.plusSeconds(60).toString(),
                        next.plusSeconds(9_000).toString()),
                1);
        docs.insertOne(new Document("_id", HistoryStore.hourId(0, ObligationHistory.hour(next)))
                .append("c", new Document(HistoryStore.changeKey(late), late.encode())));
        assertThat(outstanding(rebuilt, next.plusSeconds(120).toString())).containsKey("T-late:R4:1");
    }

    /** Obligations opened within one hour, ten seconds apart, alternately met and breached: two changes each. */
    private static List<Envelope> busyHour(int obligations) {
        List<Envelope> events = new ArrayList<>();
        for (int i = 0; i < obligations; i++) {
            String ticket = "T" + i;
            String id = ticket + ":R4:1";
            Instant at = HOUR.plusSeconds(i * 10L);
            events.add(envelope(
                    1, opened(ticket, id, at.toString(), at.plusSeconds(600).toString())));
            events.add(
                    i % 2 == 0
                            ? envelope(
                                    2, fulfilled(ticket, id, at.plusSeconds(300).toString()))
                            : envelope(
                                    2, breached(ticket, id, at.plusSeconds(630).toString())));
        }
        return events;
    }

    private static Map<String, String> outstanding(HistoryStore store, String at) {
        Map<String, String> states = new TreeMap<>();
        ObligationHistory.outstandingAt(store, Instant.parse(at))
                .forEach(life -> states.put(life.obligationId(), life.status() + "@" + life.seq()));
        return states;
    }

    private static List<Integer> changesPerBucket(MongoCollection<Document> docs, String hourId) {
        List<Integer> sizes = new ArrayList<>();
        for (int bucket = 0; ; bucket++) {
            Document d = docs.find(Filters.eq("_id", HistoryStore.bucketId(hourId, bucket)))
                    .first();
            if (d == null) {
                return sizes;
            }
            sizes.add(d.get("c", Document.class).size());
        }
    }

    private static MongoDatabase fresh() {
        return CLIENT.getDatabase(
                "obligation_history_" + UUID.randomUUID().toString().substring(0, 8));
    }
}
