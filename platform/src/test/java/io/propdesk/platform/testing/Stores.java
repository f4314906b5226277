package io.propdesk.platform.testing;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import io.propdesk.embedded.SharedInfrastructure;
import io.propdesk.platform.eventstore.FaultHook;
import io.propdesk.platform.eventstore.MongoEventStorageEngine;
import io.propdesk.platform.eventstore.OutboxTiming;
import java.time.Clock;
import java.util.UUID;
import org.axonframework.serialization.json.JacksonSerializer;

/** A fresh database on the shared MongoDB-wire server and an event store on it, for tests outside Spring. */
public final class Stores {

    private static MongoClient client;

    private Stores() {}

    public static synchronized MongoClient client() {
        if (client == null) {
            client = MongoClients.create(SharedInfrastructure.get().mongoUri());
        }
        return client;
    }

    public static MongoDatabase freshDatabase(String prefix) {
        return client().getDatabase(prefix + "_" + UUID.randomUUID().toString().substring(0, 8));
    }

    public static JacksonSerializer serializer() {
        ObjectMapper mapper = new ObjectMapper()
                .registerModule(new JavaTimeModule())
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);
        return JacksonSerializer.builder().objectMapper(mapper).build();
    }

    public static MongoEventStorageEngine engine(MongoDatabase database) {
        return engine(database, OutboxTiming.DEFAULT);
    }

    public static MongoEventStorageEngine engine(MongoDatabase database, OutboxTiming outboxTiming) {
        return engine(database, outboxTiming, FaultHook.NONE);
    }

    /** A store that tells {@code faultHook} at its fault points (a crash test's {@link HaltingFaultHook}). */
    public static MongoEventStorageEngine engine(
            MongoDatabase database, OutboxTiming outboxTiming, FaultHook faultHook) {
        return engine(database, outboxTiming, faultHook, Clock.systemUTC());
    }

    /** A store whose outbox touches read {@code clock} (a test's MutableClock). */
    public static MongoEventStorageEngine engine(
            MongoDatabase database, OutboxTiming outboxTiming, FaultHook faultHook, Clock clock) {
        JacksonSerializer serializer = serializer();
        return MongoEventStorageEngine.builder()
                .database(database)
                .eventSerializer(serializer)
                .snapshotSerializer(serializer)
                .outboxTiming(outboxTiming)
                .clock(clock)
                .faultHook(faultHook)
                .build();
    }
}
