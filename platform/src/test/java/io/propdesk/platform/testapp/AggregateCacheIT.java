package io.propdesk.platform.testapp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.mongodb.client.MongoDatabase;
import io.micrometer.core.instrument.MeterRegistry;
import io.propdesk.embedded.SharedInfrastructureInitializer;
import io.propdesk.platform.axon.AggregateReads;
import io.propdesk.platform.eventstore.MongoEventStorageEngine;
import io.propdesk.platform.testapp.CounterApp.Counter;
import io.propdesk.platform.testapp.CounterApp.Increment;
import io.propdesk.platform.testapp.CounterApp.IncrementThenRefuse;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.modelling.command.Repository;
import org.bson.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.ResolvableType;

/**
 * Issue 19's aggregate cache against delivery guarantee 1: two application contexts on one store (two instances of a
 * service). What one instance keeps in memory decides nothing once the other has committed after it, and nothing a
 * rolled-back command applied survives in memory.
 */
class AggregateCacheIT {

    private static ConfigurableApplicationContext first;
    private static ConfigurableApplicationContext second;

    @BeforeAll
    static void start() {
        first = start("first");
        second = start("second");
    }

    private static ConfigurableApplicationContext start(String name) {
        return new SpringApplicationBuilder(CounterApp.class)
                .initializers(new SharedInfrastructureInitializer())
                .run(
                        "--server.port=0",
                        "--spring.data.mongodb.database=aggregate_cache_it",
                        "--spring.kafka.consumer.group-id=aggregate-cache-" + name);
    }

    @AfterAll
    static void stop() {
        if (second != null) {
            second.close();
        }
        if (first != null) {
            first.close();
        }
    }

    private static void send(ConfigurableApplicationContext instance, Object command) {
        instance.getBean(CommandGateway.class).sendAndWait(command);
    }

    private static int total(ConfigurableApplicationContext instance, String id) {
        return read(instance, id).orElseThrow();
    }

    @SuppressWarnings("unchecked")
    private static Optional<Integer> read(ConfigurableApplicationContext instance, String id) {
        Repository<Counter> counters = (Repository<Counter>)
                instance.getBeanProvider(ResolvableType.forClassWithGenerics(Repository.class, Counter.class))
                        .getObject();
        return instance.getBean(AggregateReads.class).read(counters, id, Counter::total);
    }

    private static double loads(ConfigurableApplicationContext instance, String result) {
        return instance.getBean(MeterRegistry.class)
                .counter("propdesk.aggregate.cache", "result", result)
                .count();
    }

    private static List<Long> sequences(String id) {
        List<Long> sequences = new ArrayList<>();
        for (Document commit : first.getBean(MongoDatabase.class)
                .getCollection(MongoEventStorageEngine.EVENTS)
                .find(new Document("agg", id))) {
            commit.getList("events", Document.class)
                    .forEach(e -> sequences.add(e.get("seq", Number.class).longValue()));
        }
        return sequences.stream().sorted().toList();
    }

    @Test
    void anAggregateThisInstanceChangedLastIsLoadedFromMemory() {
        String id = "cached-" + System.nanoTime();
        double hits = loads(first, "hit");

        send(first, new Increment(id, 1));
        send(first, new Increment(id, 2));
        send(first, new Increment(id, 3));

        assertThat(total(first, id)).isEqualTo(6);
        // the second and third increment and the read: the first created the counter
        assertThat(loads(first, "hit") - hits).isEqualTo(3.0);
        assertThat(sequences(id)).containsExactly(0L, 1L, 2L);
    }

    @Test
    void aReadOfAnUnknownCounterIsEmptyAndOfOneCommittedElsewhereFindsIt() {
        String id = "unknown-" + System.nanoTime();
        assertThat(read(first, id)).isEmpty();

        send(second, new Increment(id, 7));

        assertThat(read(first, id)).contains(7);
    }

    @Test
    void anotherInstancesCommitMakesTheKeptCounterStaleSoTheRuleIsDecidedOnTheStoredState() {
        String id = "stale-" + System.nanoTime();
        send(first, new Increment(id, 1));
        send(second, new Increment(id, 999_999)); // the counter is now at its maximum
        double stale = loads(first, "stale");

        // first kept the counter at 1; it must not decide X1 on that
        assertThatThrownBy(() -> send(first, new Increment(id, 1))).hasMessageContaining("would pass its maximum");

        assertThat(loads(first, "stale") - stale).isEqualTo(1.0);
        assertThat(total(first, id)).isEqualTo(1_000_000);
        assertThat(sequences(id)).containsExactly(0L, 1L);
    }

    @Test
    void aCommandOnAStaleKeptCounterAppendsAfterTheOtherInstancesCommitWithoutAConflict() {
        String id = "after-" + System.nanoTime();
        send(first, new Increment(id, 1));
        send(second, new Increment(id, 2));

        send(first, new Increment(id, 3));

        assertThat(total(first, id)).isEqualTo(6);
        assertThat(total(second, id)).isEqualTo(6);
        assertThat(sequences(id)).containsExactly(0L, 1L, 2L);
    }

    @Test
    void whatARolledBackCommandAppliedIsNotKeptInMemory() {
        String id = "rollback-" + System.nanoTime();
        send(first, new Increment(id, 1));

        assertThatThrownBy(() -> send(first, new IncrementThenRefuse(id, 5)))
                .hasMessageContaining("refuses after applying");

        assertThat(total(first, id)).isEqualTo(1);
        send(first, new Increment(id, 1));
        assertThat(total(first, id)).isEqualTo(2);
        assertThat(sequences(id)).containsExactly(0L, 1L);
    }

    @Test
    void anAggregateOnlyReadHereIsLoadedFromTheStoreUntilThisInstanceCommitsToIt() {
        String id = "read-" + System.nanoTime();
        send(second, new Increment(id, 4));
        double hits = loads(first, "hit");

        assertThat(total(first, id)).isEqualTo(4);
        assertThat(total(first, id)).isEqualTo(4);
        assertThat(loads(first, "hit") - hits).isZero();

        send(first, new Increment(id, 1));
        assertThat(total(first, id)).isEqualTo(5);
        assertThat(loads(first, "hit") - hits).isEqualTo(1.0);
    }
}
