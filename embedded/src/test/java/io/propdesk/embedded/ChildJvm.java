package io.propdesk.embedded;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Runs a main class of the test classpath in a separate JVM and watches its output for a line.
 */
final class ChildJvm implements AutoCloseable {

    private final Process process;

    private final List<String> lines = new ArrayList<>();

    private final CountDownLatch ready = new CountDownLatch(1);

    private final String readyLine;

    private ChildJvm(Process process, String readyLine) {
        this.process = process;
        this.readyLine = readyLine;
        Thread reader = new Thread(this::pump, "child-jvm-output");
        reader.setDaemon(true);
        reader.start();
    }

    static ChildJvm start(Class<?> mainClass, String readyLine, String... args) throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command = new ArrayList<>();
        command.add(java);
        command.add("-Xmx256m");
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(mainClass.getName());
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        return new ChildJvm(process, readyLine);
    }

    private void pump() {
        try (BufferedReader in =
                new BufferedReader(new InputStreamReader(this.process.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = in.readLine()) != null) {
                synchronized (this.lines) {
                    this.lines.add(line);
                }
                if (line.trim().equals(this.readyLine)) {
                    this.ready.countDown();
                }
            }
        } catch (IOException e) {
            // process gone
        }
    }

    /** Waits for the ready line; fails with the child's output if it does not come. */
    void awaitReady(Duration timeout) throws InterruptedException {
        if (!this.ready.await(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            throw new AssertionError("child JVM did not print '" + this.readyLine + "' within " + timeout
                    + (this.process.isAlive() ? "" : " (exited with " + this.process.exitValue() + ")") + ":\n"
                    + output());
        }
    }

    /** Kills the child like {@code kill -9}: no shutdown hooks, no finally blocks. */
    void killHard() throws InterruptedException {
        this.process.destroyForcibly();
        if (!this.process.waitFor(30, TimeUnit.SECONDS)) {
            throw new AssertionError("child JVM survived destroyForcibly");
        }
    }

    /** Exit code, or null if still running after the timeout. */
    Integer waitForExit(Duration timeout) throws InterruptedException {
        return this.process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS) ? this.process.exitValue() : null;
    }

    String output() {
        synchronized (this.lines) {
            return String.join("\n", this.lines);
        }
    }

    @Override
    public void close() throws InterruptedException {
        if (this.process.isAlive()) {
            killHard();
        }
    }
}
