package io.propdesk.platform;

import com.mongodb.ConnectionString;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoDatabase;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.tracing.Tracer;
import io.micrometer.tracing.propagation.Propagator;
import io.propdesk.platform.axon.AggregateReads;
import io.propdesk.platform.axon.VerifiedAggregateCache;
import io.propdesk.platform.calendar.EstateCalendars;
import io.propdesk.platform.domain.Snapshots;
import io.propdesk.platform.eventstore.EventStreams;
import io.propdesk.platform.eventstore.FaultHook;
import io.propdesk.platform.eventstore.MongoEventStorageEngine;
import io.propdesk.platform.eventstore.Outbox;
import io.propdesk.platform.eventstore.OutboxTiming;
import io.propdesk.platform.kafka.ConsumerGroups;
import io.propdesk.platform.kafka.DeadLetterCounters;
import io.propdesk.platform.kafka.DeadLetterScrubber;
import io.propdesk.platform.kafka.InboundEvents;
import io.propdesk.platform.kafka.KafkaConsumerSupport;
import io.propdesk.platform.kafka.KafkaTopicProperties;
import io.propdesk.platform.kafka.ReadModelFetch;
import io.propdesk.platform.kafka.TopicRetention;
import io.propdesk.platform.observability.KafkaHealthIndicator;
import io.propdesk.platform.observability.MongoHealthIndicator;
import io.propdesk.platform.observability.TicketIdLogging;
import io.propdesk.platform.observability.TraceContexts;
import io.propdesk.platform.openapi.ContractDocumentation;
import io.propdesk.platform.relay.EventRelay;
import io.propdesk.platform.security.StaffSecurity;
import io.propdesk.platform.web.ProblemHandler;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.axonframework.config.ConfigurerModule;
import org.axonframework.eventsourcing.EventCountSnapshotTriggerDefinition;
import org.axonframework.eventsourcing.SnapshotTriggerDefinition;
import org.axonframework.eventsourcing.Snapshotter;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.messaging.correlation.CorrelationDataProvider;
import org.axonframework.serialization.Serializer;
import org.axonframework.springboot.autoconfig.AxonAutoConfiguration;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.kafka.KafkaAutoConfiguration;
import org.springframework.boot.autoconfigure.kafka.KafkaProperties;
import org.springframework.boot.autoconfigure.mongo.MongoAutoConfiguration;
import org.springframework.boot.autoconfigure.mongo.MongoProperties;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Lazy;
import org.springframework.kafka.config.ContainerCustomizer;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.listener.ConcurrentMessageListenerContainer;
import org.springframework.kafka.listener.ContainerProperties;
import org.springframework.kafka.listener.DefaultErrorHandler;

/** Wires the shared plumbing into every service that has {@code platform} on its classpath. */
@AutoConfiguration(
        before = AxonAutoConfiguration.class,
        after = {MongoAutoConfiguration.class, KafkaAutoConfiguration.class})
