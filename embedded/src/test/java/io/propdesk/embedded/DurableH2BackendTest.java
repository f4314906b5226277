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
import com.mongodb.client.model.Updates;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import de.bwaldvogel.mongo.bson.BinData;
import de.bwaldvogel.mongo.bson.BsonTimestamp;
import de.bwaldvogel.mongo.bson.Decimal128;
import de.bwaldvogel.mongo.bson.ObjectId;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Date;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.bson.Document;
import org.bson.types.Binary;
import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;
import org.h2.mvstore.WriteBuffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The file store's issue 19 changes: BSON values that still read old files, the write-ahead log, a bounded file. */
class DurableH2BackendTest {

    @TempDir
    Path tmp;

    @Test
    void everyStoredValueTypeRoundTripsAsBson_issue19() {
        de.bwaldvogel.mongo.bson.Document doc = new de.bwaldvogel.mongo.bson.Document("_id", new ObjectId())
                .append("s", "text ü")
                .append("i", 42)
                .append("l", 1L << 40)
                .append("d", 2.5)
                .append("dec", Decimal128.fromNumber(new java.math.BigDecimal("128.05")))
                .append("b", true)
                .append("at", Instant.ofEpochMilli(1_700_000_000_123L))
                .append("nil", null)
                .append("ts", new BsonTimestamp(7L << 32 | 3))
                .append("uuid", UUID.randomUUID())
                .append("bin", new BinData(new byte[] {1, 2, 3}))
                .append("list", new ArrayList<>(List.of(1, "two", new de.bwaldvogel.mongo.bson.Document("x", 3))))
                .append(
                        "nested",
                        new de.bwaldvogel.mongo.bson.Document(
                                "a",
                                new de.bwaldvogel.mongo.bson.Document(
                                        "b", new ArrayList<>(List.of(new ArrayList<>(List.of(1L, 2.0)))))));
        BsonDocumentType type = new BsonDocumentType();
        WriteBuffer buffer = new WriteBuffer();
        type.write(buffer, doc);
        ByteBuffer written = buffer.getBuffer();
        written.flip();
        assertThat(written.get(0)).isEqualTo(BsonDocumentType.TAG_BSON);

        de.bwaldvogel.mongo.bson.Document read = StoredDocument.document(type.read(written));

        assertThat(read).isEqualTo(doc);
        assertThat(written.remaining()).isZero();
        BinData bin = (BinData) read.get("bin");
        assertThat(bin.getData()).containsExactly(1, 2, 3);
    }

    @Test
    void aValueBsonCannotHoldIsStoredTheOldWay_issue19() {
        de.bwaldvogel.mongo.bson.Document doc =
                new de.bwaldvogel.mongo.bson.Document("_id", 1).append("odd", new java.math.BigInteger("7"));
        BsonDocumentType type = new BsonDocumentType();
        WriteBuffer buffer = new WriteBuffer();
        type.write(buffer, doc);
        ByteBuffer written = buffer.getBuffer();
        written.flip();

        assertThat(written.get(0)).isNotEqualTo(BsonDocumentType.TAG_BSON);
        assertThat(type.read(written)).isEqualTo(doc);
        assertThat(StoredDocument.of(doc)).as("kept as the document itself").isSameAs(doc);
    }

