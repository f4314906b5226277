package io.propdesk.standalone;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * What {@link PropDeskStandalone} starts, and where. Fluent and mutable; {@link #parse(String...)} reads the
 * command line. A port of 0 means "any free port".
 */
public final class Options {

    public static final int DEFAULT_KAFKA_PORT = 9092;

    public static final int DEFAULT_MONGO_PORT = 27017;

    public static final Path DEFAULT_DATA_DIR = Path.of("data");

    public static final int DEFAULT_CONSOLE_PORT = 8080;

    static final String USAGE = """
            Usage: java -jar standalone.jar [options] [--spring.property=value ...]

              --data-dir=DIR        where Kafka and MongoDB keep their files (default ./data)
              --kafka-port=PORT     Kafka bootstrap port (default 9092)
              --mongo-port=PORT     MongoDB port (default 27017)
              --ticket-port=PORT    ticket-service HTTP port (default 8081)
              --dispatch-port=PORT  dispatch-service HTTP port (default 8082)
              --callback-port=PORT  callback-service HTTP port (default 8083)
              --billing-port=PORT   billing-service HTTP port (default 8084)
              --console-port=PORT   the front-desk console's HTTP port (default 8080)
              --demo                after start, load a demo estate and three tickets over HTTP
              --start-threads=N     services started in parallel (default 2)
              --help                print this and exit
              --spring.x.y=value    any other --key=value is passed to all four services and the console

            A port of 0 picks a free port. Values may also follow as the next argument (--kafka-port 19092).
            """;

    private int kafkaPort = DEFAULT_KAFKA_PORT;

    private int mongoPort = DEFAULT_MONGO_PORT;

    private Path dataDir = DEFAULT_DATA_DIR;

    private final Map<String, Integer> servicePorts = new LinkedHashMap<>();

    private int consolePort = DEFAULT_CONSOLE_PORT;

    private boolean demo;

    private boolean help;

    private int startThreads = 2;

    private Duration healthTimeout = Duration.ofSeconds(90);

    private final List<String> serviceArgs = new ArrayList<>();

    private final Map<String, String> kafkaProperties = new LinkedHashMap<>();

    private final List<ApplicationContextInitializer<ConfigurableApplicationContext>> contextInitializers =
            new ArrayList<>();

    public Options() {
        for (ServiceSpec spec : ServiceSpec.ALL) {
            this.servicePorts.put(spec.name(), spec.defaultPort());
        }
    }

    /** The defaults: Kafka 9092, MongoDB 27017, ./data, services 8081-8084. */
    public static Options defaults() {
        return new Options();
    }

    /** Every port 0 (free ports), data in {@code dataDir}: for tests. */
    public static Options randomPorts(Path dataDir) {
        Options options = new Options().kafkaPort(0).mongoPort(0).consolePort(0).dataDir(dataDir);
        for (ServiceSpec spec : ServiceSpec.ALL) {
            options.servicePort(spec.name(), 0);
        }
        return options;
    }

    /** The options that take a value, also as the next argument ({@code --kafka-port 19092}). */
    private static final Set<String> VALUED = Set.of(
            "data-dir",
            "kafka-port",
            "mongo-port",
            "ticket-port",
            "dispatch-port",
            "callback-port",
            "billing-port",
            "console-port",
            "start-threads");

    /** Reads the command line; throws {@link IllegalArgumentException} with a message fit for the user. */
    public static Options parse(String... args) {
        Options options = new Options();
        CommandLine commandLine = CommandLine.parse(args, VALUED);
        for (CommandLine.Arg arg : commandLine.args()) {
            String key = arg.name();
            switch (key) {
                case "help", "h" -> options.help = true;
                case "demo" -> options.demo = commandLine.flag(key);
                default -> {
                    if (VALUED.contains(key)) {
                        options.set(key, commandLine.value(key));
                    } else if (arg.value() == null) {
                        throw new IllegalArgumentException("unknown option '--" + key + "'");
                    } else {
                        // --spring.profiles.active=x, --logging.level.io.propdesk=DEBUG, ...
                        options.serviceArg("--" + key + "=" + arg.value());
                    }
                }
            }
        }
        return options;
    }

    private void set(String key, String value) {
        switch (key) {
            case "data-dir" -> dataDir(Path.of(value));
            case "kafka-port" -> kafkaPort(port(key, value));
            case "mongo-port" -> mongoPort(port(key, value));
            case "start-threads" -> startThreads(CommandLine.number(key, value, Integer::parseInt));
            case "console-port" -> consolePort(port(key, value));
            default -> servicePort(key.substring(0, key.length() - "-port".length()), port(key, value));
        }
    }

    private static int port(String key, String value) {
        int port = CommandLine.number(key, value, Integer::parseInt);
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("--" + key + " must be a port between 0 and 65535, not " + port);
        }
        return port;
    }

    public Options kafkaPort(int port) {
        this.kafkaPort = checkPort(port);
        return this;
    }

    public Options mongoPort(int port) {
        this.mongoPort = checkPort(port);
        return this;
    }

    public Options dataDir(Path dataDir) {
        this.dataDir = Objects.requireNonNull(dataDir);
        return this;
    }

    /** HTTP port of one service: {@code ticket}, {@code dispatch}, {@code callback} or {@code billing}. */
    public Options servicePort(String service, int port) {
        ServiceSpec.named(service);
        this.servicePorts.put(service, checkPort(port));
        return this;
    }

    /** The front-desk console's HTTP port. */
    public Options consolePort(int port) {
        this.consolePort = checkPort(port);
        return this;
    }

    public Options demo(boolean demo) {
        this.demo = demo;
        return this;
    }

    /** How many services start at the same time (1 = one after another). */
    public Options startThreads(int threads) {
        if (threads < 1) {
            throw new IllegalArgumentException("start threads must be at least 1");
        }
        this.startThreads = threads;
        return this;
    }

    /** How long {@code main} waits for every service's health to be UP before it reports the state it found. */
    public Options healthTimeout(Duration timeout) {
        this.healthTimeout = Objects.requireNonNull(timeout);
        return this;
    }

    /** An extra {@code --key=value} argument for all four services (highest precedence). */
    public Options serviceArg(String arg) {
        if (!arg.startsWith("--") || arg.indexOf('=') < 3) {
            throw new IllegalArgumentException("service arguments look like --key=value, not '" + arg + "'");
        }
        this.serviceArgs.add(arg);
        return this;
    }

    /** A setting of the embedded Kafka broker beyond its defaults (for example {@code log.segment.bytes}). */
    public Options kafkaProperty(String key, String value) {
        this.kafkaProperties.put(Objects.requireNonNull(key), Objects.requireNonNull(value));
        return this;
    }

    /**
     * Code run on each service context before it refreshes, e.g. to register a bean; from code only, never from the
     * command line. The system tests register a crashing fault hook this way in a child JVM.
     */
    public Options contextInitializer(ApplicationContextInitializer<ConfigurableApplicationContext> initializer) {
        this.contextInitializers.add(Objects.requireNonNull(initializer));
        return this;
    }

    public List<ApplicationContextInitializer<ConfigurableApplicationContext>> contextInitializers() {
        return Collections.unmodifiableList(this.contextInitializers);
    }

    public Map<String, String> kafkaProperties() {
        return Collections.unmodifiableMap(this.kafkaProperties);
    }

    public int kafkaPort() {
        return this.kafkaPort;
    }

    public int mongoPort() {
        return this.mongoPort;
    }

    public Path dataDir() {
        return this.dataDir;
    }

    public int servicePort(String service) {
        ServiceSpec.named(service);
        return this.servicePorts.get(service);
    }

    public int consolePort() {
        return this.consolePort;
    }

    public boolean demo() {
        return this.demo;
    }

    public boolean help() {
        return this.help;
    }

    public int startThreads() {
        return this.startThreads;
    }

    public Duration healthTimeout() {
        return this.healthTimeout;
    }

    public List<String> serviceArgs() {
        return Collections.unmodifiableList(this.serviceArgs);
    }

    private static int checkPort(int port) {
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port out of range: " + port);
        }
        return port;
    }

    @Override
    public String toString() {
        return "Options[kafkaPort=" + this.kafkaPort + ", mongoPort=" + this.mongoPort + ", dataDir=" + this.dataDir
                + ", servicePorts=" + this.servicePorts + ", consolePort=" + this.consolePort + ", demo=" + this.demo
                + ", startThreads="
                + this.startThreads + ", serviceArgs=" + this.serviceArgs + "]";
    }
}
