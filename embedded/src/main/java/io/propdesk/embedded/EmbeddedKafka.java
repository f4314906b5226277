package io.propdesk.embedded;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.utils.Exit;
import org.apache.kafka.common.utils.Time;
import org.apache.kafka.metadata.storage.Formatter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;

/**
 * One real single-node Apache Kafka broker (KRaft, combined broker and controller) running inside this JVM.
 *
 * <p>Two ways to run it, chosen by whether a log directory is given:
 * <ul>
 * <li><b>ephemeral</b> (no {@link Builder#logDir(Path) logDir}, the default for tests): spring-kafka-test's
 * {@link EmbeddedKafkaKraftBroker}. Its Kafka test kit always puts {@code log.dirs} in a fresh temporary
 * directory with a fresh cluster id and deletes it on close (a {@code log.dirs} broker property is overwritten),
 * so nothing survives a restart.</li>
 * <li><b>persistent</b> (with a log directory, used by standalone): Kafka's own {@link KafkaRaftServer}, the class
 * {@code kafka.Kafka} runs, after formatting the directory the way {@code kafka-storage.sh format
 * --ignore-formatted} does. Topics, offsets and consumer-group positions survive a restart on the same
 * directory, also after a hard kill (Kafka recovers its logs on the next start).</li>
 * </ul>
 * Both listen on the loopback interface only, on a fixed port or a random free one; auto-created topics get
 * {@value #DEFAULT_PARTITIONS} partitions unless told otherwise, and are kept forever (the event topics are the
 * replay source); the services bound the retention of the topics that may hold personal data.
 *
 * <p>{@link #close()} shuts the broker down and waits for it: a {@code main()} that holds a broker does not exit
 * until that has happened.
 */
public final class EmbeddedKafka implements AutoCloseable {

    /** Partitions of an auto-created topic. */
    public static final int DEFAULT_PARTITIONS = 3;

    private static final Logger log = LoggerFactory.getLogger(EmbeddedKafka.class);

    private static final int NODE_ID = 1;

    private final Broker broker;

    private final int port;

    private final Path logDir;

    private final Duration startupTime;

    private volatile boolean closed;

    private EmbeddedKafka(Broker broker, int port, Path logDir, Duration startupTime) {
        this.broker = broker;
        this.port = port;
        this.logDir = logDir;
        this.startupTime = startupTime;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** An ephemeral broker on a random free port. */
    public static EmbeddedKafka start() {
        return builder().start();
    }

    /** {@code host:port} to use as {@code bootstrap.servers}. */
    public String bootstrapServers() {
        return this.broker.bootstrapServers();
    }

    /** The port clients connect to. */
    public int port() {
        return this.port;
    }

    /** The broker's log directory when it is persistent; empty for an ephemeral broker. */
    public Optional<Path> logDir() {
        return Optional.ofNullable(this.logDir);
    }

    public boolean isPersistent() {
        return this.logDir != null;
    }

    /** Wall time from the call to start until the broker answered a metadata request. */
    public Duration startupTime() {
        return this.startupTime;
    }

    public boolean isRunning() {
        return !this.closed;
    }

    /** Shuts the broker down and waits until its threads have stopped. Idempotent. */
    @Override
    public synchronized void close() {
        if (this.closed) {
            return;
        }
        this.closed = true;
        long t0 = System.nanoTime();
        this.broker.stop();
        log.info(
                "Kafka broker on port {} stopped in {} ms",
                this.port,
                TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0));
    }

    @Override
    public String toString() {
        return "EmbeddedKafka[" + (this.closed ? "closed" : bootstrapServers())
                + (this.logDir != null ? ", logDir=" + this.logDir : ", ephemeral") + "]";
    }

    /** Options for {@link EmbeddedKafka}. */
    public static final class Builder {

        private int port;

        private Path logDir;

        private int partitions = DEFAULT_PARTITIONS;

        private final Map<String, String> brokerProperties = new LinkedHashMap<>();

        private Duration readyTimeout = Duration.ofSeconds(60);

        private Builder() {}

        /** Port for clients; 0 (the default) picks a free one. */
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

        /**
         * Keep the broker's data in this directory (created if missing, formatted on first use), so that topics
         * survive a restart. {@code null} (the default) means ephemeral.
         */
        public Builder logDir(Path logDir) {
            this.logDir = logDir;
            return this;
        }

        /** Partitions of auto-created topics ({@code num.partitions}); default {@value #DEFAULT_PARTITIONS}. */
        public Builder partitions(int partitions) {
            if (partitions < 1) {
                throw new IllegalArgumentException("partitions must be at least 1");
            }
            this.partitions = partitions;
            return this;
        }

        /** Any other broker setting; wins over the defaults chosen here (not over the listeners or dirs). */
        public Builder brokerProperty(String key, String value) {
            this.brokerProperties.put(Objects.requireNonNull(key), Objects.requireNonNull(value));
            return this;
        }

        /** How long to wait for the broker to answer after start-up; default 60 s. */
        public Builder readyTimeout(Duration readyTimeout) {
            this.readyTimeout = Objects.requireNonNull(readyTimeout);
            return this;
        }

