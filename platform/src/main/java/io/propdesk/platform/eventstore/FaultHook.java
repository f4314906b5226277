package io.propdesk.platform.eventstore;

/**
 * Told each time the write and publish path passes one of its {@link FaultPoint}s. Production wires {@link #NONE}
 * (PlatformAutoConfiguration); only crash tests register an implementation that stops the process there, so the
 * product carries no switch that can kill it.
 */
@FunctionalInterface
public interface FaultHook {

    /** Does nothing: the hook of every running service. */
    FaultHook NONE = point -> {};

    void reached(FaultPoint point);
}
