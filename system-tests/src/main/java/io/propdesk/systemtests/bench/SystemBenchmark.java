package io.propdesk.systemtests.bench;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.propdesk.contracts.Topics;
import io.propdesk.platform.kafka.InboundEvents;
import io.propdesk.platform.observability.TraceContexts;
import io.propdesk.standalone.CommandLine;
import io.propdesk.systemtests.bench.Lifecycles.Ticket;
import io.propdesk.systemtests.reliability.EffectCheck;
import io.propdesk.ticket.query.TicketList;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.bson.Document;
import org.bson.RawBsonDocument;
import org.springframework.kafka.support.KafkaUtils;

/**
 * The system benchmark. Starts the standalone system as its own process on the durable embedded default
 * (real Kafka broker, MongoDB-wire server with its H2 file store committed per write) and measures, through REST
 * ({@link io.propdesk.standalone.ServiceClient}) and plain Kafka and MongoDB clients only:
 * <ol>
 *   <li>{@code POST /api/tickets} accepted to {@code OrderDispatched} seen by a Kafka consumer, at a steady rate;</li>
 *   <li>repair lifecycles per second at rising concurrency, and the store writes each command and lifecycle costs;</li>
 *   <li>the raw durable single-document write rate of the same MongoDB-wire server and the raw Kafka produce rate,
 *       and the lifecycle throughput as a share of the bound they imply;</li>
 *   <li>a rebuild of every projection from its topics (events/s), each compared with its live read model;</li>
 *   <li>the system's resident memory idle and under load, and its cold start;</li>
 *   <li>events, MongoDB bytes and Kafka bytes per ticket for each flow;</li>
 *   <li>with {@code --disk-lifecycles=N}: the store's files and the Kafka log over N more lifecycles at saturation
 *       (CSV and SVG chart).</li>
 * </ol>
 * Run from the repository root, after {@code ./mvnw -q package -DskipTests}: {@code java -Xms2g -Xmx2g
 * -XX:+AlwaysPreTouch -cp "system-tests/target/classes:$(cat system-tests/target/classpath.txt)"
 * io.propdesk.systemtests.bench.SystemBenchmark
 * [--out=FILE] [--rate=20] [--latency-seconds=60] [--levels=4,8,16,32] [--level-seconds=30] [--raw-seconds=10]
 * [--per-flow=3] [--step-batch=30] [--jfr=FILE] [--jvm=-Xmx1g] [--jar=standalone/target/standalone-0.1.0-SNAPSHOT.jar]
 * [--goal-start-seconds=20] [--goal-rss-mb=1536] [--goal-latency-p99-ms=100] [--goal-ratio=0.5]
 * [--goal-rebuild-events-per-second=20000] [--disk-lifecycles=0] [--disk-in-flight=16] [--disk-csv=FILE]
 * [--disk-svg=FILE] [--goal-disk-kb-per-lifecycle=20] [--ready-seconds=120] [--rebuild-runs=5]
 * [--rebuild-copies=10]}: it measures; a goal column is filled
 * only for the goals it is given. See docs/benchmarks.md.
 */
public final class SystemBenchmark {

    private final CommandLine args;
    private final StringBuilder report = new StringBuilder();
    private final AtomicInteger ticketNo = new AtomicInteger();
    private final String runId = UUID.randomUUID().toString().substring(0, 8);
    private ChildSystem system;
    private TopicWatch watch;
    private Lifecycles drive;
    private MongoClient mongo;

    /** The options; a goal is reported against only when the run is given it. */
    static final Set<String> OPTIONS = Set.of(
            "out",
            "rate",
            "latency-seconds",
            "levels",
            "level-seconds",
            "raw-seconds",
            "per-flow",
            "step-batch",
            "jfr",
            "jvm",
            "jar",
            "goal-start-seconds",
            "goal-rss-mb",
            "goal-latency-p99-ms",
            "goal-ratio",
            "goal-rebuild-events-per-second",
            "disk-lifecycles",
            "disk-in-flight",
            "disk-csv",
            "disk-svg",
            "goal-disk-kb-per-lifecycle",
            "ready-seconds",
            "rebuild-runs",
            "rebuild-copies");

    private SystemBenchmark(CommandLine args) {
        this.args = args;
    }

    public static void main(String[] argv) throws Exception {
        // every option takes a value: a bare one is refused here, not half-way through a run
        CommandLine args = BenchmarkCommand.parse("system-bench", argv, OPTIONS, given -> {
            for (String number : List.of(
                    "rate",
                    "latency-seconds",
                    "level-seconds",
                    "raw-seconds",
                    "per-flow",
                    "step-batch",
                    "disk-lifecycles",
                    "disk-in-flight",
                    "ready-seconds")) {
                given.number(number, 0);
            }
            if (given.number("rebuild-runs", 5) < 1) {
                throw new IllegalArgumentException("--rebuild-runs must be at least 1");
            }
            if (given.number("rebuild-copies", 10) < 1) {
                throw new IllegalArgumentException("--rebuild-copies must be at least 1");
            }
            given.list("levels", List.of()).forEach(level -> CommandLine.number("levels", level, Integer::parseInt));
        });
        SystemBenchmark bench = new SystemBenchmark(args);
        BenchmarkCommand.report(args, bench.report, bench::run);
    }

    private int arg(String name, int fallback) {
        return args.number(name, fallback);
    }

    /** The goal column of a measure that should stay at most the {@code --goal} given, or empty. */
    private String atMost(String goal, double measured, String unit) {
        if (!args.has(goal)) {
            return "";
        }
        double limit = CommandLine.number(goal, args.value(goal), Double::parseDouble);
        return String.format("≤ %s%s %s", goal(limit), unit, measured <= limit ? "✔" : "✘");
    }

    /** The goal column of a measure that should reach at least the {@code --goal} given, or empty. */
    private String atLeast(String goal, double measured, String unit) {
        if (!args.has(goal)) {
            return "";
        }
        double floor = CommandLine.number(goal, args.value(goal), Double::parseDouble);
        return String.format("≥ %s%s %s", goal(floor), unit, measured >= floor ? "✔" : "✘");
    }

    /** 20000 as "20,000", 0.5 as "0.5" (not "2.000e+04"). */
    private static String goal(double value) {
        return value == Math.rint(value) ? String.format("%,.0f", value) : String.format("%.4g", value);
    }