        public EmbeddedKafka start() {
            long t0 = System.nanoTime();
            Broker broker;
            int clientPort;
            if (this.logDir == null) {
                KitBroker kit = KitBroker.start(this.port, this.partitions, this.brokerProperties);
                broker = kit;
                clientPort = kit.port();
            } else {
                clientPort = FreePorts.orPick(this.port);
                broker = RaftServerBroker.start(
                        clientPort, this.logDir.toAbsolutePath().normalize(), this.partitions, this.brokerProperties);
            }
            try {
                awaitReady(broker.bootstrapServers(), this.readyTimeout);
            } catch (RuntimeException e) {
                stopQuietly(broker);
                throw e;
            }
            Duration took = Duration.ofNanos(System.nanoTime() - t0);
            EmbeddedKafka kafka = new EmbeddedKafka(
                    broker,
                    clientPort,
                    this.logDir == null ? null : this.logDir.toAbsolutePath().normalize(),
                    took);
            log.info(
                    "Kafka broker (KRaft, {}) ready at {} in {} ms",
                    this.logDir == null ? "ephemeral" : "data in " + kafka.logDir,
                    kafka.bootstrapServers(),
                    took.toMillis());
            return kafka;
        }

        private static void stopQuietly(Broker broker) {
            try {
                broker.stop();
            } catch (RuntimeException e) {
                log.warn("Stopping a Kafka broker that failed to start failed too", e);
            }
        }

        private static void awaitReady(String bootstrapServers, Duration timeout) {
            Map<String, Object> config = Map.of(
                    AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                    bootstrapServers,
                    AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG,
                    10_000,
                    AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG,
                    (int) Math.min(Integer.MAX_VALUE, timeout.toMillis()));
            try (Admin admin = Admin.create(config)) {
                admin.describeCluster().nodes().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for the Kafka broker", e);
            } catch (Exception e) {
                throw new IllegalStateException(
                        "Kafka broker at " + bootstrapServers + " did not answer within " + timeout, e);
            }
        }
    }

    private interface Broker {

        String bootstrapServers();

        void stop();
    }

    /** spring-kafka-test's KRaft broker: temporary directory, deleted on stop. */
    private static final class KitBroker implements Broker {

        private final EmbeddedKafkaKraftBroker broker;

        private final String bootstrapServers;

        private KitBroker(EmbeddedKafkaKraftBroker broker) {
            this.broker = broker;
            this.bootstrapServers = broker.getBrokersAsString();
        }

        static KitBroker start(int port, int partitions, Map<String, String> extra) {
            EmbeddedKafkaKraftBroker broker = new EmbeddedKafkaKraftBroker(1, partitions);
            Map<String, String> props = new LinkedHashMap<>();
            props.put("auto.create.topics.enable", "true");
            props.put("num.partitions", Integer.toString(partitions));
            props.put("offsets.topic.replication.factor", "1");
            props.put("transaction.state.log.replication.factor", "1");
            props.put("transaction.state.log.min.isr", "1");
            props.put("group.initial.rebalance.delay.ms", "0");
            // as the persistent broker and compose: event topics are the replay source and keep everything; the
            // topics that may hold personal data in the clear get their bound from the services
            props.put("log.retention.ms", "-1");
            if (port != 0) {
                // EmbeddedKafkaKraftBroker.kafkaPorts(...) is ignored in KRaft mode; the test kit only sets
                // "listeners" when absent, so a fixed port goes in here.
                props.put("listeners", "EXTERNAL://localhost:" + port + ",CONTROLLER://localhost:0");
            }
            props.putAll(extra);
            broker.brokerProperties(props);
            // do not publish spring.kafka.bootstrap-servers as a JVM-wide system property
            broker.brokerListProperty(null);
            try {
                broker.afterPropertiesSet();
            } catch (RuntimeException e) {
                try {
                    broker.destroy();
                } catch (RuntimeException suppressed) {
                    e.addSuppressed(suppressed);
                }
                throw new IllegalStateException(
                        "could not start the embedded Kafka broker" + (port != 0 ? " on port " + port : ""), e);
            }
            return new KitBroker(broker);
        }

        int port() {
            String first = this.bootstrapServers.split(",")[0];
            return Integer.parseInt(first.substring(first.lastIndexOf(':') + 1));
        }

        @Override
        public String bootstrapServers() {
            return this.bootstrapServers;
        }

        @Override
        public void stop() {
            this.broker.destroy();
        }
    }

    /** Kafka's own server class on a directory we keep. */
    private static final class RaftServerBroker implements Broker {

        private final KafkaRaftServer server;

        private final String bootstrapServers;

        private RaftServerBroker(KafkaRaftServer server, String bootstrapServers) {
            this.server = server;
            this.bootstrapServers = bootstrapServers;
        }

