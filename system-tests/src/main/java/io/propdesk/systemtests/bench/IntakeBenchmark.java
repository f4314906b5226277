package io.propdesk.systemtests.bench;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import io.propdesk.contracts.Topics;
import io.propdesk.standalone.CommandLine;
import io.propdesk.standalone.Options;
import io.propdesk.standalone.PropDeskStandalone;
import io.propdesk.standalone.Running;
import io.propdesk.standalone.ServiceClient;
import io.propdesk.standalone.ServiceClient.Reply;
import io.propdesk.systemtests.scenario.Scenario;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.bson.Document;

/**
 * The intake benchmark of the foundation (docs/benchmarks.md), on the durable embedded default: real HTTP, the real
 * Kafka broker, the MongoDB-wire server with its H2 file store committed per write.
 * <ol>
 *   <li>{@code POST /api/tickets} latency, one client in sequence, with 10,000 and then 1,000,000 events stored;</li>
 *   <li>relay lag, an event's timestamp to its arrival at a plain Kafka consumer, at a steady 50 tickets/s;</li>
 *   <li>store writes one {@code POST /api/tickets} costs, from the MongoDB driver's own command metrics.</li>
 * </ol>
 * Run from the repository root, after {@code ./mvnw -q package -DskipTests}: {@code java -cp
 * "system-tests/target/classes:$(cat system-tests/target/classpath.txt)" io.propdesk.systemtests.bench.IntakeBenchmark
 * [--requests=2000] [--big-store=1000000] [--lag-seconds=60]}; see docs/benchmarks.md.
 */
public final class IntakeBenchmark {

    private static final String ESTATE = "bench-estate";

    private final Running system;
    private final Scenario scenario;
    private final AtomicInteger callNo = new AtomicInteger();

    private IntakeBenchmark(Running system) {
        this.system = system;
        this.scenario = new Scenario(
                ServiceClient.of(system), new Scenario.Cast(ESTATE, "a1", "steward-1", "desk-1", "billing-1"));
    }

    public static void main(String[] argv) throws Exception {
        int requests;
        long bigStore;
        int lagSeconds;
        try {
            Set<String> options = Set.of("requests", "big-store", "lag-seconds");
            CommandLine args = CommandLine.parse(argv, options).only(options);
            requests = args.number("requests", 2_000);
            bigStore = args.longNumber("big-store", 1_000_000);
            lagSeconds = args.number("lag-seconds", 60);
        } catch (IllegalArgumentException e) {
            System.err.println(
                    "intake-bench: " + e.getMessage() + "; options: --requests=N, --big-store=EVENTS, --lag-seconds=N");
            System.exit(2);
            return;
        }
        Path dataDir = Files.createTempDirectory("propdesk-bench");
        try (Running system = PropDeskStandalone.start(Options.randomPorts(dataDir))) {
            IntakeBenchmark bench = new IntakeBenchmark(system);
            System.out.println(bench.run(requests, bigStore, lagSeconds));
            System.out.printf("MongoDB file store after the run: %,d bytes%n", Files.size(system.mongoFile()));
        } finally {
            try (var files = Files.walk(dataDir)) {
                files.sorted(java.util.Comparator.reverseOrder())
                        .forEach(f -> f.toFile().delete());
            }
        }
        System.exit(0);
    }

    private String run(int requests, long bigStore, int lagSeconds) throws Exception {
        configureEstate();
        StringBuilder report = new StringBuilder();
        try (MongoClient mongo = MongoClients.create(system.mongoUri())) {
            MongoCollection<Document> events =
                    mongo.getDatabase("propdesk_ticket").getCollection("events");
            openTickets(300); // warm-up: JIT, connection pools, Kafka metadata

            Map<String, Double> writes = writesPerPost(200);
            report.append(
                    "## Store writes per POST /api/tickets\n\n| collection | command | writes per POST |\n|---|---|---|\n");
            writes.forEach((key, perPost) -> report.append("| ")
                    .append(key.replace("/", " | "))
                    .append(" | ")
                    .append(String.format("%.2f", perPost))
                    .append(" |\n"));
            report.append(String.format(
                    "| **all** | | **%.2f** |%n%n",
                    writes.values().stream().mapToDouble(Double::doubleValue).sum()));

            String payload =
                    "{\"ticketId\":\"T-prefill\",\"reason\":\"prefill\",\"closedAt\":\"2026-11-01T00:00:00Z\"}";
            long stored = StorePrefill.countEvents(events);
            stored = StorePrefill.fillTo(events, stored, 10_000, payload);
            Stats small = latencies(requests);
            long prefillStart = System.nanoTime();
            stored = StorePrefill.fillTo(events, StorePrefill.countEvents(events), bigStore, payload);
            double prefillSeconds = (System.nanoTime() - prefillStart) / 1e9;
            Stats big = latencies(requests);
            report.append("## POST /api/tickets latency, one client, ")
                    .append(requests)
                    .append(" requests each\n\n")
                    .append("| events stored | p50 ms | p99 ms | max ms |\n|---|---|---|---|\n")
                    .append(small.row("10,000"))
                    .append(big.row(String.format("%,d", stored)))
                    .append(String.format(
                            "%n1M / 10k ratio: p50 %.2f, p99 %.2f. Prefill of the large store: %.0f s.%n%n",
                            big.p50() / small.p50(), big.p99() / small.p99(), prefillSeconds));

            Stats lag = relayLag(50, lagSeconds);
            report.append("## Relay lag at 50 tickets/s for ")
                    .append(lagSeconds)
                    .append(" s\n\n")
                    .append("TicketOpened's timestamp (set when the command applies it, just before the commit) to its")
                    .append(
                            " arrival at a plain Kafka consumer.\n\n| tickets | p50 ms | p99 ms | max ms |\n|---|---|---|---|\n")
                    .append(lag.row(String.valueOf(lag.count())));
        }
        return report.toString();
    }

