package io.propdesk.systemtests.bench;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import io.propdesk.standalone.CommandLine;
import io.propdesk.standalone.ServiceClient;
import io.propdesk.systemtests.bench.startup.StoreMultiplier;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Start-up against the history stored (issue 19 goal 5: "start-up of each service constant in the history stored;
 * 10k vs 1M events stored, cold start within 1.2x of each other").
 *
 * <p>Prepares three data directories for the standalone system under {@code --work}: {@code template} holds a real
 * history of repair lifecycles driven through the REST API ({@link Lifecycles}) until about {@code --small-events}
 * events are stored across the four services' stores (or less, if cut short: the run then reuses what is there), the
 * system then stopped in order (outbox emptied, every consumer group committed at the end of its topics);
 * {@code small-<N>} and {@code big-<M>} are copies of it whose MongoDB store is multiplied to {@code --small-events}
 * and {@code --big-events} by {@link StoreMultiplier} (every document of every {@code propdesk_*} database copied with
 * its ids rewritten: commits, heads, snapshots, read models, inbox markers, ledgers), so the two differ only in how
 * much history is stored. Kafka topics are NOT multiplied: no consumer group re-reads a topic at start (committed
 * offsets exist for the real records; the console starts at the latest offset), which the run checks by the records
 * each service's consumers fetched by readiness.
 *
 * <p>Then cold-starts each data directory {@code --runs} times, alternating, with each {@code --jar} (comma separated,
 * e.g. the old main jar and the new build) and reports launch → all four {@code /actuator/health/readiness} UP, each
 * Spring context's own start time, the ratio big/small, and the MongoDB commands each service sent by readiness
 * ({@code mongodb_driver_commands_seconds_count} by collection and command: a collection read in full shows as a
 * {@code getMore} count that grows with the store, batches of 1,000 or the driver's default).
 *
 * <p>Run from the repository root after {@code ./mvnw -o -q -pl standalone,system-tests -am package -DskipTests}:
 * {@code java -Xmx3g -cp "system-tests/target/classes:$(cat system-tests/target/classpath.txt)"
 * io.propdesk.systemtests.bench.StartupBenchmark [--work=/tmp/propdesk-startup] [--small-events=10000]
 * [--big-events=1000000] [--runs=3] [--concurrency=4] [--jar=standalone/target/standalone-0.1.0-SNAPSHOT.jar,...]
 * [--jvm="-Xmx2g"] [--reuse=true] [--out=FILE]}. With {@code --reuse=true} directories prepared by an earlier run (with
 * the same targets) are started again instead of prepared anew. The data directories are kept.
 */
public final class StartupBenchmark {

    static final Set<String> OPTIONS =
            Set.of("out", "work", "small-events", "big-events", "runs", "concurrency", "jar", "jvm", "reuse");

    private static final Pattern COMMANDS =
            Pattern.compile("mongodb_driver_commands_seconds_(count|sum)\\{([^}]*)\\} ([0-9.E+-]+)");
    private static final Pattern CONSUMED =
            Pattern.compile("kafka_consumer_fetch_manager_records_consumed_total\\{([^}]*)\\} ([0-9.E+-]+)");
    private static final Set<String> READS = Set.of("find", "getMore", "count", "aggregate", "distinct");

    private final CommandLine args;
    private final StringBuilder report = new StringBuilder();
    private final Path work;
    private final List<String> jvm;

    private StartupBenchmark(CommandLine args) {
        this.args = args;
        this.work = Path.of(args.text("work", "/tmp/propdesk-startup"));
        this.jvm = BenchmarkCommand.jvmOptions(args);
    }

    public static void main(String[] argv) throws Exception {
        CommandLine args = BenchmarkCommand.parse("startup-bench", argv, OPTIONS, given -> {
            for (String n : List.of("runs", "concurrency")) {
                given.number(n, 0);
            }
            given.longNumber("small-events", 0);
            given.longNumber("big-events", 0);
        });
        StartupBenchmark bench = new StartupBenchmark(args);
        BenchmarkCommand.report(args, bench.report, bench::run);
    }

    private static void log(String format, Object... values) {
        System.err.printf("%s startup-bench: %s%n", Instant.now(), String.format(format, values));
    }

    /** One cold start: what it took and what it read. */
    record Start(
            String jar,
            String store,
            int run,
            double readySeconds,
            double cpuAtReady,
            Map<String, Double> log,
            Map<String, Double> reads, // "service collection command" -> commands by readiness
            Map<String, Double> readSeconds, // "service collection command" -> seconds in those commands
            Map<String, Double> consumed, // service -> Kafka records fetched by readiness
            double stopSeconds,
            String load) {}

    private void run() throws Exception {
        long smallTarget = args.longNumber("small-events", 10_000);
        long bigTarget = args.longNumber("big-events", 1_000_000);
        List<String> jars = args.list("jar", List.of("standalone/target/standalone-0.1.0-SNAPSHOT.jar"));
        Path template = work.resolve("template");
        Path small = work.resolve("small-" + smallTarget);
        Path big = work.resolve("big-" + bigTarget);
        report.append(BenchmarkCommand.heading("Start-up benchmark (issue 19 goal 5)", Instant.now(), jvm));
        Properties templateFacts = prepareTemplate(Path.of(jars.get(0)), template, smallTarget);
        Properties smallFacts = prepareCopy(template, templateFacts, small, smallTarget);
        Properties bigFacts = prepareCopy(template, templateFacts, big, bigTarget);
        report.append("Template (real history through REST): ")
                .append(templateFacts.getProperty("how"))
                .append("; ")
                .append(templateFacts.getProperty("events"))
                .append(" events.\n\n");
        report.append("### Data directories\n\n| store | directory | events | documents | MongoDB file | Kafka dir |"
                + " prepared in |\n|---|---|--:|--:|--:|--:|--|\n");
        for (Object[] row : List.of(new Object[] {"small", small, smallFacts}, new Object[] {"big", big, bigFacts})) {
            Properties p = (Properties) row[2];
            Path dir = (Path) row[1];
            report.append(String.format(
                    "| %s | `%s` | %,d | %,d | %,.0f MB | %,.0f MB | %s |%n",
                    row[0],
                    dir,
                    Long.parseLong(p.getProperty("events")),
                    Long.parseLong(p.getProperty("documents", "0")),
                    ChildSystem.diskUse(dir.resolve("mongo"))[0] / 1e6,
                    ChildSystem.diskUse(dir.resolve("kafka"))[0] / 1e6,
                    p.getProperty("how")));
        }
        report.append('\n');
        if (bigFacts.containsKey("collections")) {
            report.append("Documents per collection (template → big): ")
                    .append(bigFacts.getProperty("collections"))
                    .append("\n\n");
        }

        int runs = args.number("runs", 3);
        List<Start> starts = new ArrayList<>();
        for (int run = 1; run <= runs; run++) {
            for (String jar : jars) {
                // alternate which store goes first, so neither always gets the warmer page cache
                List<String> order = run % 2 == 1 ? List.of("small", "big") : List.of("big", "small");
                for (String store : order) {
                    starts.add(coldStart(Path.of(jar), store, store.equals("small") ? small : big, run));
                }
            }
        }
        if (starts.isEmpty()) {
            report.append(
                    "No cold starts (`--runs=0`): the data directories are prepared for a later `--reuse=true`.\n");
        } else {
            reportStarts(jars, starts);
        }
    }

    // ------------------------------------------------------------------ preparing the stores

    /** The real history: repair lifecycles through REST until {@code target} events are stored, then a clean stop. */
    private Properties prepareTemplate(Path jar, Path dir, long target) throws Exception {
        Path facts = dir.resolve("prepared.properties");
        if (args.flag("reuse") && Files.exists(facts)) {
            log("reusing %s", dir);
            return read(facts);
        }
        ChildSystem.delete(dir);
        Files.createDirectories(dir);
        // 8 hex digits: the store multiplier rewrites it in every copy, so the copies' call ids differ too
        String runId = String.format("%08x", (int) (Math.random() * Integer.MAX_VALUE) | 0x10000000);
        long t0 = System.nanoTime();
        int lifecycles = 0;
        long events;
        long documents;
        try (ChildSystem system =
                        new ChildSystem(jar, dir, dir.resolveSibling(dir.getFileName() + "-prepare.log"), jvm);
                MongoClient mongo = MongoClients.create(system.mongoUri())) {
            log("preparing %s: ready in %.1f s", dir, system.awaitReady(1200));
            ServiceClient rest = system.rest;
            new Lifecycles(rest, null, runId).setUp();
            int concurrency = args.number("concurrency", 4);
            AtomicInteger next = new AtomicInteger();
            ExecutorService pool = Executors.newFixedThreadPool(concurrency);
            try (TopicWatch watch = new TopicWatch(system.kafka())) {
                Lifecycles drive = new Lifecycles(rest, watch, runId);
                events = StoreMultiplier.events(mongo);
                while (events < target) {
                    // a round sized from the events a lifecycle has cost so far (about 30), at least one per thread
                    double perLifecycle = lifecycles == 0 ? 30 : Math.max(1, events / (double) lifecycles);
                    int round = (int) Math.max(concurrency, Math.min(200, (target - events) / perLifecycle));
                    List<Future<?>> work = new ArrayList<>();
                    for (int i = 0; i < round; i++) {
                        work.add(pool.submit(() -> drive.repair(next.incrementAndGet())));
                    }
                    for (Future<?> f : work) {
                        f.get();
                    }
                    lifecycles += round;
                    events = StoreMultiplier.events(mongo);
                    log("%d lifecycles, %,d events stored, %.0f s", lifecycles, events, (System.nanoTime() - t0) / 1e9);
                }
            } finally {
                pool.shutdownNow();
            }
            awaitOutboxEmpty(mongo);
            events = StoreMultiplier.events(mongo);
            documents = documents(mongo);
            log("stopping: %.1f s", system.stop());
        }
        Properties p = new Properties();
        p.setProperty("events", Long.toString(events));
        p.setProperty("documents", Long.toString(documents));
        p.setProperty("run", runId);
        p.setProperty("lifecycles", Integer.toString(lifecycles));
        p.setProperty(
                "how",
                String.format(
                        "%d repair lifecycles through REST in %.0f s", lifecycles, (System.nanoTime() - t0) / 1e9));
        write(facts, p);
        return p;
    }

    /** A copy of the template directory whose store is multiplied to {@code target} events. */
    private Properties prepareCopy(Path template, Properties templateFacts, Path dir, long target) throws Exception {
        Path facts = dir.resolve("prepared.properties");
        if (args.flag("reuse") && Files.exists(facts)) {
            log("reusing %s", dir);
            return read(facts);
        }
        ChildSystem.delete(dir);
        long t0 = System.nanoTime();
        copy(template, dir);
        Files.deleteIfExists(dir.resolve("prepared.properties"));
        double copySeconds = (System.nanoTime() - t0) / 1e9;
        StoreMultiplier.Result result = new StoreMultiplier(templateFacts.getProperty("run"))
                .multiply(dir.resolve("mongo").resolve("propdesk.mv"), target, m -> log("%s", m));
        templateFacts.setProperty("events", Long.toString(result.templateEvents()));
        long documents =
                result.documents().values().stream().mapToLong(d -> d[1]).sum();
        StringBuilder collections = new StringBuilder();
        result.documents().forEach((name, d) -> {
            if (d[1] > 0) {
                collections.append(String.format("%s %,d → %,d; ", name, d[0], d[1]));
            }
        });
        Properties p = new Properties();
        p.setProperty("events", Long.toString(result.events()));
        p.setProperty("documents", Long.toString(documents));
        p.setProperty("collections", collections.toString());
        p.setProperty(
                "how",
                String.format(
                        "directory copy %.0f s + %d copies of the history in the store, %.0f s (%,.0f documents/s)",
                        copySeconds,
                        result.copies(),
                        result.seconds(),
                        (documents
                                        - result.documents().values().stream()
                                                .mapToLong(d -> d[0])
                                                .sum())
                                / result.seconds()));
        write(facts, p);
        return p;
    }

    /** The relay clears outbox entries a grace period after their events went out: stop only once it has. */
    private static void awaitOutboxEmpty(MongoClient mongo) throws InterruptedException {
        long deadline = System.nanoTime() + 120_000_000_000L;
        while (System.nanoTime() < deadline) {
            long entries = 0;
            for (String db : databases(mongo)) {
                entries += mongo.getDatabase(db).getCollection("outbox").countDocuments();
            }
            if (entries == 0) {
                return;
            }
            Thread.sleep(500);
        }
        log("the outbox still holds entries after 120 s; stopping anyway");
    }

    private static List<String> databases(MongoClient mongo) {
        List<String> dbs = new ArrayList<>();
        mongo.listDatabaseNames().forEach(n -> {
            if (n.startsWith("propdesk_")) {
                dbs.add(n);
            }
        });
        return dbs;
    }

    private static long documents(MongoClient mongo) {
        long n = 0;
        for (String db : databases(mongo)) {
            for (String c : mongo.getDatabase(db).listCollectionNames()) {
                n += mongo.getDatabase(db).getCollection(c).estimatedDocumentCount();
            }
        }
        return n;
    }

    // ------------------------------------------------------------------ one cold start

    private Start coldStart(Path jar, String store, Path dir, int run) throws Exception {
        Path log = work.resolve("logs").resolve(jar.getFileName() + "-" + store + "-" + run + ".log");
        String loadBefore = loadAverage();
        try (ChildSystem system = new ChildSystem(jar, dir, log, jvm)) {
            double ready = system.awaitReady(1200);
            double cpu = system.cpuSeconds();
            Map<String, Double> reads = new TreeMap<>();
            Map<String, Double> readSeconds = new TreeMap<>();
            Map<String, Double> consumed = new TreeMap<>();
            for (String service : ChildSystem.SERVICES) {
                String scrape = system.rest.get(service, "/actuator/prometheus").raw();
                Matcher m = COMMANDS.matcher(scrape);
                while (m.find()) {
                    String command = label(m.group(2), "command");
                    String collection = label(m.group(2), "collection");
                    if (!collection.equals("relay_lease")) {
                        (m.group(1).equals("count") ? reads : readSeconds)
                                .merge(
                                        service + " " + collection + " " + command,
                                        Double.parseDouble(m.group(3)),
                                        Double::sum);
                    }
                }
                Matcher k = CONSUMED.matcher(scrape);
                while (k.find()) {
                    if (!k.group(1).contains("topic=")) { // the per-client total, not the per-topic breakdown
                        consumed.merge(service, Double.parseDouble(k.group(2)), Double::sum);
                    }
                }
            }
            system.awaitTotal(60);
            Map<String, Double> times = system.startLog();
            double stop = system.stop();
            log("%s %s run %d: ready %.1f s, cpu %.1f s, %s", jar.getFileName(), store, run, ready, cpu, times);
            return new Start(
                    jar.getFileName().toString(),
                    store,
                    run,
                    ready,
                    cpu,
                    times,
                    reads,
                    readSeconds,
                    consumed,
                    stop,
                    loadBefore + " / " + loadAverage());
        }
    }

    /** The machine's 1-minute load average (it is shared: other processes' CPU shows in every time here). */
    private static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).split(" ")[0];
        } catch (IOException e) {
            return "?";
        }
    }

    private static String label(String labels, String name) {
        Matcher m = Pattern.compile(name + "=\"([^\"]*)\"").matcher(labels);
        return m.find() ? m.group(1) : "?";
    }

    // ------------------------------------------------------------------ the report

    private void reportStarts(List<String> jars, List<Start> starts) {
        report.append("### Cold starts (launch → all four readiness UP)\n\n");
        report.append("Each start a new JVM on the same data directory (the OS page cache is not dropped). Spring"
                + " context times are each context's own \"Started X in\"; the four start two at a time"
                + " (`--start-threads` default 2), so they also include waiting for a CPU.\n\n");
        Set<String> contexts = new TreeSet<>();
        starts.forEach(s -> contexts.addAll(s.log().keySet()));
        contexts.remove("total");
        report.append("| jar | store | run | ready s | CPU s at ready |");
        contexts.forEach(c -> report.append(' ').append(c).append(" s |"));
        report.append(" Kafka records fetched by ready | stop s | load before / after |\n|---|---|--:|--:|--:|");
        contexts.forEach(c -> report.append("--:|"));
        report.append("--|--:|--|\n");
        for (Start s : starts) {
            report.append(String.format(
                    "| %s | %s | %d | %.1f | %.1f |", s.jar(), s.store(), s.run(), s.readySeconds(), s.cpuAtReady()));
            contexts.forEach(c -> report.append(String.format(" %.1f |", s.log().getOrDefault(c, Double.NaN))));
            report.append(' ')
                    .append(s.consumed())
                    .append(String.format(" | %.1f | %s |%n", s.stopSeconds(), s.load()));
        }
        report.append("\n### Big / small (median of the runs)\n\n| jar | measure | small | big | big/small |"
                + " within 1.2× |\n|---|---|--:|--:|--:|---|\n");
        for (String jar : jars) {
            String name = Path.of(jar).getFileName().toString();
            List<String> measures = new ArrayList<>();
            measures.add("ready");
            measures.addAll(contexts);
            for (String measure : measures) {
                double small = median(starts, name, "small", measure);
                double big = median(starts, name, "big", measure);
                double ratio = big / small;
                report.append(String.format(
                        "| %s | %s | %.2f s | %.2f s | %.2f | %s |%n",
                        name, measure, small, big, ratio, ratio <= 1.2 ? "✔" : "✘"));
            }
        }
        report.append("\n### MongoDB commands sent by readiness (first run of each store)\n\n"
                + "Reads only (find, getMore, count, aggregate, distinct), by service, collection and command. A row"
                + " that grows from small to big reads in proportion to the history.\n\n");
        for (String jar : jars) {
            String name = Path.of(jar).getFileName().toString();
            Start small = first(starts, name, "small");
            Start big = first(starts, name, "big");
            Set<String> keys = new TreeSet<>();
            keys.addAll(small.reads().keySet());
            keys.addAll(big.reads().keySet());
            report.append("**")
                    .append(name)
                    .append(
                            "**\n\n| service collection command | small | big | small s | big s |\n|---|--:|--:|--:|--:|\n");
            for (String key : keys) {
                if (!READS.contains(key.substring(key.lastIndexOf(' ') + 1))) {
                    continue;
                }
                double a = small.reads().getOrDefault(key, 0.0);
                double b = big.reads().getOrDefault(key, 0.0);
                report.append(String.format(
                        "| %s | %.0f | %.0f | %.3f | %.3f |%s%n",
                        key,
                        a,
                        b,
                        small.readSeconds().getOrDefault(key, 0.0),
                        big.readSeconds().getOrDefault(key, 0.0),
                        b > a * 1.5 + 2 ? " ← grows with the history" : ""));
            }
            report.append('\n');
        }
    }

    private static Start first(List<Start> starts, String jar, String store) {
        return starts.stream()
                .filter(s -> s.jar().equals(jar) && s.store().equals(store))
                .findFirst()
                .orElseThrow();
    }

    private static double median(List<Start> starts, String jar, String store, String measure) {
        double[] values = starts.stream()
                .filter(s -> s.jar().equals(jar) && s.store().equals(store))
                .mapToDouble(s ->
                        measure.equals("ready") ? s.readySeconds() : s.log().getOrDefault(measure, Double.NaN))
                .sorted()
                .toArray();
        if (values.length == 0) {
            return Double.NaN;
        }
        return values.length % 2 == 1
                ? values[values.length / 2]
                : (values[values.length / 2 - 1] + values[values.length / 2]) / 2;
    }

    // ------------------------------------------------------------------ files

    private static Properties read(Path file) throws IOException {
        Properties p = new Properties();
        try (var in = Files.newBufferedReader(file)) {
            p.load(in);
        }
        return p;
    }

    private static void write(Path file, Properties p) throws IOException {
        try (var out = Files.newBufferedWriter(file)) {
            p.store(out, "prepared by StartupBenchmark (issue 19 goal 5)");
        }
    }

    private static void copy(Path from, Path to) throws IOException {
        try (Stream<Path> files = Files.walk(from)) {
            for (Path f : (Iterable<Path>) files::iterator) {
                Path target = to.resolve(from.relativize(f).toString());
                if (Files.isDirectory(f)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(f, target, StandardCopyOption.COPY_ATTRIBUTES);
                }
            }
        }
    }
}
