package io.propdesk.systemtests.bench.startup;

import io.propdesk.standalone.ServiceClient;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The standalone system as its own process on free ports and a GIVEN data directory, which it keeps (unlike the system
 * benchmark's {@code ChildSystem}, which owns a temporary one): the start-up benchmark (issue 19 goal 5) starts the
 * same prepared data directory again and again. Launch time is taken just before the process is started, so the
 * readiness time includes the JVM's own start.
 */
public final class StandaloneProcess implements AutoCloseable {

    public static final List<String> SERVICES = List.of("ticket", "dispatch", "callback", "billing");

    private static final Pattern STARTED = Pattern.compile("Started (\\w+) in ([0-9.]+) seconds");
    private static final Pattern MONGO = Pattern.compile("MongoDB-wire server ready at .* in ([0-9]+) ms");
    private static final Pattern TOTAL = Pattern.compile("PropDesk is running \\(started in ([0-9.]+) s\\)");

    public final Path dataDir;
    public final Path log;
    public final int kafkaPort;
    public final int mongoPort;
    public final Map<String, Integer> ports = new LinkedHashMap<>();
    public final ServiceClient rest;
    private final Process process;
    private final long launchedAt;

    public StandaloneProcess(Path jar, Path dataDir, Path log, List<String> jvmArgs) throws IOException {
        this.dataDir = dataDir;
        this.log = log;
        this.kafkaPort = freePort();
        this.mongoPort = freePort();
        for (String s : SERVICES) {
            ports.put(s, freePort());
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
                "--console-port=" + freePort()));
        ports.forEach((s, p) -> command.add("--" + s + "-port=" + p));
        this.rest = new ServiceClient(service -> "http://localhost:" + ports.get(service));
        Files.createDirectories(log.getParent());
        this.launchedAt = System.nanoTime();
        this.process = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
    }

    public String kafka() {
        return "localhost:" + kafkaPort;
    }

    public String mongoUri() {
        return "mongodb://localhost:" + mongoPort;
    }

    /** Seconds from launch until every service's {@code /actuator/health/readiness} answers UP (polled every 50 ms). */
    public double awaitReady(long timeoutSeconds) throws InterruptedException {
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
     * What the log says about the start, in seconds: each Spring context's own "Started X in" (by application class),
     * the MongoDB-wire server's opening of its file ({@code mongo}) and the system total ({@code total}), once
     * printed.
     */
    public Map<String, Double> startLog() throws IOException {
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
    public void awaitTotal(long seconds) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (System.nanoTime() < deadline && !startLog().containsKey("total")) {
            Thread.sleep(100);
        }
    }

    /** CPU seconds (user + system) the process has used so far, from /proc/<pid>/stat. */
    public double cpuSeconds() {
        try {
            String stat = Files.readString(Path.of("/proc", String.valueOf(process.pid()), "stat"));
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return (Long.parseLong(f[11]) + Long.parseLong(f[12])) / 100.0;
        } catch (IOException | RuntimeException e) {
            return Double.NaN;
        }
    }

    /** SIGTERM and the orderly stop (services, Kafka, MongoDB); answers seconds, negative if it had to be killed. */
    public double stop() throws InterruptedException {
        long t = System.nanoTime();
        process.destroy();
        if (!process.waitFor(120, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor();
            return -1;
        }
        return (System.nanoTime() - t) / 1e9;
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            stop();
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
