package io.propdesk.systemtests.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Properties;
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

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;

import io.propdesk.contracts.Topics;
import io.propdesk.standalone.Options;
import io.propdesk.standalone.PropDeskStandalone;
import io.propdesk.standalone.Running;
import io.propdesk.contracts.access.Role;
import io.propdesk.platform.security.DemoUsers;

/**
 * The intake benchmark of the foundation (issue 2, item 10), on the durable embedded default: real HTTP, the real
 * Kafka broker, the MongoDB-wire server with its H2 file store committed per write.
 * <ol>
 *   <li>{@code POST /api/tickets} latency, one client in sequence, with 10,000 and then 1,000,000 events stored;</li>
 *   <li>relay lag, an event's timestamp to its arrival at a plain Kafka consumer, at a steady 50 tickets/s;</li>
 *   <li>store writes one {@code POST /api/tickets} costs, from the MongoDB driver's own command metrics.</li>
 * </ol>
 * Run: {@code java -cp standalone/target/standalone-0.1.0-SNAPSHOT.jar -Dloader.main=io.propdesk.systemtests.bench.IntakeBenchmark
 * org.springframework.boot.loader.launch.PropertiesLauncher [requests] [bigStore] [lagSeconds]}; see docs/benchmarks.md.
 */
public final class IntakeBenchmark {

    private static final String ESTATE = "bench-estate";
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private final Running system;
    private final String ticketUrl;
    private final AtomicInteger callNo = new AtomicInteger();

    private IntakeBenchmark(Running system) {
        this.system = system;
        this.ticketUrl = system.baseUrl("ticket");
    }

    public static void main(String[] args) throws Exception {
        int requests = args.length > 0 ? Integer.parseInt(args[0]) : 2_000;
        long bigStore = args.length > 1 ? Long.parseLong(args[1]) : 1_000_000;
        int lagSeconds = args.length > 2 ? Integer.parseInt(args[2]) : 60;
        Path dataDir = Files.createTempDirectory("propdesk-bench");
        try (Running system = PropDeskStandalone.start(Options.randomPorts(dataDir))) {
            IntakeBenchmark bench = new IntakeBenchmark(system);
            System.out.println(bench.run(requests, bigStore, lagSeconds));
            System.out.printf("MongoDB file store after the run: %,d bytes%n", Files.size(system.mongoFile()));
        } finally {
            try (var files = Files.walk(dataDir)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
            }
        }
        System.exit(0);
    }

    private String run(int requests, long bigStore, int lagSeconds) throws Exception {
        configureEstate();
        StringBuilder report = new StringBuilder();
        try (MongoClient mongo = MongoClients.create(system.mongoUri())) {
            MongoCollection<Document> events = mongo.getDatabase("propdesk_ticket").getCollection("events");
            openTickets(300); // warm-up: JIT, connection pools, Kafka metadata

            Map<String, Double> writes = writesPerPost(200);
            report.append("## Store writes per POST /api/tickets\n\n| collection | command | writes per POST |\n|---|---|---|\n");
            writes.forEach((key, perPost) -> report.append("| ").append(key.replace("/", " | ")).append(" | ")
                    .append(String.format("%.2f", perPost)).append(" |\n"));
            report.append(String.format("| **all** | | **%.2f** |%n%n",
                    writes.values().stream().mapToDouble(Double::doubleValue).sum()));

            String payload = "{\"ticketId\":\"T-prefill\",\"reason\":\"prefill\",\"closedAt\":\"2026-11-01T00:00:00Z\"}";
            long stored = StorePrefill.countEvents(events);
            stored = StorePrefill.fillTo(events, stored, 10_000, payload);
            Stats small = latencies(requests);
            long prefillStart = System.nanoTime();
            stored = StorePrefill.fillTo(events, StorePrefill.countEvents(events), bigStore, payload);
            double prefillSeconds = (System.nanoTime() - prefillStart) / 1e9;
            Stats big = latencies(requests);
            report.append("## POST /api/tickets latency, one client, ").append(requests).append(" requests each\n\n")
                    .append("| events stored | p50 ms | p99 ms | max ms |\n|---|---|---|---|\n")
                    .append(small.row("10,000")).append(big.row(String.format("%,d", stored)))
                    .append(String.format("%n1M / 10k ratio: p50 %.2f, p99 %.2f (goal: at most 1.5). Prefill of the large store: %.0f s.%n%n",
                            big.p50() / small.p50(), big.p99() / small.p99(), prefillSeconds));

            Stats lag = relayLag(50, lagSeconds);
            report.append("## Relay lag at 50 tickets/s for ").append(lagSeconds).append(" s\n\n")
                    .append("TicketOpened's timestamp (set when the command applies it, just before the commit) to its")
                    .append(" arrival at a plain Kafka consumer.\n\n| tickets | p50 ms | p99 ms | max ms |\n|---|---|---|---|\n")
                    .append(lag.row(String.valueOf(lag.count())));
        }
        return report.toString();
    }

