package io.propdesk.embedded;

import de.bwaldvogel.mongo.MongoCollection;
import de.bwaldvogel.mongo.MongoDatabase;
import de.bwaldvogel.mongo.backend.AbstractUniqueIndex;
import de.bwaldvogel.mongo.backend.CollectionOptions;
import de.bwaldvogel.mongo.backend.CursorRegistry;
import de.bwaldvogel.mongo.backend.DocumentWithPosition;
import de.bwaldvogel.mongo.backend.Index;
import de.bwaldvogel.mongo.backend.IndexKey;
import de.bwaldvogel.mongo.backend.KeyValue;
import de.bwaldvogel.mongo.backend.Missing;
import de.bwaldvogel.mongo.backend.QueryResult;
import de.bwaldvogel.mongo.backend.ValueComparator;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import de.bwaldvogel.mongo.backend.h2.H2Collection;
import de.bwaldvogel.mongo.backend.h2.H2Database;
import de.bwaldvogel.mongo.bson.Document;
import de.bwaldvogel.mongo.oplog.Oplog;
import de.bwaldvogel.mongo.wire.message.MongoQuery;
import io.netty.channel.Channel;
import io.propdesk.embedded.LoggedMap.Recording;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * mongo-java-server's H2 file store, every write in a log on file before the reply to its command.
 *
 * <p>Plain {@link H2Backend} leaves commits to the MVStore's background thread (about once a second), so a write
 * the client already saw acknowledged is lost if the process is killed within that second. Every command the
 * server executes - OP_MSG and legacy OP_QUERY {@code $cmd} alike - goes through
 * {@link #handleCommand(Channel, String, String, Document)}, including insert, update, delete, findAndModify,
 * create, createIndexes, drop, dropIndexes, dropDatabase, renameCollection and aggregate (whose {@code $out} and
 * {@code $merge} write). The document maps and index maps are {@link LoggedMap}s: what a command changes in them is
 * appended to the store's {@link OperationLog} (one record, one {@code write}) before its reply goes back, and the
 * store file itself is committed by a checkpoint about once a second ({@link #CHECKPOINT_MILLIS}). Opening the file
 * replays the changes the last checkpoint does not hold. A logged write survives a killed process: it has reached
 * the operating system, not necessarily the disk; set {@code syncToDisk} to also fsync the log and the checkpoints
 * (survives a power cut). A command that creates, drops or renames a collection or an index replies only after a
 * checkpoint, so that the log only ever names maps the store file has.
 *
 * <p>Issue 19, cheaper per write, same guarantee:
 * <ul>
 *   <li>A write costs one appended record of the documents and index keys it changed, encoded once. A commit of
 *       the store file encodes and compresses every page it changed and the pages above them; per write, that was
 *       half of the system's CPU under load (docs/benchmarks.md, "Eighth pass"). Now a commit holds a second of
 *       writes, and the pages changed by many of them are encoded once.
 *   <li>Documents are stored as BSON ({@link BsonDocumentType}), no longer Java-serialized; values written by
 *       older versions (Java serialization) are still read, so an existing file keeps working. A document is
 *       encoded once, when a command stores it, and its bytes ({@link StoredDocument}) are what the log, every later
 *       commit of its page, compaction and the data size statistic use; a page read from the file is decoded
 *       document by document as commands read them.
 *   <li>A collection's documents are stored in the order of their insertion (at positions 0, 1, 2, ...), no longer
 *       at their {@code _id}: a new document goes into the map's last page, and a page of older documents is
 *       rewritten only when one of them changes. Keyed by random ids, every insert rewrote a page of about 16 KB
 *       somewhere in the map.
 *   <li>Chunks are compressed with Deflate (LZF before: pages carry their compression, so an older file's pages
 *       still read; they are rewritten with Deflate as they change). Deflate costs more CPU per commit and keeps
 *       about 40 % fewer bytes (docs/benchmarks.md, "Eleventh pass"). Deflate starts from a preset dictionary of
 *       the words the documents share ({@link DictionaryDeflate}): a page, compressed on its own, no longer spells
 *       out its field names and event types first (docs/benchmarks.md, "Thirteenth pass").
 *   <li>A compaction step after a checkpoint rewrites the live pages of mostly empty old chunks, so that their
 *       space is reused and the file stops growing at a steady size instead of by every commit's chunk. An
 *       emptied chunk's space is reused at its next commit, not after a retention time: a command pins the version
 *       it starts on ({@link #pin()}) instead, so the file no longer carries the last seconds of emptied chunks.
 *   <li>A collection's data size (a statistic for {@code collStats}) is no longer written into the store by every
 *       write but added up in memory and saved with the compaction step and on close; a killed process may lose
 *       the last changes to that statistic, never a document.
 *   <li>Unique indexes (every {@code _id} index among them) have keys of {@link KeyValueType}, compared value by
 *       value instead of by their Java-serialized bytes, which every key comparison of a lookup used to compute.
 *       Their maps are named as before plus {@value #INDEX_MAP_SUFFIX}, since their order differs; an index map of
 *       an older file (the old name) is copied into the new one when it is first opened and then removed, in the
 *       same commit, so an old file keeps working and a killed process leaves either the old map or the new one.
 * </ul>
 */
public class DurableH2Backend extends H2Backend {

    private static final Logger log = LoggerFactory.getLogger(DurableH2Backend.class);

    /** Commands that create, drop or rename collections or indexes: their reply waits for a checkpoint. */
    private static final Set<String> STRUCTURE_COMMANDS = Set.of(
            "create",
            "createindexes",
            "drop",
            "dropindexes",
            "deleteindexes",
            "dropdatabase",
            "renamecollection",
            "collmod");

    /** Appended to H2Database's name of a unique index map: the maps whose keys are {@link KeyValueType}. */
    static final String INDEX_MAP_SUFFIX = "$keys";

    /**
     * The map in the store file that holds the last checkpoint's sequence number and the store's id, which every log
     * segment names (a name no database's maps can have: a database name has no {@code $}).
     */
    static final String LOG_STATE_MAP = "log$state";

    private static final String CHECKPOINT_KEY = "checkpoint";

    private static final String STORE_ID_KEY = "id";

    /**
     * How often the store file is committed while writes come in: the log holds what happened since. Longer saves
     * more page encoding and costs a longer replay after a killed process and more unsaved pages in memory.
     */
    static final long CHECKPOINT_MILLIS = 1_000;

    /** Bytes of log after which a checkpoint starts at once rather than at its time. */
    static final long CHECKPOINT_LOG_BYTES = 16L * 1024 * 1024;

    /** While the chunks together are less full than this (percent), a step rewrites live pages of the emptiest. */
    static final int COMPACT_FILL_RATE = 60;

    /** Bytes of live pages a compaction step rewrites at least ... */
    static final int COMPACT_WRITE_MIN = 256 * 1024;

    /** ... and at most (the step runs after the checkpoint that triggers it). */
    static final int COMPACT_WRITE_MAX = 8 * 1024 * 1024;

    /**
     * How long a chunk without live pages is kept before its space is reused: not at all (MVStore's default is 45 s).
     * A command still reading an older version keeps that version's chunks itself ({@link #pin()}); with
     * {@code syncToDisk} the newest version on disk never needs them either, since their space is reused only
     * commits after they emptied.
     */
    static final int RETENTION_MILLIS = 0;

    private final boolean syncToDisk;

    private final Path file;

    private final AtomicLong commits = new AtomicLong();

    /** The sequence number of the last change recorded (see {@link LoggedMap}). */
    private final AtomicLong sequence = new AtomicLong();

    /** The recording of the command a server thread is carrying out; none on other threads. */
    private final ThreadLocal<Recording> recordings = new ThreadLocal<>();

    private final Object commitLock = new Object();

    private final Object wake = new Object();

    /** The bytes the store had written to its file at the last compaction step (guarded by commitLock). */
    private long writtenAtLastStep;

    private OperationLog operations;

    /** The map {@value #LOG_STATE_MAP}: the last checkpoint's sequence number and the store's id. */
    private MVMap<String, Long> logState;

    private Thread checkpoints;

    private volatile boolean closing;

    private long checkpointMillis = CHECKPOINT_MILLIS;

    /**
     * Saves the collections' data sizes; no initializer, since H2Backend's constructor already opens the existing
     * collections (before the fields of this class are initialized).
     */
    private List<Runnable> dataSizeSavers;

    private DurableH2Backend(MVStore mvStore, Path file, boolean syncToDisk) {
        super(mvStore);
        this.file = file;
        this.syncToDisk = syncToDisk;
    }

    /**
     * Opens (or creates) the store file: chunks compressed with Deflate and the store's page dictionary
     * ({@link DictionaryDeflate}), no background commits of MVStore's own; replays what the
     * log holds beyond the last checkpoint, then checkpoints about once a second.
     */
    public static DurableH2Backend open(String fileName, boolean syncToDisk) {
        return open(fileName, syncToDisk, CHECKPOINT_MILLIS);
    }

    /** As {@link #open(String, boolean)}, with a checkpoint every {@code checkpointMillis} while writes come in. */
    static DurableH2Backend open(String fileName, boolean syncToDisk, long checkpointMillis) {
        MVStore store = DictionaryFileStore.open(fileName);
        try {
            store.setRetentionTime(RETENTION_MILLIS);
            DurableH2Backend backend =
                    new DurableH2Backend(store, Path.of(fileName).toAbsolutePath(), syncToDisk);
            backend.checkpointMillis = checkpointMillis;
            backend.recover();
            backend.startCheckpoints();
            return backend;
        } catch (RuntimeException e) {
            store.closeImmediately();
            throw e;
        }
    }

    @Override
    protected MongoDatabase openOrCreateDatabase(String databaseName) {
        return new BsonDatabase(databaseName, getMvStore(), getCursorRegistry());
    }

    @Override
    public Document handleCommand(Channel channel, String databaseName, String command, Document query) {
        Recording recording = this.recordings.get();
        if (recording == null) {
            recording = new Recording(this.sequence);
            this.recordings.set(recording);
        } else if (recording.active) {
            try (Pin reading = pin()) {
                return super.handleCommand(channel, databaseName, command, query); // within a command: its record
            }
        }
        recording.start();
        try (Pin reading = pin()) {
            return super.handleCommand(channel, databaseName, command, query);
        } finally {
            // also on failure: an ordered insert that failed half way has written its first documents
            if (recording.stop()) {
                this.operations.append(recording.record());
                if (this.operations.bytesInSegment() > CHECKPOINT_LOG_BYTES) {
                    synchronized (this.wake) {
                        this.wake.notifyAll();
                    }
                }
            }
            if (recording.isStructureChanged() || isStructureCommand(command)) {
                checkpoint();
            }
        }
    }

    /** A legacy query (OP_QUERY): read under a pin as every command is. */
    @Override
    public QueryResult handleQuery(MongoQuery query) {
        try (Pin reading = pin()) {
            return super.handleQuery(query);
        }
    }

    /**
     * Keeps the version current now, and so every chunk a reader of it may come to, until the pin is closed: a query
     * walks the tree of the version it started on, page by page, while other commands' commits free the chunks that
     * version is in and reuse their space.
     */
    Pin pin() {
        MVStore store = getMvStore();
        return new Pin(store, store.registerVersionUsage());
    }

    @Override
    public void dropDatabase(String databaseName) {
        super.dropDatabase(databaseName);
        checkpoint();
    }

    @Override
    public void close() {
        this.closing = true;
        if (this.checkpoints != null) {
            synchronized (this.wake) {
                this.wake.notifyAll(); // not an interrupt: that would close the store's file channel mid-commit
            }
            try {
                this.checkpoints.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        MVStore store = getMvStore();
        if (!store.isClosed()) {
            dataSizeSavers().forEach(Runnable::run);
            checkpoint();
        }
        super.close();
        if (this.operations != null) {
            this.operations.close();
        }
    }

    /** How many times this backend committed the store file (for tests and measurements). */
    public long commitCount() {
        return this.commits.get();
    }

    /** How many records this backend appended to its log: one per command that changed a document or an index. */
    public long loggedCount() {
        return this.operations.records();
    }

    static boolean isStructureCommand(String command) {
        return command != null && STRUCTURE_COMMANDS.contains(command.toLowerCase(Locale.ROOT));
    }

    private synchronized List<Runnable> dataSizeSavers() {
        if (this.dataSizeSavers == null) {
            this.dataSizeSavers = new CopyOnWriteArrayList<>();
        }
        return this.dataSizeSavers;
    }

    /** The recording of the command this thread is carrying out, if any (none while the constructor runs). */
    private Recording currentRecording() {
        ThreadLocal<Recording> all = this.recordings;
        Recording recording = all == null ? null : all.get();
        return recording != null && recording.active ? recording : null;
    }

    /** Marks the current command as one that created, dropped or renamed a map. */
    private void structureChanged() {
        Recording recording = currentRecording();
        if (recording != null) {
            recording.structureChanged();
        }
    }

    private <K, V> LoggedMap.Builder<K, V> loggedMap() {
        return new LoggedMap.Builder<>(this::currentRecording);
    }

    /** The builder of a document map ({@code databases.<db>.<collection>}). */
    private LoggedMap.Builder<Object, Object> documentMap() {
        return this.loggedMap().valueType(new BsonDocumentType());
    }

    /** The builder of a unique index map (named with {@link #INDEX_MAP_SUFFIX}). */
    private LoggedMap.Builder<KeyValue, Object> indexMap() {
        return this.<KeyValue, Object>loggedMap().keyType(new KeyValueType());
    }

    /**
     * Applies the changes the log holds beyond the last checkpoint, in the order they were made, and checkpoints them;
     * the log then starts a new segment.
     */
    private void recover() {
        MVStore store = getMvStore();
        MVMap<String, Long> state = store.openMap(LOG_STATE_MAP);
        this.logState = state;
        long checkpoint = state.getOrDefault(CHECKPOINT_KEY, 0L);
        Long id = state.get(STORE_ID_KEY);
        if (id == null) {
            id = new SecureRandom().nextLong();
            state.put(STORE_ID_KEY, id);
        }
        List<LoggedMap.Change> changes = new ArrayList<>();
        long[] last = {checkpoint};
        OperationLog.read(this.file, id, payload -> {
            while (payload.hasRemaining()) {
                LoggedMap.Change change = LoggedMap.Change.read(payload);
                last[0] = Math.max(last[0], change.sequence());
                if (change.sequence() > checkpoint) {
                    changes.add(change);
                }
            }
        });
        changes.sort(Comparator.comparingLong(LoggedMap.Change::sequence));
        for (LoggedMap.Change change : changes) {
            change.applyTo(mapOf(store, change.mapId()));
        }
        this.sequence.set(last[0]);
        this.operations = OperationLog.open(this.file, id, this.syncToDisk);
        if (!changes.isEmpty()) {
            log.info("store {}: {} logged changes after the last checkpoint applied", this.file, changes.size());
        }
        checkpoint();
    }

    private MVMap<Object, Object> mapOf(MVStore store, int id) {
        MVMap<Object, Object> map = store.getMap(id);
        if (map != null) {
            return map;
        }
        String name = store.getMapName(id);
        if (name == null) {
            throw new IllegalStateException("the log of the store " + this.file + " changes map " + id
                    + ", which the store file does not have; the log does not belong to this file");
        }
        @SuppressWarnings({"unchecked", "rawtypes"})
        MVMap<Object, Object> opened = name.startsWith("databases.")
                ? (MVMap) store.openMap(name, documentMap())
                : name.endsWith(INDEX_MAP_SUFFIX) ? (MVMap) store.openMap(name, indexMap()) : store.openMap(name);
        return opened;
    }

    private void startCheckpoints() {
        Thread thread = new Thread(this::runCheckpoints, "store-checkpoints-" + this.file.getFileName());
        thread.setDaemon(true);
        thread.start();
        this.checkpoints = thread;
    }

    private void runCheckpoints() {
        while (!this.closing) {
            synchronized (this.wake) {
                try {
                    if (this.operations.bytesInSegment() <= CHECKPOINT_LOG_BYTES) {
                        this.wake.wait(this.checkpointMillis);
                    }
                } catch (InterruptedException e) {
                    return;
                }
            }
            try {
                if (!this.closing
                        && (this.operations.bytesInSegment() > 0 || getMvStore().hasUnsavedChanges())) {
                    checkpoint();
                }
            } catch (RuntimeException e) {
                if (!this.closing) {
                    log.warn("checkpoint of the store {} failed; the log keeps its writes, retried", this.file, e);
                }
            }
        }
    }

    /**
     * Commits the store file with every change recorded so far, then deletes the log segments before it. The new
     * segment is started before the sequence number is read: a change numbered after it is appended after it, so
     * into the new segment; a change numbered up to it was made before the commit starts, so it is in the commit.
     */
    private void checkpoint() {
        synchronized (this.commitLock) {
            MVStore store = getMvStore();
            if (store.isClosed()) {
                return;
            }
            boolean logged = this.operations.bytesInSegment() > 0;
            long segment = this.operations.rotate();
            long upTo = this.sequence.get();
            if (!Long.valueOf(upTo).equals(this.logState.get(CHECKPOINT_KEY))) {
                this.logState.put(CHECKPOINT_KEY, upTo);
            }
            store.commit();
            if (this.syncToDisk) {
                store.sync();
            }
            this.operations.deleteBefore(segment);
            this.commits.incrementAndGet();
            if (logged) {
                compactStep(store);
            }
        }
    }

    /**
     * Rewrites the live pages of old, mostly empty chunks (their changes are committed with the next checkpoint), so
     * that MVStore can free those chunks and reuse their space once no command reads a version that has them. A step
     * rewrites as many bytes as the checkpoints since the last step wrote: a fixed amount fell behind as the store and
     * with it every commit's chunk grew. The last step's rewrites are committed among those bytes, so the budget grows
     * while the chunks stay under {@link #COMPACT_FILL_RATE}, up to {@link #COMPACT_WRITE_MAX}, and compaction stops
     * once they are above it.
     */
    private void compactStep(MVStore store) {
        try {
            dataSizeSavers().forEach(Runnable::run);
            long written = bytesWritten(store);
            store.compact(COMPACT_FILL_RATE, compactionBudget(written - this.writtenAtLastStep));
            this.writtenAtLastStep = written;
        } catch (RuntimeException e) {
            log.warn("compaction of the MongoDB store file failed (the data is unaffected)", e);
        }
    }

    /** Bytes of live pages a compaction step rewrites when the commits since the last one wrote {@code written}. */
    static int compactionBudget(long written) {
        return (int) Math.min(COMPACT_WRITE_MAX, Math.max(COMPACT_WRITE_MIN, written));
    }

    /** The bytes the store has written to its file since it was opened (MVStore tells it among its statistics). */
    private static long bytesWritten(MVStore store) {
        long[] written = {0};
        store.getFileStore().populateInfo((name, value) -> {
            if ("info.FILE_WRITE_BYTES".equals(name)) {
                written[0] = Long.parseLong(value);
            }
        });
        return written[0];
    }

    /** A version of the store kept, with every chunk it reads, until closed. */
    record Pin(MVStore store, MVStore.TxCounter version) implements AutoCloseable {
        @Override
        public void close() {
            store.deregisterVersionUsage(version);
        }
    }

    /**
     * Opens the document maps with {@link BsonDocumentType}. An inner class: H2Database's constructor already opens
     * the collections, before a field of this class would be set, while the outer instance is set before.
     */
    final class BsonDatabase extends H2Database {

        BsonDatabase(String databaseName, MVStore mvStore, CursorRegistry cursorRegistry) {
            super(databaseName, mvStore, cursorRegistry);
        }

        @Override
        protected MongoCollection<Object> openOrCreateCollection(String collectionName, CollectionOptions options) {
            structureChanged();
            String fullName = getFullCollectionNamespace(collectionName);
            // the names H2Database uses, so that files written before issue 19 open unchanged
            MVMap<Object, Object> dataMap = getMvStore().openMap("databases." + fullName, documentMap());
            MVMap<String, Object> metaMap = getMvStore().openMap("meta." + fullName);
            BsonCollection collection =
                    new BsonCollection(this, collectionName, options, dataMap, metaMap, this.cursorRegistry);
            dataSizeSavers().add(collection::saveDataSize);
            return collection;
        }

        /** H2Database's name of the index map (the name the old key type used). */
        private String oldIndexMapName(String collectionName, String indexName) {
            return getFullCollectionNamespace(collectionName) + "._index_" + indexName;
        }

        @Override
        protected Index<Object> openOrCreateUniqueIndex(
                String collectionName, String indexName, List<IndexKey> keys, boolean sparse) {
            structureChanged();
            MVStore store = getMvStore();
            String oldName = oldIndexMapName(collectionName, indexName);
            String name = oldName + INDEX_MAP_SUFFIX;
            boolean migrate = !store.hasMap(name) && store.hasMap(oldName);
            MVMap<KeyValue, Object> map = store.openMap(name, indexMap());
            if (migrate) {
                MVMap<KeyValue, Object> old = store.openMap(oldName);
                for (Map.Entry<KeyValue, Object> e : old.entrySet()) {
                    map.put(e.getKey(), e.getValue());
                }
                log.info("index map {} copied to {} ({} keys, issue 19)", oldName, name, map.sizeAsLong());
                store.removeMap(old);
            }
            return new KeyValueIndex(map, indexName, keys, sparse);
        }

        @Override
        protected void dropIndex(MongoCollection<Object> collection, String indexName) {
            structureChanged();
            super.dropIndex(collection, indexName); // removes the map of the old name, if any
            String name = oldIndexMapName(collection.getCollectionName(), indexName) + INDEX_MAP_SUFFIX;
            if (getMvStore().hasMap(name)) {
                getMvStore().removeMap(name);
            }
        }

        @Override
        public void dropCollection(String collectionName, Oplog oplog) {
            structureChanged();
            super.dropCollection(collectionName, oplog);
        }

        @Override
        public void drop(Oplog oplog) {
            structureChanged();
            super.drop(oplog);
        }

        @Override
        public void moveCollection(MongoDatabase oldDatabase, MongoCollection<?> collection, String newCollectionName) {
            structureChanged();
            String oldPrefix = collection.getFullName() + "._index_";
            super.moveCollection(oldDatabase, collection, newCollectionName);
            // H2Database leaves the index maps under the old name; renamed here so that a reopened store (and a
            // new collection of the old name) finds the right ones
            String newPrefix = getFullCollectionNamespace(newCollectionName) + "._index_";
            MVStore store = getMvStore();
            for (String name : List.copyOf(store.getMapNames())) {
                if (name.startsWith(oldPrefix) && name.endsWith(INDEX_MAP_SUFFIX)) {
                    String target = newPrefix + name.substring(oldPrefix.length());
                    if (!store.hasMap(target)) {
                        store.renameMap(store.openMap(name, indexMap()), target);
                    }
                }
            }
        }
    }

    /** A unique index in an MVMap whose keys are {@link KeyValueType}; the values are the documents' positions. */
    static final class KeyValueIndex extends AbstractUniqueIndex<Object> {

        private final MVMap<KeyValue, Object> map;

        KeyValueIndex(MVMap<KeyValue, Object> map, String name, List<IndexKey> keys, boolean sparse) {
            super(name, keys, sparse);
            this.map = map;
        }

        @Override
        protected Object removeDocument(KeyValue key) {
            return this.map.remove(key);
        }

        @Override
        protected boolean putKeyPosition(KeyValue key, Object position) {
            return this.map.putIfAbsent(key, Missing.ofNullable(position)) == null;
        }

        @Override
        protected Iterable<Map.Entry<KeyValue, Object>> getIterable() {
            return this.map.entrySet();
        }

        @Override
        protected Object getPosition(KeyValue key) {
            return this.map.get(key);
        }

        @Override
        public long getCount() {
            return this.map.sizeAsLong();
        }

        @Override
        public boolean isEmpty() {
            return this.map.isEmpty();
        }

        @Override
        public long getDataSize() {
            return getCount();
        }
    }

    /**
     * A collection whose map holds {@link StoredDocument}s, and whose data size statistic is the sum of their BSON
     * sizes, kept in memory between compaction steps (see the class comment). Every access of H2Collection to its map
     * is overridden here but the count.
     */
    static final class BsonCollection extends H2Collection {

        private static final String DATA_SIZE_KEY = "dataSize";

        private final MVMap<Object, Object> documents;

        /** The position of the next document inserted ({@link #addDocumentInternal}). */
        private final AtomicLong nextPosition;

        private final MVMap<String, Object> metaMap;

        private final AtomicLong unsavedDelta = new AtomicLong();

        BsonCollection(
                MongoDatabase database,
                String collectionName,
                CollectionOptions options,
                MVMap<Object, Object> dataMap,
                MVMap<String, Object> metaMap,
                CursorRegistry cursorRegistry) {
            super(database, collectionName, options, documentView(dataMap), metaMap, cursorRegistry);
            this.documents = dataMap;
            this.metaMap = metaMap;
            this.nextPosition = new AtomicLong(firstFreePosition(dataMap));
        }

        /**
         * The position after the largest one of type long stored: the map orders keys by type first, and all longs
         * together, so the floor of the largest long is the largest long there is (an {@code _id} of an older file
         * among them).
         */
        static long firstFreePosition(MVMap<Object, Object> documents) {
            Object last = documents.floorKey(Long.MAX_VALUE);
            return last instanceof Long position ? position + 1 : 0;
        }

        /** The same map as H2Collection sees it, which uses it only to count (its other accesses are overridden). */
        @SuppressWarnings("unchecked")
        private static MVMap<Object, Document> documentView(MVMap<Object, Object> map) {
            return (MVMap<Object, Document>) (MVMap<?, ?>) map;
        }

        /**
         * Stores a new document at the next position, so that the map's order is the order of insertion: new documents
         * go into the map's last pages, and a page of documents written long ago stays as it is until one of them
         * changes (issue 19). Keyed by {@code _id}, as H2Collection does, documents of random ids (a ticket's UUID)
         * went into pages all over the map, and every commit rewrote one page of about 16 KB for each document
         * inserted. Documents stored by an older version keep their {@code _id} as position; the indexes map every
         * key to its document's position.
         */
        @Override
        protected Object addDocumentInternal(Document document) {
            Object stored = StoredDocument.of(document);
            Long position = this.nextPosition.getAndIncrement();
            // positions taken after this collection was opened and before its first insert: the log's replay
            // (writes are serialized per collection, so none comes in between)
            while (this.documents.containsKey(position)) {
                this.nextPosition.set(firstFreePosition(this.documents));
                position = this.nextPosition.getAndIncrement();
            }
            this.documents.put(position, stored);
            this.unsavedDelta.addAndGet(StoredDocument.size(stored));
            return position;
        }

        @Override
        protected Document getDocument(Object position) {
            return StoredDocument.document(this.documents.get(position));
        }

        @Override
        protected void removeDocument(Object position) {
            Object removed = this.documents.remove(position);
            if (removed == null) {
                throw new NoSuchElementException("No document with key " + position);
            }
            this.unsavedDelta.addAndGet(-StoredDocument.size(removed));
        }

        @Override
        protected void handleUpdate(Object position, Document oldDocument, Document newDocument) {
            Object stored = StoredDocument.of(newDocument);
            Object previous = this.documents.put(Missing.ofNullable(position), stored);
            this.unsavedDelta.addAndGet(StoredDocument.size(stored) - StoredDocument.size(previous));
        }

        @Override
        protected Stream<DocumentWithPosition<Object>> streamAllDocumentsWithPosition() {
            return this.documents.entrySet().stream()
                    .map(e -> new DocumentWithPosition<>(StoredDocument.document(e.getValue()), e.getKey()));
        }

        @Override
        protected QueryResult matchDocuments(
                Document query, Document orderBy, int numberToSkip, int limit, int batchSize, Document fieldSelector) {
            Stream<Document> documentStream = isNaturalDescending(orderBy)
                    ? streamAllDocumentsWithPosition()
                            .sorted((a, b) -> ValueComparator.desc().compare(a.getPosition(), b.getPosition()))
                            .map(DocumentWithPosition::getDocument)
                    : this.documents.values().stream().map(StoredDocument::document);
            return matchDocumentsFromStream(
                    documentStream, query, orderBy, numberToSkip, limit, batchSize, fieldSelector);
        }

        /** The sizes come from the stored bytes: the base class would encode every document again to count them. */
        @Override
        protected boolean tracksDataSize() {
            return false;
        }

        /** Replies of bounded size, which the wire server did not split ({@link ReplyBatches}). */
        @Override
        protected QueryResult createQueryResult(List<Document> matchedDocuments, int batchSize) {
            return ReplyBatches.first(matchedDocuments, batchSize, this.cursorRegistry);
        }

        @Override
        protected void updateDataSize(int sizeDelta) {
            this.unsavedDelta.addAndGet(sizeDelta); // not called: tracksDataSize() is false
        }

        @Override
        protected int getDataSize() {
            if (this.unsavedDelta == null) {
                return 0; // H2Collection's constructor logs the size before this class's fields are set
            }
            return (int) (saved() + this.unsavedDelta.get());
        }

        void saveDataSize() {
            long delta = this.unsavedDelta.getAndSet(0);
            if (delta == 0) {
                return;
            }
            synchronized (this.metaMap) {
                if (this.metaMap.isClosed()) {
                    return;
                }
                this.metaMap.put(DATA_SIZE_KEY, saved() + delta);
            }
        }

        private long saved() {
            Object value = this.metaMap.get(DATA_SIZE_KEY);
            return value instanceof Number n ? n.longValue() : 0;
        }
    }
}
