package io.propdesk.platform;

import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.env.EnvironmentPostProcessor;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * Defaults every service shares, at the lowest precedence so a service's yml or the environment overrides them:
 * Axon without Axon Server, Jackson everywhere, Kafka producers with acks=all and idempotence, consumers that commit
 * only after handling, the same actuator exposure and metric tags.
 */
public class PlatformDefaults implements EnvironmentPostProcessor {

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("axon.axonserver.enabled", "false");
        d.put("axon.update-check.disabled", "true");
        d.put("axon.serializer.general", "jackson");
        d.put("axon.serializer.events", "jackson");
        d.put("axon.serializer.messages", "jackson");
        // Axon's handler timeouts take a stack trace at every handler's start (issue 19: 1.2 % of the CPU at
        // saturation); our handlers do not block, and a unit of work interrupted half-way would help nobody
        d.put("axon.timeout.enabled", "false");
        d.put("spring.kafka.producer.acks", "all");
        d.put("spring.kafka.producer.properties.enable.idempotence", "true");
        d.put("spring.kafka.producer.properties.max.in.flight.requests.per.connection", "5");
        d.put("spring.kafka.producer.key-serializer", "org.apache.kafka.common.serialization.StringSerializer");
        d.put("spring.kafka.producer.value-serializer", "org.apache.kafka.common.serialization.ByteArraySerializer");
        d.put("spring.kafka.consumer.key-deserializer", "org.apache.kafka.common.serialization.StringDeserializer");
        d.put(
                "spring.kafka.consumer.value-deserializer",
                "org.apache.kafka.common.serialization.ByteArrayDeserializer");
        d.put("spring.kafka.consumer.auto-offset-reset", "earliest");
        d.put("spring.kafka.consumer.enable-auto-commit", "false");
        // Listeners take a whole poll (InboundEvents writes its markers once, then the offsets commit).
        d.put("spring.kafka.listener.type", "batch");
        // (no ack-mode here: PlatformAutoConfiguration sets it on every container from propdesk.kafka.commit-interval)
        // An idle listener comes back from its poll this often, so offsets it handled commit within
        // propdesk.kafka.commit-interval plus this, not plus Spring's 5 s.
        d.put("spring.kafka.listener.poll-timeout", "1s");
        d.put("spring.kafka.consumer.group-id", "${spring.application.name}");
        // A restarted instance gets its partitions back in seconds, not the 45 s default after a crash.
        d.put("spring.kafka.consumer.properties.session.timeout.ms", "10000");
        d.put("spring.jackson.serialization.write-dates-as-timestamps", "false");
        d.put("spring.jackson.deserialization.fail-on-unknown-properties", "true");
        d.put("management.endpoints.web.exposure.include", "health,info,prometheus,metrics");
        d.put("management.endpoint.health.probes.enabled", "true");
        // Anonymous callers (and the probes) get the status only; disk paths, the Kafka cluster id and
        // the database name are for ADMIN
        d.put("management.endpoint.health.show-details", "when-authorized");
        d.put("management.endpoint.health.show-components", "when-authorized");
        d.put("management.endpoint.health.roles", "ADMIN");
        d.put("management.endpoint.health.group.readiness.include", "readinessState,mongo,kafka");
        // Both probes include Kafka and MongoDB: a service cut off from either cannot do its work.
        d.put("management.endpoint.health.group.liveness.include", "livenessState,mongo,kafka");
        d.put("management.metrics.tags.application", "${spring.application.name}");
        d.put("server.shutdown", "graceful");
        // One trace per ticket flow across the four services; logs carry trace id, span id and ticket id.
        d.put("management.tracing.sampling.probability", "1.0");
        d.put("logging.pattern.correlation", "[%X{traceId:-},%X{spanId:-},%X{ticketId:-}] ");
        // A rejected creation command is answered 400 with the reason; Axon would also log it as a WARN with a trace.
        d.put("logging.level.org.axonframework.modelling.command.AbstractRepository", "ERROR");
        d.put("springdoc.swagger-ui.path", "/swagger-ui.html");
        environment.getPropertySources().addLast(new MapPropertySource("propdesk-platform-defaults", d));
    }
}
