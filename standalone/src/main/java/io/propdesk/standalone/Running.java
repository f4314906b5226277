package io.propdesk.standalone;

import io.propdesk.console.ConsoleApplication;
import io.propdesk.embedded.EmbeddedKafka;
import io.propdesk.embedded.EmbeddedMongo;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.Banner;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.logging.LoggingInitializationContext;
import org.springframework.boot.logging.LoggingSystem;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.StandardEnvironment;

/**
 * A started PropDesk: the Kafka broker, the MongoDB-wire server and the four service contexts. {@link #close()}
 * stops the services, then Kafka, then MongoDB.
 */
public final class Running implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(Running.class);

    private final Options options;

    private final Path dataDir;

    private final Map<String, Duration> startupTimes = Collections.synchronizedMap(new LinkedHashMap<>());

    private final Map<String, ConfigurableApplicationContext> contexts =
            Collections.synchronizedMap(new LinkedHashMap<>());

    private final Map<String, ServiceEndpoint> endpoints = Collections.synchronizedMap(new LinkedHashMap<>());

    /** Health is asked without credentials, as a load balancer or an orchestrator would. */
    private final ServiceClient client =
            new ServiceClient(name -> "console".equals(name) ? consoleUrl() : baseUrl(name)).anonymous();

    private volatile ConfigurableApplicationContext console;

    private volatile int consolePort = -1;

    private volatile EmbeddedKafka kafka;

    private volatile EmbeddedMongo mongo;

    private volatile boolean closeRequested;

    private volatile boolean closed;

    private volatile boolean started;

    Running(Options options) {
        this.options = options;
        this.dataDir = options.dataDir().toAbsolutePath().normalize();
    }

    /** Starts everything; on failure stops what had started and throws. */
    synchronized void boot() {
        long t0 = System.nanoTime();
        checkNotClosing();
        try {
            Files.createDirectories(this.dataDir);
        } catch (IOException e) {
            throw new StandaloneStartException("cannot create the data directory " + this.dataDir, e);
        }

        // MongoDB first: it opens in milliseconds and its file lock tells at once that another PropDesk
        // already uses this data directory.
        long t = System.nanoTime();
        this.mongo = step(
                "MongoDB",
                () -> EmbeddedMongo.builder()
                        .port(this.options.mongoPort())
                        .file(mongoFile())
                        .start());
        this.startupTimes.put("mongo", since(t));
        checkNotClosing();

        t = System.nanoTime();
        this.kafka = step(
                "Kafka", () -> kafkaBuilder().port(this.options.kafkaPort()).start());
        this.startupTimes.put("kafka", since(t));
        checkNotClosing();

        initializeLoggingOnce();
        startServices();
        t = System.nanoTime();
        startConsole();
        this.startupTimes.put("console", since(t));
        this.started = true;
        this.startupTimes.put("total", since(t0));
    }

    /**
     * Spring Boot (re)configures logback when a context starts, unless it already has. Four contexts starting in
     * parallel would race through that and attach the console appender twice (every line logged twice), so do
     * it once here, before they start.
     */
    private static void initializeLoggingOnce() {
        LoggingSystem loggingSystem = LoggingSystem.get(Running.class.getClassLoader());
        loggingSystem.beforeInitialize();
        loggingSystem.initialize(new LoggingInitializationContext(new StandardEnvironment()), null, null);
    }

    private void startServices() {
        ExecutorService pool = Executors.newFixedThreadPool(
                Math.min(this.options.startThreads(), ServiceSpec.ALL.size()), namedThreads("propdesk-start"));
        Map<ServiceSpec, Future<ConfigurableApplicationContext>> futures = new LinkedHashMap<>();
        try {
            for (ServiceSpec spec : ServiceSpec.ALL) {
                futures.put(spec, pool.submit(() -> startService(spec)));
            }
            List<Throwable> failures = new ArrayList<>();
            for (Map.Entry<ServiceSpec, Future<ConfigurableApplicationContext>> entry : futures.entrySet()) {
                try {
                    entry.getValue().get();
                } catch (ExecutionException e) {
                    failures.add(new StandaloneStartException(
                            entry.getKey().configName() + " failed to start: " + rootMessage(e.getCause()),
                            e.getCause()));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    failures.add(new StandaloneStartException("interrupted while starting the services", e));
                    break;
                }
            }
            if (!failures.isEmpty()) {
                StandaloneStartException failure = failures.get(0) instanceof StandaloneStartException s
                        ? s
                        : new StandaloneStartException("start failed", failures.get(0));
                failures.stream().skip(1).forEach(failure::addSuppressed);
                throw failure;
            }
        } finally {
            pool.shutdown();
        }
        checkNotClosing();
    }

    private ConfigurableApplicationContext startService(ServiceSpec spec) {
        checkNotClosing();
        long t = System.nanoTime();
        ConfigurableApplicationContext context = launch(spec, this.options.servicePort(spec.name()));
        this.contexts.put(spec.name(), context);
        Integer port = context.getEnvironment().getProperty("local.server.port", Integer.class);
        if (port == null) {
            throw new StandaloneStartException(spec.configName() + " started without a web server", null);
        }
        this.endpoints.put(spec.name(), new ServiceEndpoint(spec.name(), spec.configName(), port));
        this.startupTimes.put(spec.name(), since(t));
        return context;
    }

    /** One service context on {@code port} (0: a free one), wired to this system's Kafka and MongoDB. */
    private ConfigurableApplicationContext launch(ServiceSpec spec, int port) {
        List<String> args = new ArrayList<>();
        // command-line arguments outrank the services' own <name>.yml, environment variables included
        args.add("--server.port=" + port);
        args.add("--spring.kafka.bootstrap-servers=" + this.kafka.bootstrapServers());
        args.add("--spring.data.mongodb.uri=" + this.mongo.connectionString());
        // our shutdown hook stops everything in order; logging must outlive the services
        args.add("--logging.register-shutdown-hook=false");
        args.addAll(this.options.serviceArgs());
        ConfigurableApplicationContext context = new SpringApplicationBuilder(spec.application())
                .main(spec.application())
                // the embedded default authenticates the documented demo users (HTTP Basic); lowest precedence, so
                // --propdesk.security.mode=jwt or PROPDESK_SECURITY_MODE can turn it off
                .properties("spring.config.name=" + spec.configName(), "propdesk.security.mode=demo")
                .bannerMode(Banner.Mode.OFF)
                .registerShutdownHook(false)
                .initializers(this.options.contextInitializers().toArray(ApplicationContextInitializer[]::new))
                .run(args.toArray(String[]::new));
        return context;
    }

    /**
     * The front-desk console, once the four services answer on their ports: it reads and acts only through their REST
     * APIs, so it gets their base URLs, and Kafka's address for its live updates (never MongoDB). It is not given the services' context initializers.
     */
    private void startConsole() {
        checkNotClosing();
        List<String> args = new ArrayList<>();
        args.add("--server.port=" + this.options.consolePort());
        for (ServiceSpec spec : ServiceSpec.ALL) {
            args.add("--propdesk.console.services." + spec.name() + "=" + baseUrl(spec.name()));
        }
        // live updates: the console reads the services' topics itself (its own consumer group, from the latest)
        args.add("--propdesk.console.live.bootstrap-servers=" + this.kafka.bootstrapServers());
        args.add("--logging.register-shutdown-hook=false");
        args.addAll(this.options.serviceArgs());
        this.console = step(
                "console",
                () -> new SpringApplicationBuilder(ConsoleApplication.class)
                        .main(ConsoleApplication.class)
                        // demo mode like the services (its login form passes the demo users on); lowest precedence,
                        // so --propdesk.security.mode=jwt turns on the OpenID Connect login
                        .properties(
                                "spring.config.name=" + ConsoleApplication.CONFIG_NAME, "propdesk.security.mode=demo")
                        .bannerMode(Banner.Mode.OFF)
                        .registerShutdownHook(false)
                        .run(args.toArray(String[]::new)));
        Integer port = this.console.getEnvironment().getProperty("local.server.port", Integer.class);
        if (port == null) {
            throw new StandaloneStartException("the console started without a web server", null);
        }
        this.consolePort = port;
    }

    /** The console's base URL, e.g. {@code http://localhost:8080}. */
    public String consoleUrl() {
        if (this.console == null) {
            throw new IllegalStateException("the console is not running");
        }
        return "http://localhost:" + this.consolePort;
    }

    // ---- the parts one at a time: for programs that embed PropDesk (the system tests stop and start them) ----

    /**
     * Stops one service: its context is closed (relay and consumers stop, uncommitted Kafka records are delivered
     * again later); its data stays in MongoDB and its port is kept for {@link #startService}.
     */
    public synchronized void stopService(String name) {
        ServiceSpec spec = ServiceSpec.named(name);
        ConfigurableApplicationContext context = this.contexts.remove(spec.name());
        if (context == null) {
            throw new IllegalStateException(name + " is not running");
        }
        closeContext(context);
        log.info("{} stopped", spec.configName());
    }

    /** Starts a service stopped by {@link #stopService} again, on the same port and the same data. */
    public synchronized void startService(String name) {
        ServiceSpec spec = ServiceSpec.named(name);
        if (this.contexts.containsKey(spec.name())) {
            throw new IllegalStateException(name + " is still running");
        }
        ServiceEndpoint endpoint = this.endpoints.get(spec.name());
        this.contexts.put(spec.name(), launch(spec, endpoint.port()));
        log.info("{} started again on port {}", spec.configName(), endpoint.port());
    }

    /** Stops the Kafka broker; the services keep running and reconnect once {@link #startKafka} has run. */
    public synchronized void stopKafka() {
        this.kafka.close();
        log.info("Kafka stopped");
    }

    /** Starts the Kafka broker again on its port and log directory (topics, offsets and groups survive). */
    public synchronized void startKafka() {
        int port = this.kafka.port();
        this.kafka = kafkaBuilder().port(port).start();
        log.info("Kafka started again on port {}", port);
    }

    /**
     * One more instance of a service on a free port, in the same consumer groups and on the same database as the
     * first: what a scaled-out deployment runs. The caller closes it.
     */
    public ConfigurableApplicationContext startInstance(String name) {
        return launch(ServiceSpec.named(name), 0);
    }

    /** Stops the services (in parallel), then Kafka, then MongoDB. Idempotent; waits for a start in progress. */
    @Override
    public void close() {
        this.closeRequested = true;
        synchronized (this) {
            if (this.closed) {
                return;
            }
            long t0 = System.nanoTime();
            if (this.console != null) {
                // the console first: it only calls the services
                closeContext(this.console);
            }
            List<ConfigurableApplicationContext> running;
            synchronized (this.contexts) {
                running = new ArrayList<>(this.contexts.values());
            }
            if (!running.isEmpty()) {
                ExecutorService pool = Executors.newFixedThreadPool(running.size(), namedThreads("propdesk-stop"));
                List<Future<?>> stops = new ArrayList<>();
                for (ConfigurableApplicationContext context : running) {
                    stops.add(pool.submit(() -> closeContext(context)));
                }
                for (Future<?> stop : stops) {
                    try {
                        stop.get(60, TimeUnit.SECONDS);
                    } catch (Exception e) {
                        log.warn("A service did not stop cleanly", e);
                    }
                }
                pool.shutdownNow();
                log.info("Services stopped");
            }
            if (this.kafka != null) {
                try {
                    this.kafka.close();
                } catch (RuntimeException e) {
                    log.warn("Kafka did not stop cleanly", e);
                }
            }
            if (this.mongo != null) {
                try {
                    this.mongo.close();
                } catch (RuntimeException e) {
                    log.warn("MongoDB did not stop cleanly", e);
                }
            }
            this.closed = true;
            log.info("PropDesk stopped in {} ms", TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0));
        }
    }

    private static void closeContext(ConfigurableApplicationContext context) {
        try {
            context.close();
        } catch (RuntimeException e) {
            log.warn("Closing {} failed", context.getId(), e);
        }
    }

    /** True once started and until closed. */
    public boolean isRunning() {
        return this.started && !this.closed;
    }

    /** True once {@link #close()} has finished. */
    public boolean isClosed() {
        return this.closed;
    }

    public String kafkaBootstrapServers() {
        return this.kafka.bootstrapServers();
    }

    public int kafkaPort() {
        return this.kafka.port();
    }

    public String mongoUri() {
        return this.mongo.connectionString();
    }

    public int mongoPort() {
        return this.mongo.port();
    }

    /** The absolute data directory. */
    public Path dataDir() {
        return this.dataDir;
    }

    /** The broker on the data directory, with the options' broker settings (on every start and restart). */
    private EmbeddedKafka.Builder kafkaBuilder() {
        EmbeddedKafka.Builder builder = EmbeddedKafka.builder().logDir(kafkaDir());
        this.options.kafkaProperties().forEach(builder::brokerProperty);
        return builder;
    }

    /** Kafka's log directory under the data directory. */
    public Path kafkaDir() {
        return this.dataDir.resolve("kafka");
    }

    /** The MongoDB store file under the data directory. */
    public Path mongoFile() {
        return this.dataDir.resolve("mongo").resolve("propdesk.mv");
    }

    /** The four services, in the order ticket, dispatch, callback, billing. */
    public List<ServiceEndpoint> services() {
        List<ServiceEndpoint> list = new ArrayList<>();
        for (ServiceSpec spec : ServiceSpec.ALL) {
            ServiceEndpoint endpoint = this.endpoints.get(spec.name());
            if (endpoint != null) {
                list.add(endpoint);
            }
        }
        return list;
    }

    /** One service by name ({@code ticket}, {@code dispatch}, {@code callback}, {@code billing}). */
    public ServiceEndpoint service(String name) {
        ServiceEndpoint endpoint = this.endpoints.get(ServiceSpec.named(name).name());
        if (endpoint == null) {
            throw new IllegalStateException(name + " is not running");
        }
        return endpoint;
    }

    /** Base URL of one service, e.g. {@code http://localhost:8081}. */
    public String baseUrl(String name) {
        return service(name).baseUrl();
    }

    /** Application context of one service (for tests). */
    public ConfigurableApplicationContext context(String name) {
        ConfigurableApplicationContext context =
                this.contexts.get(ServiceSpec.named(name).name());
        if (context == null) {
            throw new IllegalStateException(name + " is not running");
        }
        return context;
    }

    /** Wall time of each part (mongo, kafka, ticket, dispatch, callback, billing) and the total. */
    public Map<String, Duration> startupTimes() {
        synchronized (this.startupTimes) {
            return Map.copyOf(this.startupTimes);
        }
    }

    /** {@code /actuator/health} status of each service and of the console now: UP, DOWN, ..., or "unreachable". */
    public Map<String, String> health() {
        Map<String, String> health = new LinkedHashMap<>();
        for (ServiceEndpoint endpoint : services()) {
            health.put(endpoint.name(), healthOf(endpoint));
        }
        if (this.console != null) {
            health.put(
                    "console",
                    healthOf(new ServiceEndpoint("console", ConsoleApplication.CONFIG_NAME, this.consolePort)));
        }
        return health;
    }

    /** Polls the health of every service and of the console until all are UP; false if the timeout passes first. */
    public boolean awaitHealthy(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            if (services().size() == ServiceSpec.ALL.size()
                    && this.console != null
                    && health().values().stream().allMatch("UP"::equals)) {
                return true;
            }
            if (System.nanoTime() > deadline || this.closeRequested) {
                return false;
            }
            try {
                Thread.sleep(250);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
    }

    private String healthOf(ServiceEndpoint endpoint) {
        ServiceClient.Reply reply = this.client.get(endpoint.name(), "/actuator/health");
        if (reply.status() == 0) {
            return "unreachable";
        }
        String status = reply.text("status");
        return status != null ? status : "HTTP " + reply.status();
    }

    /** The table of where everything is. */
    public String describe() {
        Map<String, String> health = health();
        StringBuilder out = new StringBuilder();
        Duration total = this.startupTimes.get("total");
        out.append('\n')
                .append("PropDesk is running")
                .append(total != null ? String.format(" (started in %.1f s)", total.toMillis() / 1000.0) : "")
                .append('\n');
        out.append(
                String.format("  %-16s %-36s %s%n", "Kafka bootstrap", kafkaBootstrapServers(), "data " + kafkaDir()));
        out.append(String.format("  %-16s %-36s %s%n", "MongoDB URI", mongoUri(), "data " + mongoFile()));
        out.append('\n');
        out.append(String.format(
                "  %-9s %-23s %-41s %-44s %s%n", "service", "base URL", "Swagger UI", "health", "status"));
        for (ServiceEndpoint endpoint : services()) {
            out.append(String.format(
                    "  %-9s %-23s %-41s %-44s %s%n",
                    endpoint.name(),
                    endpoint.baseUrl(),
                    endpoint.swaggerUiUrl(),
                    endpoint.healthUrl(),
                    health.getOrDefault(endpoint.name(), "?")));
        }
        if (this.console != null) {
            out.append(String.format(
                    "%n  %-9s %-23s %-41s %-44s %s%n",
                    "console",
                    consoleUrl(),
                    "(sign in as a demo user, e.g. desk)",
                    consoleUrl() + "/actuator/health",
                    health.getOrDefault("console", "?")));
        }
        return out.toString();
    }

    private void checkNotClosing() {
        if (this.closeRequested) {
            throw new StandaloneStartException("stopped while starting", null);
        }
    }

    private static <T> T step(String what, java.util.function.Supplier<T> start) {
        try {
            return start.get();
        } catch (RuntimeException e) {
            throw new StandaloneStartException(what + " failed to start: " + rootMessage(e), e);
        }
    }

    static String rootMessage(Throwable e) {
        StringBuilder message = new StringBuilder(String.valueOf(e.getMessage()));
        Throwable cause = e.getCause();
        Throwable last = e;
        while (cause != null && cause != last) {
            if (cause.getMessage() != null && !message.toString().contains(cause.getMessage())) {
                message.append(": ").append(cause.getMessage());
            }
            last = cause;
            cause = cause.getCause();
        }
        return message.toString();
    }

    private static Duration since(long nanoTime) {
        return Duration.ofNanos(System.nanoTime() - nanoTime);
    }

    private static ThreadFactory namedThreads(String prefix) {
        AtomicInteger n = new AtomicInteger();
        return runnable -> {
            Thread thread = new Thread(runnable, prefix + "-" + n.incrementAndGet());
            thread.setDaemon(false);
            return thread;
        };
    }
}
