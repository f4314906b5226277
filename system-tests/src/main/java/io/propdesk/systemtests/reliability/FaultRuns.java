package io.propdesk.systemtests.reliability;

import io.micrometer.core.instrument.MeterRegistry;
import io.propdesk.contracts.Topics;
import io.propdesk.standalone.Running;
import io.propdesk.standalone.ServiceClient;
import io.propdesk.systemtests.reliability.TicketScript.Outcome;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntConsumer;
import org.bson.Document;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The reliability fault kinds, each run while tickets flow and each ending with {@link EffectCheck}. Shared by the
 * {@code FaultsIT} tests (tens of tickets) and {@link ReliabilityRun} (the figures).
 */
public final class FaultRuns {

    /** One line of the figures. */
    public record Row(String kind, int tickets, int faults, int lost, int duplicated, long fiveXx, List<String> notes) {
        public boolean clean() {
            return lost == 0 && duplicated == 0 && fiveXx == 0;
        }
    }

    private final Running system;
    private final ServiceClient rest;
    private final int parallel;
    private final AtomicInteger nextTicket = new AtomicInteger();
    private final String runId;

    public FaultRuns(Running system, String runId, int parallel) {
        this.system = system;
        this.runId = runId;
        this.parallel = parallel;
        this.rest = new ServiceClient(system::baseUrl);
        new TicketScript(rest, runId, Duration.ofMinutes(3)).setUp();
    }

    public ServiceClient rest() {
        return rest;
    }

    /** service-stops: each service in turn stopped abruptly mid-flow and started again on the same port and data. */
    public Row serviceStops(int tickets) {
        List<String> services = List.of("ticket", "dispatch", "callback", "billing");
        return flow(
                "service-stops: a service stopped abruptly and restarted",
                tickets,
                services.size(),
                (i) -> {
                    Faults.stopAbruptly(system, services.get(i));
                    system.startService(services.get(i));
                },
                List.of());
    }

    /** broker-restarts: the Kafka broker restarted twice mid-flow. */
    public Row brokerRestarts(int tickets) {
        return flow(
                "broker-restarts: the Kafka broker restarted",
                tickets,
                2,
                i -> {
                    system.stopKafka();
                    system.startKafka();
                },
                List.of());
    }

    /** poison: two poison records on every inbound topic mid-flow; each must land in every consuming group's DLT. */
    public Row poison(int tickets) {
        List<String> keys = new ArrayList<>();
        Row row = flow(
                "poison: poison records on every inbound topic",
                tickets,
                1,
                i -> keys.addAll(Faults.injectPoison(system.kafkaBootstrapServers(), runId + "-" + tickets)),
                List.of());
        int missing = 0;
        List<String> notes = new ArrayList<>(row.notes());
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        Map<String, Set<String>> found;
        do {
            found = Faults.poisonInDeadLetters(system.kafkaBootstrapServers(), keys);
            missing = 0;
            for (Map.Entry<String, Set<String>> dlt : found.entrySet()) {
                String topic = Faults.INBOUND_TOPICS.stream()
                        .filter(t -> dlt.getKey().startsWith(t + "."))
                        .findFirst()
                        .orElseThrow();
                long expected =
                        keys.stream().filter(k -> k.endsWith("-" + topic)).count();
                missing += (int) (expected - dlt.getValue().size());
            }
        } while (missing > 0 && System.nanoTime() < deadline && pause());
        notes.add(found.size() + " dead-letter topics (topic x consuming group), " + keys.size() + " poison records, "
                + missing + " missing from a DLT");
        if (missing > 0) {
            notes.add("DLT contents: " + found);
        }
        return new Row(
                row.kind(), row.tickets(), keys.size(), row.lost() + missing, row.duplicated(), row.fiveXx(), notes);
    }

    /** rebuild: ticket-service's ticket list rebuilt from its topic by the same projection class: identical documents. */
    public Row rebuild(int tickets) {
        Row row = flow("rebuild: a read model rebuilt from its topic", tickets, 0, i -> {}, List.of());
        Map<String, List<Document>> both = Faults.rebuildTicketList(system);
        List<Document> live = both.get("live");
        List<Document> rebuilt = both.get("rebuilt");
        int differing = 0;
        java.util.Map<Object, Document> byId = new java.util.HashMap<>();
        rebuilt.forEach(d -> byId.put(d.get("_id"), d));
        for (Document d : live) {
            if (!d.equals(byId.get(d.get("_id")))) {
                differing++;
            }
        }
        differing += Math.max(0, rebuilt.size() - live.size());
        List<String> notes = new ArrayList<>(row.notes());
        notes.add("ticket_list: " + live.size() + " live documents, " + rebuilt.size() + " rebuilt, " + differing
                + " differing");
        return new Row(row.kind(), row.tickets(), 1, row.lost() + differing, row.duplicated(), row.fiveXx(), notes);
    }