        static RaftServerBroker start(int port, Path logDir, int partitions, Map<String, String> extra) {
            int controllerPort = FreePorts.pick();
            while (controllerPort == port) {
                controllerPort = FreePorts.pick();
            }
            Properties props = new Properties();
            props.put("auto.create.topics.enable", "true");
            props.put("num.partitions", Integer.toString(partitions));
            props.put("offsets.topic.replication.factor", "1");
            props.put("transaction.state.log.replication.factor", "1");
            props.put("transaction.state.log.min.isr", "1");
            props.put("group.initial.rebalance.delay.ms", "0");
            props.put("delete.topic.enable", "true");
            // event topics are the replay source: keep them. The inbound calls and the dead-letter topics, which may
            // hold personal data in the clear, are created or bounded by the services that consume them
            // (propdesk.kafka.inbound-retention and dead-letter-retention, 7 days by default).
            props.put("log.retention.ms", "-1");
            // 128 MB by default; plenty for a one-machine broker at 2 MB (the Kafka test kit does the same)
            props.put("log.cleaner.dedupe.buffer.size", "2097152");
            // After a hard kill the restarted controller still holds the dead broker's registration and refuses the
            // new one until that session expires (9 s by default, about 15 s to ready). One node on one machine:
            // a shorter session makes that about 5 s.
            props.put("broker.heartbeat.interval.ms", "1000");
            props.put("broker.session.timeout.ms", "4000");
            props.putAll(extra);
            // these define the node and its storage: not overridable
            props.put("process.roles", "broker,controller");
            props.put("node.id", Integer.toString(NODE_ID));
            props.put("controller.quorum.voters", NODE_ID + "@127.0.0.1:" + controllerPort);
            props.put("listeners", "PLAINTEXT://127.0.0.1:" + port + ",CONTROLLER://127.0.0.1:" + controllerPort);
            props.put("advertised.listeners", "PLAINTEXT://127.0.0.1:" + port);
            props.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
            props.put("controller.listener.names", "CONTROLLER");
            props.put("inter.broker.listener.name", "PLAINTEXT");
            props.put("log.dirs", logDir.toString());
            props.put("metadata.log.dir", logDir.toString());

            try {
                Files.createDirectories(logDir);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot create the Kafka log directory " + logDir, e);
            }
            KafkaConfig config = KafkaConfig.fromProps(props, false);
            format(config, logDir);
            keepKafkaFromExitingTheJvm();
            KafkaRaftServer server = new KafkaRaftServer(config, Time.SYSTEM);
            try {
                server.startup();
            } catch (Throwable e) {
                try {
                    server.shutdown();
                    server.awaitShutdown();
                } catch (Throwable suppressed) {
                    e.addSuppressed(suppressed);
                }
                throw new IllegalStateException(
                        "could not start the Kafka broker on port " + port + " with data in " + logDir, e);
            }
            return new RaftServerBroker(server, "127.0.0.1:" + port);
        }

        /** {@code kafka-storage.sh format --ignore-formatted}: writes meta.properties and the bootstrap checkpoint once. */
        private static void format(KafkaConfig config, Path logDir) {
            Path metaFile = logDir.resolve("meta.properties");
            boolean formatted = Files.exists(metaFile);
            // the formatter checks an existing directory against the cluster id it is given: reuse the stored one
            String clusterId =
                    formatted ? storedClusterId(metaFile) : Uuid.randomUuid().toString();
            try (PrintStream out = new PrintStream(OutputStream.nullOutputStream(), true, StandardCharsets.UTF_8)) {
                new Formatter()
                        .setPrintStream(out)
                        .setNodeId(NODE_ID)
                        .setClusterId(clusterId)
                        .setControllerListenerName("CONTROLLER")
                        .setMetadataLogDirectory(logDir.toString())
                        .addDirectory(logDir.toString())
                        .setUnstableFeatureVersionsEnabled(config.unstableFeatureVersionsEnabled())
                        .setIgnoreFormatted(true)
                        .run();
            } catch (Exception e) {
                throw new IllegalStateException("could not format the Kafka log directory " + logDir, e);
            }
            if (!formatted) {
                log.info("Formatted a new Kafka log directory in {}", logDir);
            }
        }

        private static String storedClusterId(Path metaFile) {
            Properties meta = new Properties();
            try (Reader reader = Files.newBufferedReader(metaFile, StandardCharsets.UTF_8)) {
                meta.load(reader);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + metaFile, e);
            }
            String clusterId = meta.getProperty("cluster.id");
            if (clusterId == null || clusterId.isBlank()) {
                throw new IllegalStateException(metaFile + " has no cluster.id: not a Kafka log directory?");
            }
            return clusterId.trim();
        }

        @Override
        public String bootstrapServers() {
            return this.bootstrapServers;
        }

        @Override
        public void stop() {
            this.server.shutdown();
            this.server.awaitShutdown();
        }
    }

    /**
     * Kafka calls {@link Exit#exit}/{@link Exit#halt} on fatal faults, which would take every service in this JVM
     * down without a shutdown. Log instead, as spring-kafka-test's brokers do.
     */
    private static void keepKafkaFromExitingTheJvm() {
        Exit.setExitProcedure(
                (statusCode, message) -> log.error("Kafka asked to exit the JVM ({}): {}", statusCode, message));
        Exit.setHaltProcedure(
                (statusCode, message) -> log.error("Kafka asked to halt the JVM ({}): {}", statusCode, message));
    }
}
