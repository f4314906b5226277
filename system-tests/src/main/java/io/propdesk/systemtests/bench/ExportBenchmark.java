package io.propdesk.systemtests.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import io.propdesk.callback.CallbackServiceApplication;
import io.propdesk.embedded.EmbeddedKafka;
import io.propdesk.embedded.EmbeddedMongo;
import io.propdesk.platform.security.DemoUsers;
import io.propdesk.standalone.CommandLine;
import io.propdesk.standalone.ServiceClient;
import java.io.IOException;
import java.io.InputStream;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.bson.Document;

/**
 * The SLA export benchmark (issue 18 item 5, docs/benchmarks.md): {@code GET /api/sla/obligations.csv} streams
 * 1,000,000 rows from a callback-service running in its own JVM with a small heap ({@code -Xmx256m} by default), and
 * the service's heap is watched throughout.
 *
 * <p>The database and the broker run in this process (the MongoDB-wire server in memory and a real Kafka broker), so
 * the measured heap is the service's alone. The outcomes are not produced through the ledger (that would take hours
 * here): {@code obligation_outcomes} is prefilled directly with documents in the shape {@code ObligationOutcomes}
 * writes (met and breached outcomes of R4, R5, R8, C4 spread over 2026, at estates whose ids hold Chinese text), before
 * the service starts. The service's own start-up then reads them once for its gauges.
 *
 * <p>Heap: sampled from the service's {@code jvm.memory.used{area=heap}} every 200 ms during the download, and read
 * from its GC log (heap before and after each collection). Run from the repository root, after {@code ./mvnw -q package
 * -DskipTests}: {@code java -cp "system-tests/target/classes:$(cat system-tests/target/classpath.txt)"
 * io.propdesk.systemtests.bench.ExportBenchmark [--rows=1000000] [--heap=256m]}.
 */
public final class ExportBenchmark {

    private static final String DATABASE = "propdesk_callback";
    private static final String[] RULES = {"R4", "R5", "R8", "C4"};
    private static final int BATCH = 5_000;
    private static final Pattern GC = Pattern.compile("(\\d+)M->(\\d+)M\\((\\d+)M\\)");

    private ExportBenchmark() {}

    public static void main(String[] argv) throws Exception {
        int rows;
        String heap;
        try {
            Set<String> options = Set.of("rows", "heap");
            CommandLine args = CommandLine.parse(argv, options).only(options);
            rows = args.number("rows", 1_000_000);
            heap = args.text("heap", "256m");
            if (rows < 1_000 || !heap.matches("\\d+[mg]")) {
                throw new IllegalArgumentException("needs --rows ≥ 1000 and --heap like 256m");
            }
        } catch (IllegalArgumentException e) {
            System.err.println("export-bench: " + e.getMessage() + "; options: --rows=N, --heap=256m");
            System.exit(2);
            return;
        }
        // Kafka's own server on a temporary directory: the ephemeral broker needs the test kit, not on this classpath
        Path kafkaDir = Files.createTempDirectory("export-bench-kafka");
        try (EmbeddedKafka kafka = EmbeddedKafka.builder().logDir(kafkaDir).start();
                EmbeddedMongo mongo = EmbeddedMongo.inMemory()) {
            System.out.println(run(kafka, mongo, rows, heap));
        } finally {
            try (var files = Files.walk(kafkaDir)) {
                files.sorted(java.util.Comparator.reverseOrder())
                        .forEach(f -> f.toFile().delete());
            }
        }
        System.exit(0);
    }