    /**
     * two-dispatchers: a second dispatch-service instance in the same consumer groups from the start; half-way it is killed
     * (its context closed) and the first takes over its partitions.
     */
    public Row twoDispatchers(int tickets) {
        ConfigurableApplicationContext second = system.startInstance("dispatch");
        awaitTicketPartitions(second);
        double[] handled = new double[2];
        Row row = flow(
                "two-dispatchers: two dispatch instances, one killed",
                tickets,
                1,
                i -> {
                    handled[0] = handledTicketEvents(system.context("dispatch"));
                    handled[1] = handledTicketEvents(second);
                    second.close();
                },
                List.of());
        if (second.isActive()) {
            second.close();
        }
        List<String> notes = new ArrayList<>(row.notes());
        notes.add(String.format(
                "ticket events handled before the kill: first instance %.0f, second %.0f", handled[0], handled[1]));
        int unsplit = handled[0] > 0 && handled[1] > 0 ? 0 : 1;
        if (unsplit > 0) {
            notes.add("the work was not split between the instances");
        }
        return new Row(row.kind(), row.tickets(), 1, row.lost() + unsplit, row.duplicated(), row.fiveXx(), notes);
    }

    /**
     * The second instance takes part only once its consumer group has rebalanced and given it partitions of the ticket
     * topic; on a loaded machine that can take longer than the whole flow, which then tests nothing about splitting.
     */
    private static void awaitTicketPartitions(ConfigurableApplicationContext instance) {
        org.springframework.kafka.config.KafkaListenerEndpointRegistry registry =
                instance.getBean(org.springframework.kafka.config.KafkaListenerEndpointRegistry.class);
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (System.nanoTime() < deadline) {
            boolean assigned = registry.getListenerContainers().stream()
                    .map(org.springframework.kafka.listener.MessageListenerContainer::getAssignedPartitions)
                    .filter(java.util.Objects::nonNull)
                    .flatMap(java.util.Collection::stream)
                    .anyMatch(partition -> partition.topic().equals(Topics.TICKET_EVENTS));
            if (assigned) {
                return;
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private static double handledTicketEvents(ConfigurableApplicationContext context) {
        return context
                .getBean(MeterRegistry.class)
                .find("propdesk.inbound.handled")
                .tag("topic", Topics.TICKET_EVENTS)
                .counters()
                .stream()
                .mapToDouble(c -> c.count())
                .sum();
    }

    /** hostile-input: generated hostile bodies on every POST/PUT endpoint while tickets flow: only 4xx, nothing stored. */
    public Row hostile(int tickets, int casesPerEndpoint, long seed) {
        List<Outcome> first = new TicketScript(rest, runId, Duration.ofMinutes(3)).run(nextTicket.getAndAdd(1), 1, 1);
        Outcome o = first.get(0);
        // real ticket, order and callback ids, so a broken body is refused for being broken, not for a missing
        // target; the quote endpoints get an unknown quote id (the bean validation answers before the lookup)
        List<HostileInput.Case> cases = new HostileInput(seed)
                .cases(
                        HostileInput.endpoints(o.ticketId(), o.orderId(), "Q-unknown", "CB1-" + o.ticketId()),
                        casesPerEndpoint);
        // nothing else may write while the event stores are counted: the hostile requests go first, then tickets
        Faults.HostileResult result = Faults.sendHostile(system, rest, cases);
        Row row = flow("hostile-input: hostile input on every POST/PUT", tickets, 0, i -> {}, List.of());
        List<String> notes = new ArrayList<>(row.notes());
        notes.add(result.requests() + " hostile requests: " + result.fourXx() + " 4xx, " + result.fiveXx() + " 5xx, "
                + result.other() + " other; event-store documents " + result.storedBefore() + " before, "
                + result.storedAfter() + " after");
        notes.addAll(result.problems());
        int stored = (int) Math.abs(result.storedAfter() - result.storedBefore());
        return new Row(
                row.kind(),
                row.tickets() + 1,
                result.requests(),
                row.lost() + result.other() + stored,
                row.duplicated(),
                row.fiveXx(),
                notes);
    }

    /** Runs {@code tickets} tickets; {@code faults} times, evenly spread over the run, calls {@code inject}. */
    private Row flow(String kind, int tickets, int faults, IntConsumer inject, List<String> extraNotes) {
        long fiveXxBefore = rest.serverErrors();
        TicketScript script = new TicketScript(rest, runId, Duration.ofMinutes(4));
        int from = nextTicket.getAndAdd(tickets);
        CompletableFuture<List<Outcome>> run = CompletableFuture.supplyAsync(() -> script.run(from, tickets, parallel));
        List<String> notes = new ArrayList<>(extraNotes);
        for (int i = 0; i < faults; i++) {
            int threshold = tickets * (i + 1) / (faults + 1);
            while (script.finished.get() < threshold && !run.isDone()) {
                pause();
            }
            inject.accept(i);
        }
        List<Outcome> outcomes = run.join();
        EffectCheck.Result check = EffectCheck.check(system.kafkaBootstrapServers(), rest, outcomes);
        // effects travel over Kafka after the ticket closed (a charge may trail the close): look again a while
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (!check.clean() && System.nanoTime() < deadline && pause()) {
            check = EffectCheck.check(system.kafkaBootstrapServers(), rest, outcomes);
        }
        notes.addAll(check.problems().stream().limit(20).toList());
        return new Row(
                kind, tickets, faults, check.lost(), check.duplicated(), rest.serverErrors() - fiveXxBefore, notes);
    }

    private static boolean pause() {
        try {
            Thread.sleep(200);
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
