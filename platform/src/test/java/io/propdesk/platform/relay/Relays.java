package io.propdesk.platform.relay;

import com.mongodb.client.MongoDatabase;
import io.micrometer.core.instrument.MeterRegistry;
import io.propdesk.platform.eventstore.FaultHook;
import io.propdesk.platform.eventstore.MongoEventStorageEngine;
import io.propdesk.platform.eventstore.Outbox;
import io.propdesk.platform.eventstore.OutboxTiming;
import java.time.Clock;
import java.time.Duration;
import java.util.Properties;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/** Builds a relay outside Spring exactly as the platform auto-configuration does. */
public final class Relays {

    private Relays() {}

    public static KafkaProducer<String, byte[]> producer(String bootstrapServers) {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        return new KafkaProducer<>(p);
    }

    public static EventRelay start(
            String service,
            String topic,
            MongoDatabase database,
            MongoEventStorageEngine engine,
            String bootstrapServers,
            Duration leaseTtl) {
        return start(service, topic, database, engine, bootstrapServers, leaseTtl, OutboxTiming.DEFAULT);
    }

    public static EventRelay start(
            String service,
            String topic,
            MongoDatabase database,
            MongoEventStorageEngine engine,
            String bootstrapServers,
            Duration leaseTtl,
            OutboxTiming outboxTiming) {
        return start(
                service,
                topic,
                database,
                engine,
                bootstrapServers,
                LeaseTiming.of(leaseTtl),
                outboxTiming,
                Clock.systemUTC(),
                null);
    }

    public static EventRelay start(
            String service,
            String topic,
            MongoDatabase database,
            MongoEventStorageEngine engine,
            String bootstrapServers,
            LeaseTiming leaseTiming,
            OutboxTiming outboxTiming,
            Clock clock,
            MeterRegistry meters) {
        return start(
                service,
                topic,
                database,
                engine,
                bootstrapServers,
                leaseTiming,
                outboxTiming,
                clock,
                meters,
                FaultHook.NONE);
    }

    public static EventRelay start(
            String service,
            String topic,
            MongoDatabase database,
            MongoEventStorageEngine engine,
            String bootstrapServers,
            LeaseTiming leaseTiming,
            OutboxTiming outboxTiming,
            Clock clock,
            MeterRegistry meters,
            FaultHook faultHook) {
        // The relay's view of the store's outbox: the same collection and timing, read with the relay's clock.
        EventRelay relay = new EventRelay(
                service,
                topic,
                database,
                engine,
                new Outbox(database, outboxTiming, clock),
                producer(bootstrapServers),
                Duration.ofMillis(200),
                leaseTiming,
                clock,
                meters,
                faultHook);
        engine.addCommitListener(relay);
        return relay.start();
    }
}
