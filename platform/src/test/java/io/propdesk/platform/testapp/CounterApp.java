package io.propdesk.platform.testapp;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import io.propdesk.contracts.access.Access;
import io.propdesk.contracts.access.Role;
import io.propdesk.contracts.ticket.TicketClosed;
import io.propdesk.platform.domain.BadRequestException;
import io.propdesk.platform.domain.RuleViolationException;
import io.propdesk.platform.domain.Snapshots;
import io.propdesk.platform.kafka.EarlierEventNotHandledException;
import io.propdesk.platform.kafka.InboundEvents;
import io.propdesk.platform.security.ExtraEndpoints;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.CreationPolicy;
import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.axonframework.spring.stereotype.Aggregate;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.http.HttpStatus;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** A minimal service on the platform, for tests of what every service shares. */
@SpringBootApplication
public class CounterApp {

    /** Test hook: when set, every Increment handler waits here after loading, so two contexts race for one commit. */
    public static volatile CyclicBarrier raceBarrier;

    public record Increment(@TargetAggregateIdentifier String counterId, int by) {}

    public record Incremented(String counterId, int by) {}

    /** Applies its increment and then refuses: the unit of work rolls back what was applied. */
    public record IncrementThenRefuse(
            @TargetAggregateIdentifier String counterId, int by) {}

    /** Closes the ticket the counter stands for: a public event, so the relay publishes it. */
    public record CloseCounter(@TargetAggregateIdentifier String counterId) {}

    public record IncrementRequest(
            @NotBlank String who, @Min(1) @Max(10) int by) {}

    @Aggregate(snapshotTriggerDefinition = Snapshots.TRIGGER, cache = Snapshots.CACHE)
    @JsonAutoDetect(fieldVisibility = JsonAutoDetect.Visibility.ANY)
    public static class Counter {
        @AggregateIdentifier
        private String counterId;

        private int total;

        protected Counter() {}

        @CommandHandler
        @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
        public void handle(Increment cmd) throws Exception {
            if (total + cmd.by() > 1_000_000) {
                throw new RuleViolationException("X1", "counter " + cmd.counterId() + " would pass its maximum");
            }
            CyclicBarrier barrier = raceBarrier;
            if (barrier != null) {
                barrier.await(10, TimeUnit.SECONDS);
            }
            apply(new Incremented(cmd.counterId(), cmd.by()));
        }

        @CommandHandler
        public void handle(IncrementThenRefuse cmd) {
            apply(new Incremented(cmd.counterId(), cmd.by()));
            throw new RuleViolationException("X2", "counter " + cmd.counterId() + " refuses after applying");
        }

        int total() {
            return total;
        }

        @CommandHandler
        public void handle(CloseCounter cmd) {
            apply(new TicketClosed(counterId, "closed", java.time.Instant.now()));
        }

        @EventSourcingHandler
        void on(Incremented e) {
            counterId = e.counterId();
            total += e.by();
        }
    }

    /** The counter endpoints are not in the REST contract's table: admitted for ADMIN (the tests' user). */
    @Bean
    ExtraEndpoints counterEndpoints() {
        return new ExtraEndpoints(List.of(
                new Access.Endpoint("counter", "POST", "/api/counters/{id}/increments", List.of(Role.ADMIN), ""),
                new Access.Endpoint("counter", "POST", "/api/counters/{id}/close", List.of(Role.ADMIN), "")));
    }

    @RestController
    public static class CounterController {
        private final CommandGateway commands;

        public CounterController(CommandGateway commands) {
            this.commands = commands;
        }

        @PostMapping("/api/counters/{id}/increments")
        @ResponseStatus(HttpStatus.ACCEPTED)
        public void increment(@PathVariable String id, @Valid @RequestBody IncrementRequest body) {
            if (id.startsWith("bad")) {
                throw new BadRequestException("id", "counter ids may not start with bad");
            }
            commands.sendAndWait(new Increment(id, body.by()));
        }

        @PostMapping("/api/counters/{id}/close")
        @ResponseStatus(HttpStatus.ACCEPTED)
        public void close(@PathVariable String id) {
            commands.sendAndWait(new CloseCounter(id));
        }
    }

    /** Consumes ticket events; a ticket whose reason says "poison" always fails. */
    @Component
    public static class ClosedTicketsListener {
        public static final String TOPIC = "platform-test.inbound";
        public static final String GROUP = "platform-test.closed-tickets";
        public final List<String> handled = new CopyOnWriteArrayList<>();
        public final java.util.Map<String, String> traceIdByTicket = new java.util.concurrent.ConcurrentHashMap<>();
        /**
         * Tickets whose earlier event another listener (of another topic) has handled. Shared by the test contexts of
         * this JVM: their listeners share the consumer group, so any of them may hold the record that waits.
         */
        public static final java.util.Set<String> handledElsewhere = java.util.concurrent.ConcurrentHashMap.newKeySet();
        /** How often each ticket's "after" event was tried, by the listener of any test context. */
        public static final java.util.Map<String, Integer> tries = new java.util.concurrent.ConcurrentHashMap<>();
        /** Tickets whose "after" event was handled, by the listener of any test context. */
        public static final java.util.Set<String> handledAfterWaiting =
                java.util.concurrent.ConcurrentHashMap.newKeySet();

        private final InboundEvents inbound;
        private final io.micrometer.tracing.Tracer tracer;

        public ClosedTicketsListener(InboundEvents inbound, io.micrometer.tracing.Tracer tracer) {
            this.inbound = inbound;
            this.tracer = tracer;
        }

        @KafkaListener(topics = TOPIC, groupId = "${platform-test.group:" + GROUP + "}", batch = "true")
        public void on(List<ConsumerRecord<String, byte[]>> poll) {
            inbound.handle(poll, event -> {
                TicketClosed closed = event.dataAs(TicketClosed.class);
                if (closed.reason().contains("poison")) {
                    throw new IllegalStateException("cannot handle " + closed.ticketId());
                }
                if (closed.reason().startsWith("after ")) {
                    String earlier = closed.reason().substring("after ".length());
                    tries.merge(closed.ticketId(), 1, Integer::sum);
                    if (!handledElsewhere.contains(earlier)) {
                        throw new EarlierEventNotHandledException(earlier + " is not handled yet");
                    }
                    handledAfterWaiting.add(closed.ticketId());
                }
                handled.add(closed.ticketId() + "#" + event.sequence());
                traceIdByTicket.put(
                        closed.ticketId(), tracer.currentSpan().context().traceId());
            });
        }
    }
}
