package io.propdesk.standalone;

import java.util.List;
import java.util.concurrent.CountDownLatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * PropDesk on one machine, in one JVM, no Docker: a real Apache Kafka broker (KRaft), a MongoDB-wire server
 * with its data in files, and the four services, each its own Spring Boot application context.
 *
 * <pre>
 * java -jar standalone/target/standalone-0.1.0-SNAPSHOT.jar [--demo] [--data-dir=DIR] [--kafka-port=N] ...
 * </pre>
 *
 * Ctrl-C stops the services, then Kafka, then MongoDB. Programmatic use (tests):
 * {@code try (Running running = PropDeskStandalone.start(Options.randomPorts(dir))) { ... }}.
 */
public final class PropDeskStandalone {

    private static final Logger log = LoggerFactory.getLogger(PropDeskStandalone.class);

    private PropDeskStandalone() {}

    /**
     * Starts MongoDB, Kafka and the four services and returns once every service context is up (its health may
     * still be settling: see {@link Running#awaitHealthy}). On failure, stops whatever had started and throws
     * {@link StandaloneStartException}.
     */
    public static Running start(Options options) {
        quietThirdPartyBanners();
        Running running = new Running(options);
        boot(running);
        return running;
    }

    private static void boot(Running running) {
        try {
            running.boot();
        } catch (RuntimeException | Error e) {
            try {
                running.close();
            } catch (RuntimeException suppressed) {
                e.addSuppressed(suppressed);
            }
            throw e instanceof StandaloneStartException s
                    ? s
                    : new StandaloneStartException("start failed: " + Running.rootMessage(e), e);
        }
    }

    public static void main(String[] args) {
        Options options;
        try {
            options = Options.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println("propdesk: " + e.getMessage());
            System.err.print(Options.USAGE);
            System.exit(2);
            return;
        }
        if (options.help()) {
            System.out.print(Options.USAGE);
            return;
        }

        quietThirdPartyBanners();
        Running running = new Running(options);
        CountDownLatch stopped = new CountDownLatch(1);
        Thread hook = new Thread(
                () -> {
                    log.info("Stopping PropDesk...");
                    Thread watchdog = new Thread(
                            () -> {
                                try {
                                    Thread.sleep(90_000);
                                    System.err.println("propdesk: shutdown did not finish within 90 s, halting");
                                    Runtime.getRuntime().halt(3);
                                } catch (InterruptedException e) {
                                    // finished in time
                                }
                            },
                            "propdesk-shutdown-watchdog");
                    watchdog.setDaemon(true);
                    watchdog.start();
                    running.close();
                    watchdog.interrupt();
                    stopped.countDown();
                },
                "propdesk-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);

        log.info("Starting PropDesk: data in {}", running.dataDir());
        try {
            boot(running);
        } catch (StandaloneStartException e) {
            log.error("PropDesk could not start: {}", e.getMessage(), e);
            System.err.println("propdesk: could not start: " + e.getMessage());
            System.exit(1);
            return;
        }

        boolean healthy = running.awaitHealthy(options.healthTimeout());
        System.out.println(running.describe());
        if (!healthy) {
            log.warn(
                    "Not every service reported UP within {} s: {}",
                    options.healthTimeout().toSeconds(),
                    running.health());
        }
        if (options.demo()) {
            loadDemo(running);
        }
        System.out.println("Press Ctrl-C to stop.");
        System.out.flush();
        try {
            stopped.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Axon prints a framed advertisement per context (four times here) unless this system property is set. */
    private static void quietThirdPartyBanners() {
        if (System.getProperty("disable-axoniq-console-message") == null) {
            System.setProperty("disable-axoniq-console-message", "true");
        }
    }

    private static void loadDemo(Running running) {
        System.out.println("Loading the demo estate and tickets...");
        try {
            List<DemoLoader.Step> steps = new DemoLoader().load(ServiceClient.of(running));
            steps.forEach(step -> System.out.println("  " + step));
            long failed = steps.stream().filter(step -> !step.ok()).count();
            System.out.println(
                    failed == 0
                            ? "Demo loaded."
                            : "Demo load: " + failed + " of " + steps.size()
                                    + " calls failed (PropDesk keeps running).");
        } catch (RuntimeException e) {
            log.warn("Demo load failed; PropDesk keeps running", e);
        }
        System.out.println();
    }
}