    /**
     * A page read from the file holds its documents' bytes, and written again (a commit of a page one of whose
     * documents changed, or compaction moving it) they are copied as they are, not decoded and encoded again
     * (issue 19: every commit encoded each document of every page it wrote).
     */
    @Test
    void aStoredDocumentIsWrittenAgainByteForByteAndDecodedOnlyWhenRead_issue19() {
        BsonDocumentType type = new BsonDocumentType();
        WriteBuffer first = new WriteBuffer();
        type.write(first, StoredDocument.of(new de.bwaldvogel.mongo.bson.Document("_id", "t-1").append("n", 7)));
        ByteBuffer bytes = first.getBuffer().flip();
        byte[] written = new byte[bytes.remaining()];
        bytes.duplicate().get(written);

        Object read = type.read(bytes);
        assertThat(read).isInstanceOf(StoredDocument.class);
        assertThat(((StoredDocument) read).isDecoded())
                .as("not decoded by reading the page")
                .isFalse();
        WriteBuffer again = new WriteBuffer();
        type.write(again, read);
        ByteBuffer rewritten = again.getBuffer().flip();
        assertThat(rewritten).isEqualTo(ByteBuffer.wrap(written));
        assertThat(((StoredDocument) read).isDecoded())
                .as("nor by writing it again")
                .isFalse();

        assertThat(StoredDocument.document(read))
                .isEqualTo(new de.bwaldvogel.mongo.bson.Document("_id", "t-1").append("n", 7));
        assertThat(StoredDocument.document(read)).as("decoded once").isSameAs(StoredDocument.document(read));
    }

    /**
     * Documents are stored in the order they were inserted, whatever their {@code _id}s (issue 19: keyed by random
     * ids, every insert rewrote a page somewhere in the map), and found by {@code _id}, updated and deleted as before;
     * after the store is reopened, inserts go on after the last position, over no document.
     */
    @Test
    void documentsAreStoredInTheOrderTheyWereInserted_issue19() {
        Path file = this.tmp.resolve("order.mv");
        List<String> inserted = new ArrayList<>();
        Random random = new Random(19);
        for (int i = 0; i < 200; i++) {
            inserted.add("T-" + new UUID(random.nextLong(), random.nextLong()));
        }
        try (EmbeddedMongo mongo = EmbeddedMongo.file(file);
                MongoClient client = MongoClients.create(mongo.connectionString())) {
            MongoCollection<Document> docs = client.getDatabase("db").getCollection("docs");
            for (String id : inserted.subList(0, 150)) {
                docs.insertOne(new Document("_id", id).append("v", 1));
            }
            docs.updateOne(Filters.eq("_id", inserted.get(10)), Updates.set("v", 2));
            docs.deleteOne(Filters.eq("_id", inserted.get(20)));
            assertThat(docs.find(Filters.eq("_id", inserted.get(10))).first().getInteger("v"))
                    .isEqualTo(2);
        }
        assertThat(positions(file, "databases.db.docs")).isEqualTo(positionsWithout(150, 20));
        try (EmbeddedMongo mongo = EmbeddedMongo.file(file);
                MongoClient client = MongoClients.create(mongo.connectionString())) {
            MongoCollection<Document> docs = client.getDatabase("db").getCollection("docs");
            for (String id : inserted.subList(150, 200)) {
                docs.insertOne(new Document("_id", id).append("v", 1));
            }
            List<String> expected = new ArrayList<>(inserted);
            expected.remove(20);
            assertThat(docs.find().map(d -> d.getString("_id")).into(new ArrayList<>()))
                    .as("the natural order is the order of insertion")
                    .isEqualTo(expected);
            assertThat(docs.countDocuments(Filters.eq("v", 1))).isEqualTo(198);
        }
        assertThat(positions(file, "databases.db.docs")).isEqualTo(positionsWithout(200, 20));
    }

    private static List<Object> positions(Path file, String map) {
        org.h2.mvstore.MVStore store = DictionaryFileStore.openReadOnly(file.toString());
        try {
            return new ArrayList<>(
                    store.openMap(map, new MVMap.Builder<Object, Object>().valueType(new BsonDocumentType()))
                            .keyList());
        } finally {
            store.close();
        }
    }

    private static List<Object> positionsWithout(long count, long removed) {
        List<Object> positions = new ArrayList<>();
        for (long p = 0; p < count; p++) {
            if (p != removed) {
                positions.add(p);
            }
        }
        return positions;
    }

