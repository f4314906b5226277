package io.propdesk.standalone;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole system in this JVM: Kafka, MongoDB (file store) and the four services on free ports with a temporary
 * data directory; all four report UP; then everything stops.
 */
class StandaloneSystemIT {

    @TempDir
    Path dataDir;

    @Test
    void startsAllFourServicesHealthyRestartsOneOnItsPortAndStopsEverything() {
        Set<String> threadsBefore = liveThreadNames();
        long t0 = System.nanoTime();
        // issue 14 item 1: code (never the command line) adds to each service context, as the system tests'
        // crashing fault hook is added; every context gets it
        Running running = PropDeskStandalone.start(Options.randomPorts(this.dataDir)
                .contextInitializer(context -> context.getBeanFactory().registerSingleton("addedByCode", "issue 14")));
        List<Integer> ports = new ArrayList<>();
        try {
            assertThat(running.isRunning()).isTrue();
            assertThat(running.services())
                    .extracting(ServiceEndpoint::name)
                    .containsExactly("ticket", "dispatch", "callback", "billing");
            assertThat(running.dataDir())
                    .isEqualTo(this.dataDir.toAbsolutePath().normalize());
            assertThat(running.mongoUri()).isEqualTo("mongodb://127.0.0.1:" + running.mongoPort());
            assertThat(running.kafkaBootstrapServers()).endsWith(":" + running.kafkaPort());

            ports.add(running.kafkaPort());
            ports.add(running.mongoPort());
            running.services().forEach(service -> ports.add(service.port()));
            ports.add(Integer.parseInt(
                    running.consoleUrl().substring(running.consoleUrl().lastIndexOf(':') + 1)));

            boolean healthy = running.awaitHealthy(Duration.ofSeconds(120));
            Duration coldStart = Duration.ofNanos(System.nanoTime() - t0);
            System.out.println(running.describe());
            System.out.println("cold start to all four healthy: " + coldStart.toMillis() + " ms; parts: "
                    + running.startupTimes());
            assertThat(healthy)
                    .as("all four /actuator/health UP, got %s", running.health())
                    .isTrue();
            assertThat(running.health())
                    .containsOnly(
                            Map.entry("ticket", "UP"),
                            Map.entry("dispatch", "UP"),
                            Map.entry("callback", "UP"),
                            Map.entry("billing", "UP"),
                            Map.entry("console", "UP"));
            assertThat(running.dataDir().resolve("kafka").resolve("meta.properties"))
                    .exists();
            assertThat(running.dataDir().resolve("mongo").resolve("propdesk.mv"))
                    .exists();
            for (String name : List.of("ticket", "dispatch", "callback", "billing")) {
                assertThat(running.context(name).getBean("addedByCode"))
                        .as(name)
                        .isEqualTo("issue 14");
            }

            // one service stopped and started again keeps its port and its data, and gets the initializers again
            int billingPort = running.service("billing").port();
            running.stopService("billing");
            assertThat(running.health()).containsEntry("billing", "unreachable").containsEntry("ticket", "UP");
            running.startService("billing");
            assertThat(running.service("billing").port()).isEqualTo(billingPort);
            assertThat(running.context("billing").getBean("addedByCode")).isEqualTo("issue 14");
            assertThat(running.awaitHealthy(Duration.ofSeconds(60)))
                    .as("after the restart: %s", running.health())
                    .isTrue();
        } finally {
            running.close();
        }

        assertThat(running.isClosed()).isTrue();
        assertThat(running.isRunning()).isFalse();
        for (String name : List.of("ticket", "dispatch", "callback", "billing")) {
            // context(name) still hands back the closed context
            assertThat(running.context(name).isActive())
                    .as(name + " context closed")
                    .isFalse();
        }
        assertThat(ports)
                .allSatisfy(port -> assertThat(isListening(port))
                        .as("port " + port + " closed")
                        .isFalse());
        // the broker's, the MongoDB server's and Tomcat's threads are gone
        await().atMost(Duration.ofSeconds(15))
                .untilAsserted(() -> assertThat(leftoverThreads(threadsBefore))
                        .as("threads still alive after close")
                        .isEmpty());
    }

    private static Set<String> liveThreadNames() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(Thread::isAlive)
                .map(Thread::getName)
                .collect(Collectors.toSet());
    }

    private static List<String> leftoverThreads(Set<String> before) {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(Thread::isAlive)
                .map(Thread::getName)
                .filter(name -> !before.contains(name))
                .filter(name -> name.startsWith("kafka-")
                        || name.startsWith("quorum-controller")
                        || name.startsWith("broker-")
                        || name.startsWith("controller-")
                        || name.startsWith("mongo-server")
                        || name.startsWith("http-nio-")
                        || name.startsWith("propdesk-"))
                .sorted()
                .toList();
    }

    private static boolean isListening(int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 500);
            return true;
        } catch (Exception e) {
            return false;
        }
    }
}
