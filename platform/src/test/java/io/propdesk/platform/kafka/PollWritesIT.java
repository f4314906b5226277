package io.propdesk.platform.kafka;

import static com.mongodb.client.model.Filters.eq;
import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.ReplaceOptions;
import com.mongodb.client.model.Sorts;
import com.mongodb.client.model.UpdateOptions;
import io.propdesk.platform.testing.CountedCommands;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import org.bson.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A projection's writes held for a poll and stored at once (issue 19), against the MongoDB-wire server: one write a
 * document in one unordered bulk write, leaving what the same writes one at a time leave.
 */
class PollWritesIT {

    private final CountedCommands commands = new CountedCommands();
    private MongoCollection<Document> held;
    private MongoCollection<Document> oneByOne;

    @BeforeEach
    void setUp() {
        String db = "poll_writes_" + UUID.randomUUID().toString().substring(0, 8);
        held = commands.database(db).getCollection("held");
        oneByOne = commands.database(db).getCollection("one_by_one");
    }

    @AfterEach
    void tearDown() {
        commands.close();
    }

    @Test
    void aPollsWritesAreStoredAsOneWriteADocumentInOneBulkWrite_issue19() {
        held.insertMany(List.of(new Document("_id", "O-5"), new Document("_id", "O-6")));
        commands.reset();
        PollWrites writes = new PollWrites(held);
        writes.replace("O-1", new Document("dueAt", 1));
        writes.set("O-1", new Document("atRisk", true), false);
        writes.set("O-3", new Document("completedAt", 3), true);
        writes.delete("O-5");
        writes.replace("O-2", new Document("dueAt", 2));
        writes.set("O-3", new Document("note", "x"), false);
        writes.set("O-4", new Document("note", "y"), true);
        writes.delete("O-6");
        assertThat(commands.writes())
                .as("nothing is written while the poll is handled")
                .isEmpty();

        writes.store();

        assertThat(commands.writes())
                .as("one command of each kind (replaces, $sets, deletes), whatever the number of documents")
                .containsOnly(Map.entry("held update", 2L), Map.entry("held delete", 1L));
        assertThat(stored(held))
                .containsExactly(
                        new Document("_id", "O-1").append("dueAt", 1).append("atRisk", true),
                        new Document("_id", "O-2").append("dueAt", 2),
                        new Document("_id", "O-3").append("completedAt", 3).append("note", "x"),
                        new Document("_id", "O-4").append("note", "y"));
    }

    @Test
    void aDocumentOpenedAndClosedWithinThePollIsOnlyDeleted_issue19() {
        PollWrites writes = new PollWrites(held);
        writes.replace("O-1", new Document("dueAt", 1));
        writes.set("O-1", new Document("atRisk", true), false);
        writes.delete("O-1");

        writes.store();

        assertThat(commands.writes()).containsOnly(Map.entry("held delete", 1L));
        assertThat(stored(held)).isEmpty();
    }

    @Test
    void aStoreWithNothingHeldCostsNoCommand_issue19() {
        new PollWrites(held).store();

        assertThat(commands.all()).isEmpty();
    }

    @Test
    void readAnswersTheDocumentAsThePollsWritesLeaveIt_issue19() {
        held.insertOne(new Document("_id", "O-1").append("dueAt", 1).append("atRiskAt", 0));
        PollWrites writes = new PollWrites(held);
        writes.set("O-1", new Document("dueAt", 5), false);
        writes.replace("O-2", new Document("dueAt", 2));
        writes.delete("O-3");
        writes.set("O-4", new Document("dueAt", 4), false);
        writes.set("O-5", new Document("dueAt", 6), true);

        assertThat(writes.read("O-1"))
                .isEqualTo(new Document("_id", "O-1").append("dueAt", 5).append("atRiskAt", 0));
        assertThat(writes.read("O-2")).isEqualTo(new Document("_id", "O-2").append("dueAt", 2));
        assertThat(writes.read("O-3")).isNull();
        assertThat(writes.read("O-4"))
                .as("a $set without upsert on no document")
                .isNull();
        assertThat(writes.read("O-5")).isEqualTo(new Document("_id", "O-5").append("dueAt", 6));
        assertThat(stored(held)).as("reading stores nothing").hasSize(1);
    }

    @Test
    void anUpsertAfterASetThatFoundNoDocumentCreatesItWithItsOwnFieldsOnly_issue19() {
        List<Op> script = List.of(
                new Op(Kind.SET, "O-1", "completedAt", 1), // no document: changes nothing
                new Op(Kind.UPSERT, "O-1", "ticketId", 2));

        assertThat(heldThenStored(script)).isEqualTo(oneAtATime(script));
        assertThat(stored(held)).containsExactly(new Document("_id", "O-1").append("ticketId", 2));
    }

    @Test
    void anyScriptOfWritesLeavesWhatTheSameWritesOneAtATimeLeave_issue19() {
        Random random = new Random(19);
        Kind[] kinds = Kind.values();
        for (int round = 0; round < 200; round++) {
            held.deleteMany(new Document());
            oneByOne.deleteMany(new Document());
            // what earlier polls left: some documents exist already
            for (int d = 0; d < 3; d++) {
                if (random.nextBoolean()) {
                    Document before =
                            new Document("_id", "O-" + d).append("a", -1).append("b", -1);
                    held.insertOne(before);
                    oneByOne.insertOne(new Document(before));
                }
            }
            List<Op> script = new ArrayList<>();
            for (int n = random.nextInt(7); n >= 0; n--) {
                script.add(new Op(
                        kinds[random.nextInt(kinds.length)],
                        "O-" + random.nextInt(3),
                        random.nextBoolean() ? "a" : "b",
                        random.nextInt(100)));
            }

            assertThat(heldThenStored(script)).as("script %s", script).isEqualTo(oneAtATime(script));
        }
    }

    private enum Kind {
        REPLACE,
        SET,
        UPSERT,
        DELETE
    }

    private record Op(Kind kind, String id, String field, int value) {}

    private List<Document> heldThenStored(List<Op> script) {
        PollWrites writes = new PollWrites(held);
        for (Op op : script) {
            switch (op.kind()) {
                case REPLACE -> writes.replace(op.id(), new Document(op.field(), op.value()));
                case SET -> writes.set(op.id(), new Document(op.field(), op.value()), false);
                case UPSERT -> writes.set(op.id(), new Document(op.field(), op.value()), true);
                case DELETE -> writes.delete(op.id());
            }
        }
        writes.store();
        return stored(held);
    }

    private List<Document> oneAtATime(List<Op> script) {
        for (Op op : script) {
            switch (op.kind()) {
                case REPLACE ->
                    oneByOne.replaceOne(
                            eq("_id", op.id()),
                            new Document(op.field(), op.value()),
                            new ReplaceOptions().upsert(true));
                case SET ->
                    oneByOne.updateOne(eq("_id", op.id()), new Document("$set", new Document(op.field(), op.value())));
                case UPSERT ->
                    oneByOne.updateOne(
                            eq("_id", op.id()),
                            new Document("$set", new Document(op.field(), op.value())),
                            new UpdateOptions().upsert(true));
                case DELETE -> oneByOne.deleteOne(eq("_id", op.id()));
            }
        }
        return stored(oneByOne);
    }

    private static List<Document> stored(MongoCollection<Document> collection) {
        return collection.find().sort(Sorts.ascending("_id")).into(new ArrayList<>());
    }
}