    /**
     * A collection's data size ({@code collStats}) is the BSON size of its documents through inserts, updates and
     * deletes, taken from the stored bytes, also after the store is reopened.
     */
    @Test
    void theDataSizeIsTheBsonSizeOfTheDocumentsStored_issue19() {
        Path file = this.tmp.resolve("sizes.mv");
        Document a = new Document("_id", "a").append("v", "x".repeat(100));
        Document b = new Document("_id", "b").append("v", 12);
        Document bChanged = new Document("_id", "b").append("v", "longer now").append("w", List.of(1, 2, 3));
        MongoServer server = new MongoServer(DurableH2Backend.open(file.toString(), false));
        try (MongoClient client = MongoClients.create(server.bindAndGetConnectionString())) {
            MongoCollection<Document> docs = client.getDatabase("db").getCollection("sized");
            docs.insertOne(a);
            docs.insertOne(b);
            docs.insertOne(new Document("_id", "c"));
            docs.replaceOne(Filters.eq("_id", "b"), bChanged);
            docs.deleteOne(Filters.eq("_id", "c"));
            assertThat(dataSize(client)).isEqualTo(bsonSize(a) + bsonSize(bChanged));
        } finally {
            server.shutdownNow();
        }
        MongoServer again = new MongoServer(DurableH2Backend.open(file.toString(), false));
        try (MongoClient client = MongoClients.create(again.bindAndGetConnectionString())) {
            assertThat(dataSize(client)).as("after reopening").isEqualTo(bsonSize(a) + bsonSize(bChanged));
            assertThat(client.getDatabase("db")
                            .getCollection("sized")
                            .find(Filters.eq("_id", "b"))
                            .first())
                    .isEqualTo(bChanged);
        } finally {
            again.shutdownNow();
        }
    }

    private static int dataSize(MongoClient client) {
        return client.getDatabase("db")
                .runCommand(new Document("collStats", "sized"))
                .get("size", Number.class)
                .intValue();
    }

    private static int bsonSize(Document document) {
        return new org.bson.RawBsonDocument(document, new org.bson.codecs.DocumentCodec())
                .getByteBuffer()
                .remaining();
    }

