package io.propdesk.callback.domain;

import java.lang.reflect.Executable;
import java.lang.reflect.Parameter;
import java.util.List;
import java.util.function.Function;
import org.axonframework.commandhandling.SimpleCommandBus;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.commandhandling.gateway.DefaultCommandGateway;
import org.axonframework.common.caching.WeakReferenceCache;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventsourcing.EventSourcingRepository;
import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;
import org.axonframework.eventsourcing.eventstore.inmemory.InMemoryEventStorageEngine;
import org.axonframework.messaging.annotation.ClasspathParameterResolverFactory;
import org.axonframework.messaging.annotation.FixedValueParameterResolver;
import org.axonframework.messaging.annotation.MultiParameterResolverFactory;
import org.axonframework.messaging.annotation.ParameterResolver;
import org.axonframework.messaging.annotation.ParameterResolverFactory;
import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;
import org.axonframework.modelling.command.AggregateAnnotationCommandHandler;
import org.axonframework.modelling.command.inspection.AggregateModel;
import org.axonframework.modelling.command.inspection.AnnotatedAggregateMetaModelFactory;

/**
 * Generic plumbing (a candidate for {@code platform}'s axon package): runs an annotated aggregate's own command
 * handlers against a throwaway in-memory event store, with the handlers' extra parameters (a service bean such as a
 * due-time calculator) bound to values of the caller's choosing. Nothing reaches the service's event store, its relay
 * or any event processor: the events live in this object and are gone with it. One instance per computation; not
 * shared between threads.
 */
public final class ScratchAggregates<A> implements AutoCloseable {

    private final EmbeddedEventStore store;
    private final EventSourcingRepository<A> repository;
    private final CommandGateway gateway;

    public ScratchAggregates(Class<A> aggregateType, Object... handlerParameters) {
        ParameterResolverFactory resolvers = MultiParameterResolverFactory.ordered(
                new FixedValues(handlerParameters), ClasspathParameterResolverFactory.forClass(aggregateType));
        AggregateModel<A> model = AnnotatedAggregateMetaModelFactory.inspectAggregate(aggregateType, resolvers);
        this.store = EmbeddedEventStore.builder()
                .storageEngine(new InMemoryEventStorageEngine())
                .build();
        this.repository = EventSourcingRepository.builder(aggregateType)
                .aggregateModel(model)
                .eventStore(store)
                .parameterResolverFactory(resolvers)
                // a long replay sends many commands to one aggregate; it stays loaded between them
                .cache(new WeakReferenceCache())
                .build();
        SimpleCommandBus bus = SimpleCommandBus.builder().build();
        AggregateAnnotationCommandHandler.<A>builder()
                .aggregateType(aggregateType)
                .aggregateModel(model)
                .repository(repository)
                .parameterResolverFactory(resolvers)
                .build()
                .subscribe(bus);
        this.gateway = DefaultCommandGateway.builder().commandBus(bus).build();
    }

    /** Handles the command as the aggregate would in the service; its exceptions come back unchanged. */
    public <R> R send(Object command) {
        return gateway.sendAndWait(command);
    }

    /** Reads the aggregate's current state here; nothing is applied. */
    public <R> R read(String aggregateId, Function<A, R> reader) {
        return DefaultUnitOfWork.startAndGet(null)
                .executeWithResult(() -> repository.load(aggregateId).invoke(reader))
                .getPayload();
    }

    /** Every event the aggregate applied here, in order. */
    public List<Object> events(String aggregateId) {
        return store.readEvents(aggregateId, 0)
                .asStream()
                .map(EventMessage::getPayload)
                .map(Object.class::cast)
                .toList();
    }

    @Override
    public void close() {
        store.shutDown();
    }

    /** Binds a handler parameter to the first given value of its type. */
    private record FixedValues(Object[] values) implements ParameterResolverFactory {
        @Override
        public ParameterResolver<?> createInstance(Executable executable, Parameter[] parameters, int index) {
            if (index == 0) {
                return null; // the message payload
            }
            for (Object value : values) {
                if (parameters[index].getType().isInstance(value)) {
                    return new FixedValueParameterResolver<>(value);
                }
            }
            return null;
        }
    }
}