    private static String run(EmbeddedKafka kafka, EmbeddedMongo mongo, int rows, String heap) throws Exception {
        StringBuilder report = new StringBuilder();
        long t0 = System.nanoTime();
        try (MongoClient client = MongoClients.create(mongo.connectionString())) {
            prefill(client.getDatabase(DATABASE).getCollection("obligation_outcomes"), rows);
        }
        report.append(String.format("prefill: %,d outcome documents in %.1f s%n", rows, seconds(t0)));

        int port = freePort();
        Path gcLog = Files.createTempFile("export-bench-gc", ".log");
        Path log = Files.createTempFile("export-bench-service", ".log");
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx" + heap,
                "-Xlog:gc:file=" + gcLog + "::filecount=0",
                "-cp",
                System.getProperty("java.class.path"),
                CallbackServiceApplication.class.getName(),
                "--server.port=" + port,
                "--spring.data.mongodb.uri=" + mongo.connectionString(),
                "--spring.kafka.bootstrap-servers=" + kafka.bootstrapServers(),
                "--propdesk.security.mode=demo"));
        long launched = System.nanoTime();
        Process service = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
        try {
            ServiceClient rest = new ServiceClient(s -> "http://localhost:" + port);
            awaitReady(service, rest, log);
            report.append(String.format(
                    "callback-service (-Xmx%s) ready in %.1f s (its start reads the %,d outcomes once for its gauges)%n",
                    heap, seconds(launched), rows));
            ServiceClient admin = rest.as("admin");
            report.append(String.format("heap used before the export: %.0f MB%n", heapUsedMb(admin)));

            AtomicLong peak = new AtomicLong();
            List<Double> samples = new ArrayList<>();
            Thread sampler = new Thread(() -> {
                while (!Thread.currentThread().isInterrupted()) {
                    double mb = heapUsedMb(admin);
                    synchronized (samples) {
                        samples.add(mb);
                    }
                    peak.accumulateAndGet((long) mb, Math::max);
                    try {
                        Thread.sleep(200);
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            });
            int gcBefore = Files.readAllLines(gcLog).size();
            sampler.start();
            Download d = download(port, rows);
            sampler.interrupt();
            sampler.join();
            if (d.lines != rows + 1L || !d.bom) {
                throw new IllegalStateException("expected a BOM and " + (rows + 1) + " lines, got " + d);
            }
            report.append(String.format(
                    "GET /api/sla/obligations.csv: %,d rows + header, %,d bytes (%.0f MB), first byte after %.0f ms,"
                            + " all in %.1f s (%,.0f rows/s)%n",
                    rows, d.bytes, d.bytes / 1e6, d.firstByteMs, d.seconds, rows / d.seconds));
            double mean;
            synchronized (samples) {
                mean = samples.stream()
                        .mapToDouble(Double::doubleValue)
                        .filter(v -> !Double.isNaN(v))
                        .average()
                        .orElse(Double.NaN);
            }
            report.append(String.format(
                    "service heap used during the download (%d samples, every 200 ms): mean %.0f MB, max %d MB%n",
                    samples.size(), mean, peak.get()));
            List<String> gcs = Files.readAllLines(gcLog);
            int before = 0;
            int after = 0;
            int collections = 0;
            for (String line : gcs.subList(Math.min(gcBefore, gcs.size()), gcs.size())) {
                Matcher m = GC.matcher(line);
                if (m.find()) {
                    collections++;
                    before = Math.max(before, Integer.parseInt(m.group(1)));
                    after = Math.max(after, Integer.parseInt(m.group(2)));
                }
            }
            report.append(String.format(
                    "GC log during the download: %d collections, heap before a collection at most %d MB, after at most"
                            + " %d MB (limit %s)%n",
                    collections, before, after, heap));
        } finally {
            service.destroy();
            if (!service.waitFor(60, TimeUnit.SECONDS)) {
                service.destroyForcibly().waitFor();
            }
            Files.deleteIfExists(gcLog);
            Files.deleteIfExists(log);
        }
        return report.toString();
    }

    /** Outcome documents as {@code ObligationOutcomes.outcomeOf} writes them, one in ten a breach. */
    private static void prefill(MongoCollection<Document> outcomes, int rows) {
        Instant start = Instant.parse("2026-01-01T00:00:00Z");
        long step = Duration.ofDays(365).toMillis() / rows;
        List<Document> batch = new ArrayList<>(BATCH);
        for (int i = 0; i < rows; i++) {
            String rule = RULES[i % RULES.length];
            String ticket = "T-bench-" + (i / 4);
            Date due = Date.from(start.plusMillis(step * i));
            boolean breached = i % 10 == 0;
            Document d = new Document("_id", ticket + ":" + rule + ":" + (i % 4 + 1))
                    .append("outcome", breached ? "BREACHED" : "MET")
                    .append("ticketId", ticket)
                    .append("callId", null)
                    .append("rule", rule)
                    .append("orderId", "WO-bench-" + (i / 4))
                    .append("estateId", "翠湖花园-" + (i % 20))
                    .append("department", "ENGINEERING")
                    .append("stewardId", "steward-" + (i % 50))
                    .append("acceptor", "desk-" + (i % 10));
            if (breached) {
                d.append("occurrence", i % 4 + 1);
            }
            d.append("dueAt", due)
                    .append("at", Date.from(due.toInstant().plusSeconds(breached ? 60 : -600)))
                    .append("countedAt", due);
            batch.add(d);
            if (batch.size() == BATCH) {
                outcomes.insertMany(batch);
                batch.clear();
            }
        }
        if (!batch.isEmpty()) {
            outcomes.insertMany(batch);
        }
    }

    record Download(long lines, long bytes, boolean bom, double firstByteMs, double seconds) {}

    private static Download download(int port, int rows) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + port
                        + "/api/sla/obligations.csv?from=2026-01-01T00:00:00Z&to=2027-01-01T00:00:00Z"))
                .header("Authorization", DemoUsers.basic(io.propdesk.contracts.access.Role.MANAGER))
                .GET()
                .build();
        long start = System.nanoTime();
        HttpResponse<InputStream> response =
                HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofInputStream());
        if (response.statusCode() != 200) {
            throw new IllegalStateException("export answered " + response.statusCode() + ": "
                    + new String(response.body().readAllBytes()));
        }
        double firstByte = -1;
        long bytes = 0;
        long lines = 0;
        byte[] head = new byte[3];
        byte[] buffer = new byte[64 * 1024];
        try (InputStream in = response.body()) {
            int n;
            while ((n = in.read(buffer)) > 0) {
                if (firstByte < 0) {
                    firstByte = (System.nanoTime() - start) / 1e6;
                }
                for (int i = 0; i < n; i++) {
                    if (bytes + i < 3) {
                        head[(int) bytes + i] = buffer[i];
                    }
                    if (buffer[i] == '\n') {
                        lines++;
                    }
                }
                bytes += n;
            }
        }
        boolean bom = (head[0] & 0xFF) == 0xEF && (head[1] & 0xFF) == 0xBB && (head[2] & 0xFF) == 0xBF;
        return new Download(lines, bytes, bom, firstByte, (System.nanoTime() - start) / 1e9);
    }

    private static double heapUsedMb(ServiceClient admin) {
        ServiceClient.Reply r = admin.get("callback", "/actuator/metrics/jvm.memory.used?tag=area:heap");
        JsonNode value = r.body().path("measurements").path(0).path("value");
        return value.isMissingNode() ? Double.NaN : value.asDouble() / 1024 / 1024;
    }

    private static void awaitReady(Process service, ServiceClient rest, Path log) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(5);
        while (System.nanoTime() < deadline) {
            if (!service.isAlive()) {
                throw new IllegalStateException("callback-service exited: " + Files.readString(log));
            }
            try {
                ServiceClient.Reply r = rest.get("callback", "/actuator/health/readiness");
                if (r.ok() && "UP".equals(r.text("status"))) {
                    return;
                }
            } catch (RuntimeException notYet) {
                // not listening yet
            }
            Thread.sleep(250);
        }
        throw new IllegalStateException("callback-service not ready in 5 minutes; see " + log);
    }

    private static double seconds(long since) {
        return (System.nanoTime() - since) / 1e9;
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