    /**
     * A file written by the stock H2Backend (Java-serialized documents) opens with the BSON store: documents read
     * equal, updates and the unique indexes work, and the file still reads after it has been written both ways.
     */
    @Test
    void aStoreFileFromBeforeIssue19KeepsWorking_issue19() {
        Path file = this.tmp.resolve("old.mv");
        Date at = new Date(1_700_000_000_123L);
        Document original = new Document("_id", "t-1")
                .append("status", "OPEN")
                .append("callId", "c-1")
                .append("at", at)
                .append("amount", new org.bson.types.Decimal128(new java.math.BigDecimal("99.90")))
                .append("ref", new org.bson.types.ObjectId())
                .append("uuid", new Binary((byte) 4, new byte[] {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16
                }))
                .append("blob", new Binary(new byte[] {9, 8}))
                .append("n", 3L)
                .append("history", List.of(new Document("s", "NEW").append("at", at), new Document("s", "OPEN")))
                .append("owner", new Document("name", "Li").append("flats", List.of(1, 2)));
        MongoServer old = new MongoServer(new H2Backend(file.toString()));
        try (MongoClient client = MongoClients.create(old.bindAndGetConnectionString())) {
            MongoCollection<Document> tickets = client.getDatabase("db").getCollection("tickets");
            tickets.createIndex(Indexes.ascending("callId"), new IndexOptions().unique(true));
            tickets.createIndex(Indexes.ascending("flat", "seq"), new IndexOptions().unique(true));
            tickets.insertOne(original);
            for (int i = 2; i <= 50; i++) {
                tickets.insertOne(new Document("_id", "t-" + i)
                        .append("callId", "c-" + i)
                        .append("at", at)
                        .append("flat", "f-" + i % 5)
                        .append("seq", i));
            }
            MongoCollection<Document> events = client.getDatabase("db").getCollection("events");
            for (int i = 0; i < 300; i++) {
                events.insertOne(new Document("_id", new org.bson.types.ObjectId()).append("n", i));
            }
            MongoCollection<Document> counted = client.getDatabase("db").getCollection("counted");
            for (long i = 0; i < 20; i++) {
                counted.insertOne(new Document("_id", i).append("v", "old " + i));
            }
        } finally {
            old.shutdownNow();
        }

        try (EmbeddedMongo mongo = EmbeddedMongo.file(file);
                MongoClient client = MongoClients.create(mongo.connectionString())) {
            MongoCollection<Document> tickets = client.getDatabase("db").getCollection("tickets");
            assertThat(tickets.find(Filters.eq("_id", "t-1")).first()).isEqualTo(original);
            assertThat(tickets.countDocuments()).isEqualTo(50);
            tickets.updateOne(Filters.eq("_id", "t-1"), Updates.set("status", "CLOSED"));
            tickets.updateOne(Filters.eq("_id", "t-2"), Updates.set("status", "CLOSED"));
            assertThat(tickets.find(Filters.eq("callId", "c-2")).first().getString("status"))
                    .isEqualTo("CLOSED");
            assertThatThrownBy(() -> tickets.insertOne(new Document("_id", "t-99").append("callId", "c-7")))
                    .isInstanceOfSatisfying(
                            MongoWriteException.class,
                            e -> assertThat(e.getError().getCode()).isEqualTo(11000));
            assertThatThrownBy(() -> tickets.insertOne(new Document("_id", "t-3")))
                    .isInstanceOfSatisfying(
                            MongoWriteException.class,
                            e -> assertThat(e.getError().getCode()).isEqualTo(11000));
            // the compound unique index and the _id index with keys of another type came over too (issue 19)
            assertThat(tickets.find(Filters.in("_id", "t-4", "t-9", "t-44", "t-none"))
                            .map(d -> d.getString("callId"))
                            .into(new ArrayList<>()))
                    .containsExactlyInAnyOrder("c-4", "c-9", "c-44");
            assertThatThrownBy(() -> tickets.insertOne(
                            new Document("_id", "t-98").append("flat", "f-2").append("seq", 12)))
                    .isInstanceOfSatisfying(
                            MongoWriteException.class,
                            e -> assertThat(e.getError().getCode()).isEqualTo(11000));
            tickets.insertOne(new Document("_id", "t-97").append("flat", "f-2").append("seq", 13L + 100));
            MongoCollection<Document> events = client.getDatabase("db").getCollection("events");
            List<Object> ids = events.find().map(d -> d.get("_id")).into(new ArrayList<>());
            assertThat(ids).hasSize(300);
            assertThat(events.countDocuments(Filters.in("_id", ids.subList(100, 108))))
                    .isEqualTo(8);
            assertThatThrownBy(() -> events.insertOne(new Document("_id", ids.get(7))))
                    .isInstanceOfSatisfying(
                            MongoWriteException.class,
                            e -> assertThat(e.getError().getCode()).isEqualTo(11000));
            // documents stored at their _id, here longs, beside new ones stored at positions (longs too)
            MongoCollection<Document> counted = client.getDatabase("db").getCollection("counted");
            for (long i = 100; i < 130; i++) {
                counted.insertOne(new Document("_id", i).append("v", "new " + i));
            }
            counted.updateOne(Filters.eq("_id", 3L), Updates.set("v", "changed"));
            counted.deleteOne(Filters.eq("_id", 120L));
            assertThat(counted.countDocuments()).isEqualTo(49);
            assertThat(counted.find(Filters.eq("_id", 19L)).first().getString("v"))
                    .isEqualTo("old 19");
            assertThat(counted.find(Filters.eq("_id", 3L)).first().getString("v"))
                    .isEqualTo("changed");
            assertThat(counted.find(Filters.eq("_id", 129L)).first().getString("v"))
                    .isEqualTo("new 129");
        }
        assertThat(mapNames(file))
                .contains(
                        "db.tickets._index__id_" + DurableH2Backend.INDEX_MAP_SUFFIX,
                        "db.tickets._index_callId_1" + DurableH2Backend.INDEX_MAP_SUFFIX,
                        "db.tickets._index_flat_1_seq_1" + DurableH2Backend.INDEX_MAP_SUFFIX,
                        "db.events._index__id_" + DurableH2Backend.INDEX_MAP_SUFFIX)
                .noneMatch(name -> name.contains("._index_") && !name.endsWith(DurableH2Backend.INDEX_MAP_SUFFIX));

        try (EmbeddedMongo mongo = EmbeddedMongo.file(file);
                MongoClient client = MongoClients.create(mongo.connectionString())) {
            MongoCollection<Document> tickets = client.getDatabase("db").getCollection("tickets");
            assertThat(tickets.find(Filters.eq("_id", "t-1")).first())
                    .isEqualTo(new Document(original).append("status", "CLOSED"));
            assertThat(tickets.find(Filters.eq("callId", "c-40")).first().getDate("at"))
                    .isEqualTo(at);
            assertThat(tickets.countDocuments()).isEqualTo(51);
            assertThat(tickets.find(Filters.and(Filters.eq("flat", "f-3"), Filters.eq("seq", 33)))
                            .first()
                            .getString("callId"))
                    .isEqualTo("c-33");
            assertThatThrownBy(() -> tickets.insertOne(new Document("_id", "t-1")))
                    .isInstanceOfSatisfying(
                            MongoWriteException.class,
                            e -> assertThat(e.getError().getCode()).isEqualTo(11000));
        }
    }

