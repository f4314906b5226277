package io.propdesk.embedded;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.springframework.context.support.GenericApplicationContext;
import org.springframework.core.env.MapPropertySource;

class SharedInfrastructureTest {

    @Test
    void oneSharedInstanceStartedOnFirstUse() throws Exception {
        SharedInfrastructure shared = SharedInfrastructure.get();
        assertThat(SharedInfrastructure.get()).isSameAs(shared);

        String kafka = shared.kafkaBootstrapServers();
        String mongo = shared.mongoUri();
        assertThat(shared.kafkaBootstrapServers()).isEqualTo(kafka);
        assertThat(shared.mongoUri()).isEqualTo(mongo);
        if (shared.mongoIsEmbedded()) {
            assertThat(mongo).startsWith("mongodb://127.0.0.1:");
        }

        try (KafkaProducer<String, String> producer = KafkaMains.producer(kafka)) {
            producer.send(new ProducerRecord<>("shared-infrastructure", "k", "v"))
                    .get(30, TimeUnit.SECONDS);
        }
        try (MongoClient client = MongoClients.create(mongo)) {
            client.getDatabase("shared").getCollection("c").insertOne(new Document("_id", System.nanoTime()));
            assertThat(client.getDatabase("shared").getCollection("c").countDocuments())
                    .isPositive();
        }
    }

    @Test
    void initializerSetsSpringPropertiesAheadOfEveryOtherSource() {
        try (GenericApplicationContext context = new GenericApplicationContext()) {
            // what a service's <name>.yml would contribute
            context.getEnvironment()
                    .getPropertySources()
                    .addFirst(new MapPropertySource(
                            "serviceConfig",
                            Map.of(
                                    "spring.kafka.bootstrap-servers", "localhost:9092",
                                    "spring.data.mongodb.uri", "mongodb://localhost:27017")));

            new SharedInfrastructureInitializer().initialize(context);

            assertThat(context.getEnvironment().getProperty("spring.kafka.bootstrap-servers"))
                    .isEqualTo(SharedInfrastructure.get().kafkaBootstrapServers());
            assertThat(context.getEnvironment().getProperty("spring.data.mongodb.uri"))
                    .isEqualTo(SharedInfrastructure.get().mongoUri());
        }
    }
}
