package io.propdesk.platform.axon;

import java.util.Optional;
import java.util.function.Function;

import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.modelling.command.Repository;

/**
 * Reads one aggregate's current state from its own stream (snapshot and tail), so a client reads its own write at
 * once (ARCHITECTURE.md, read side). Nothing is appended: the unit of work only scopes the load.
 */
public final class AggregateReads {

    private AggregateReads() {
    }

    public static <A, R> Optional<R> read(Repository<A> repository, String aggregateId, Function<A, R> view) {
        try {
            return DefaultUnitOfWork.startAndGet(null).executeWithResult(
                    () -> Optional.ofNullable(repository.load(aggregateId).invoke(view))).getPayload();
        } catch (AggregateNotFoundException e) {
            return Optional.empty();
        } catch (Exception e) {
            if (e.getCause() instanceof AggregateNotFoundException) {
                return Optional.empty();
            }
            throw e instanceof RuntimeException r ? r : new IllegalStateException(e);
        }
    }
}