    /**
     * Dropping an index, a collection or a database, and renaming a collection, take the index maps along. (The
     * renamed collection's documents themselves are not found after a reopen: mongo-java-server 1.47's
     * H2Database.moveCollection renames the maps of the new name, not the old, so the old documents stay under
     * the old name; PropDesk renames no collection.)
     */
    @Test
    void indexMapsFollowDropsAndRenames_issue19() {
        Path file = this.tmp.resolve("drops.mv");
        try (EmbeddedMongo mongo = EmbeddedMongo.file(file);
                MongoClient client = MongoClients.create(mongo.connectionString())) {
            MongoCollection<Document> a = client.getDatabase("db").getCollection("a");
            a.createIndex(Indexes.ascending("k"), new IndexOptions().unique(true));
            a.createIndex(Indexes.ascending("j"), new IndexOptions().unique(true));
            a.insertOne(new Document("_id", 1).append("k", "x").append("j", 1));
            a.dropIndex("j_1");
            client.getDatabase("db").getCollection("b").insertOne(new Document("_id", 2));
            client.getDatabase("db").getCollection("b").drop();
            client.getDatabase("other").getCollection("c").insertOne(new Document("_id", 3));
            client.getDatabase("other").drop();
            a.renameCollection(new com.mongodb.MongoNamespace("db", "renamed"));
        }
        assertThat(mapNames(file).stream().filter(name -> name.contains("._index_")))
                .containsExactlyInAnyOrder(
                        "db.renamed._index__id_" + DurableH2Backend.INDEX_MAP_SUFFIX,
                        "db.renamed._index_k_1" + DurableH2Backend.INDEX_MAP_SUFFIX);
    }

    private static List<String> mapNames(Path file) {
        org.h2.mvstore.MVStore store = DictionaryFileStore.openReadOnly(file.toString());
        try {
            return new ArrayList<>(store.getMapNames());
        } finally {
            store.close();
        }
    }

