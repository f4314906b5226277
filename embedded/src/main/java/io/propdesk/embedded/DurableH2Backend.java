package io.propdesk.embedded;

import de.bwaldvogel.mongo.backend.h2.H2Backend;
import de.bwaldvogel.mongo.bson.Document;
import io.netty.channel.Channel;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import org.h2.mvstore.MVStore;

/**
 * mongo-java-server's H2 file store, committed after every command that writes.
 *
 * <p>Plain {@link H2Backend} leaves commits to the MVStore's background thread (about once a second), so a write
 * the client already saw acknowledged is lost if the process is killed within that second. Every command the
 * server executes - OP_MSG and legacy OP_QUERY {@code $cmd} alike - goes through
 * {@link #handleCommand(Channel, String, String, Document)}, including insert, update, delete, findAndModify,
 * create, createIndexes, drop, dropIndexes, dropDatabase, renameCollection and aggregate (whose {@code $out} and
 * {@code $merge} write). After a write command, and after any other command that left unsaved changes, this
 * backend commits the MVStore before the reply goes back. The commit writes the new chunk synchronously to the
 * file: the data survives a killed process. It reaches the operating system, not necessarily the disk; set
 * {@code syncToDisk} to also fsync per write (survives a power cut, costs about a third of the write rate).
 */
public class DurableH2Backend extends H2Backend {

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

    private final boolean syncToDisk;

    private final AtomicLong commits = new AtomicLong();

    public DurableH2Backend(MVStore mvStore, boolean syncToDisk) {
        super(mvStore);
        this.syncToDisk = syncToDisk;
    }

    /** Opens (or creates) the store file. */
    public static DurableH2Backend open(String fileName, boolean syncToDisk) {
        MVStore store = new MVStore.Builder().fileName(fileName).open();
        try {
            return new DurableH2Backend(store, syncToDisk);
        } catch (RuntimeException e) {
            store.closeImmediately();
            throw e;
        }
    }

    @Override
    public Document handleCommand(Channel channel, String databaseName, String command, Document query) {
        try {
            return super.handleCommand(channel, databaseName, command, query);
        } finally {
            // also on failure: an ordered insert that failed half way has written its first documents
            if (isWriteCommand(command) || getMvStore().hasUnsavedChanges()) {
                commitNow();
            }
        }
    }

    @Override
    public void dropDatabase(String databaseName) {
        super.dropDatabase(databaseName);
        commitNow();
    }

    /** How many commits this backend made (for tests and measurements). */
    public long commitCount() {
        return this.commits.get();
    }

    static boolean isWriteCommand(String command) {
        return command != null && WRITE_COMMANDS.contains(command.toLowerCase(Locale.ROOT));
    }

    private void commitNow() {
        MVStore store = getMvStore();
        if (store.isClosed()) {
            return;
        }
        commit();
        if (this.syncToDisk) {
            store.sync();
        }
        this.commits.incrementAndGet();
    }
}