    private void configureEstate() {
        List<String> units = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            units.add("u-" + i);
        }
        Reply put = scenario.putEstate(ESTATE, "Benchmark Estate", "b1", units);
        if (put.status() != 200) {
            throw new IllegalStateException("estate not configured: " + put.status() + " " + put.raw());
        }
    }

    /** Opens one ticket and returns its latency in milliseconds. */
    private double openTicket() {
        int n = callNo.incrementAndGet();
        long start = System.nanoTime();
        Reply opened = scenario.openTicket("bench-" + RUN + "-" + n, "u-" + n % 200, "REPAIR", "\"paid\":false");
        double ms = (System.nanoTime() - start) / 1e6;
        if (opened.status() != 201) {
            throw new IllegalStateException("POST /api/tickets answered " + opened.status() + ": " + opened.raw());
        }
        return ms;
    }

    private static final String RUN = UUID.randomUUID().toString().substring(0, 8);

    private void openTickets(int count) throws Exception {
        for (int i = 0; i < count; i++) {
            openTicket();
        }
    }

    private Stats latencies(int count) throws Exception {
        List<Double> samples = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            samples.add(openTicket());
        }
        return Stats.of(samples);
    }

    private static final Pattern MONGO_COMMAND =
            Pattern.compile("mongodb_driver_commands_seconds_count\\{([^}]*)\\} ([0-9.E]+)");

    /** Writes by collection and command on the ticket-service's database, from its own driver metrics. */
    private Map<String, Double> mongoWrites() throws Exception {
        String scrape = scenario.api().get("ticket", "/actuator/prometheus").raw();
        Map<String, Double> writes = new TreeMap<>();
        Matcher m = MONGO_COMMAND.matcher(scrape);
        while (m.find()) {
            String labels = m.group(1);
            String command = label(labels, "command");
            if (List.of("insert", "update", "delete", "findAndModify").contains(command)) {
                writes.merge(label(labels, "collection") + "/" + command, Double.parseDouble(m.group(2)), Double::sum);
            }
        }
        return writes;
    }

    private static String label(String labels, String name) {
        Matcher m = Pattern.compile(name + "=\"([^\"]*)\"").matcher(labels);
        return m.find() ? m.group(1) : "?";
    }

    /**
     * Store writes per POST, including the deferred ones (the relay clears each announcement after its grace
     * period; the ticket-list projection writes its row and its dedupe marker), so it waits until they are done.
     */
    private Map<String, Double> writesPerPost(int count) throws Exception {
        Thread.sleep(25_000);
        Map<String, Double> before = mongoWrites();
        openTickets(count);
        Thread.sleep(25_000);
        Map<String, Double> after = mongoWrites();
        Map<String, Double> perPost = new TreeMap<>();
        after.forEach((key, value) -> {
            double delta = value - before.getOrDefault(key, 0.0);
            if (delta > 0) {
                perPost.put(key, delta / count);
            }
        });
        perPost.remove("relay_lease/findAndModify"); // lease renewal: by time, not by ticket
        return perPost;
    }

    private Stats relayLag(int perSecond, int seconds) throws Exception {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, system.kafkaBootstrapServers());
        p.put(ConsumerConfig.GROUP_ID_CONFIG, "bench-lag-" + RUN);
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "latest");
        p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        List<Double> lags = Collections.synchronizedList(new ArrayList<>());
        Map<String, Boolean> opened = new ConcurrentHashMap<>();
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(p)) {
            consumer.subscribe(List.of(Topics.TICKET_EVENTS));
            while (consumer.assignment().isEmpty()) {
                consumer.poll(Duration.ofMillis(100));
            }
            consumer.seekToEnd(consumer.assignment());
            consumer.assignment().forEach(consumer::position);
            ScheduledExecutorService load = Executors.newScheduledThreadPool(2);
            int total = perSecond * seconds;
            AtomicInteger sent = new AtomicInteger();
            load.scheduleAtFixedRate(
                    () -> {
                        if (sent.incrementAndGet() <= total) {
                            try {
                                openTicket();
                            } catch (Exception e) {
                                System.err.println("load: " + e);
                            }
                        }
                    },
                    0,
                    1_000_000 / perSecond,
                    TimeUnit.MICROSECONDS);
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds + 30);
            while (lags.size() < total && System.nanoTime() < deadline) {
                for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofMillis(50))) {
                    Instant received = Instant.now();
                    String type = new String(r.headers().lastHeader("ce_type").value(), StandardCharsets.UTF_8);
                    if (type.endsWith("TicketOpened.v1") && opened.putIfAbsent(r.key(), true) == null) {
                        Instant stamped = Instant.parse(
                                new String(r.headers().lastHeader("ce_time").value(), StandardCharsets.UTF_8));
                        lags.add(Duration.between(stamped, received).toNanos() / 1e6);
                    }
                }
            }
            load.shutdownNow();
        }
        return Stats.of(lags);
    }
}