    /**
     * Four writers at once: every write is there, each answered after its record was in the log, and the store file
     * committed far fewer times than there were writes (issue 19: a checkpoint about once a second holds them all).
     */
    @Test
    void concurrentWritesAreLoggedOneByOneAndCommittedTogether_issue19() throws Exception {
        int perWriter = 100;
        try (EmbeddedMongo mongo = EmbeddedMongo.file(this.tmp.resolve("group.mv"));
                MongoClient client = MongoClients.create(mongo.connectionString())) {
            MongoCollection<Document> docs = client.getDatabase("db").getCollection("docs");
            docs.insertOne(new Document("_id", "warm-up"));
            long logged = mongo.loggedCount();
            long commits = mongo.commitCount();
            ExecutorService pool = Executors.newFixedThreadPool(4);
            List<Future<?>> writers = new ArrayList<>();
            for (int w = 0; w < 4; w++) {
                int writer = w;
                writers.add(pool.submit(() -> {
                    for (int i = 0; i < perWriter; i++) {
                        docs.insertOne(new Document("_id", writer + ":" + i).append("w", writer));
                    }
                    return null;
                }));
            }
            for (Future<?> f : writers) {
                f.get();
            }
            pool.shutdown();

            assertThat(docs.countDocuments()).isEqualTo(4 * perWriter + 1);
            assertThat(mongo.loggedCount() - logged).isEqualTo(4L * perWriter);
            assertThat(mongo.commitCount() - commits).isLessThan(perWriter);
        }
    }

    /**
     * A process that dies between two checkpoints (here: the store file closed without its commit, and the end of
     * the log torn) keeps every write that was answered. Those before the last checkpoint are in the file, the later
     * ones in the log; replayed in their order they give each document its last value, updates, deletions and
     * unique index keys included (issue 19).
     */
    @Test
    void writesAnsweredAfterTheLastCheckpointAreReplayedInTheirOrderAfterACrash_issue19() throws Exception {
        Path file = this.tmp.resolve("crash").resolve("store.mv");
        Files.createDirectories(file.getParent());
        DurableH2Backend backend = DurableH2Backend.open(file.toString(), false, 3_600_000); // no timed checkpoint
        MongoServer server = new MongoServer(backend);
        Map<Integer, String> expected = new java.util.TreeMap<>();
        try (MongoClient client = MongoClients.create(server.bindAndGetConnectionString())) {
            MongoCollection<Document> docs = client.getDatabase("db").getCollection("docs");
            for (int i = 0; i < 100; i++) {
                docs.insertOne(new Document("_id", i).append("v", "first"));
                expected.put(i, "first");
            }
            // a command that creates an index replies after a checkpoint: the first 100 are in the file
            docs.createIndex(
                    Indexes.ascending("k"), new IndexOptions().unique(true).sparse(true));
            long checkpoints = backend.commitCount();
            for (int i = 0; i < 100; i += 2) {
                docs.updateOne(Filters.eq("_id", i), Updates.combine(Updates.set("v", "second"), Updates.set("k", i)));
                expected.put(i, "second");
            }
            for (int i = 0; i < 100; i += 5) {
                docs.deleteOne(Filters.eq("_id", i));
                expected.remove(i);
            }
            docs.updateMany(Filters.lt("_id", 20), Updates.set("v", "third"));
            expected.replaceAll((id, v) -> id < 20 ? "third" : v);
            for (int i = 100; i < 150; i++) {
                docs.insertOne(new Document("_id", i).append("v", "late"));
                expected.put(i, "late");
            }
            assertThat(backend.commitCount())
                    .as("no checkpoint after the index")
                    .isEqualTo(checkpoints);
        }
        // the crash: no commit, no close
        backend.getMvStore().closeImmediately();
        server.stopListening();
        List<Long> segments = OperationLog.segmentNumbers(file);
        assertThat(segments).isNotEmpty();
        Files.write(
                OperationLog.segmentFile(file, segments.get(segments.size() - 1)),
                new byte[] {0, 0, 1, 0, 7, 7}, // a record cut short: it was never answered
                java.nio.file.StandardOpenOption.APPEND);

        DurableH2Backend reopened = DurableH2Backend.open(file.toString(), false);
        MongoServer again = new MongoServer(reopened);
        try (MongoClient client = MongoClients.create(again.bindAndGetConnectionString())) {
            MongoCollection<Document> docs = client.getDatabase("db").getCollection("docs");
            Map<Integer, String> found = new java.util.TreeMap<>();
            for (Document doc : docs.find()) {
                found.put(doc.getInteger("_id"), doc.getString("v"));
            }
            assertThat(found).isEqualTo(expected);
            assertThatThrownBy(() -> docs.insertOne(new Document("_id", 1000).append("k", 2)))
                    .as("the replayed unique index holds the key written after the checkpoint")
                    .isInstanceOf(MongoWriteException.class)
                    .hasMessageContaining("E11000");
            // the collection was opened before the replay stored its last inserts: a new one goes after them
            docs.insertOne(new Document("_id", 1001).append("v", "after"));
            found.clear();
            for (Document doc : docs.find()) {
                found.put(doc.getInteger("_id"), doc.getString("v"));
            }
            expected.put(1001, "after");
            assertThat(found).isEqualTo(expected);
        } finally {
            again.shutdownNow();
        }
        assertThat(OperationLog.segmentNumbers(file))
                .as("a closed store leaves no log: its last checkpoint holds everything")
                .isEmpty();
    }