    private void run() throws Exception {
        List<String> jvm = new ArrayList<>(BenchmarkCommand.jvmOptions(args));
        if (args.has("jfr")) {
            jvm.add("-XX:StartFlightRecording=filename=" + args.value("jfr") + ",settings=profile,dumponexit=true");
        }
        Path jar = Path.of(args.text("jar", "standalone/target/standalone-0.1.0-SNAPSHOT.jar"));
        report.append(BenchmarkCommand.heading("System benchmark", LocalDate.now(), jvm));
        try (ChildSystem child = new ChildSystem(jar, jvm)) {
            this.system = child;
            double ready = child.awaitReady(arg("ready-seconds", 120));
            log("ready in %.1f s (pid %d, log %s)", ready, child.pid(), child.log);
            try (MongoClient client = MongoClients.create(child.mongoUri())) {
                this.mongo = client;
                footprintAtStart(ready);
                drive = new Lifecycles(child.rest, null, runId); // set-up needs no watch
                drive.setUp();
                try (TopicWatch w = new TopicWatch(child.kafka())) {
                    this.watch = w;
                    this.drive = new Lifecycles(child.rest, w, runId);
                    child.phase("warm-up");
                    saturation(List.of(4), 20, false); // warm-up: JIT, pools, topics
                    child.phase("quiet");
                    costPerFlow(arg("per-flow", 3));
                    writesPerCommand(arg("step-batch", 30));
                    child.phase("load");
                    latency(arg("rate", 20), arg("latency-seconds", 60));
                    List<Integer> levels = new ArrayList<>();
                    for (String l : args.list("levels", List.of("4", "8", "16", "32"))) {
                        levels.add(CommandLine.number("levels", l, Integer::parseInt));
                    }
                    double best = saturation(levels, arg("level-seconds", 30), true);
                    child.phase("raw");
                    limit(best, arg("raw-seconds", 10));
                    child.phase("rebuild");
                    rebuild();
                    child.phase("end");
                    footprintUnderLoad();
                    if (arg("disk-lifecycles", 0) > 0) {
                        child.phase("disk");
                        disk(arg("disk-lifecycles", 0), arg("disk-in-flight", 16));
                    }
                }
            }
            if (StoreWrites.unsettled.get() > 0) {
                report.append(String.format(
                        "**Note:** %d times the store writes did not settle within 120 s; the figures drained after"
                                + " them may include writes of what followed.%n%n",
                        StoreWrites.unsettled.get()));
            }
            double stopped = child.stop();
            report.append(String.format("Stopped by SIGTERM in %.1f s. The system's log: %s%n", stopped, child.log));
        }
    }

    private static void log(String format, Object... values) {
        System.err.printf("[system-bench] " + format + "%n", values);
    }

    // ------------------------------------------------------------------ 5. footprint and cold start

    private double idleWritesPerSecond;

    private void footprintAtStart(double ready) throws Exception {
        system.phase("idle");
        Map<String, Double> before = StoreWrites.now(system.rest);
        Thread.sleep(15_000);
        idleWritesPerSecond = StoreWrites.total(StoreWrites.delta(before, StoreWrites.now(system.rest))) / 15;
        double[] idle = system.rss("idle");
        report.append("### 5. Footprint and cold start\n\n| measure | value | goal |\n|---|---|---|\n")
                .append(String.format(
                        "| cold start: process launch to all four `/actuator/health/readiness` UP | %.1f s | %s |%n",
                        ready, atMost("goal-start-seconds", ready, " s")))
                .append(String.format(
                        "| RSS idle (mean / max of %d one-second samples after start) | %.0f / %.0f MB | %s |%n",
                        (int) idle[0], idle[1], idle[2], atMost("goal-rss-mb", idle[2], " MB")))
                .append(String.format(
                        "| store writes while idle (all services, without lease renewals) | %.1f /s | |%n",
                        idleWritesPerSecond));
        Map<String, String> startLog = new LinkedHashMap<>();
        system.startLog()
                .forEach((name, seconds) ->
                        startLog.put(name.equals("total") ? "total (Running.startupTimes)" : name, seconds + " s"));
        report.append("\nThe system's own start log: ").append(startLog).append("\n\n");
        log("idle RSS %.0f MB", idle[2]);
    }

    private void footprintUnderLoad() {
        double[] load = system.rss("load");
        double max = system.maxRssMb();
        report.append("### 5. Footprint under load\n\n| measure | value | goal |\n|---|---|---|\n")
                .append(String.format(
                        "| RSS under load (sections 1 and 2: mean / max of %d samples) | %.0f / %.0f MB | %s |%n",
                        (int) load[0], load[1], load[2], atMost("goal-rss-mb", load[2], " MB")))
                .append(String.format(
                        "| RSS max over the whole run (incl. raw rates and rebuild) | %.0f MB | |%n%n", max));
    }

    // ------------------------------------------------------------------ 1. accepted -> OrderDispatched

    private void latency(int rate, int seconds) throws Exception {
        int total = rate * seconds;
        double cpu0 = system.cpuSeconds();
        long ownCpu0 = ownCpuNanos();
        long wall0 = System.nanoTime();
        List<Ticket> tickets = Collections.synchronizedList(new ArrayList<>());
        AtomicInteger sent = new AtomicInteger();
        AtomicInteger failed = new AtomicInteger();
        ExecutorService senders = Executors.newCachedThreadPool(daemons("latency-post"));
        ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor(daemons("latency-tick"));
        ticker.scheduleAtFixedRate(
                () -> {
                    if (sent.incrementAndGet() <= total) {
                        senders.submit(() -> {
                            Ticket t = new Ticket(ticketNo.incrementAndGet(), "REPAIR", false);
                            try {
                                drive.open(t, "\"paid\":false");
                                tickets.add(t);
                            } catch (Exception e) {
                                failed.incrementAndGet();
                            }
                        });
                    }
                },
                0,
                1_000_000 / rate,
                TimeUnit.MICROSECONDS);
        while (sent.get() < total) {
            Thread.sleep(100);
        }
        ticker.shutdownNow();
        senders.shutdown();
        if (!senders.awaitTermination(300, TimeUnit.SECONDS)) {
            log("latency: POSTs still unanswered after 300 s; they are left out");
        }
        double wallSeconds = (System.nanoTime() - wall0) / 1e9;
        double coresUsed = (system.cpuSeconds() - cpu0) / wallSeconds;
        double generatorCores = (ownCpuNanos() - ownCpu0) / 1e9 / wallSeconds;
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        List<Double> post = new ArrayList<>();
        List<Double> acceptedToSeen = new ArrayList<>();
        List<Double> sentToSeen = new ArrayList<>();
        int missing = 0;
        List<Ticket> answered;
        synchronized (tickets) { // a POST still in flight on a loaded machine must not break the iteration
            answered = new ArrayList<>(tickets);
        }
        for (Ticket t : answered) {
            while (watch.seenAt(t.id, "OrderDispatched") == null && System.nanoTime() < deadline) {
                Thread.sleep(10);
            }
            Long seen = watch.seenAt(t.id, "OrderDispatched");
            post.add((t.acceptedNanos - t.sentNanos) / 1e6);
            if (seen == null) {
                missing++;
                continue;
            }
            acceptedToSeen.add((seen - t.acceptedNanos) / 1e6);
            sentToSeen.add((seen - t.sentNanos) / 1e6);
        }
        Stats a = Stats.of(acceptedToSeen);
        report.append("### 1. Latency: `POST /api/tickets` to `OrderDispatched` at a Kafka consumer\n\n")
                .append(String.format(
                        "%d free repairs opened on a fixed schedule of %d/s for %d s (not closed-loop); ",
                        total, rate, seconds))
                .append(String.format(
                        "%d failed, %d without `OrderDispatched` within 30 s. The system used %.2f of the",
                        failed.get(), missing, coresUsed))
                .append(String.format(
                        " machine's %d cores while the load ran, and the load generator (this benchmark's JVM: the"
                                + " POSTs, and the Kafka consumer that sees `OrderDispatched`) %.2f.%n%n",
                        Runtime.getRuntime().availableProcessors(), generatorCores))
                .append("| measure | n | p50 ms | p99 ms | max ms | goal |\n|---|---|---|---|---|---|\n")
                .append(row(
                        "accepted (201 received) → `OrderDispatched` seen",
                        a,
                        atMost("goal-latency-p99-ms", a.p99(), " ms (p99)")))
                .append(row("POST sent → 201 received", Stats.of(post), ""))
                .append(row("POST sent → `OrderDispatched` seen", Stats.of(sentToSeen), ""))
                .append('\n');
        log(
                "latency accepted->dispatched p50 %.1f p99 %.1f max %.1f; cores: system %.2f, load generator %.2f",
                a.p50(), a.p99(), a.max(), coresUsed, generatorCores);
    }

