package io.propdesk.platform.axon;

import io.propdesk.platform.eventstore.EventStreams;
import java.util.Optional;
import java.util.function.Function;
import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;
import org.axonframework.modelling.command.Repository;

/**
 * Reads one aggregate's current state from its own stream (snapshot and tail), so a client reads its own write at
 * once (ARCHITECTURE.md, read side). Nothing is appended: the unit of work only scopes the load, which the service's
 * {@link VerifiedAggregateCache} answers when it can. An unknown id is answered by one {@code _id} lookup, without the
 * repository's failed-load path; an aggregate this instance has appended to needs no such lookup (issue 19: it was one
 * store read more after every REST command).
 */
public class AggregateReads {

    private final EventStreams store;
    private final VerifiedAggregateCache kept;

    public AggregateReads(EventStreams store, VerifiedAggregateCache kept) {
        this.store = store;
        this.kept = kept;
    }

    public <A, R> Optional<R> read(Repository<A> repository, String aggregateId, Function<A, R> view) {
        if (aggregateId == null || !(kept.committedHere(aggregateId) || store.hasStream(aggregateId))) {
            return Optional.empty();
        }
        try {
            return DefaultUnitOfWork.startAndGet(null)
                    .executeWithResult(() ->
                            Optional.ofNullable(repository.load(aggregateId).invoke(view)))
                    .getPayload();
        } catch (Exception e) {
            throw e instanceof RuntimeException r ? r : new IllegalStateException(e);
        }
    }
}
