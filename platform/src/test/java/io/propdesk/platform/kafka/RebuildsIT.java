package io.propdesk.platform.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.client.MongoCollection;
import io.propdesk.contracts.cloudevents.CloudEventCodec.Envelope;
import io.propdesk.platform.testing.CountedCommands;
import io.propdesk.platform.testing.PolledRecords;
import io.propdesk.platform.testing.Tickets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.stream.IntStream;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.bson.BsonString;
import org.bson.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A rebuild's two halves (delivery guarantee 6): the fold of a topic, and the bulk insert of what it made. */
class RebuildsIT {

    private final CountedCommands commands = new CountedCommands();
    private MongoCollection<Document> rows;

    @BeforeEach
    void setUp() {
        rows = commands.database("rebuilds_" + UUID.randomUUID().toString().substring(0, 8))
                .getCollection("rows");
    }

    @AfterEach
    void tearDown() {
        commands.close();
    }

    @Test
    void documentsAreInsertedInIdOrderOneInsertManyPerThousand() {
        List<Document> documents = IntStream.range(0, 2_345)
                .mapToObj(i -> new Document("_id", String.format("r%05d", i)).append("n", i))
                .toList();
        List<Document> folded = new ArrayList<>(documents);
        Collections.shuffle(folded, new Random(19)); // a fold's order: as the tickets came

        Rebuilds.insertAll(rows, folded);

        assertThat(commands.count("rows", "insert")).isEqualTo(3);
        assertThat(commands.insertedIds("rows"))
                .as("sent in _id order, so each batch extends the store's B-tree at its right edge")
                .isEqualTo(documents.stream()
                        .map(d -> new BsonString(d.getString("_id")))
                        .toList());
        assertThat(rows.find().sort(new Document("_id", 1)).into(new ArrayList<>()))
                .isEqualTo(documents);
    }

    @Test
    void idsOfOtherTypesComeAfterTheStringsGroupedByTypeAndInTheirOwnOrder() {
        List<Document> documents = new ArrayList<>();
        for (Object id : List.of(3L, "b", new Document("k", 2), 1, "a", 2L, new Document("k", 1), 2)) {
            documents.add(new Document("_id", id));
        }

        documents.sort(Rebuilds.BY_ID);

        assertThat(documents.stream().map(d -> d.get("_id")).toList())
                .containsExactly("a", "b", 1, 2, 2L, 3L, new Document("k", 2), new Document("k", 1));
    }

    @Test
    void itemsBecomeDocumentsInBatchesOfTheGivenSizeAndNothingIsSentForNone() {
        Rebuilds.insertAll(rows, List.of(), i -> new Document("_id", i));
        assertThat(commands.count("rows", "insert")).isZero();

        Rebuilds.insertAll(rows, List.of(1, 2, 3, 4, 5), i -> new Document("_id", i), 2);

        assertThat(commands.count("rows", "insert")).isEqualTo(3);
        assertThat(rows.countDocuments()).isEqualTo(5);
    }

    @Test
    void aFoldSkipsARecordThatCannotBeDecodedAndCountsWhatWasApplied() {
        List<ConsumerRecord<String, byte[]>> topic = List.of(
                record(0, "e0", 0),
                new ConsumerRecord<>("rebuilds-test", 0, 1, "T-1", "not a cloud event".getBytes()),
                record(2, "e1", 1),
                record(3, "e1", 1)); // re-sent: the fold says it applied nothing
        List<String> seen = new ArrayList<>();

        long applied = Rebuilds.fold(topic, event -> {
            boolean fresh = !seen.contains(event.id());
            seen.add(event.id());
            return fresh;
        });

        assertThat(seen).containsExactly("e0", "e1", "e1");
        assertThat(applied).isEqualTo(2);
    }

    @Test
    void aFoldForSomeEventTypesPassesOverTheOthersWithoutDecodingThem_issue19() {
        ConsumerRecord<String, byte[]> opened = PolledRecords.of(
                "rebuilds-test",
                0,
                Envelope.of("o1", Instant.parse("2026-12-02T01:00:00Z"), Tickets.aRepair("T-1"), "T-1", 0));
        // a record of a type the projection ignores, whose body could not even be decoded: never decoded, so not a
        // poison record here; as live, it changes nothing
        ConsumerRecord<String, byte[]> ignored = new ConsumerRecord<>("rebuilds-test", 0, 1, "T-1", "{".getBytes());
        opened.headers().forEach(h -> ignored.headers().add(h));
        ConsumerRecord<String, byte[]> closed = record(2, "c1", 1);
        List<String> seen = new ArrayList<>();

        long applied = Rebuilds.fold(
                List.of(opened, ignored, closed),
                Set.of(Tickets.closedAt("T-1", 1).getPayloadType()),
                event -> {
                    seen.add(event.id());
                    return true;
                });

        assertThat(seen).containsExactly("c1");
        assertThat(applied).isEqualTo(1);
        assertThat(Rebuilds.concerns(closed, Set.of())).isFalse();
        assertThat(Rebuilds.concerns(
                        new ConsumerRecord<>("rebuilds-test", 0, 3, "T-1", "no headers".getBytes()), Set.of()))
                .as("a record without a type may concern the projection: decoded, and skipped if poison")
                .isTrue();
    }

    private static ConsumerRecord<String, byte[]> record(long offset, String id, long sequence) {
        return PolledRecords.of(
                "rebuilds-test",
                offset,
                Envelope.of(
                        id,
                        Instant.parse("2026-12-02T02:00:00Z"),
                        Tickets.closedAt("T-1", sequence).getPayload(),
                        "T-1",
                        sequence));
    }
}
