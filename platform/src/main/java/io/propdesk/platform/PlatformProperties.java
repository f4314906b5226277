package io.propdesk.platform;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The platform's tunables, the same keys on every service.
 *
 * @param relay       the relay: the service's own topic, how often it sweeps the outbox, the lease term, how long an
 *                    outbox entry stays after its events are out (see OutboxTiming)
 * @param eventStore  snapshot every so many events per aggregate
 * @param consumer    inbound retries before a record goes to its dead-letter topic, and the first backoff
 * @param kafka       {@code group-prefix}: put before every consumer group of the service (and so before its
 *                    dead-letter topics' and dedupe markers' group), so deployments sharing a broker stay apart
 * @param mongodb     {@code default-database}: the service's database when {@code MONGODB_URI} names none
 */
@ConfigurationProperties("propdesk")
public record PlatformProperties(@DefaultValue Relay relay, @DefaultValue EventStore eventStore,
                                 @DefaultValue Consumer consumer, @DefaultValue Kafka kafka,
                                 @DefaultValue Mongodb mongodb) {

    public record Relay(String topic, @DefaultValue("1s") Duration sweepInterval, @DefaultValue("10s") Duration leaseTtl,
                        @DefaultValue("20s") Duration outboxGrace) {
    }

    public record EventStore(@DefaultValue("100") int snapshotThreshold) {
    }

    public record Consumer(@DefaultValue("3") int retries, @DefaultValue("200") long initialBackoffMs) {
    }

    public record Kafka(@DefaultValue("") String groupPrefix) {
    }

    public record Mongodb(String defaultDatabase) {
    }
}