    /** CPU time (user + system) this benchmark's own JVM has used so far: the load generator's side of the cores. */
    private static long ownCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean)
                        java.lang.management.ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }

    private static String row(String label, Stats s, String goal) {
        return String.format(
                "| %s | %d | %.1f | %.1f | %.1f | %s |%n", label, s.count(), s.p50(), s.p99(), s.max(), goal);
    }

    // ------------------------------------------------------------------ 2. lifecycles per second, writes

    private final Map<Integer, double[]> levelResults = new LinkedHashMap<>();
    private double writesPerLifecycle = Double.NaN;
    private double cpuPerLifecycle = Double.NaN;
    private int bestLevel;
    private Map<String, Double> bestLevelWrites = new TreeMap<>();

    /** Runs each concurrency level for {@code seconds}; answers the best lifecycles/s. */
    private double saturation(List<Integer> levels, int seconds, boolean record) throws Exception {
        double best = 0;
        StringBuilder table = new StringBuilder("### 2. Throughput: full repair lifecycles at saturation\n\n")
                .append(
                        "Each lifecycle: open, (dispatched), pick up, [quote + accept for every third], start, complete,")
                .append(" return, steward reply, callback, (closed). Lifecycles completed in the last ")
                .append(seconds - 5)
                .append(" s of each ")
                .append(seconds)
                .append("-s level are counted; writes are all four services' write commands over the level, drained,")
                .append(" without the relay's deferred clears (outbox and journal deletes).\n\n")
                .append(" CPU: the system process's user + system CPU time over the level, drained, per lifecycle")
                .append(
                        " (from /proc/<pid>/stat, so it does not depend on what else the machine runs); the CPU bound is")
                .append(" the machine's cores ÷ CPU per lifecycle. Of which JIT compiler / GC threads: the part of it")
                .append(
                        " the JVM's compiler and garbage-collector threads used (/proc/<pid>/task/*/stat, threads alive")
                .append(" at the level's end), the JIT's share falling as the code warms up.\n\n")
                .append(
                        "| in flight | lifecycles/s | lifecycle p50 / p99 s | REST retries (404/409) per lifecycle | writes per lifecycle | system CPU ms per lifecycle | of which JIT compiler / GC threads ms | CPU bound lifecycles/s |\n")
                .append("|---|---|---|---|---|---|---|---|\n");
        for (int level : levels) {
            Map<String, Double> before = StoreWrites.whenQuiet(system.rest, 1_500);
            double cpuBefore = system.cpuSeconds();
            Map<Long, ChildSystem.ThreadCpu> threadsBefore = system.cpuSecondsByThread();
            long retriesBefore = drive.retries.get();
            Map<String, Double> retriesByStepBefore = drive.retriesByStep();
            Map<String, Double> cacheLoadsBefore = StoreWrites.cacheLoads(system.rest);
            long t0 = System.nanoTime();
            long end = t0 + TimeUnit.SECONDS.toNanos(seconds);
            long countFrom = t0 + TimeUnit.SECONDS.toNanos(5);
            AtomicInteger inWindow = new AtomicInteger();
            AtomicInteger done = new AtomicInteger();
            AtomicInteger failed = new AtomicInteger();
            List<Double> durations = Collections.synchronizedList(new ArrayList<>());
            ExecutorService pool = Executors.newFixedThreadPool(level, daemons("lifecycle"));
            List<Future<?>> workers = new ArrayList<>();
            for (int i = 0; i < level; i++) {
                workers.add(pool.submit(() -> {
                    while (System.nanoTime() < end) {
                        long s = System.nanoTime();
                        try {
                            drive.repair(ticketNo.incrementAndGet());
                        } catch (Exception e) {
                            failed.incrementAndGet();
                            log("lifecycle failed: %s", e);
                            continue;
                        }
                        long f = System.nanoTime();
                        done.incrementAndGet();
                        durations.add((f - s) / 1e9 * 1000);
                        if (f >= countFrom && f <= end) {
                            inWindow.incrementAndGet();
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> w : workers) {
                w.get();
            }
            pool.shutdown();
            Map<String, Double> after = StoreWrites.whenQuiet(system.rest, 1_500);
            double cpuMs = (system.cpuSeconds() - cpuBefore) * 1000 / Math.max(1, done.get());
            Map<String, Double> byKind = ChildSystem.cpuByKind(threadsBefore, system.cpuSecondsByThread());
            double jitMs = byKind.getOrDefault("jit", 0.0) * 1000 / Math.max(1, done.get());
            double gcMs = byKind.getOrDefault("gc", 0.0) * 1000 / Math.max(1, done.get());
            double perSecond = inWindow.get() / (seconds - 5.0);
            double writes = StoreWrites.total(StoreWrites.withoutDeferred(StoreWrites.delta(before, after)))
                    / Math.max(1, done.get());
            Stats d = Stats.of(durations);
            double retries = (drive.retries.get() - retriesBefore) / (double) Math.max(1, done.get());
            int cores = Runtime.getRuntime().availableProcessors();
            table.append(String.format(
                    "| %d | %.2f | %.2f / %.2f | %.1f | %.1f | %.0f | %.0f / %.0f | %.1f |%n",
                    level,
                    perSecond,
                    d.p50() / 1000,
                    d.p99() / 1000,
                    retries,
                    writes,
                    cpuMs,
                    jitMs,
                    gcMs,
                    cores * 1000 / cpuMs));
            cpuPerLifecycle = cpuMs;
            log(
                    "level %d: %.2f lifecycles/s (%d done, %d failed), %.1f writes each",
                    level, perSecond, done.get(), failed.get(), writes);
            log(
                    "level %d: REST retries per lifecycle by step and answer:%s",
                    level,
                    perLifecycle(StoreWrites.delta(retriesByStepBefore, drive.retriesByStep()), done.get(), "%.2f"));
            log(
                    "level %d: aggregate loads per lifecycle by service and cache answer:%s",
                    level,
                    perLifecycle(
                            StoreWrites.delta(cacheLoadsBefore, StoreWrites.cacheLoads(system.rest)),
                            done.get(),
                            "%.1f"));
            levelResults.put(level, new double[] {perSecond, writes});
            if (perSecond > best) {
                bestLevel = level;
                bestLevelWrites = new TreeMap<>();
                Map<String, Double> levelWrites = StoreWrites.withoutDeferred(StoreWrites.delta(before, after));
                int lifecycles = Math.max(1, done.get());
                levelWrites.forEach((key, v) -> bestLevelWrites.merge(key, v / lifecycles, Double::sum));
            }
            best = Math.max(best, perSecond);
        }
        if (record) {
            report.append(table)
                    .append(String.format(
                            "%nSaturation throughput (the best level): **%.2f lifecycles/s**.%n%n", best));
            // issue 19: at saturation the read models write once per poll, so their share differs from section 2's
            report.append(String.format(
                            "Writes per lifecycle at the best level (%d in flight) by service, collection and command,"
                                    + " largest first:%n%n",
                            bestLevel))
                    .append("| service collection command | per lifecycle |\n|---|---|\n");
            bestLevelWrites.entrySet().stream()
                    .sorted(Map.Entry.<String, Double>comparingByValue().reversed())
                    .forEach(e -> report.append(String.format("| %s | %.2f |%n", e.getKey(), e.getValue())));
            report.append(String.format("| **all** | **%.2f** |%n%n", StoreWrites.total(bestLevelWrites)));
        }
        return best;
    }

    /**
     * K repair tickets stepped through one command at a time; after each command, waits until the store writes of
     * all four services are quiet, so each command's cost includes the writes of the consumers downstream of it.
     */
    private void writesPerCommand(int k) throws Exception {
        List<Ticket> tickets = new ArrayList<>();
        for (int i = 0; i < k; i++) {
            int n = ticketNo.incrementAndGet();
            tickets.add(new Ticket(n, "REPAIR", i % 3 == 0));
        }
        Map<String, Double> start = StoreWrites.whenQuiet(system.rest, 1_500);
        Map<String, Map<String, Double>> perStep = new LinkedHashMap<>();
        Map<String, Integer> doneBy = new LinkedHashMap<>();
        Map<String, Double> before = start;
        Map<String, Double> cpuByStep = new LinkedHashMap<>();
        double cpu = system.cpuSeconds();
        ExecutorService pool = Executors.newFixedThreadPool(8, daemons("step"));
        for (String step : Lifecycles.REPAIR_STEPS) {
            List<Future<?>> calls = new ArrayList<>();
            for (Ticket t : tickets) {
                calls.add(pool.submit(() -> {
                    drive.step(step, t);
                    return null;
                }));
            }
            for (Future<?> c : calls) {
                c.get();
            }
            Map<String, Double> after = StoreWrites.whenQuiet(system.rest, 1_500);
            perStep.put(step, StoreWrites.withoutDeferred(StoreWrites.delta(before, after)));
            double cpuNow = system.cpuSeconds();
            cpuByStep.put(step, cpuNow - cpu);
            cpu = cpuNow;
            doneBy.put(
                    step,
                    step.equals("quote") || step.equals("accept")
                            ? (int) tickets.stream().filter(t -> t.paid).count()
                            : k);
            before = after;
        }
        pool.shutdown();
        log("stepped %d tickets; waiting 25 s for the relay's deferred clears", k);
        Thread.sleep(25_000);
        Map<String, Double> end = StoreWrites.now(system.rest);
        Map<String, Double> deletes = new LinkedHashMap<>(StoreWrites.delta(start, end));
        deletes.keySet().removeIf(key -> !StoreWrites.deferred(key));
        double deletesPerLifecycle = StoreWrites.total(deletes) / k;

        report.append("### 2. Store writes per command and per lifecycle\n\n")
                .append(k)
                .append(" repair tickets (")
                .append(doneBy.get("quote"))
                .append(" paid) stepped through one command at a time; after each command the four services' write")
                .append(
                        " commands (`mongodb_driver_commands_seconds_count`, insert/update/delete/findAndModify, without")
                .append(" `relay_lease`) are read once they have been quiet for 1.5 s, so each command's cost includes")
                .append(" the writes of every consumer downstream of it.\n\n")
                .append(" System CPU per command: the process's CPU time over the step, including the 1.5-s quiet wait")
                .append(" (an idle system uses little; see section 5).\n\n")
                .append(
                        "| command | tickets | writes per command | system CPU ms per command | where (per command) |\n|---|---|---|---|---|\n");
        double perLifecycle = 0;
        for (Map.Entry<String, Map<String, Double>> e : perStep.entrySet()) {
            int n = doneBy.get(e.getKey());
            double total = StoreWrites.total(e.getValue()) / Math.max(1, n);
            perLifecycle += StoreWrites.total(e.getValue()) / k;
            StringBuilder where = new StringBuilder();
            e.getValue()
                    .forEach((key, v) -> where.append(where.length() == 0 ? "" : ", ")
                            .append(key)
                            .append(String.format(" %.2f", v / Math.max(1, n))));
            report.append(String.format(
                    "| %s | %d | %.2f | %.0f | %s |%n",
                    e.getKey(), n, total, cpuByStep.get(e.getKey()) * 1000 / Math.max(1, n), where));
        }
        perLifecycle += deletesPerLifecycle;
        report.append(String.format(
                "| the relay's deferred clears (outbox and journal deletes), spread per lifecycle | %d | %.2f | | %s |%n",
                k, deletesPerLifecycle, deletes));
        report.append(String.format(
                "| **per lifecycle** (a third paid) | | **%.1f** | **%.0f** | |%n%n",
                perLifecycle,
                cpuByStep.values().stream().mapToDouble(Double::doubleValue).sum() * 1000 / k));
        writesPerLifecycle = perLifecycle;

        Map<String, Double> byCollection = new LinkedHashMap<>();
        Map<String, Double> whole = StoreWrites.delta(start, end);
        whole.forEach((key, v) -> byCollection.merge(key, v / k, Double::sum));
        report.append(
                "Per lifecycle by service, collection and command:\n\n| service collection command | per lifecycle |\n|---|---|\n");
        byCollection.forEach((key, v) -> report.append(String.format("| %s | %.2f |%n", key, v)));
        report.append(String.format("| **all** | **%.2f** |%n%n", StoreWrites.total(byCollection)));
        // issue 19: the same writes by service and collection, largest first, whichever collections the code writes
        Map<String, Double> perCollection = new LinkedHashMap<>();
        byCollection.forEach((key, v) -> perCollection.merge(key.substring(0, key.lastIndexOf(' ')), v, Double::sum));
        report.append("Per lifecycle by service and collection (all commands), largest first:\n\n")
                .append("| service collection | per lifecycle |\n|---|---|\n");
        perCollection.entrySet().stream()
                .sorted(Map.Entry.<String, Double>comparingByValue().reversed())
                .forEach(e -> report.append(String.format("| %s | %.2f |%n", e.getKey(), e.getValue())));
        report.append('\n');
        log("writes per lifecycle %.1f", perLifecycle);
    }

    // ------------------------------------------------------------------ 3. the limit

    private void limit(double best, int seconds) throws Exception {
        MongoDatabase scratch = mongo.getDatabase("bench_scratch_" + runId);
        double one = rawInserts(scratch, 1, seconds);
        double four = rawInserts(scratch, 4, seconds);
        scratch.drop();
        double[] kafka = rawProduce(seconds);
        double bound = four / writesPerLifecycle;
        double ratio = best / bound;
        report.append("### 3. The limit\n\n| measure | value |\n|---|---|\n")
                .append(String.format(
                        "| raw durable insert by `_id`, ~1 KB, same MongoDB-wire server, 1 thread | %.0f writes/s |%n",
                        one))
                .append(String.format(
                        "| raw durable insert by `_id`, ~1 KB, same MongoDB-wire server, 4 threads | %.0f writes/s |%n",
                        four))
                .append(String.format(
                        "| raw Kafka produce, acks=all, idempotent, 1 KB, each send waits for its ack | %.0f records/s |%n",
                        kafka[0]))
                .append(String.format(
                        "| raw Kafka produce, acks=all, idempotent, 1 KB, pipelined | %.0f records/s |%n", kafka[1]))
                .append(String.format("| store writes per lifecycle (section 2) | %.1f |%n", writesPerLifecycle))
                .append(String.format(
                        "| bound = 4-thread raw write rate ÷ writes per lifecycle | %.2f lifecycles/s |%n", bound))
                .append(String.format("| measured saturation throughput | %.2f lifecycles/s |%n", best))
                .append(String.format(
                        "| system CPU per lifecycle (last level of section 2) | %.0f ms |%n", cpuPerLifecycle))
                .append(String.format(
                        "| CPU bound = %d cores ÷ CPU per lifecycle | %.2f lifecycles/s |%n",
                        Runtime.getRuntime().availableProcessors(),
                        Runtime.getRuntime().availableProcessors() * 1000 / cpuPerLifecycle))
                .append(String.format(
                        "| **ratio measured ÷ bound** | **%.2f** %s |%n%n", ratio, atLeast("goal-ratio", ratio, "")));
        log(
                "raw mongo %.0f / %.0f, kafka %.0f / %.0f, bound %.2f, ratio %.2f",
                one, four, kafka[0], kafka[1], bound, ratio);
    }

    private double rawInserts(MongoDatabase db, int threads, int seconds) throws Exception {
        MongoCollection<Document> raw = db.getCollection("raw_" + threads);
        String payload = "x".repeat(1_000);
        AtomicLong count = new AtomicLong();
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        ExecutorService pool = Executors.newFixedThreadPool(threads, daemons("raw-mongo"));
        long t0 = System.nanoTime();
        List<Future<?>> fs = new ArrayList<>();
        for (int i = 0; i < threads; i++) {
            int thread = i;
            fs.add(pool.submit(() -> {
                int n = 0;
                while (System.nanoTime() < end) {
                    raw.insertOne(new Document("_id", "raw-" + thread + ":" + n++)
                            .append("agg", "raw-" + thread)
                            .append("payload", payload));
                    count.incrementAndGet();
                }
                return null;
            }));
        }
        for (Future<?> f : fs) {
            f.get();
        }
        pool.shutdown();
        return count.get() / ((System.nanoTime() - t0) / 1e9);
    }

    private double[] rawProduce(int seconds) throws Exception {
        String topic = "bench.raw." + runId;
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, system.kafka()))) {
            admin.createTopics(List.of(new NewTopic(topic, 1, (short) 1))).all().get(30, TimeUnit.SECONDS);
        }
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, system.kafka());
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        byte[] value = new byte[1_000];
        double sync;
        double pipelined;
        try (KafkaProducer<String, byte[]> producer =
                new KafkaProducer<>(p, new StringSerializer(), new ByteArraySerializer())) {
            producer.send(new ProducerRecord<>(topic, "warm", value)).get();
            long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
            long t0 = System.nanoTime();
            long n = 0;
            while (System.nanoTime() < end) {
                producer.send(new ProducerRecord<>(topic, "k" + (n++ % 100), value))
                        .get();
            }
            sync = n / ((System.nanoTime() - t0) / 1e9);
            end = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
            t0 = System.nanoTime();
            n = 0;
            while (System.nanoTime() < end) {
                producer.send(new ProducerRecord<>(topic, "k" + (n++ % 100), value));
            }
            producer.flush();
            pipelined = n / ((System.nanoTime() - t0) / 1e9);
        }
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, system.kafka()))) {
            admin.deleteTopics(List.of(topic)).all().get(30, TimeUnit.SECONDS);
        }
        return new double[] {sync, pipelined};
    }

    // ------------------------------------------------------------------ 4. rebuild

    /**
     * Issue 19 goal 4: every projection of {@link Projections#ALL} rebuilt in this JVM into a fresh database on the
     * child's MongoDB-wire server. Timed on its topics taken {@code --rebuild-copies} times over ({@link TopicCopies}:
     * the benchmark's topics alone rebuild in a tenth of a second, less than the JIT needs to compile the path, and
     * the figure would be its warm-up), once to warm up and {@code --rebuild-runs} times measured; then rebuilt from
     * the topics as they are and compared with its live read model. Last, for the ticket list, the live path per event
     * and where the rebuild's time goes.
     */
    private void rebuild() throws Exception {
        StoreWrites.whenQuiet(system.rest, 1_500); // the live read models have applied everything on the topics
        TraceContexts traces = TraceContexts.none();
        long r0 = System.nanoTime();
        Map<String, List<ConsumerRecord<String, byte[]>>> byTopic = new LinkedHashMap<>();
        for (String topic : Projections.topics()) {
            byTopic.put(topic, EffectCheck.readAll(system.kafka(), topic));
        }
        double readSeconds = (System.nanoTime() - r0) / 1e9;
        StringBuilder table = new StringBuilder(
                        "| projection | topics read | events on the topics | events timed (applied) | seconds (median) | events/s: first / median / best | documents of the topics (rows + inbox markers) | equal to live | goal (median) |\n")
                .append("|---|---|---|---|---|---|---|---|---|\n");
        int runs = arg("rebuild-runs", 5);
        int copies = arg("rebuild-copies", 10);
        Map<String, List<ConsumerRecord<String, byte[]>>> copied = TopicCopies.of(byTopic, copies);
        List<String> differences = new ArrayList<>();
        int i = 0;
        for (Projections.Projection p : Projections.ALL) {
            i++;
            List<ConsumerRecord<String, byte[]>> records = Projections.recordsOf(p, byTopic);
            List<ConsumerRecord<String, byte[]>> timed = Projections.recordsOf(p, copied);
            String topics = String.join(
                    ", ", p.topics().stream().map(t -> "`" + t + "`").toList());
            MongoDatabase live = mongo.getDatabase(p.database());
            MongoDatabase warm = mongo.getDatabase("rebuild_warm_" + i + "_" + runId);
            MongoDatabase fresh = mongo.getDatabase("rebuild_" + i + "_" + runId);
            try {
                rebuilder(p, warm, live, traces).rebuild(timed, p.group() + "-rebuild");
                warm.drop();
                // timed: `runs` rebuilds, each into a fresh database (the first dropped before the next); a
                // topic of a few thousand records takes a tenth of a second, less than the JIT needs to compile the
                // path, so one run measures mostly the warm-up
                double[] seconds = new double[runs];
                long applied = 0;
                for (int run = 0; run < runs; run++) {
                    if (run > 0) {
                        fresh.drop();
                    }
                    Projections.Rebuild rebuild = rebuilder(p, fresh, live, traces);
                    long t0 = System.nanoTime();
                    applied = rebuild.rebuild(timed, p.group() + "-rebuild");
                    seconds[run] = (System.nanoTime() - t0) / 1e9;
                }
                double first = timed.size() / seconds[0];
                double[] sorted = seconds.clone();
                Arrays.sort(sorted);
                double median = sorted[runs / 2];
                double rate = timed.size() / median;
                double best = timed.size() / sorted[0];
                // equal to live: the topics as they are, rebuilt into a fresh database once more
                fresh.drop();
                rebuilder(p, fresh, live, traces).rebuild(records, p.group() + "-rebuild");
                long rows = 0;
                for (String c : p.collections()) {
                    rows += fresh.getCollection(c).countDocuments();
                }
                long markers = fresh.getCollection("inbox").countDocuments();
                Projections.Comparison same = Projections.compare(live, fresh, p.collections());
                table.append(String.format(
                        "| %s (`%s`) | %s | %,d | %,d (%,d) | %.2f | %,.0f / **%,.0f** / %,.0f | %,d + %,d | %s | %s |%n",
                        p.name(),
                        String.join("`, `", p.collections()),
                        topics,
                        records.size(),
                        timed.size(),
                        applied,
                        median,
                        first,
                        rate,
                        best,
                        rows,
                        markers,
                        same.same()
                                ? String.format("yes (%,d documents)", same.documents())
                                : String.format(
                                        "**no** (%,d of %,d live documents differ)",
                                        same.differing(), same.documents()),
                        atLeast("goal-rebuild-events-per-second", rate, "")));
                if (!same.same()) {
                    differences.add(p.name() + ": " + same.example());
                }
                log(
                        "rebuild %s: %.0f events/s (%d records timed; %d rows from the topics as they are), same as live: %s",
                        p.name(), rate, timed.size(), rows, same.same());
            } catch (RuntimeException e) {
                table.append(String.format(
                        "| %s | %s | %,d | | | | | failed: %s | |%n",
                        p.name(), topics, records.size(), e.toString().replace('|', '/')));
                log("rebuild %s failed: %s", p.name(), e);
            } finally {
                warm.drop();
                fresh.drop();
            }
        }
        long total = byTopic.values().stream().mapToLong(List::size).sum();
        report.append("### 4. Read-model rebuilds from the topics\n\n")
                .append(String.format(
                        "Each projection's `rebuild(records, group)` run in the benchmark's JVM against the system's"
                                + " MongoDB-wire server into a fresh database. Timed on its topics taken %d times over"
                                + " (each further copy the same history with every UUID changed, so other tickets,"
                                + " calls, orders and obligations of the same estates), once to warm up and %d times"
                                + " measured (events/s of the first, the median and the best; the goal is checked on"
                                + " the median). The topics (%,d records) were read once beforehand, in %.1f s. Equal"
                                + " to live: the topics as they are, rebuilt once more into a fresh database, the"
                                + " rebuilt documents of the projection's own collections against the live ones, field"
                                + " by field by `_id` (the inbox left out).%n%n",
                        copies, runs, total, readSeconds))
                .append(String.format(
                        "The benchmark's own JVM, which folds and sends the rebuilds: %s. Without a fixed heap it"
                                + " grows during the rebuilds, and the first touch of the new memory made single runs"
                                + " up to three times slower (docs/benchmarks.md, goal 4).%n%n",
                        heapOptions()))
                .append(table)
                .append('\n');
        if (!differences.isEmpty()) {
            report.append("First difference of each projection not equal to its live read model:\n\n");
            differences.forEach(
                    d -> report.append("- `").append(d.replace('`', '\'')).append("`\n"));
            report.append('\n');
        }
        ticketListDetail(byTopic.get(Topics.TICKET_EVENTS), traces);
    }

    /** The projection's rebuild into {@code into}, reading what it needs of the service's {@code live} database. */
    private static Projections.Rebuild rebuilder(
            Projections.Projection p, MongoDatabase into, MongoDatabase live, TraceContexts traces) {
        return p.factory().make(into, new InboundEvents(into, new SimpleMeterRegistry(), traces), live);
    }

    /** This JVM's heap options as it was started with them, or a note that it has none. */
    private static String heapOptions() {
        List<String> heap = ManagementFactory.getRuntimeMXBean().getInputArguments().stream()
                .filter(o -> o.startsWith("-Xms") || o.startsWith("-Xmx") || o.contains("AlwaysPreTouch"))
                .toList();
        return heap.isEmpty() ? "no heap options (not fixed)" : "`" + String.join(" ", heap) + "`";
    }

    /** The ticket list's live path per event, and where its rebuild's time goes (decoding, bulk inserts). */
    private void ticketListDetail(List<ConsumerRecord<String, byte[]>> records, TraceContexts traces) {
        // the live path, one record at a time
        MongoDatabase perEvent = mongo.getDatabase("rebuild_live_" + runId);
        TicketList livePath = new TicketList(perEvent, new InboundEvents(perEvent, new SimpleMeterRegistry(), traces));
        List<ConsumerRecord<String, byte[]>> sample = records.subList(0, Math.min(records.size(), 3_000));
        long b0 = System.nanoTime();
        KafkaUtils.setConsumerGroupId(TicketList.GROUP); // as on the listener's consumer thread
        for (ConsumerRecord<String, byte[]> r : sample) {
            try {
                livePath.on(List.of(r));
            } catch (RuntimeException poison) {
                // the live consumer sends it to its DLT
            }
        }
        KafkaUtils.clearConsumerGroupId();
        double perEventSeconds = (System.nanoTime() - b0) / 1e9;
        List<Document> rows = perEvent.getCollection("ticket_list").find().into(new ArrayList<>());
        perEvent.drop();

        // decoding alone, and the store's bulk insert rate for documents like these
        long d0 = System.nanoTime();
        for (ConsumerRecord<String, byte[]> r : records) {
            try {
                io.propdesk.contracts.cloudevents.CloudEventCodec.fromRecord(r);
            } catch (RuntimeException poison) {
                // counted by the rebuild
            }
        }
        double decodeSeconds = (System.nanoTime() - d0) / 1e9;
        MongoDatabase probe = mongo.getDatabase("rebuild_probe_" + runId);
        List<Document> batch = new ArrayList<>();
        int copy = 0;
        long i0 = System.nanoTime();
        while (copy < 5_000 && !rows.isEmpty()) {
            for (Document row : rows) {
                batch.add(new Document(row).append("_id", "probe-" + copy++));
                if (batch.size() == 1_000) {
                    probe.getCollection("rows").insertMany(batch);
                    batch.clear();
                }
            }
        }
        if (!batch.isEmpty()) {
            probe.getCollection("rows").insertMany(batch);
        }
        double insertRate = copy / ((System.nanoTime() - i0) / 1e9);
        probe.drop();
        report.append("Ticket list, the live path and where a rebuild's time goes:\n\n")
                .append("| measure | events | seconds | per second |\n|---|---|---|---|\n")
                .append(String.format(
                        "| live path per event (`TicketList.on` with a poll of one, as the listener) | %d | %.1f | %.0f events |%n",
                        sample.size(), perEventSeconds, sample.size() / perEventSeconds))
                .append(String.format(
                        "| decoding every record of `%s` alone | %d | %.2f | %.0f records |%n",
                        Topics.TICKET_EVENTS, records.size(), decodeSeconds, records.size() / decodeSeconds))
                .append(String.format(
                        "| insertMany of 1,000 ticket-list rows (copies), same server | %d | | %.0f documents |%n%n",
                        copy, insertRate));
    }

    // ------------------------------------------------------------------ 6. cost per ticket

    private void costPerFlow(int perFlow) throws Exception {
        report.append("### 6. Cost per ticket, by flow\n\n")
                .append(perFlow)
                .append(" tickets per flow, one flow at a time on an otherwise quiet system, measured once the store")
                .append(" writes are quiet. Events: all four event stores. MongoDB bytes: BSON size of every document")
                .append(" of every `propdesk_*` database, before and after (the transient `outbox` entries and")
                .append(" `relay_lease` left out). Kafka: key + value + header bytes of every record keyed by the")
                .append(
                        " ticket's id, all four topics. H2: growth of the store's files (the `mongo` data directory: H2's MVStore"
                                + " file, which keeps old chunk versions).\n\n")
                .append("| flow | events stored | MongoDB bytes | Kafka records | Kafka bytes | H2 file bytes |\n")
                .append("|---|---|---|---|---|---|\n");
        for (String flow : Lifecycles.FLOWS) {
            StoreWrites.whenQuiet(system.rest, 1_500);
            long events0 = eventsStored();
            long bytes0 = mongoBytes();
            long file0 = ChildSystem.diskUse(system.storeDir())[0];
            List<Ticket> tickets = new ArrayList<>();
            for (int i = 0; i < perFlow; i++) {
                tickets.add(drive.flow(flow, ticketNo.incrementAndGet()));
            }
            StoreWrites.whenQuiet(system.rest, 1_500);
            long events = eventsStored() - events0;
            long bytes = mongoBytes() - bytes0;
            long file = ChildSystem.diskUse(system.storeDir())[0] - file0;
            long kafkaBytes = tickets.stream().mapToLong(t -> watch.bytes(t.id)).sum();
            long kafkaRecords =
                    tickets.stream().mapToLong(t -> watch.records(t.id)).sum();
            report.append(String.format(
                    "| %s | %.1f | %,.0f | %.1f | %,.0f | %,.0f |%n",
                    flow,
                    events / (double) perFlow,
                    bytes / (double) perFlow,
                    kafkaRecords / (double) perFlow,
                    kafkaBytes / (double) perFlow,
                    file / (double) perFlow));
            log("flow %s: %.1f events per ticket", flow, events / (double) perFlow);
        }
        report.append('\n');
    }

    // ------------------------------------------------------------------ 7. disk

    /** Issue 19 goal 7: the store's files and the Kafka log over {@code lifecycles} repair lifecycles. */
    private void disk(int lifecycles, int inFlight) throws Exception {
        log("disk: %d lifecycles, %d in flight", lifecycles, inFlight);
        DiskGrowth.Result r = new DiskGrowth(system, drive, ticketNo::incrementAndGet).run(lifecycles, inFlight, 5);
        Path tmp = Path.of(System.getProperty("java.io.tmpdir"));
        Path csv = Path.of(args.text(
                "disk-csv", tmp.resolve("propdesk-disk-" + runId + ".csv").toString()));
        Path svg = Path.of(args.text(
                "disk-svg", tmp.resolve("propdesk-disk-" + runId + ".svg").toString()));
        DiskGrowth.writeCsv(csv, r.samples());
        DiskGrowth.writeSvg(
                svg,
                r.samples(),
                String.format(
                        "Disk over %,d repair lifecycles (%d in flight), %s", r.done(), inFlight, LocalDate.now()));
        double steadyKb = r.storeSteadySlope() / 1e3;
        report.append("### 7. Disk: the store's files and the Kafka log over repair lifecycles\n\n")
                .append(String.format(
                        "%,d full repair lifecycles at saturation (%d in flight; %d failed) after the sections above,"
                                + " in %.0f s (%.2f lifecycles/s); every 5 s the disk used (`du`) by the store's"
                                + " files (the `mongo` data directory) and by the Kafka log directory (whose index files"
                                + " are preallocated sparse), the store's largest file and the system's RSS were sampled"
                                + " (%d samples). Steady state: the least-squares slope over the samples of the last"
                                + " half of the lifecycles. CSV: `%s`; chart: `%s`.%n%n",
                        r.done(),
                        inFlight,
                        r.failed(),
                        r.seconds(),
                        r.done() / r.seconds(),
                        r.samples().size(),
                        csv,
                        svg))
                .append("| measure | store files | Kafka log | goal |\n|---|---|---|---|\n")
                .append(String.format(
                        "| size at the start → at the end | %.1f → %.1f MB | %.1f → %.1f MB | |%n",
                        r.samples().get(0).storeBytes() / 1e6,
                        r.samples().get(r.samples().size() - 1).storeBytes() / 1e6,
                        r.samples().get(0).kafkaBytes() / 1e6,
                        r.samples().get(r.samples().size() - 1).kafkaBytes() / 1e6))
                .append(String.format(
                        "| total growth | %.1f MB | %.1f MB | |%n", r.storeGrowth() / 1e6, r.kafkaGrowth() / 1e6))
                .append(String.format(
                        "| growth per lifecycle, whole run | %,.1f KB | %,.1f KB | |%n",
                        r.storePerLifecycle() / 1e3, r.kafkaPerLifecycle() / 1e3))
                .append(String.format(
                        "| growth per lifecycle, steady state (slope over the last half) | %,.1f KB | %,.1f KB | %s |%n",
                        steadyKb, r.kafkaSteadySlope() / 1e3, atMost("goal-disk-kb-per-lifecycle", steadyKb, " KB")))
                .append(String.format(
                        "| largest size seen (all files / largest file) | %.1f / %.1f MB | | |%n",
                        r.storeMax() / 1e6, r.storeLargestFileMax() / 1e6))
                .append(String.format("| largest store file at the end | %s | | |%n", r.largestFile()))
                .append(String.format("| system RSS, max over the disk run | %.0f MB | | |%n%n", r.rssMaxMb()));
        keptPerTicket(r.samples().get(r.samples().size() - 1).storeBytes());
        log(
                "disk: store +%.1f MB (%.1f KB per lifecycle, %.1f KB at steady state), Kafka +%.1f MB; %s, %s",
                r.storeGrowth() / 1e6, r.storePerLifecycle() / 1e3, steadyKb, r.kafkaGrowth() / 1e6, csv, svg);
    }

    private long eventsStored() {
        long n = 0;
        for (String db : mongo.listDatabaseNames()) {
            if (db.startsWith("propdesk_")) {
                n += StorePrefill.countEvents(mongo.getDatabase(db).getCollection("events"));
            }
        }
        return n;
    }

    private long mongoBytes() {
        return mongoBytesByCollection().values().stream()
                .mapToLong(kept -> kept[1])
                .sum();
    }

    /**
     * Documents and BSON bytes of every collection of every {@code propdesk_*} database, by
     * {@code database.collection}; the transient {@code outbox} entries and {@code relay_lease} left out.
     */
    private Map<String, long[]> mongoBytesByCollection() {
        Map<String, long[]> byCollection = new TreeMap<>();
        for (String dbName : mongo.listDatabaseNames()) {
            if (!dbName.startsWith("propdesk_")) {
                continue;
            }
            MongoDatabase db = mongo.getDatabase(dbName);
            for (String collection : db.listCollectionNames()) {
                if (collection.equals("outbox") || collection.equals("relay_lease")) {
                    continue;
                }
                long[] kept = byCollection.computeIfAbsent(dbName + "." + collection, k -> new long[2]);
                for (RawBsonDocument d :
                        db.getCollection(collection, RawBsonDocument.class).find()) {
                    kept[0]++;
                    kept[1] += d.getByteBuffer().remaining();
                }
            }
        }
        return byCollection;
    }

    /**
     * What the store keeps per ticket at the end of the disk run, by collection, largest first: the live data the file
     * holds (compressed) once compaction has reclaimed the old chunk versions.
     */
    private void keptPerTicket(long fileBytes) {
        Map<String, long[]> kept = mongoBytesByCollection();
        long tickets = kept.getOrDefault("propdesk_ticket.ticket_list", new long[1])[0];
        if (tickets == 0) {
            return;
        }
        long total = kept.values().stream().mapToLong(k -> k[1]).sum();
        report.append(String.format(
                        "What the store keeps at the end, per ticket stored (%,d tickets in `ticket_list`, all"
                                + " sections): BSON of every document, largest first; the file holds it"
                                + " compressed (Deflate) in pages of up to 16 KB, plus the chunks compaction has not yet reclaimed.%n%n",
                        tickets))
                .append("| collection | documents per ticket | BSON KB per ticket | share |\n|---|---|---|---|\n");
        kept.entrySet().stream()
                .sorted((a, b) -> Long.compare(b.getValue()[1], a.getValue()[1]))
                .filter(e -> e.getValue()[1] * 200 >= total) // 0.5 % and more; the rest summed below
                .forEach(e -> report.append(String.format(
                        "| `%s` | %.2f | %.2f | %.1f %% |%n",
                        e.getKey(),
                        e.getValue()[0] / (double) tickets,
                        e.getValue()[1] / 1e3 / tickets,
                        100.0 * e.getValue()[1] / total)));
        long rest = kept.values().stream()
                .mapToLong(k -> k[1])
                .filter(b -> b * 200 < total)
                .sum();
        report.append(String.format(
                        "| the other collections | | %.2f | %.1f %% |%n", rest / 1e3 / tickets, 100.0 * rest / total))
                .append(String.format(
                        "| **all** | | **%.2f** | file: %.2f KB per ticket |%n%n",
                        total / 1e3 / tickets, fileBytes / 1e3 / tickets));
    }

    private static java.util.concurrent.ThreadFactory daemons(String name) {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, name + "-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }

    /** " key value" for each counted thing, divided by the lifecycles done. */
    private static String perLifecycle(Map<String, Double> counts, int lifecycles, String format) {
        StringBuilder line = new StringBuilder();
        counts.forEach((key, n) ->
                line.append(' ').append(key).append(' ').append(String.format(format, n / Math.max(1, lifecycles))));
        return line.toString();
    }
}