    /**
     * A store file whose chunks were compressed with LZF (before issue 19's Deflate) opens and reads, and keeps
     * reading after pages of both kinds were written.
     */
    @Test
    void aFileWithLzfPagesReadsAfterTheStoreMovedToDeflate_issue19() {
        String file = this.tmp.resolve("lzf.mv").toString();
        MVStore lzf = new MVStore.Builder().fileName(file).compress().open();
        MVMap<Integer, String> written = lzf.openMap("rows");
        for (int n = 0; n < ROWS; n++) {
            written.put(n, compressible(n, "lzf"));
        }
        lzf.close();
        assertThat(Path.of(file).toFile().length())
                .as("the pages were compressed")
                .isLessThan(ROWS * 100L);

        DurableH2Backend backend = DurableH2Backend.open(file, false);
        MVMap<Integer, String> rows = backend.getMvStore().openMap("rows");
        assertThat(rows.get(1234)).isEqualTo(compressible(1234, "lzf"));
        for (int n = 0; n < ROWS; n += 2) {
            rows.put(n, compressible(n, "deflate"));
        }
        backend.close();

        DurableH2Backend reopened = DurableH2Backend.open(file, false);
        try {
            MVMap<Integer, String> again = reopened.getMvStore().openMap("rows");
            for (int n = 0; n < ROWS; n++) {
                assertThat(again.get(n)).isEqualTo(compressible(n, n % 2 == 0 ? "deflate" : "lzf"));
            }
        } finally {
            reopened.close();
        }
    }

    /** About 500 bytes that compress well. */
    private static String compressible(int n, String version) {
        return n + ":" + version + ":" + "the owner of flat 12 reports a leaking tap; ".repeat(11);
    }

    private static final int ROWS = 3_000;

    /** About 500 bytes that do not compress, so that each version of the map takes chunks of its own. */
    private static String row(int n, String version) {
        Random random = new Random(31L * n + version.hashCode());
        StringBuilder row = new StringBuilder(n + ":" + version + ":");
        for (int i = 0; i < 40; i++) {
            row.append(Long.toString(random.nextLong(), 36));
        }
        return row.toString();
    }

    private static void rewriteAll(MVStore store, MVMap<Integer, String> rows, String version) {
        for (int n = 0; n < ROWS; n++) {
            rows.put(n, row(n, version));
        }
        store.commit();
    }