    private void configureEstate() throws Exception {
        List<String> units = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            units.add("\"u-" + i + "\"");
        }
        String body = """
                {"name":"Benchmark Estate","timeZone":"Asia/Shanghai","paidReturnHours":2,
                 "holidays":["%s"],"areas":[{"areaId":"a1","name":"Area 1"}],
                 "buildings":[{"buildingId":"b1","areaId":"a1","name":"B1","stewardId":"steward-1","units":[%s]}]}"""
                .formatted(LocalDate.now().plusYears(1), String.join(",", units));
        HttpResponse<String> put = HTTP.send(HttpRequest.newBuilder(URI.create(ticketUrl + "/api/estates/" + ESTATE))
                .header("Authorization", DemoUsers.basic(Role.ADMIN))
                .header("Content-Type", "application/json").PUT(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
        if (put.statusCode() != 200) {
            throw new IllegalStateException("estate not configured: " + put.statusCode() + " " + put.body());
        }
    }

    /** Opens one ticket and returns its latency in milliseconds. */
    private double openTicket() throws IOException, InterruptedException {
        int n = callNo.incrementAndGet();
        String body = """
                {"callId":"bench-%s-%d","estateId":"%s","unitId":"u-%d","kind":"REPAIR","paid":false,
                 "description":"Benchmark repair","callerName":"Bench","callerPhone":"13800000000","acceptor":"desk-1"}"""
                .formatted(RUN, n, ESTATE, n % 200);
        long start = System.nanoTime();
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(ticketUrl + "/api/tickets"))
                .header("Authorization", DemoUsers.basic(Role.FRONT_DESK))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
        double ms = (System.nanoTime() - start) / 1e6;
        if (response.statusCode() != 201) {
            throw new IllegalStateException("POST /api/tickets answered " + response.statusCode() + ": " + response.body());
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

    private static final Pattern MONGO_COMMAND = Pattern.compile(
            "mongodb_driver_commands_seconds_count\\{([^}]*)\\} ([0-9.E]+)");

    /** Writes by collection and command on the ticket-service's database, from its own driver metrics. */
    private Map<String, Double> mongoWrites() throws Exception {
        String scrape = HTTP.send(HttpRequest.newBuilder(URI.create(ticketUrl + "/actuator/prometheus"))
                .header("Authorization", DemoUsers.basic(Role.ADMIN)).GET().build(),
                HttpResponse.BodyHandlers.ofString()).body();
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
     * Store writes per POST, including the deferred ones (the relay clears each outbox entry after its grace
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
            load.scheduleAtFixedRate(() -> {
                if (sent.incrementAndGet() <= total) {
                    try {
                        openTicket();
                    } catch (Exception e) {
                        System.err.println("load: " + e);
                    }
                }
            }, 0, 1_000_000 / perSecond, TimeUnit.MICROSECONDS);
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds + 30);
            while (lags.size() < total && System.nanoTime() < deadline) {
                for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofMillis(50))) {
                    Instant received = Instant.now();
                    String type = new String(r.headers().lastHeader("ce_type").value(), StandardCharsets.UTF_8);
                    if (type.endsWith("TicketOpened.v1") && opened.putIfAbsent(r.key(), true) == null) {
                        Instant stamped = Instant.parse(new String(r.headers().lastHeader("ce_time").value(),
                                StandardCharsets.UTF_8));
                        lags.add(Duration.between(stamped, received).toNanos() / 1e6);
                    }
                }
            }
            load.shutdownNow();
        }
        return Stats.of(lags);
    }
}
