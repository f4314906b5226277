package io.propdesk.platform.eventstore;

/**
 * Named points in the write and publish path where crash tests stop the process abruptly. The store and the relay
 * tell their {@link FaultHook}, which in production does nothing.
 */
public enum FaultPoint {
    /**
     * The commit's announcement is settled (the writer's outbox entry touched, a journal document to go with the
     * commit or one reused), the insert not sent yet: nothing of the commit is stored.
     */
    AFTER_OUTBOX_BEFORE_COMMIT,
    /** The commit is stored, the relay has not been told. */
    AFTER_COMMIT_BEFORE_PUBLISH,
    /** Events are on Kafka, the outbox entry is not cleared yet. */
    AFTER_PUBLISH_BEFORE_CLEAR
}
