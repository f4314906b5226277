package io.propdesk.platform.testapp;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.client.MongoDatabase;
import io.propdesk.contracts.access.Role;
import io.propdesk.embedded.SharedInfrastructureInitializer;
import io.propdesk.platform.eventstore.MongoEventStorageEngine;
import io.propdesk.platform.security.DemoUsers;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CyclicBarrier;
import org.bson.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Delivery guarantee 1 across processes: two application contexts (as two instances of a service) load the same
 * aggregate at the same version and both try to append; one commits, the other gets 409, and the stream has no gap
 * and no duplicate sequence.
 */
class TwoContextsConcurrencyIT {

    private final List<ConfigurableApplicationContext> contexts = new ArrayList<>();
    private final HttpClient http = HttpClient.newHttpClient();

    @AfterEach
    void stop() {
        CounterApp.raceBarrier = null;
        contexts.forEach(ConfigurableApplicationContext::close);
    }

    private int start() {
        ConfigurableApplicationContext context = new SpringApplicationBuilder(CounterApp.class)
                .initializers(new SharedInfrastructureInitializer())
                // command-line arguments outrank config files and the environment: never a fixed port
                .run(
                        "--server.port=0",
                        "--spring.data.mongodb.database=two_contexts_it",
                        "--spring.kafka.consumer.group-id=two-contexts");
        contexts.add(context);
        return ((WebServerApplicationContext) context).getWebServer().getPort();
    }

    private CompletableFuture<HttpResponse<String>> increment(int port, String id) {
        return http.sendAsync(
                HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/counters/" + id + "/increments"))
                        .header("Content-Type", "application/json")
                        .header("Authorization", DemoUsers.basic(Role.ADMIN))
                        .POST(HttpRequest.BodyPublishers.ofString("{\"who\":\"desk\",\"by\":1}"))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void twoInstancesRacingOnOneAggregateEndInOneSuccessAndOne409() throws Exception {
        int first = start();
        int second = start();
        String id = "race-" + System.nanoTime();
        assertThat(increment(first, id).get().statusCode()).isEqualTo(202);

        CounterApp.raceBarrier = new CyclicBarrier(2);
        var a = increment(first, id);
        var b = increment(second, id);
        List<Integer> statuses = List.of(a.get().statusCode(), b.get().statusCode());

        assertThat(statuses).containsExactlyInAnyOrder(202, 409);
        HttpResponse<String> conflict = a.get().statusCode() == 409 ? a.get() : b.get();
        assertThat(conflict.body()).contains("Concurrent modification");

        MongoDatabase db = contexts.get(0).getBean(MongoDatabase.class);
        List<Long> sequences = new ArrayList<>();
        for (Document commit : db.getCollection(MongoEventStorageEngine.EVENTS).find(new Document("agg", id))) {
            commit.getList("events", Document.class)
                    .forEach(e -> sequences.add(e.get("seq", Number.class).longValue()));
        }
        assertThat(sequences).containsExactlyInAnyOrder(0L, 1L);
    }
}