@EnableConfigurationProperties({PlatformProperties.class, KafkaTopicProperties.class})
@Import({ProblemHandler.class, StaffSecurity.class})
public class PlatformAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean
    Clock clock() {
        return Clock.systemUTC();
    }

    @Bean
    @ConditionalOnMissingBean
    MongoDatabase serviceDatabase(MongoClient client, MongoProperties mongo, PlatformProperties properties) {
        return client.getDatabase(databaseName(mongo, properties.mongodb().defaultDatabase()));
    }

    /**
     * {@code spring.data.mongodb.database} when set, else the database {@code MONGODB_URI} names,
     * else the service's own default ({@code propdesk.mongodb.default-database}), so deployments sharing a MongoDB
     * can each name theirs in the URI.
     */
    static String databaseName(MongoProperties mongo, String defaultDatabase) {
        if (mongo.getDatabase() != null && !mongo.getDatabase().isBlank()) {
            return mongo.getDatabase();
        }
        String inUri = new ConnectionString(mongo.determineUri()).getDatabase();
        if (inUri != null && !inUri.isBlank()) {
            return inUri;
        }
        return defaultDatabase != null && !defaultDatabase.isBlank() ? defaultDatabase : mongo.getMongoClientDatabase();
    }

    /**
     * Every listener container:
     * <ul>
     * <li>its consumer group follows the one rule {@code <service>.<purpose>} ({@link ConsumerGroups}),
     * or the service does not start: the group is part of each dead-letter topic's name, operators see it;</li>
     * <li>it gets {@code propdesk.kafka.group-prefix} in front, so two deployments sharing a broker
     * never join each other's groups; the dead-letter topics and the inbox markers take the group from the running
     * container, so they follow it;</li>
     * <li>it commits a poll's offsets only after its batch listener returned, i.e. after {@link InboundEvents} stored
     * the poll's markers (delivery guarantees 3 and 4), whatever {@code spring.kafka.listener.ack-mode} says: the
     * handled offsets of the polls of {@code propdesk.kafka.commit-interval} together (AckMode TIME; issue 19: a
     * commit per poll was 7.6 % of the system's CPU at saturation, the broker's half of it writing
     * {@code __consumer_offsets}), or of each poll when it is 0 (AckMode BATCH). A crash re-delivers what was handled
     * since the last commit, which the dedupe makes harmless (guarantee 4); a stop, and a partition's revocation,
     * commit what was handled;</li>
     * <li>a read model's listener ({@link ReadModelFetch}) fetches after {@code propdesk.kafka.read-model-wait}, so
     * that a poll under load carries several commands' events.</li>
     * </ul>
     */
    @Bean
    ContainerCustomizer<Object, Object, ConcurrentMessageListenerContainer<Object, Object>> listenerContainers(
            PlatformProperties properties) {
        String prefix = properties.kafka().groupPrefix();
        return container -> {
            String group = container.getGroupId();
            if (group != null) {
                ConsumerGroups.requireRule(group);
                if (!prefix.isEmpty()) {
                    container.getContainerProperties().setGroupId(prefix + group);
                }
            }
            commitAfterHandling(
                    container.getContainerProperties(), properties.kafka().commitInterval());
            ReadModelFetch.apply(
                    container.getContainerProperties().getKafkaConsumerProperties(),
                    properties.kafka().readModelWait());
        };
    }

    /** Offsets commit only after the listener returned: of each poll, or of the polls of {@code interval} together. */
    static void commitAfterHandling(ContainerProperties container, Duration interval) {
        if (interval.isZero()) {
            container.setAckMode(ContainerProperties.AckMode.BATCH);
        } else {
            container.setAckMode(ContainerProperties.AckMode.TIME);
            container.setAckTime(interval.toMillis());
        }
    }

    @Bean
    TraceContexts traceContexts(ObjectProvider<Tracer> tracer, ObjectProvider<Propagator> propagator) {
        Tracer t = tracer.getIfAvailable();
        Propagator p = propagator.getIfAvailable();
        return t == null || p == null ? TraceContexts.none() : new TraceContexts(t, p);
    }

    @Bean
    FilterRegistrationBean<TicketIdLogging> ticketIdLogging() {
        return new FilterRegistrationBean<>(new TicketIdLogging());
    }

    /** Production does nothing at the fault points; only crash tests register a hook that stops the process. */
    @Bean
    @ConditionalOnMissingBean
    FaultHook faultHook() {
        return FaultHook.NONE;
    }

    /** The one outbox of the service: its store touches it, its relay reads and clears it, with the same clock. */
    @Bean
    Outbox outbox(MongoDatabase database, PlatformProperties properties, Clock clock) {
        return new Outbox(database, new OutboxTiming(properties.relay().outboxGrace()), clock);
    }

    /**
     * Declared as its own type, so the relay and {@link EventStreams} users get it typed; Axon finds it as the
     * {@link EventStorageEngine}.
     */
    @Bean
    MongoEventStorageEngine eventStorageEngine(
            MongoDatabase database,
            Serializer serializer,
            @Qualifier("eventSerializer") Serializer eventSerializer,
            TraceContexts traceContexts,
            Outbox outbox,
            FaultHook faultHook) {
        return MongoEventStorageEngine.builder()
                .database(database)
                .outbox(outbox) // the relay's outbox: both sides of OutboxTiming read the same clock
                .faultHook(faultHook)
                .traceContexts(traceContexts)
                .snapshotSerializer(serializer)
                .eventSerializer(eventSerializer)
                .build();
    }

    /**
     * Aggregates name it: {@code @Aggregate(cache = Snapshots.CACHE)}. It learns the last sequence number of every
     * commit from the store, which is what lets it trust an entry after one probe.
     */
    @Bean(Snapshots.CACHE)
    VerifiedAggregateCache propdeskAggregateCache(
            MongoEventStorageEngine engine, PlatformProperties properties, MeterRegistry meters) {
        VerifiedAggregateCache cache =
                new VerifiedAggregateCache(engine, properties.eventStore().aggregateCacheSize(), meters);
        engine.addCommitListener(cache);
        return cache;
    }

    /** Aggregates name it: {@code @Aggregate(snapshotTriggerDefinition = Snapshots.TRIGGER)}. */
    @Bean(Snapshots.TRIGGER)
    SnapshotTriggerDefinition propdeskSnapshotTrigger(@Lazy Snapshotter snapshotter, PlatformProperties properties) {
        return new EventCountSnapshotTriggerDefinition(
                snapshotter, properties.eventStore().snapshotThreshold());
    }

    /**
     * An event's stored metadata is what is read back: the command's W3C {@code traceparent}, which the store adds and
     * the relay hands on to Kafka ({@link TraceContexts}). Axon's default provider would also copy two message ids
     * ({@code traceId}, {@code correlationId}) into every event; nothing reads them, and at about 110 bytes of random
     * hex an event they were 7 % of the compressed store per lifecycle (issue 19 goal 7). Declaring this provider keeps
     * Axon's default out.
     */
    @Bean
    CorrelationDataProvider noMessageOrigin() {
        return message -> Map.of();
    }

    /** No Axon processor reads the store: projections live on Kafka (ARCHITECTURE.md, read side). */
    @Bean
    ConfigurerModule subscribingProcessorsByDefault() {
        return configurer -> configurer.eventProcessing().usingSubscribingEventProcessors();
    }

    @Bean(destroyMethod = "close")
    @ConditionalOnProperty("propdesk.relay.topic")
    EventRelay eventRelay(
            MongoEventStorageEngine engine,
            Outbox outbox,
            FaultHook faultHook,
            MongoDatabase database,
            KafkaProperties kafka,
            PlatformProperties properties,
            MeterRegistry meters,
            Clock clock,
            org.springframework.core.env.Environment env) {
        Map<String, Object> config = kafka.buildProducerProperties(null);
        config.put("acks", "all");
        config.put("enable.idempotence", "true");
        config.put("key.serializer", StringSerializer.class.getName());
        config.put("value.serializer", ByteArraySerializer.class.getName());
        config.put("linger.ms", "0");
        config.put("client.id", env.getProperty("spring.application.name", "propdesk") + "-relay");
        Producer<String, byte[]> producer = new KafkaProducer<>(config);
        EventRelay relay = new EventRelay(
                env.getProperty("spring.application.name", "propdesk"),
                properties.relay().topic(),
                database,
                engine,
                outbox,
                producer,
                properties.relay().sweepInterval(),
                properties.relay().leaseTiming(),
                clock,
                meters,
                faultHook);
        engine.addCommitListener(relay);
        return relay.start();
    }

    @Bean
    AggregateReads aggregateReads(EventStreams streams, VerifiedAggregateCache kept) {
        return new AggregateReads(streams, kept);
    }

    @Bean
    @ConditionalOnMissingBean
    InboundEvents inboundEvents(MongoDatabase database, MeterRegistry meters, TraceContexts traceContexts) {
        return new InboundEvents(database, meters, traceContexts);
    }

    /** Every listener's dead-letter counter from the start, at 0, so alerts see the first (guarantee 5). */
    @Bean
    DeadLetterCounters deadLetterCounters(
            ObjectProvider<org.springframework.kafka.config.KafkaListenerEndpointRegistry> listeners,
            MeterRegistry meters) {
        return new DeadLetterCounters(listeners, meters);
    }

    /** Creates or bounds the topics that may hold personal data in the clear, so none is kept for ever. */
    @Bean
    TopicRetention topicRetention(KafkaProperties kafka) {
        return new TopicRetention(kafka.buildAdminProperties(null));
    }

    @Bean
    DefaultErrorHandler kafkaErrorHandler(
            KafkaTemplate<?, ?> template,
            PlatformProperties properties,
            org.springframework.core.env.Environment env,
            TopicRetention retention,
            KafkaTopicProperties topics,
            ObjectProvider<DeadLetterScrubber> scrubbers,
            MeterRegistry meters) {
        return KafkaConsumerSupport.errorHandler(
                template,
                properties.consumer().retries(),
                properties.consumer().initialBackoffMs(),
                properties.consumer().waitForEarlierEvent(),
                properties.kafka().groupPrefix() + env.getProperty("spring.application.name", "propdesk"),
                retention,
                topics.deadLetterRetention(),
                scrubbers.orderedStream().toList(),
                meters);
    }

    @Bean
    @ConditionalOnProperty("propdesk.estates.enabled")
    EstateCalendars estateCalendars(MongoDatabase database, InboundEvents inbound) {
        return new EstateCalendars(database, inbound);
    }

    /** The OpenAPI document from the access table and the REST conventions. */
    @Bean
    ContractDocumentation contractDocumentation(org.springframework.core.env.Environment env) {
        return ContractDocumentation.of(env);
    }

    @Bean
    MongoHealthIndicator mongoHealthIndicator(MongoDatabase database) {
        return new MongoHealthIndicator(database);
    }

    @Bean
    KafkaHealthIndicator kafkaHealthIndicator(KafkaProperties kafka) {
        return new KafkaHealthIndicator(kafka.buildAdminProperties(null));
    }
}
