package io.propdesk.platform.domain;

/**
 * The names of the snapshot trigger and the aggregate cache every aggregate uses, in the domain's own package so that
 * aggregates name them without depending on the wiring:
 * {@code @Aggregate(snapshotTriggerDefinition = Snapshots.TRIGGER, cache = Snapshots.CACHE)}. The platform's
 * autoconfiguration registers the beans under these names.
 */
public final class Snapshots {

    public static final String TRIGGER = "propdeskSnapshotTrigger";

    /** The service's {@link io.propdesk.platform.axon.VerifiedAggregateCache}. */
    public static final String CACHE = "propdeskAggregateCache";

    private Snapshots() {}
}
