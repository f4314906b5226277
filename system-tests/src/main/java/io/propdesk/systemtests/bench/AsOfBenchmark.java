package io.propdesk.systemtests.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.propdesk.callback.query.ObligationHistory;
import io.propdesk.contracts.Department;
import io.propdesk.contracts.PublicEvent;
import io.propdesk.contracts.SlaRule;
import io.propdesk.contracts.Topics;
import io.propdesk.contracts.callback.ObligationFulfilled;
import io.propdesk.contracts.callback.ObligationOpened;
import io.propdesk.contracts.callback.ObligationRescheduled;
import io.propdesk.contracts.callback.ObligationWithdrawn;
import io.propdesk.contracts.callback.SlaBreached;
import io.propdesk.contracts.cloudevents.CloudEventCodec;
import io.propdesk.contracts.cloudevents.CloudEventCodec.Envelope;
import io.propdesk.platform.kafka.InboundEvents;
import io.propdesk.platform.observability.TraceContexts;
import io.propdesk.standalone.CommandLine;
import io.propdesk.standalone.Options;
import io.propdesk.standalone.PropDeskStandalone;
import io.propdesk.standalone.Running;
import io.propdesk.standalone.ServiceClient;
import io.propdesk.standalone.ServiceClient.Reply;
import io.propdesk.systemtests.scenario.Scenario;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.record.TimestampType;
import org.apache.kafka.common.utils.Utils;

/**
 * The as-of queue benchmark (issue 18 §2, docs/benchmarks.md): {@code GET /api/obligations?asOf=} latency over a
 * 30-day history at 1,000 tickets a day, on the durable embedded default (the standalone system, the MongoDB-wire
 * server with its H2 file store committed per write, real HTTP).
 *
 * <p>The history is not made through the API (30,000 tickets would take hours here): a synthetic callback topic of
 * the obligations' whole lives (ObligationOpened, -Rescheduled, -Fulfilled, -Withdrawn, SlaBreached as the ticket
 * ledger publishes them) is folded by callback-service's own {@link ObligationHistory#rebuild} into its database, the
 * shapes the live projection writes. Before measuring, the benchmark checks that tickets opened through the API are
 * answered by {@code asOf=now} exactly as by today's open list, and that the prefilled history answers at a past
 * instant what the generator's own model counts.
 *
 * <p>Run from the repository root, after {@code ./mvnw -q package -DskipTests}: {@code java -cp
 * "system-tests/target/classes:$(cat system-tests/target/classpath.txt)" io.propdesk.systemtests.bench.AsOfBenchmark
 * [--days=30] [--tickets-per-day=1000] [--queries=1000]}.
 */
public final class AsOfBenchmark {

    static final String ESTATE = "asof-bench";
    private static final int ESTATES = 50;
    private static final int PARTITIONS = 3;
    private static final int API_TICKETS = 30;
    private static final List<Department> DEPARTMENTS =
            List.of(Department.ENGINEERING, Department.CLEANING, Department.GREENING);

