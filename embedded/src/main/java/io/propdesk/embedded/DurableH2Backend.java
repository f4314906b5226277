package io.propdesk.embedded;

import de.bwaldvogel.mongo.MongoCollection;
import de.bwaldvogel.mongo.MongoDatabase;
import de.bwaldvogel.mongo.backend.AbstractUniqueIndex;
import de.bwaldvogel.mongo.backend.CollectionOptions;
import de.bwaldvogel.mongo.backend.CursorRegistry;
import de.bwaldvogel.mongo.backend.Index;
import de.bwaldvogel.mongo.backend.IndexKey;
import de.bwaldvogel.mongo.backend.KeyValue;
import de.bwaldvogel.mongo.backend.Missing;
import de.bwaldvogel.mongo.backend.QueryResult;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import de.bwaldvogel.mongo.backend.h2.H2Collection;
import de.bwaldvogel.mongo.backend.h2.H2Database;
import de.bwaldvogel.mongo.bson.Document;
import de.bwaldvogel.mongo.wire.message.MongoQuery;
import io.netty.channel.Channel;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * mongo-java-server's H2 file store, committed before the reply to every command that writes.
 *
 * <p>Plain {@link H2Backend} leaves commits to the MVStore's background thread (about once a second), so a write
 * the client already saw acknowledged is lost if the process is killed within that second. Every command the
 * server executes - OP_MSG and legacy OP_QUERY {@code $cmd} alike - goes through
 * {@link #handleCommand(Channel, String, String, Document)}, including insert, update, delete, findAndModify,
 * create, createIndexes, drop, dropIndexes, dropDatabase, renameCollection and aggregate (whose {@code $out} and
 * {@code $merge} write). After a write command, and after any other command that left unsaved changes, the
 * command's thread makes sure a commit that started after its write has finished before the reply goes back. The
 * commit writes the new chunk synchronously to the file: the data survives a killed process. It reaches the
 * operating system, not necessarily the disk; set {@code syncToDisk} to also fsync (survives a power cut).
 *
 * <p>Issue 19, cheaper per write, same guarantee:
 * <ul>
 *   <li>Group commit: the server's worker threads share commits. A write takes a ticket once it is done; the
 *       committing thread notes the last ticket handed out before it starts a commit, so every write with a
 *       ticket up to that one is in that commit. A thread that finds its ticket already covered by a finished
 *       commit replies at once; the others wait for the running commit and then at most one of them commits all
 *       that has been written meanwhile. Before it starts, a commit waits up to {@link #GROUP_WAIT_NANOS} for the
 *       write commands other threads had in progress at that moment, so that they are in it too ({@link
 *       WritesInProgress}).
 *   <li>Documents are stored as BSON ({@link BsonDocumentType}), no longer Java-serialized; values written by
 *       older versions (Java serialization) are still read, so an existing file keeps working.
 *   <li>Chunks are compressed (LZF), and a compaction step after commits rewrites the live pages of mostly
 *       empty old chunks, so that their space is reused and the file stops growing at a steady size instead of
 *       by every commit's chunk. An emptied chunk's space is reused at its next commit, not after a retention
 *       time: a command pins the version it starts on ({@link #pin()}) instead, so the file no longer carries the
 *       last seconds of emptied chunks (at saturation, most of its chunks).
 *   <li>A collection's data size (a statistic for {@code collStats}) is no longer written into the store by every
 *       write but added up in memory and saved with the compaction step and on close; a killed process may lose
 *       the last changes to that statistic, never a document.
 *   <li>Unique indexes (every {@code _id} index among them) have keys of {@link KeyValueType}, compared value by
 *       value instead of by their Java-serialized bytes, which every key comparison of a lookup used to compute.
 *       Their maps are named as before plus {@value #INDEX_MAP_SUFFIX}, since their order differs; an index map of
 *       an older file (the old name) is copied into the new one when it is first opened and then removed, in the
 *       same commit as the next write, so an old file keeps working and a killed process leaves either the old
 *       map or the new one.
 * </ul>
 */
public class DurableH2Backend extends H2Backend {

    private static final Logger log = LoggerFactory.getLogger(DurableH2Backend.class);

    private static final Set<String> WRITE_COMMANDS = Set.of(
            "insert",
            "update",
            "delete",
            "findandmodify",
            "create",
            "createindexes",
            "drop",
            "dropindexes",
            "deleteindexes",
            "dropdatabase",
            "renamecollection",
            "aggregate",
            "mapreduce",
            "collmod",
            "bulkwrite");

    /** Appended to H2Database's name of a unique index map: the maps whose keys are {@link KeyValueType}. */
    static final String INDEX_MAP_SUFFIX = "$keys";

    /** Commits between two compaction steps. */
    static final int COMMITS_PER_COMPACTION = 64;

    /** While the chunks together are less full than this (percent), a step rewrites live pages of the emptiest. */
    static final int COMPACT_FILL_RATE = 60;

    /** Bytes of live pages a compaction step rewrites at least ... */
    static final int COMPACT_WRITE_MIN = 256 * 1024;

    /** ... and at most (the step runs in the commit of the write that triggers it). */
    static final int COMPACT_WRITE_MAX = 8 * 1024 * 1024;

    /**
     * Bytes of a page before it is split: a commit rewrites (encodes and compresses) every page it changed and the
     * pages above it, so smaller is cheaper, down to where the deeper trees cost more than the smaller pages save
     * (issue 19, StoreBenchmark with 4 writing threads: server CPU per write 240-262 µs at 4 KB, 215-217 at 2 KB,
     * 224-226 at 1 KB; the file the same).
     */
    static final int PAGE_SPLIT_SIZE = 2 * 1024;

    /**
     * How long a chunk without live pages is kept before its space is reused: not at all (MVStore's default is 45 s).
     * A command still reading an older version keeps that version's chunks itself ({@link #pin()}); with
     * {@code syncToDisk} the newest version on disk never needs them either, since their space is reused only
     * commits after they emptied.
     */
    static final int RETENTION_MILLIS = 0;

    private final boolean syncToDisk;

    private final AtomicLong commits = new AtomicLong();

    /** The bytes the store had written to its file at the last compaction step (guarded by commitLock). */
    private long writtenAtLastStep;

    /** Tickets of finished writes; taken after the write's changes are in the maps. */
    private final AtomicLong tickets = new AtomicLong();

    /** Write commands being carried out now that have no ticket yet: a commit about to start waits for them. */
    private final WritesInProgress writing = new WritesInProgress();

    /**
     * How long a commit about to start waits at most for the write commands in progress at that moment to finish, so
     * that they are in it instead of each in a commit of its own (a commit rewrites and compresses every page changed
     * and those above it). Only while such a write is in progress: a lone write commits at once, and writes that start
     * meanwhile do not hold it longer. Issue 19, 20 openings a second on 2 cores: the system's cores 1.78-1.82 without,
     * 1.75 with; the p99 to {@code OrderDispatched} 5.3-6.3 s without, 0.51 s with; at saturation the same
     * lifecycles/s and CPU per lifecycle within the runs' spread (docs/benchmarks.md, "Eighth pass").
     */
    static final long GROUP_WAIT_NANOS = 1_000_000;

    private final Object commitLock = new Object();

    /** The last ticket a finished commit contains (guarded by commitLock). */
    private long committedTicket;

    /**
     * Saves the collections' data sizes; no initializer, since H2Backend's constructor already opens the existing
     * collections (before the fields of this class are initialized).
     */
    private List<Runnable> dataSizeSavers;

    public DurableH2Backend(MVStore mvStore, boolean syncToDisk) {
        super(mvStore);
        this.syncToDisk = syncToDisk;
    }

    /** Opens (or creates) the store file: compressed chunks, no background commits (the writes commit). */
    public static DurableH2Backend open(String fileName, boolean syncToDisk) {
        MVStore store = new MVStore.Builder()
                .fileName(fileName)
                .compress()
                .pageSplitSize(PAGE_SPLIT_SIZE)
                .autoCommitDisabled()
                .open();
        try {
            store.setRetentionTime(RETENTION_MILLIS);
            return new DurableH2Backend(store, syncToDisk);
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
        boolean write = isWriteCommand(command);
        if (write) {
            this.writing.started();
        }
        try (Pin reading = pin()) {
            return super.handleCommand(channel, databaseName, command, query);
        } finally {
            // also on failure: an ordered insert that failed half way has written its first documents
            long ticket = write || getMvStore().hasUnsavedChanges() ? this.tickets.incrementAndGet() : 0;
            if (write) {
                this.writing.finished(); // after the ticket: a commit that counts this write finished has it
            }
            if (ticket > 0) {
                awaitCommit(ticket);
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
        awaitCommit(this.tickets.incrementAndGet());
    }

    @Override
    public void close() {
        MVStore store = getMvStore();
        if (!store.isClosed()) {
            dataSizeSavers().forEach(Runnable::run);
        }
        super.close();
    }

    /** How many commits this backend made (for tests and measurements). */
    public long commitCount() {
        return this.commits.get();
    }

    static boolean isWriteCommand(String command) {
        return command != null && WRITE_COMMANDS.contains(command.toLowerCase(Locale.ROOT));
    }

    private synchronized List<Runnable> dataSizeSavers() {
        if (this.dataSizeSavers == null) {
            this.dataSizeSavers = new CopyOnWriteArrayList<>();
        }
        return this.dataSizeSavers;
    }

    /** Returns once a commit that started after the write with this ticket was done has finished. */
    private void awaitCommit(long ticket) {
        synchronized (this.commitLock) {
            if (this.committedTicket >= ticket) {
                return; // another thread's commit, started after this write, has it
            }
            MVStore store = getMvStore();
            if (store.isClosed()) {
                return;
            }
            this.writing.awaitThoseInProgress(GROUP_WAIT_NANOS);
            long upTo = this.tickets.get();
            commit();
            if (this.syncToDisk) {
                store.sync();
            }
            this.committedTicket = upTo;
            long n = this.commits.incrementAndGet();
            if (n % COMMITS_PER_COMPACTION == 0) {
                compactStep(store);
            }
        }
    }

    /**
     * Rewrites the live pages of old, mostly empty chunks (their changes are committed with the next write), so
     * that MVStore can free those chunks and reuse their space once no command reads a version that has them. A step
     * rewrites as many bytes as the commits since the last step wrote: a fixed amount fell behind as the store and
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
            String fullName = getFullCollectionNamespace(collectionName);
            // the names H2Database uses, so that files written before issue 19 open unchanged
            MVMap<Object, Document> dataMap = getMvStore()
                    .openMap(
                            "databases." + fullName,
                            new MVMap.Builder<Object, Document>().valueType(new BsonDocumentType()));
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
            MVStore store = getMvStore();
            String oldName = oldIndexMapName(collectionName, indexName);
            String name = oldName + INDEX_MAP_SUFFIX;
            boolean migrate = !store.hasMap(name) && store.hasMap(oldName);
            MVMap<KeyValue, Object> map =
                    store.openMap(name, new MVMap.Builder<KeyValue, Object>().keyType(new KeyValueType()));
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
            super.dropIndex(collection, indexName); // removes the map of the old name, if any
            String name = oldIndexMapName(collection.getCollectionName(), indexName) + INDEX_MAP_SUFFIX;
            if (getMvStore().hasMap(name)) {
                getMvStore().removeMap(name);
            }
        }

        @Override
        public void moveCollection(MongoDatabase oldDatabase, MongoCollection<?> collection, String newCollectionName) {
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
                        store.renameMap(
                                store.openMap(name, new MVMap.Builder<KeyValue, Object>().keyType(new KeyValueType())),
                                target);
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

    /** Keeps the data size statistic in memory between compaction steps (see the class comment). */
    static final class BsonCollection extends H2Collection {

        private static final String DATA_SIZE_KEY = "dataSize";

        private final MVMap<String, Object> metaMap;

        private final AtomicLong unsavedDelta = new AtomicLong();

        BsonCollection(
                MongoDatabase database,
                String collectionName,
                CollectionOptions options,
                MVMap<Object, Document> dataMap,
                MVMap<String, Object> metaMap,
                CursorRegistry cursorRegistry) {
            super(database, collectionName, options, dataMap, metaMap, cursorRegistry);
            this.metaMap = metaMap;
        }

        @Override
        protected void updateDataSize(int sizeDelta) {
            this.unsavedDelta.addAndGet(sizeDelta);
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
