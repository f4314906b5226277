package io.propdesk.embedded;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Kafka broker and the MongoDB-wire server that all tests of one JVM share.
 *
 * <p>Each is started on first use ({@link #kafkaBootstrapServers()}, {@link #mongoUri()}) on a random port and
 * stopped by a JVM shutdown hook. Real servers replace them when set, as environment variables or system
 * properties of the same names:
 * <ul>
 * <li>{@code KAFKA_BOOTSTRAP_SERVERS}: use this Kafka instead of the embedded broker;</li>
 * <li>{@code MONGODB_URI}: use this MongoDB instead of the embedded server.</li>
 * </ul>
 * The embedded MongoDB keeps its data in memory unless the system property {@code propdesk.test.mongo=h2} asks
 * for the H2 file store (in a temporary directory, deleted at exit), the one standalone uses.
 */
public final class SharedInfrastructure {

    public static final String KAFKA_ENV = "KAFKA_BOOTSTRAP_SERVERS";

    public static final String MONGO_ENV = "MONGODB_URI";

    public static final String MONGO_BACKEND_PROPERTY = "propdesk.test.mongo";

    private static final Logger log = LoggerFactory.getLogger(SharedInfrastructure.class);

    private static final SharedInfrastructure INSTANCE = new SharedInfrastructure();

    private EmbeddedKafka kafka;

    private String kafkaBootstrapServers;

    private EmbeddedMongo mongo;

    private Path mongoDir;

    private String mongoUri;

    private boolean hookInstalled;

    private boolean shutDown;

    private SharedInfrastructure() {}

    public static SharedInfrastructure get() {
        return INSTANCE;
    }

    /** Bootstrap servers of the shared Kafka: {@code KAFKA_BOOTSTRAP_SERVERS} if set, else the embedded broker. */
    public synchronized String kafkaBootstrapServers() {
        if (this.kafkaBootstrapServers == null) {
            checkNotShutDown();
            String external = setting(KAFKA_ENV);
            if (external != null) {
                log.info("Tests use the Kafka at {} ({})", external, KAFKA_ENV);
                this.kafkaBootstrapServers = external;
            } else {
                installShutdownHook();
                this.kafka = EmbeddedKafka.builder().randomPort().start();
                this.kafkaBootstrapServers = this.kafka.bootstrapServers();
            }
        }
        return this.kafkaBootstrapServers;
    }

    /** Connection string of the shared MongoDB: {@code MONGODB_URI} if set, else the embedded server. */
    public synchronized String mongoUri() {
        if (this.mongoUri == null) {
            checkNotShutDown();
            String external = setting(MONGO_ENV);
            if (external != null) {
                log.info("Tests use the MongoDB at {} ({})", external, MONGO_ENV);
                this.mongoUri = external;
            } else {
                installShutdownHook();
                EmbeddedMongo.Builder builder = EmbeddedMongo.builder().randomPort();
                if ("h2".equalsIgnoreCase(System.getProperty(MONGO_BACKEND_PROPERTY, "memory"))) {
                    try {
                        this.mongoDir = Files.createTempDirectory("propdesk-test-mongo");
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                    builder.file(this.mongoDir.resolve("propdesk.mv"));
                }
                this.mongo = builder.start();
                this.mongoUri = this.mongo.connectionString();
            }
        }
        return this.mongoUri;
    }

    /** True when {@link #kafkaBootstrapServers()} is (or would be) the embedded broker. */
    public boolean kafkaIsEmbedded() {
        return setting(KAFKA_ENV) == null;
    }

    /** True when {@link #mongoUri()} is (or would be) the embedded server. */
    public boolean mongoIsEmbedded() {
        return setting(MONGO_ENV) == null;
    }

    /** Stops what was started. Called by the shutdown hook; later calls to the getters fail. */
    synchronized void shutdown() {
        if (this.shutDown) {
            return;
        }
        this.shutDown = true;
        if (this.kafka != null) {
            try {
                this.kafka.close();
            } catch (RuntimeException e) {
                log.warn("Stopping the shared Kafka broker failed", e);
            }
        }
        if (this.mongo != null) {
            try {
                this.mongo.close();
            } catch (RuntimeException e) {
                log.warn("Stopping the shared MongoDB server failed", e);
            }
        }
        if (this.mongoDir != null) {
            deleteQuietly(this.mongoDir);
        }
    }

    private void checkNotShutDown() {
        if (this.shutDown) {
            throw new IllegalStateException("the shared test infrastructure has been shut down");
        }
    }

    private void installShutdownHook() {
        if (!this.hookInstalled) {
            Runtime.getRuntime().addShutdownHook(new Thread(this::shutdown, "propdesk-shared-infrastructure-stop"));
            this.hookInstalled = true;
        }
    }

    private static String setting(String name) {
        String value = System.getenv(name);
        if (value == null || value.isBlank()) {
            value = System.getProperty(name);
        }
        return value == null || value.isBlank() ? null : value.trim();
    }

    private static void deleteQuietly(Path dir) {
        try {
            Files.walkFileTree(dir, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                    Files.deleteIfExists(file);
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult postVisitDirectory(Path d, IOException exc) throws IOException {
                    Files.deleteIfExists(d);
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            log.debug("Could not delete {}", dir, e);
        }
    }
}
