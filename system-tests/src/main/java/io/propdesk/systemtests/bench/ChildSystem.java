package io.propdesk.systemtests.bench;

import io.propdesk.standalone.ServiceClient;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The standalone system as its own process ({@code java -jar standalone.jar}) on free ports, so that its memory, CPU
 * and start-up time are the system's alone. Samples its resident set every second. The one launcher of the
 * benchmarks: the system benchmark gives it no data directory (a temporary one, deleted by {@link #close()}); the
 * start-up benchmark (issue 19 goal 5) gives it a prepared one, kept, to start again and again. Launch time is taken
 * just before the process is started, so the readiness time includes the JVM's own start.
 */
final class ChildSystem implements AutoCloseable {

    static final List<String> SERVICES = List.of("ticket", "dispatch", "callback", "billing");

    private static final Pattern STARTED = Pattern.compile("Started (\\w+) in ([0-9.]+) seconds");
    private static final Pattern MONGO = Pattern.compile("MongoDB-wire server ready at .* in ([0-9]+) ms");
    private static final Pattern TOTAL = Pattern.compile("PropDesk is running \\(started in ([0-9.]+) s\\)");

    final Path dataDir;
    final Path log;
    final int kafkaPort;
    final int mongoPort;
    final Map<String, Integer> ports = new LinkedHashMap<>();
    final ServiceClient rest;
    private final boolean ownsDataDir;
    private final Process process;
    private final long launchedAt;
    private final List<long[]> rss = new ArrayList<>(); // {nanoTime, kB}
    private final Thread sampler;
    private volatile String phase = "start";
    private final Map<String, long[]> rssByPhase = new LinkedHashMap<>(); // phase -> {samples, sum kB, max kB}

    /** On a temporary data directory, deleted by {@link #close()}; the log is a temporary file, kept. */
    ChildSystem(Path jar, List<String> jvmArgs) throws IOException {
        this(
                jar,
                Files.createTempDirectory("propdesk-sysbench"),
                Files.createTempFile("propdesk-sysbench-", ".log"),
                jvmArgs,
                true);
    }

    /** On the given data directory, which {@link #close()} keeps. */
    ChildSystem(Path jar, Path dataDir, Path log, List<String> jvmArgs) throws IOException {
        this(jar, dataDir, log, jvmArgs, false);
    }

    private ChildSystem(Path jar, Path dataDir, Path log, List<String> jvmArgs, boolean ownsDataDir)
            throws IOException {
        this.dataDir = dataDir;
        this.log = log;
        this.ownsDataDir = ownsDataDir;
        // all chosen at once: a port closed after being chosen may be the next one the system hands out
        int[] free = freePorts(3 + SERVICES.size());
        this.kafkaPort = free[0];
        this.mongoPort = free[1];
        int consolePort = free[2];
        for (int i = 0; i < SERVICES.size(); i++) {
            ports.put(SERVICES.get(i), free[3 + i]);
        }
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmArgs);
        command.addAll(List.of(
                "-jar",
                jar.toString(),
                "--data-dir=" + dataDir,
                "--kafka-port=" + kafkaPort,
                "--mongo-port=" + mongoPort,
                "--console-port=" + consolePort)); // not the default 8080, which another run may hold
        ports.forEach((s, p) -> command.add("--" + s + "-port=" + p));
        this.rest = new ServiceClient(service -> "http://localhost:" + ports.get(service));
        Files.createDirectories(log.toAbsolutePath().getParent());
        this.launchedAt = System.nanoTime();
        this.process = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
        this.sampler = new Thread(this::sample, "rss-sampler");
        this.sampler.setDaemon(true);
        this.sampler.start();
    }

    long pid() {
        return process.pid();
    }

    String kafka() {
        return "localhost:" + kafkaPort;
    }

    String mongoUri() {
        return "mongodb://localhost:" + mongoPort;
    }

    Path mongoFile() {
        return dataDir.resolve("mongo").resolve("propdesk.mv");
    }

    /** The embedded MongoDB-wire server's directory: the H2 MVStore file {@code propdesk.mv} and its log segments. */
    Path storeDir() {
        return dataDir.resolve("mongo");
    }

    /** The embedded Kafka broker's log directory. */
    Path kafkaDir() {
        return dataDir.resolve("kafka");
    }

    /**
     * {total bytes, largest file's bytes} of the regular files under {@code dir}; files that vanish while it is
     * walked (a Kafka segment deleted, a store file replaced by compaction) are skipped.
     */
    static long[] diskUse(Path dir) {
        long total = 0;
        long largest = 0;
        if (!Files.isDirectory(dir)) {
            return new long[] {0, 0};
        }
        try (var files = Files.walk(dir)) {
            for (Path f : (Iterable<Path>) files::iterator) {
                try {
                    if (Files.isRegularFile(f)) {
                        long size = Files.size(f);
                        total += size;
                        largest = Math.max(largest, size);
                    }
                } catch (IOException gone) {
                    // deleted between listing and reading
                }
            }
        } catch (IOException | java.io.UncheckedIOException gone) {
            // a directory deleted while walked: what was counted so far
        }
        return new long[] {total, largest};
    }

    /**
     * Bytes allocated on disk under {@code dir} ({@code du -s -B1}): Kafka preallocates its index files sparse (10 MB
     * each, mostly holes), so their apparent sizes overstate the log several times over. Falls back to the apparent
     * sizes where {@code du} is not there.
     */
    static long allocated(Path dir) {
        if (!Files.isDirectory(dir)) {
            return 0;
        }
        try {
            Process du = new ProcessBuilder("du", "-s", "-B1", dir.toString())
                    .redirectErrorStream(false)
                    .redirectError(ProcessBuilder.Redirect.DISCARD)
                    .start();
            String out = new String(du.getInputStream().readAllBytes()).trim();
            if (du.waitFor(30, TimeUnit.SECONDS) && !out.isEmpty()) {
                return Long.parseLong(out.split("\\s+")[0]);
            }
        } catch (IOException | RuntimeException e) {
            // no du: the apparent sizes
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return diskUse(dir)[0];
    }

    /** The name and size of the largest file under {@code dir}, e.g. "propdesk.mv 12.3 MB", or "none". */
    static String largestFileName(Path dir) {
        Path best = null;
        long size = -1;
        try (var files = Files.walk(dir)) {
            for (Path f : (Iterable<Path>) files::iterator) {
                try {
                    if (Files.isRegularFile(f) && Files.size(f) > size) {
                        size = Files.size(f);
                        best = f;
                    }
                } catch (IOException gone) {
                    // deleted between listing and reading
                }
            }
        } catch (IOException | java.io.UncheckedIOException gone) {
            // a directory deleted while walked
        }
        return best == null ? "none" : dir.relativize(best) + String.format(" %.1f MB", size / 1e6);
    }

    /** The latest RSS sample (the process and its descendants), MB; NaN before the first. */
    synchronized double lastRssMb() {
        return rss.isEmpty() ? Double.NaN : rss.get(rss.size() - 1)[1] / 1024.0;
    }

    /** Seconds from launch until all four {@code /actuator/health/readiness} answer UP (polled every 50 ms). */
    double awaitReady(long timeoutSeconds) throws InterruptedException {
        long deadline = launchedAt + TimeUnit.SECONDS.toNanos(timeoutSeconds);
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("the system exited with " + process.exitValue() + "; see " + log);
            }
            boolean all = true;
            for (String s : SERVICES) {
                ServiceClient.Reply r = rest.get(s, "/actuator/health/readiness");
                if (!(r.ok() && "UP".equals(r.text("status")))) {
                    all = false;
                    break;
                }
            }
            if (all) {
                return (System.nanoTime() - launchedAt) / 1e9;
            }
            Thread.sleep(50);
        }
        throw new IllegalStateException("not ready within " + timeoutSeconds + " s; see " + log);
    }

    /**
     * What the log says about the start, in seconds: the MongoDB-wire server's opening of its file ({@code mongo}),
     * each Spring context's own "Started X in" (by application class) and the system total ({@code total}, from
     * {@code Running.startupTimes}), once printed.
     */
    Map<String, Double> startLog() throws IOException {
        Map<String, Double> times = new LinkedHashMap<>();
        String text = Files.readString(log);
        Matcher mongo = MONGO.matcher(text);
        if (mongo.find()) {
            times.put("mongo", Long.parseLong(mongo.group(1)) / 1000.0);
        }
        Matcher m = STARTED.matcher(text);
        while (m.find()) {
            times.put(m.group(1), Double.parseDouble(m.group(2)));
        }
        Matcher total = TOTAL.matcher(text);
        if (total.find()) {
            times.put("total", Double.parseDouble(total.group(1)));
        }
        return times;
    }

    /** Waits up to {@code seconds} for the "PropDesk is running" line (printed after the console started). */
    void awaitTotal(long seconds) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (System.nanoTime() < deadline && !startLog().containsKey("total")) {
            Thread.sleep(100);
        }
    }

    /** Names what the RSS samples from now on belong to. */
    void phase(String name) {
        this.phase = name;
    }

    /** {samples, mean MB, max MB} of the RSS samples taken during a phase. */
    synchronized double[] rss(String phaseName) {
        long[] p = rssByPhase.get(phaseName);
        return p == null
                ? new double[] {0, Double.NaN, Double.NaN}
                : new double[] {p[0], p[1] / 1024.0 / p[0], p[2] / 1024.0};
    }

    synchronized double maxRssMb() {
        return rssByPhase.values().stream().mapToLong(p -> p[2]).max().orElse(0) / 1024.0;
    }

    private void sample() {
        while (process.isAlive()) {
            long kb = rssKb(process.toHandle());
            for (ProcessHandle child : process.descendants().toList()) {
                kb += rssKb(child);
            }
            synchronized (this) {
                rss.add(new long[] {System.nanoTime(), kb});
                long[] p = rssByPhase.computeIfAbsent(phase, k -> new long[3]);
                p[0]++;
                p[1] += kb;
                p[2] = Math.max(p[2], kb);
            }
            try {
                Thread.sleep(1_000);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    private static long rssKb(ProcessHandle handle) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", String.valueOf(handle.pid()), "status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", ""));
                }
            }
        } catch (IOException | RuntimeException gone) {
            // the process ended between listing and reading
        }
        return 0;
    }

    /** CPU seconds (user + system) the system's process has used so far, from /proc/<pid>/stat. */
    double cpuSeconds() {
        try {
            String stat = Files.readString(Path.of("/proc", String.valueOf(process.pid()), "stat"));
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return (Long.parseLong(f[11]) + Long.parseLong(f[12])) / 100.0; // utime, stime in clock ticks (USER_HZ 100)
        } catch (IOException | RuntimeException e) {
            return Double.NaN;
        }
    }

    /**
     * CPU seconds (user + system) per thread of the system process now, by thread id, each with its kind: the JIT's
     * compiler threads ({@code "jit"}), the garbage collector's ({@code "gc"}) or any other ({@code "other"}). A
     * thread that ended is no longer listed, so a difference of two readings counts the threads alive at the later.
     */
    Map<Long, ThreadCpu> cpuSecondsByThread() {
        Map<Long, ThreadCpu> threads = new LinkedHashMap<>();
        Path tasks = Path.of("/proc", String.valueOf(process.pid()), "task");
        try (var ids = Files.list(tasks)) {
            for (Path task : (Iterable<Path>) ids::iterator) {
                try {
                    String name = Files.readString(task.resolve("comm")).strip();
                    String stat = Files.readString(task.resolve("stat"));
                    String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                    double seconds = (Long.parseLong(f[11]) + Long.parseLong(f[12])) / 100.0;
                    threads.put(Long.parseLong(task.getFileName().toString()), new ThreadCpu(kindOf(name), seconds));
                } catch (IOException | RuntimeException ended) {
                    // the thread ended between the listing and the read
                }
            }
        } catch (IOException | RuntimeException e) {
            return Map.of();
        }
        return threads;
    }

    /** One thread's CPU seconds so far and its kind. */
    record ThreadCpu(String kind, double seconds) {}

    /** The CPU seconds of each kind between two readings, counting the threads alive at {@code after}. */
    static Map<String, Double> cpuByKind(Map<Long, ThreadCpu> before, Map<Long, ThreadCpu> after) {
        Map<String, Double> byKind = new LinkedHashMap<>();
        after.forEach((tid, now) -> {
            ThreadCpu then = before.get(tid);
            double used = now.seconds() - (then == null ? 0 : then.seconds());
            byKind.merge(now.kind(), Math.max(0, used), Double::sum);
        });
        return byKind;
    }

    private static String kindOf(String threadName) {
        if (threadName.startsWith("C1 Compiler") || threadName.startsWith("C2 Compiler")) {
            return "jit";
        }
        if (threadName.startsWith("GC Thread") || threadName.startsWith("G1 ")) {
            return "gc";
        }
        return "other";
    }

    /** SIGTERM, then waits for the orderly stop; answers the seconds it took (negative if it had to be killed). */
    double stop() throws InterruptedException {
        long t = System.nanoTime();
        process.destroy(); // SIGTERM on Linux: the system's shutdown hook stops services, Kafka, MongoDB in order
        if (!process.waitFor(120, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor();
            return -1;
        }
        sampler.interrupt();
        return (System.nanoTime() - t) / 1e9;
    }

    @Override
    public void close() throws Exception {
        if (process.isAlive()) {
            stop();
        }
        if (ownsDataDir) {
            delete(dataDir);
        }
    }

    /** Deletes {@code dir} and everything under it, if it is there. */
    static void delete(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (var files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
        }
    }

    /**
     * {@code n} distinct free ports. Each socket stays open until all are chosen: one closed at once could be handed
     * out again by the next, and then two parts of the system would be started on the same port (the embedded
     * MongoDB-wire server once took the port chosen for ticket-service, and the child failed to start).
     */
    private static int[] freePorts(int n) throws IOException {
        List<ServerSocket> open = new ArrayList<>(n);
        try {
            int[] ports = new int[n];
            for (int i = 0; i < n; i++) {
                ServerSocket socket = new ServerSocket(0);
                open.add(socket);
                ports[i] = socket.getLocalPort();
            }
            return ports;
        } finally {
            for (ServerSocket socket : open) {
                socket.close();
            }
        }
    }
}
