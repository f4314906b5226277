package io.propdesk.platform.eventstore;

/** Told after each commit is durably in the store (the relay, to publish at once). */
@FunctionalInterface
public interface CommitListener {

    void committed(StoredCommit commit);
}