    private final Running system;
    private final ServiceClient api;
    private final Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);

    private AsOfBenchmark(Running system) {
        this.system = system;
        this.api = ServiceClient.of(system);
    }

    public static void main(String[] argv) throws Exception {
        int days;
        int perDay;
        int queries;
        try {
            Set<String> options = Set.of("days", "tickets-per-day", "queries");
            CommandLine args = CommandLine.parse(argv, options).only(options);
            days = args.number("days", 30);
            perDay = args.number("tickets-per-day", 1_000);
            queries = args.number("queries", 1_000);
            if (days < 2 || perDay < 10 || queries < 100) {
                throw new IllegalArgumentException("needs --days ≥ 2, --tickets-per-day ≥ 10 and --queries ≥ 100");
            }
        } catch (IllegalArgumentException e) {
            System.err.println(
                    "as-of-bench: " + e.getMessage() + "; options: --days=N, --tickets-per-day=N, --queries=N");
            System.exit(2);
            return;
        }
        Path dataDir = Files.createTempDirectory("propdesk-asof-bench");
        try (Running system = PropDeskStandalone.start(Options.randomPorts(dataDir))) {
            System.out.println(new AsOfBenchmark(system).run(days, perDay, queries));
            System.out.printf("MongoDB file store after the run: %,d bytes%n", Files.size(system.mongoFile()));
        } finally {
            try (var files = Files.walk(dataDir)) {
                files.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
            }
        }
        System.exit(0);
    }

    private String run(int days, int perDay, int queries) throws Exception {
        StringBuilder report = new StringBuilder();
        History history = History.generate(new Random(18), now, days, perDay);
        long start = System.nanoTime();
        long applied;
        try (MongoClient mongo = MongoClients.create(system.mongoUri())) {
            var db = mongo.getDatabase("propdesk_callback");
            ObligationHistory projection =
                    new ObligationHistory(db, new InboundEvents(db, new SimpleMeterRegistry(), TraceContexts.none()));
            applied = projection.rebuild(history.records(), ObligationHistory.GROUP + "-bench-prefill");
        }
        double prefillSeconds = (System.nanoTime() - start) / 1e9;
        report.append(String.format(
                "History: %d days x %,d tickets a day = %,d tickets, %,d obligations, %,d events folded by"
                        + " ObligationHistory.rebuild in %.0f s; outstanding at the end: %,d open, %,d breached.%n%n",
                days,
                perDay,
                days * perDay,
                history.obligations.size(),
                applied,
                prefillSeconds,
                history.count(now, null, false),
                history.count(now, null, true)));
        checkThroughTheApi();
        checkPrefill(history, days);

        Random random = new Random(2);
        measure(random, history, days, Math.max(100, queries / 5)); // warm-up
        Map<String, List<Double>> samples = measure(random, history, days, queries);
        report.append("| query | requests | p50 ms | p95 ms | p99 ms | max ms |\n|---|---|---|---|---|---|\n");
        samples.forEach((label, ms) -> {
            Stats s = Stats.of(ms);
            report.append(String.format(
                    "| %s | %,d | %.1f | %.1f | %.1f | %.1f |%n",
                    label, s.count(), s.p50(), Stats.quantile(ms, 0.95), s.p99(), s.max()));
        });
        return report.toString();
    }

    /** Six kinds in turn, at random instants of the history: open or breached, all, one estate, one department. */
    private Map<String, List<Double>> measure(Random random, History history, int days, int count) {
        Map<String, List<Double>> samples = new LinkedHashMap<>();
        samples.put("all", new ArrayList<>());
        String[] kinds = {"open", "breached"};
        String[] filters = {"", "&estateId=" + History.estate(7), "&department=CLEANING"};
        for (int i = 0; i < count; i++) {
            String status = kinds[i % 2];
            String filter = filters[(i / 2) % 3];
            Instant at = now.minusMillis(
                    (long) (random.nextDouble() * Duration.ofDays(days).toMillis()));
            long start = System.nanoTime();
            Reply reply = api.get("callback", "/api/obligations?asOf=" + at + "&status=" + status + filter);
            double ms = (System.nanoTime() - start) / 1e6;
            if (reply.status() != 200) {
                throw new IllegalStateException("asOf answered " + reply.status() + ": " + reply.raw());
            }
            samples.get("all").add(ms);
            String label = "`status=" + status + "`"
                    + (filter.isEmpty()
                            ? ", all estates"
                            : filter.contains("estate") ? ", one estate" : ", one department");
            samples.computeIfAbsent(label, l -> new ArrayList<>()).add(ms);
        }
        return samples;
    }

    /** Tickets opened with {@code POST /api/tickets}: {@code asOf=now} lists what today's open list lists. */
    private void checkThroughTheApi() throws InterruptedException {
        Scenario scenario = new Scenario(api, new Scenario.Cast(ESTATE, "a1", "steward-1", "desk-1", "billing-1"));
        List<String> units = new ArrayList<>();
        for (int i = 0; i < API_TICKETS; i++) {
            units.add("u-" + i);
        }
        Reply estate = scenario.putEstate(ESTATE, "As-of Benchmark Estate", "b1", units);
        require(estate.status() == 200, "estate", estate);
        for (int i = 0; i < API_TICKETS; i++) {
            Reply opened = scenario.openTicket(
                    "asof-bench-" + i + "-" + now.toEpochMilli(), "u-" + i, "REPAIR", "\"paid\":false");
            require(opened.status() == 201, "ticket", opened);
        }
        long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
        Set<String> today = Set.of();
        Set<String> asOf = Set.of("none");
        while (System.nanoTime() < deadline) {
            today = ids(api.get("callback", "/api/obligations?status=open&estateId=" + ESTATE + "&limit=500"));
            asOf = ids(api.get(
                    "callback",
                    "/api/obligations?asOf=" + Instant.now() + "&status=open&estateId=" + ESTATE + "&limit=500"));
            if (today.size() >= API_TICKETS && today.equals(asOf)) {
                return;
            }
            Thread.sleep(500);
        }
        throw new IllegalStateException("asOf=now lists " + asOf + " but today's open list " + today);
    }

    /** The generator's own count of one estate's queue at a past instant is what the prefilled history answers. */
    private void checkPrefill(History history, int days) {
        String estate = History.estate(3);
        for (int k = 1; k <= 3; k++) {
            Instant at = now.minus(Duration.ofHours(days * 24L * k / 4)).plusMillis(137);
            for (boolean breached : new boolean[] {false, true}) {
                Reply reply = api.get(
                        "callback",
                        "/api/obligations?asOf=" + at + "&status=" + (breached ? "breached" : "open") + "&estateId="
                                + estate + "&limit=500");
                long expected = history.count(at, estate, breached);
                require(expected < 500, "a one-page estate", reply);
                require(
                        reply.status() == 200 && reply.body().size() == expected,
                        "estate " + estate + " at " + at + (breached ? " breached " : " open ") + expected,
                        reply);
            }
        }
    }

    private static Set<String> ids(Reply reply) {
        Set<String> ids = new TreeSet<>();
        if (reply.status() == 200) {
            for (JsonNode o : reply.body()) {
                ids.add(o.get("obligationId").asText());
            }
        }
        return ids;
    }

    private static void require(boolean ok, String what, Reply reply) {
        if (!ok) {
            throw new IllegalStateException("check failed, " + what + ": " + reply.status() + " "
                    + (reply.raw().length() > 500 ? reply.raw().substring(0, 500) : reply.raw()));
        }
    }

    /**
     * A synthetic history: each ticket's obligations with their whole lives, kept as a model to count from and as the
     * events the ledger would have published. Per ticket (one of {@value #ESTATES} estates, a repair for one of
     * three departments, opened at a random instant of its day, closed 2 to 30 hours later): steward reply windows
     * (R4, 4 hours; 95 % met 1 to 4 hours in, the next from the reply; 5 % breached a minute after their due, the next
     * from the due; 2 % rescheduled by half an hour 10 minutes in), the order's return (R9, 4 hours; 95 % met) and
     * the callback after it (R5, 24 hours; 90 % met within 20 hours, else breached), what is open at the close
     * withdrawn. Events after now are left out (those obligations are still open).
     */
    private static final class History {

        final List<Ob> obligations = new ArrayList<>();
        private final List<Event> events = new ArrayList<>();

        static String estate(int i) {
            return "asof-estate-" + i;
        }

        static History generate(Random random, Instant now, int days, int perDay) {
            History h = new History();
            Instant first = now.minus(Duration.ofDays(days));
            for (int d = 0; d < days; d++) {
                for (int t = 0; t < perDay; t++) {
                    h.ticket(random, "T-asof-" + d + "-" + t, first.plus(Duration.ofDays(d)), now);
                }
            }
            h.events.sort(Comparator.comparing((Event e) -> e.at).thenComparingLong(e -> e.seq));
            return h;
        }

        private void ticket(Random random, String ticketId, Instant dayStart, Instant now) {
            String estate = estate(random.nextInt(ESTATES));
            Department department = DEPARTMENTS.get(random.nextInt(DEPARTMENTS.size()));
            Instant opened = dayStart.plusSeconds(random.nextInt(86_400));
            Instant closed = opened.plusSeconds(7_200 + random.nextInt(28 * 3_600));
            List<Event> mine = new ArrayList<>();
            List<Ob> ticketObligations = new ArrayList<>();
            // R4 windows until the close
            Instant from = opened;
            for (int n = 1; from.isBefore(closed); n++) {
                Ob o = new Ob(ticketId + ":R4:" + n, ticketId, SlaRule.R4, "steward", estate, department, from);
                o.due = from.plusSeconds(4 * 3_600);
                if (random.nextInt(50) == 0) {
                    o.rescheduledAt = from.plusSeconds(600);
                    o.newDue = o.due.plusSeconds(1_800);
                }
                Instant due = o.newDue != null ? o.newDue : o.due;
                Instant next;
                if (random.nextInt(20) == 0) {
                    o.breachedAt = due.plusSeconds(60);
                    next = due;
                } else {
                    next = from.plusSeconds(3_600 + random.nextInt(3 * 3_600));
                }
                end(o, next, closed, o.breachedAt == null);
                ticketObligations.add(o);
                from = next;
            }
            // R9 return and R5 callback
            Instant completed = opened.plusSeconds(3_600 + random.nextInt(5 * 3_600));
            if (completed.isBefore(closed)) {
                Ob r9 = new Ob(
                        ticketId + ":R9:WO-" + ticketId,
                        ticketId,
                        SlaRule.R9,
                        "department",
                        estate,
                        department,
                        completed);
                r9.due = completed.plusSeconds(4 * 3_600);
                Instant returned = null;
                if (random.nextInt(20) == 0) {
                    r9.breachedAt = r9.due.plusSeconds(60);
                } else {
                    returned = completed.plusSeconds(1_800 + random.nextInt(3 * 3_600));
                }
                end(r9, returned, closed, true);
                ticketObligations.add(r9);
                Instant callbackFrom = returned != null ? returned : r9.due;
                if (callbackFrom.isBefore(closed)) {
                    Ob r5 = new Ob(
                            ticketId + ":R5:CB1-" + ticketId,
                            ticketId,
                            SlaRule.R5,
                            "acceptor",
                            estate,
                            department,
                            callbackFrom);
                    r5.due = callbackFrom.plusSeconds(24 * 3_600);
                    Instant called = null;
                    if (random.nextInt(10) == 0) {
                        r5.breachedAt = r5.due.plusSeconds(60);
                    } else {
                        called = callbackFrom.plusSeconds(3_600 + random.nextInt(19 * 3_600));
                    }
                    end(r5, called, closed, true);
                    ticketObligations.add(r5);
                }
            }
            for (Ob o : ticketObligations) {
                o.events(mine);
            }
            obligations.addAll(ticketObligations);
            mine.sort(Comparator.comparing((Event e) -> e.at).thenComparingInt(e -> e.order));
            long seq = 0;
            for (Event e : mine) {
                if (!e.at.isAfter(now)) {
                    e.seq = seq++;
                    events.add(e);
                }
            }
        }

        /** Met at {@code met} (when given and before its breach and the close), else withdrawn at the close. */
        private static void end(Ob o, Instant met, Instant closed, boolean mayMeet) {
            if (o.breachedAt != null && o.breachedAt.isBefore(closed)) {
                return; // a breach stays outstanding; the close withdraws only what is open
            }
            if (o.breachedAt != null) {
                o.breachedAt = null;
            }
            if (mayMeet && met != null && met.isBefore(closed)) {
                o.endedAt = met;
                o.fulfilled = true;
            } else {
                o.endedAt = closed;
            }
        }

        /** The model's count: open (opened, not yet breached or ended) or breached (and not ended) at {@code at}. */
        long count(Instant at, String estate, boolean breached) {
            return obligations.stream()
                    .filter(o -> estate == null || estate.equals(o.estate))
                    .filter(o -> !o.openedAt.isAfter(at))
                    .filter(o -> o.endedAt == null || o.endedAt.isAfter(at))
                    .filter(o -> breached == (o.breachedAt != null && !o.breachedAt.isAfter(at)))
                    .count();
        }

        List<ConsumerRecord<String, byte[]>> records() {
            List<ConsumerRecord<String, byte[]>> records = new ArrayList<>(events.size());
            long offset = 0;
            for (Event e : events) {
                Envelope envelope = Envelope.of("asof-" + e.ticketId + "-" + e.seq, e.at, e.data, e.ticketId, e.seq);
                ProducerRecord<String, byte[]> produced = CloudEventCodec.toRecord(Topics.CALLBACK_EVENTS, envelope);
                byte[] key = e.ticketId.getBytes(StandardCharsets.UTF_8);
                int partition = Utils.toPositive(Utils.murmur2(key)) % PARTITIONS;
                records.add(new ConsumerRecord<>(
                        Topics.CALLBACK_EVENTS,
                        partition,
                        offset++,
                        e.at.toEpochMilli(),
                        TimestampType.CREATE_TIME,
                        key.length,
                        produced.value().length,
                        e.ticketId,
                        produced.value(),
                        produced.headers(),
                        Optional.empty()));
            }
            return records;
        }

        private static final class Ob {
            final String id;
            final String ticketId;
            final SlaRule rule;
            final String party;
            final String estate;
            final Department department;
            final Instant openedAt;
            Instant due;
            Instant rescheduledAt;
            Instant newDue;
            Instant breachedAt;
            Instant endedAt;
            boolean fulfilled;

            Ob(
                    String id,
                    String ticketId,
                    SlaRule rule,
                    String party,
                    String estate,
                    Department department,
                    Instant openedAt) {
                this.id = id;
                this.ticketId = ticketId;
                this.rule = rule;
                this.party = party;
                this.estate = estate;
                this.department = department;
                this.openedAt = openedAt;
            }

            void events(List<Event> into) {
                String orderId = rule == SlaRule.R4 ? null : "WO-" + ticketId;
                String callbackId = rule == SlaRule.R5 ? "CB1-" + ticketId : null;
                into.add(new Event(
                        ticketId,
                        openedAt,
                        0,
                        new ObligationOpened(
                                ticketId,
                                null,
                                id,
                                rule,
                                party,
                                orderId,
                                callbackId,
                                null,
                                estate,
                                department,
                                "steward-" + estate,
                                "desk-1",
                                openedAt,
                                due)));
                Instant dueNow = due;
                if (rescheduledAt != null
                        && (breachedAt == null || rescheduledAt.isBefore(breachedAt))
                        && (endedAt == null || rescheduledAt.isBefore(endedAt))) {
                    into.add(new Event(
                            ticketId,
                            rescheduledAt,
                            1,
                            new ObligationRescheduled(ticketId, null, id, rule, due, newDue, rescheduledAt)));
                    dueNow = newDue;
                }
                if (breachedAt != null) {
                    into.add(new Event(
                            ticketId,
                            breachedAt,
                            2,
                            new SlaBreached(
                                    ticketId,
                                    null,
                                    id,
                                    rule,
                                    orderId,
                                    estate,
                                    department,
                                    "steward-" + estate,
                                    "desk-1",
                                    1,
                                    dueNow,
                                    breachedAt)));
                }
                if (endedAt != null) {
                    into.add(new Event(
                            ticketId,
                            endedAt,
                            3,
                            fulfilled
                                    ? new ObligationFulfilled(
                                            ticketId,
                                            null,
                                            id,
                                            rule,
                                            orderId,
                                            estate,
                                            department,
                                            "steward-" + estate,
                                            "desk-1",
                                            "bench",
                                            dueNow,
                                            endedAt)
                                    : new ObligationWithdrawn(ticketId, null, id, rule, "ticket closed", endedAt)));
                }
            }
        }

        private static final class Event {
            final String ticketId;
            final Instant at;
            final int order;
            final PublicEvent data;
            long seq;

            Event(String ticketId, Instant at, int order, PublicEvent data) {
                this.ticketId = ticketId;
                this.at = at;
                this.order = order;
                this.data = data;
            }
        }
    }
}