    /**
     * A command reads the version it started on to its end, though commits meanwhile free the chunks of that version
     * and write new ones into their space (issue 19: the space of emptied chunks is reused at once, with no retention
     * time, so the version a command reads is kept by the command itself, and only while it runs).
     */
    @Test
    void aCommandReadsTheVersionItStartedOnThoughLaterCommitsReuseItsChunks_issue19() {
        String file = this.tmp.resolve("pinned.mv").toString();
        DurableH2Backend written = DurableH2Backend.open(file, false);
        rewriteAll(written.getMvStore(), written.getMvStore().openMap("rows"), "zero");
        written.close();
        // reopened: the pages are read from the file as a command comes to them
        DurableH2Backend backend = DurableH2Backend.open(file, false);
        MVStore store = backend.getMvStore();
        try {
            store.setCacheSize(1024); // 1 MB, less than the map: pages are read again from the file
            MVMap<Integer, String> rows = store.openMap("rows");
            // the version the command will read, in chunks of its own (the file's first chunk keeps a live page)
            rewriteAll(store, rows, "first");
            long pinnedSize;
            try (DurableH2Backend.Pin reading = backend.pin()) {
                // as a query does: it walks the tree of the version current at its start, page by page
                Iterator<Map.Entry<Integer, String>> scan = rows.entrySet().iterator();
                for (int round = 0; round < 10; round++) {
                    rewriteAll(store, rows, "round " + round);
                }
                int read = 0;
                while (scan.hasNext()) {
                    Map.Entry<Integer, String> row = scan.next();
                    assertThat(row.getValue()).isEqualTo(row(row.getKey(), "first"));
                    read++;
                }
                assertThat(read).isEqualTo(ROWS);
                pinnedSize = store.getFileStore().size();
            }
            // once no command reads them, the next commits write into the space of the emptied chunks
            for (int round = 0; round < 3; round++) {
                rewriteAll(store, rows, "after " + round);
            }
            assertThat(store.getFileStore().size()).isLessThanOrEqualTo(pinnedSize);
        } finally {
            store.close();
        }
    }

    /**
     * A compaction step rewrites as many bytes as the commits since the last step wrote, within its bounds (issue 19:
     * a fixed 256 KB fell behind as the store, and with it every commit's chunk, grew).
     */
    @Test
    void aCompactionStepRewritesAsMuchAsTheCommitsSinceTheLastOneWrote_issue19() {
        assertThat(DurableH2Backend.compactionBudget(3 * 1024 * 1024)).isEqualTo(3 * 1024 * 1024);
        assertThat(DurableH2Backend.compactionBudget(0)).isEqualTo(DurableH2Backend.COMPACT_WRITE_MIN);
        assertThat(DurableH2Backend.compactionBudget(1L << 40)).isEqualTo(DurableH2Backend.COMPACT_WRITE_MAX);
    }

    /**
     * Many updates of the same few documents: the file reuses the space of old chunks (issue 19: the store file
     * stops growing at steady state instead of growing by every commit's chunk).
     */
    @Test
    void manyUpdatesOfTheSameDocumentsKeepTheFileBounded_issue19() {
        Path file = this.tmp.resolve("bounded.mv");
        MongoServer server = new MongoServer(DurableH2Backend.open(file.toString(), false));
        String body = "x".repeat(1500) + Arrays.toString(new int[50]);
        long writes = 0;
        try (MongoClient client = MongoClients.create(server.bindAndGetConnectionString())) {
            MongoCollection<Document> docs = client.getDatabase("db").getCollection("rows");
            for (int round = 0; round < 100; round++) {
                for (int d = 0; d < 20; d++) {
                    docs.updateOne(
                            Filters.eq("_id", "row-" + d),
                            Updates.combine(Updates.set("body", body + round), Updates.set("round", round)),
                            new com.mongodb.client.model.UpdateOptions().upsert(true));
                    writes++;
                }
            }
            assertThat(docs.find(Filters.eq("_id", "row-7")).first().getInteger("round"))
                    .isEqualTo(99);
        } finally {
            server.shutdownNow();
        }
        long size = file.toFile().length();
        // before issue 19 each of these 2,000 commits added a chunk of several KB (tens of MB in all)
        assertThat(size).as("file bytes after %d updates", writes).isLessThan(2L * 1024 * 1024);
        assertThat(Files.exists(file)).isTrue();
    }
}
