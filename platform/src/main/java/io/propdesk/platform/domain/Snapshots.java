package io.propdesk.platform.domain;

/**
 * The name of the snapshot trigger every aggregate uses, in the domain's own package so that aggregates name it
 * without depending on the wiring: {@code @Aggregate(snapshotTriggerDefinition = Snapshots.TRIGGER)}. The platform's
 * autoconfiguration registers the bean under this name.
 */
public final class Snapshots {

    public static final String TRIGGER = "propdeskSnapshotTrigger";

    private Snapshots() {}
}
