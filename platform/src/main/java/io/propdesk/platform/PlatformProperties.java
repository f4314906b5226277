package io.propdesk.platform;

import io.propdesk.platform.relay.LeaseTiming;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The platform's tunables, the same keys on every service.
 *
 * @param relay       the relay: the service's own topic, how often it sweeps the outbox, the lease (term, the margin
 *                    by which the holder's own view ends early, the pause between renewals: see LeaseTiming; margin
 *                    and pause default to a third of the term and a quarter of the rest), how long an outbox entry
 *                    stays after its events are out (see OutboxTiming)
 * @param eventStore  snapshot every so many events per aggregate; keep so many aggregates in memory per service
 *                    ({@link io.propdesk.platform.axon.VerifiedAggregateCache})
 * @param consumer    inbound retries before a record goes to its dead-letter topic, and the first backoff
 * @param kafka       {@code group-prefix}: put before every consumer group of the service (and so before its
 *                    dead-letter topics' and dedupe markers' group), so deployments sharing a broker stay apart;
 *                    {@code commit-interval}: how long a listener's handled offsets may wait before they are
 *                    committed together (0: after every poll); {@code read-model-wait}: how long a read model's fetch waits
 *                    for more records ({@link io.propdesk.platform.kafka.ReadModelFetch}; 0: not at all)
 * @param mongodb     {@code default-database}: the service's database when {@code MONGODB_URI} names none
 */
@ConfigurationProperties("propdesk")
public record PlatformProperties(
        @DefaultValue Relay relay,
        @DefaultValue EventStore eventStore,
        @DefaultValue Consumer consumer,
        @DefaultValue Kafka kafka,
        @DefaultValue Mongodb mongodb) {

    public record Relay(
            String topic,
            @DefaultValue("1s") Duration sweepInterval,
            @DefaultValue("30s") Duration leaseTtl,
            Duration leaseMargin,
            Duration leaseRenewInterval,
            @DefaultValue("20s") Duration outboxGrace) {

        /** The lease timing these settings give (delivery guarantee 2); refuses a combination that cannot hold. */
        public LeaseTiming leaseTiming() {
            return LeaseTiming.of(leaseTtl, leaseMargin, leaseRenewInterval);
        }
    }

    public record EventStore(
            @DefaultValue("100") int snapshotThreshold,
            @DefaultValue("10000") int aggregateCacheSize) {}

    public record Consumer(
            @DefaultValue("3") int retries,
            @DefaultValue("200") long initialBackoffMs,
            @DefaultValue("2m") Duration waitForEarlierEvent) {}

    public record Kafka(
            @DefaultValue("") String groupPrefix,
            @DefaultValue("1s") Duration commitInterval,
            @DefaultValue("100ms") Duration readModelWait) {

        public Kafka {
            if (commitInterval.isNegative()) {
                throw new IllegalArgumentException(
                        "propdesk.kafka.commit-interval must not be negative: " + commitInterval);
            }
            if (readModelWait.isNegative() || readModelWait.toMillis() > Integer.MAX_VALUE) {
                throw new IllegalArgumentException(
                        "propdesk.kafka.read-model-wait must be 0 or more (and fit in int milliseconds): "
                                + readModelWait);
            }
        }
    }

    public record Mongodb(String defaultDatabase) {}
}
