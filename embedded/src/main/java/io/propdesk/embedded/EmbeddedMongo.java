package io.propdesk.embedded;

import de.bwaldvogel.mongo.MongoBackend;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A MongoDB wire-protocol server in this JVM ({@code de.bwaldvogel:mongo-java-server}), listening on 127.0.0.1,
 * which the real MongoDB driver talks to unchanged.
 *
 * <p>Two stores: in memory ({@link MemoryBackend}, fast, gone on close) or a single H2 MVStore file
 * ({@link DurableH2Backend}), every write logged before its reply so that an acknowledged write survives a killed process.
 * No sessions and no transactions; unique indexes are enforced (duplicate key, code 11000); see STACK-NOTES.md.
 */
public final class EmbeddedMongo implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(EmbeddedMongo.class);

    private final MongoServer server;

    private final MongoBackend backend;

    private final int port;

    private final Path file;

    private final Duration startupTime;

    private volatile boolean closed;

    private EmbeddedMongo(MongoServer server, MongoBackend backend, int port, Path file, Duration startupTime) {
        this.server = server;
        this.backend = backend;
        this.port = port;
        this.file = file;
        this.startupTime = startupTime;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** An in-memory server on a random free port. */
    public static EmbeddedMongo inMemory() {
        return builder().inMemory().start();
    }

    /** A server storing its data in {@code file}, on a random free port. */
    public static EmbeddedMongo file(Path file) {
        return builder().file(file).start();
    }

    /** {@code mongodb://127.0.0.1:<port>}. */
    public String connectionString() {
        return "mongodb://127.0.0.1:" + this.port;
    }

    public int port() {
        return this.port;
    }

    /** The store file when file-backed; empty in memory. */
    public Optional<Path> dataFile() {
        return Optional.ofNullable(this.file);
    }

    public boolean isFileBacked() {
        return this.file != null;
    }

    /** Commits of the store file so far: its checkpoints (0 in memory). */
    public long commitCount() {
        return this.backend instanceof DurableH2Backend durable ? durable.commitCount() : 0;
    }

    /** Records the file store appended to its log so far: one per command that changed data (0 in memory). */
    public long loggedCount() {
        return this.backend instanceof DurableH2Backend durable ? durable.loggedCount() : 0;
    }

    public Duration startupTime() {
        return this.startupTime;
    }

    public boolean isRunning() {
        return !this.closed;
    }

    /** Closes client connections, stops listening and closes the store (a final commit for the file store). */
    @Override
    public synchronized void close() {
        if (this.closed) {
            return;
        }
        this.closed = true;
        long t0 = System.nanoTime();
        this.server.shutdownNow();
        log.info(
                "MongoDB-wire server on port {} stopped in {} ms",
                this.port,
                TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0));
    }

    @Override
    public String toString() {
        return "EmbeddedMongo[" + connectionString() + (this.file != null ? ", file=" + this.file : ", memory")
                + (this.closed ? ", closed" : "") + "]";
    }

    /** Options for {@link EmbeddedMongo}. */
    public static final class Builder {

        private int port;

        private Path file;

        private boolean syncToDisk;

        private Builder() {}

        /** Port; 0 (the default) lets the operating system pick a free one. */
        public Builder port(int port) {
            if (port < 0 || port > 65535) {
                throw new IllegalArgumentException("port out of range: " + port);
            }
            this.port = port;
            return this;
        }

        public Builder randomPort() {
            return port(0);
        }

        /** Keep the data in memory only (the default). */
        public Builder inMemory() {
            this.file = null;
            return this;
        }

        /** Keep the data in this H2 MVStore file (parent directories are created), e.g. {@code data/mongo/propdesk.mv}. */
        public Builder file(Path file) {
            this.file = file;
            return this;
        }

        /** With a file store: also fsync after each write (survives power loss; slower). Default false. */
        public Builder syncToDisk(boolean syncToDisk) {
            this.syncToDisk = syncToDisk;
            return this;
        }

        public EmbeddedMongo start() {
            long t0 = System.nanoTime();
            Path absolute =
                    this.file == null ? null : this.file.toAbsolutePath().normalize();
            MongoBackend backend;
            if (absolute == null) {
                backend = new MemoryBackend();
            } else {
                try {
                    if (absolute.getParent() != null) {
                        Files.createDirectories(absolute.getParent());
                    }
                } catch (IOException e) {
                    throw new UncheckedIOException("cannot create the directory for " + absolute, e);
                }
                try {
                    backend = DurableH2Backend.open(absolute.toString(), this.syncToDisk);
                } catch (RuntimeException e) {
                    throw new IllegalStateException(
                            "cannot open the MongoDB store file " + absolute + " (is another PropDesk using it?)", e);
                }
            }
            MongoServer server = new MongoServer(backend);
            try {
                // on failure bind() shuts the server down, which closes the backend (and the file)
                server.bind("127.0.0.1", this.port);
            } catch (RuntimeException e) {
                throw new IllegalStateException("cannot start the MongoDB-wire server on 127.0.0.1:" + this.port, e);
            }
            InetSocketAddress address = server.getLocalAddress();
            Duration took = Duration.ofNanos(System.nanoTime() - t0);
            EmbeddedMongo mongo = new EmbeddedMongo(server, backend, address.getPort(), absolute, took);
            log.info(
                    "MongoDB-wire server ready at {} ({}) in {} ms",
                    mongo.connectionString(),
                    absolute == null ? "in memory" : "file " + absolute,
                    took.toMillis());
            return mongo;
        }
    }
}
