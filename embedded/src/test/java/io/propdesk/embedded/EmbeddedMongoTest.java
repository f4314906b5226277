package io.propdesk.embedded;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class EmbeddedMongoTest {

    @TempDir
    Path tmp;

    private EmbeddedMongo start(String backend) {
        EmbeddedMongo.Builder builder = EmbeddedMongo.builder().randomPort();
        if (backend.equals("h2")) {
            builder.file(this.tmp.resolve("mongo").resolve("propdesk.mv"));
        }
        return builder.start();
    }

    @ParameterizedTest
    @ValueSource(strings = {"memory", "h2"})
    void realDriverInsertsAndReadsBack(String backend) {
        try (EmbeddedMongo mongo = start(backend);
                MongoClient client = MongoClients.create(mongo.connectionString())) {
            assertThat(mongo.connectionString()).isEqualTo("mongodb://127.0.0.1:" + mongo.port());
            MongoCollection<Document> tickets =
                    client.getDatabase("propdesk_ticket").getCollection("tickets");
            tickets.insertOne(
                    new Document("_id", "t-1").append("status", "OPEN").append("kind", "REPAIR"));

            Document found = tickets.find(Filters.eq("_id", "t-1")).first();
            assertThat(found).isNotNull();
            assertThat(found.getString("status")).isEqualTo("OPEN");
            assertThat(found.getString("kind")).isEqualTo("REPAIR");
            assertThat(client.getDatabase("propdesk_ticket")
                            .runCommand(new Document("ping", 1))
                            .get("ok"))
                    .isIn(1, 1.0);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"memory", "h2"})
    void duplicateIdIsDuplicateKeyError11000(String backend) {
        try (EmbeddedMongo mongo = start(backend);
                MongoClient client = MongoClients.create(mongo.connectionString())) {
            MongoCollection<Document> commits =
                    client.getDatabase("propdesk_ticket").getCollection("commits");
            commits.insertOne(new Document("_id", "ticket-1:0").append("events", List.of("TicketOpened")));

            assertThatThrownBy(() -> commits.insertOne(new Document("_id", "ticket-1:0").append("events", List.of())))
                    .isInstanceOfSatisfying(
                            MongoWriteException.class,
                            e -> assertThat(e.getError().getCode()).isEqualTo(11000));
            assertThat(commits.countDocuments()).isEqualTo(1);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"memory", "h2"})
    void uniqueSecondaryIndexIsEnforced(String backend) {
        try (EmbeddedMongo mongo = start(backend);
                MongoClient client = MongoClients.create(mongo.connectionString())) {
            MongoCollection<Document> calls =
                    client.getDatabase("propdesk_ticket").getCollection("calls");
            calls.createIndex(Indexes.ascending("callId"), new IndexOptions().unique(true));
            calls.insertOne(new Document("_id", 1).append("callId", "c-1"));

            assertThatThrownBy(() -> calls.insertOne(new Document("_id", 2).append("callId", "c-1")))
                    .isInstanceOfSatisfying(
                            MongoWriteException.class,
                            e -> assertThat(e.getError().getCode()).isEqualTo(11000));
        }
    }

    @Test
    void fileStoreKeepsDataAcrossCloseAndReopen() {
        Path file = this.tmp.resolve("data").resolve("mongo").resolve("propdesk.mv");
        try (EmbeddedMongo mongo = EmbeddedMongo.file(file);
                MongoClient client = MongoClients.create(mongo.connectionString())) {
            assertThat(mongo.isFileBacked()).isTrue();
            assertThat(mongo.dataFile()).contains(file.toAbsolutePath());
            client.getDatabase("propdesk_billing")
                    .getCollection("quotes")
                    .insertOne(new Document("_id", "q-1").append("amount", "128.00"));
        }
        assertThat(file).exists();

        try (EmbeddedMongo mongo = EmbeddedMongo.file(file);
                MongoClient client = MongoClients.create(mongo.connectionString())) {
            Document quote = client.getDatabase("propdesk_billing")
                    .getCollection("quotes")
                    .find(Filters.eq("_id", "q-1"))
                    .first();
            assertThat(quote).isNotNull();
            assertThat(quote.getString("amount")).isEqualTo("128.00");
        }
    }

    /** Each write command is in the store's log before its reply, one record each; a read writes nothing. */
    @Test
    void everyWriteCommandIsLoggedBeforeItsReply() {
        try (EmbeddedMongo mongo = EmbeddedMongo.file(this.tmp.resolve("c.mv"));
                MongoClient client = MongoClients.create(mongo.connectionString())) {
            MongoCollection<Document> docs = client.getDatabase("db").getCollection("docs");
            docs.insertOne(new Document("_id", 0)); // creates the collection (a checkpoint)
            long before = mongo.loggedCount();
            docs.find().first();
            assertThat(mongo.loggedCount()).as("a read").isEqualTo(before);
            docs.insertOne(new Document("_id", 1));
            docs.updateOne(Filters.eq("_id", 1), new Document("$set", new Document("a", 1)));
            docs.findOneAndUpdate(Filters.eq("_id", 1), new Document("$set", new Document("a", 2)));
            docs.deleteOne(Filters.eq("_id", 1));
            assertThat(mongo.loggedCount() - before).isEqualTo(4);
        }
    }

    @Test
    void aFindLargerThanTheDriversReplyLimitComesInBatches_issue19() {
        try (EmbeddedMongo mongo = EmbeddedMongo.file(this.tmp.resolve("big.mv"));
                MongoClient client = MongoClients.create(mongo.connectionString())) {
            MongoCollection<Document> docs = client.getDatabase("db").getCollection("docs");
            String megabyte = "x".repeat(1 << 20);
            List<Integer> ids = IntStream.range(0, 56).boxed().toList();
            docs.insertMany(ids.stream()
                    .map(i -> new Document("_id", i).append("v", megabyte))
                    .toList());
            // 56 MB: one reply of it all would pass the driver's 48 MB limit
            assertThat(docs.find().map(d -> d.getInteger("_id")).into(new ArrayList<>()))
                    .containsExactlyElementsOf(ids);
            assertThat(docs.find().batchSize(5).map(d -> d.getInteger("_id")).into(new ArrayList<>()))
                    .containsExactlyElementsOf(ids);
            assertThat(docs.find(Filters.lt("_id", 3)).first()).isNotNull();
        }
    }

    @Test
    void secondServerOnALockedFileIsRefused() {
        // H2 locks the file: a second server in the same JVM cannot open it while the first one is open.
        // (That is why the hard-kill test below uses a child JVM.)
        Path file = this.tmp.resolve("locked.mv");
        try (EmbeddedMongo first = EmbeddedMongo.file(file)) {
            assertThatThrownBy(() -> EmbeddedMongo.file(file))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining(file.toAbsolutePath().toString());
            assertThat(first.isRunning()).isTrue();
        }
    }

    @Test
    void fixedPortIsUsed() {
        int port = FreePorts.pick();
        try (EmbeddedMongo mongo = EmbeddedMongo.builder().port(port).start()) {
            assertThat(mongo.port()).isEqualTo(port);
            assertThat(FreePorts.isListening(port)).isTrue();
        }
        assertThat(FreePorts.isListening(port)).isFalse();
    }

    /**
     * The hard-kill case: a child JVM makes acknowledged writes (insert, update, findAndModify, delete) on the file
     * store, prints "ready", and is killed like {@code kill -9} (no shutdown hook, no close). Reopening the same file
     * must show every acknowledged write.
     */
    @Test
    void fileStoreKeepsEveryAcknowledgedWriteAfterAHardKill() throws Exception {
        int n = 150;
        Path file = this.tmp.resolve("hard-kill").resolve("propdesk.mv");
        Files.createDirectories(file.getParent());
        try (ChildJvm child =
                ChildJvm.start(MongoWriterMain.class, MongoWriterMain.READY, file.toString(), Integer.toString(n))) {
            child.awaitReady(Duration.ofSeconds(120));
            // kill at once: stock H2Backend would still have up to a second of writes only in memory
            child.killHard();
        }

        try (EmbeddedMongo mongo = EmbeddedMongo.file(file);
                MongoClient client = MongoClients.create(mongo.connectionString())) {
            MongoCollection<Document> docs = client.getDatabase("propdesk_test").getCollection("docs");
            MongoCollection<Document> counters =
                    client.getDatabase("propdesk_test").getCollection("counters");
            List<String> missing = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                Document doc = docs.find(Filters.eq("_id", "doc-" + i)).first();
                if (doc == null || !"updated".equals(doc.getString("state"))) {
                    missing.add("doc-" + i + "=" + doc);
                }
            }
            assertThat(missing).as("acknowledged writes lost by the hard kill").isEmpty();
            assertThat(docs.countDocuments())
                    .as("inserted, and the temporary ones deleted")
                    .isEqualTo(n);
            assertThat(counters.find(Filters.eq("_id", "c")).first().getInteger("n"))
                    .isEqualTo(n);
        }
    }
}
