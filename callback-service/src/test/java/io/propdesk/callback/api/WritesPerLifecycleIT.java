package io.propdesk.callback.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.mongodb.event.CommandListener;
import com.mongodb.event.CommandStartedEvent;
import io.propdesk.callback.CallbackServiceApplication;
import io.propdesk.callback.Upstream;
import io.propdesk.embedded.SharedInfrastructure;
import io.propdesk.embedded.SharedInfrastructureInitializer;
import io.propdesk.platform.testing.MutableClock;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.mongo.MongoClientSettingsBuilderCustomizer;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.ContextConfiguration;

/**
 * Issue 19's measure: the store write commands (the MongoDB driver's insert, update, delete and findAndModify
 * commands; a bulk write of one kind is one command) callback-service sends for the scripted day's four ticket
 * lifecycles ({@link ScriptedDay#play()}: each step waits for its effect, so the relay publishes and the consumers
 * poll about one commit at a time), by collection. A measurement, printed per lifecycle for the report (run it on the
 * code before and after a change); it asserts only that writes were counted.
 */
@SpringBootTest(
        classes = {CallbackServiceApplication.class, WritesPerLifecycleIT.Config.class},
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"spring.config.name=callback-service", "spring.data.mongodb.database=callback_writes"})
@ContextConfiguration(initializers = SharedInfrastructureInitializer.class)
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
class WritesPerLifecycleIT {

    private static final Logger LOG = LoggerFactory.getLogger(WritesPerLifecycleIT.class);
    static final MutableClock CLOCK = new MutableClock(ScriptedDay.local("2026-12-01T08:00"));
    private static final Upstream UPSTREAM =
            new Upstream(SharedInfrastructure.get().kafkaBootstrapServers());
    private static final Set<String> WRITES = Set.of("insert", "update", "delete", "findAndModify");
    /** Write commands on callback_writes by "collection command". */
    static final Map<String, AtomicLong> COUNTED = new ConcurrentHashMap<>();

    /** Registered by class, not scanned: the test's hand-moved clock and the driver's command counter. */
    static class Config {
        @Bean
        @Primary
        Clock testClock() {
            return CLOCK;
        }

        @Bean
        MongoClientSettingsBuilderCustomizer countWrites() {
            return settings -> settings.addCommandListener(new CommandListener() {
                @Override
                public void commandStarted(CommandStartedEvent event) {
                    if (WRITES.contains(event.getCommandName()) && "callback_writes".equals(event.getDatabaseName())) {
                        String collection = event.getCommand()
                                .getString(event.getCommandName())
                                .getValue();
                        COUNTED.computeIfAbsent(collection + " " + event.getCommandName(), k -> new AtomicLong())
                                .incrementAndGet();
                    }
                }
            });
        }
    }

    private final String run = UUID.randomUUID().toString().substring(0, 6);

    @LocalServerPort
    int port;

    @AfterAll
    static void closeProducer() {
        UPSTREAM.close();
    }

    /** The relay renews its lease by the clock, not per event: left out of the lifecycle's figures. */
    private static final String BY_THE_CLOCK = "relay_lease ";

    private static long total() {
        return COUNTED.entrySet().stream()
                .filter(e -> !e.getKey().startsWith(BY_THE_CLOCK))
                .mapToLong(e -> e.getValue().get())
                .sum();
    }

    @Test
    void theScriptedDaysWritesPerLifecycleAreCountedByCollection_issue19() throws Exception {
        ScriptedDay day = new ScriptedDay(run, port, CLOCK, UPSTREAM);
        COUNTED.clear();
        day.play();
        // until every consumer has caught up: no write for 3 s, counted again from each late write such as a deferred
        // outbox delete (the counts are printed either way)
        AtomicLong last = new AtomicLong(-1);
        AtomicLong changedAt = new AtomicLong(System.nanoTime());
        try {
            await().pollInterval(Duration.ofMillis(500))
                    .atMost(Duration.ofSeconds(90))
                    .until(() -> {
                        long now = total();
                        if (last.getAndSet(now) != now) {
                            changedAt.set(System.nanoTime());
                            return false;
                        }
                        return System.nanoTime() - changedAt.get()
                                >= Duration.ofSeconds(3).toNanos();
                    });
        } finally {
            print();
        }
        assertThat(total()).isPositive();
    }

    private static void print() {
        Map<String, Long> perLifecycle = new TreeMap<>();
        COUNTED.forEach((k, v) -> {
            if (!k.startsWith(BY_THE_CLOCK)) {
                perLifecycle.put(k, v.get());
            }
        });
        StringBuilder report = new StringBuilder("issue 19 write commands for 4 lifecycles (total ")
                .append(total())
                .append(", per lifecycle ")
                .append(String.format("%.1f", total() / 4.0))
                .append("):");
        perLifecycle.forEach((k, v) -> report.append(String.format("%n  %-40s %5d  %6.2f", k, v, v / 4.0)));
        LOG.warn(report.toString());
        System.out.println(report);
    }
}
