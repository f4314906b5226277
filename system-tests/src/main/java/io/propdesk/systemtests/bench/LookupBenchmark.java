package io.propdesk.systemtests.bench;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import io.propdesk.standalone.CommandLine;
import io.propdesk.standalone.Options;
import io.propdesk.standalone.PropDeskStandalone;
import io.propdesk.standalone.Running;
import io.propdesk.standalone.ServiceClient;
import io.propdesk.standalone.ServiceClient.Reply;
import io.propdesk.systemtests.scenario.Scenario;
import io.propdesk.ticket.caller.CallerIndex;
import io.propdesk.ticket.caller.OwnerContacts;
import io.propdesk.ticket.caller.OwnerTickets;
import io.propdesk.ticket.caller.TicketObligations;
import io.propdesk.ticket.privacy.BlindIndex;
import io.propdesk.ticket.privacy.OwnerKeys;
import io.propdesk.ticket.privacy.PersonalData;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import org.bson.Document;

/**
 * The caller-lookup benchmark (issue 16 §2, docs/benchmarks.md): {@code GET /api/callers} latency with 100,000 owners
 * and 300,000 tickets stored, on the durable embedded default (the standalone system, the MongoDB-wire server with
 * its H2 file store committed per write, real HTTP).
 *
 * <p>The owners and tickets are not created through the API (that would take hours here): their read-model and
 * index documents, their keys and their event-store streams are written directly in the shapes ticket-service writes,
 * and names and phones are sealed with ticket-service's own {@link PersonalData} and filed with its own
 * {@link BlindIndex}. Before measuring, the benchmark checks that prefilled owners are found with their names, tickets
 * and due obligations, and that owners registered and tickets opened through the API are found too. It measures only
 * the lookup, the path the goal is about.
 *
 * <p>Run from the repository root, after {@code ./mvnw -q package -DskipTests}: {@code java -cp
 * "system-tests/target/classes:$(cat system-tests/target/classpath.txt)" io.propdesk.systemtests.bench.LookupBenchmark
 * [--owners=100000] [--tickets=300000] [--lookups=5000]}.
 */
public final class LookupBenchmark {

    static final String ESTATE = "bench-estate";
    static final String PREFILL_ESTATE = "bench-prefill";
    private static final int BATCH = 2_000;
    private static final int API_OWNERS = 50;
    private static final String DATABASE = "propdesk_ticket";

    private final Running system;
    private final ServiceClient api;
    private final Scenario scenario;
    private final BlindIndex blindIndex = new BlindIndex(BlindIndex.DEMO_SECRET);
    private final Instant now = Instant.now();

    private LookupBenchmark(Running system) {
        this.system = system;
        this.api = ServiceClient.of(system);
        this.scenario = new Scenario(api, new Scenario.Cast(ESTATE, "a1", "steward-1", "desk-1", "billing-1"));
    }

    public static void main(String[] argv) throws Exception {
        int owners;
        int tickets;
        int lookups;
        try {
            Set<String> options = Set.of("owners", "tickets", "lookups");
            CommandLine args = CommandLine.parse(argv, options).only(options);
            owners = args.number("owners", 100_000);
            tickets = args.number("tickets", 300_000);
            lookups = args.number("lookups", 5_000);
            if (owners < 10 || tickets < owners || lookups < 100) {
                throw new IllegalArgumentException("needs --owners ≥ 10, --tickets ≥ owners and --lookups ≥ 100");
            }
        } catch (IllegalArgumentException e) {
            System.err.println("lookup-bench: " + e.getMessage() + "; options: --owners=N, --tickets=N, --lookups=N");
            System.exit(2);
            return;
        }
        Path dataDir = Files.createTempDirectory("propdesk-lookup-bench");
        try (Running system = PropDeskStandalone.start(Options.randomPorts(dataDir))) {
            System.out.println(new LookupBenchmark(system).run(owners, tickets, lookups));
            System.out.printf("MongoDB file store after the run: %,d bytes%n", Files.size(system.mongoFile()));
        } finally {
            try (var files = Files.walk(dataDir)) {
                files.sorted(java.util.Comparator.reverseOrder())
                        .forEach(f -> f.toFile().delete());
            }
        }
        System.exit(0);
    }

    private String run(int owners, int tickets, int lookups) throws Exception {
        StringBuilder report = new StringBuilder();
        List<String> apiNumbers = throughTheApi();
        try (MongoClient mongo = MongoClients.create(system.mongoUri())) {
            MongoDatabase db = mongo.getDatabase(DATABASE);
            long start = System.nanoTime();
            prefill(db, owners, tickets);
            double prefillSeconds = (System.nanoTime() - start) / 1e9;
            long eventsStart = System.nanoTime();
            MongoCollection<Document> events = db.getCollection("events");
            long stored = StorePrefill.fillTo(
                    events,
                    StorePrefill.countEvents(events),
                    5L * tickets,
                    "{\"ticketId\":\"T-prefill\",\"reason\":\"prefill\",\"closedAt\":\"2026-11-01T00:00:00Z\"}");
            double eventsSeconds = (System.nanoTime() - eventsStart) / 1e9;
            checkPrefill(owners, apiNumbers);
            report.append(String.format(
                    "Stored: %,d owners with a registered phone each, %,d tickets (owner_tickets, ticket_owners,"
                            + " ticket_obligations), %,d caller_index numbers, %,d events in the event store;"
                            + " read models prefilled in %.0f s, events in %.0f s.%n%n",
                    owners + API_OWNERS,
                    tickets + API_OWNERS,
                    db.getCollection(CallerIndex.NUMBERS).estimatedDocumentCount(),
                    stored,
                    prefillSeconds,
                    eventsSeconds));
        }
        Random random = new Random(16);
        measure(random, owners, Math.max(500, lookups / 5), "/api/callers"); // warm-up
        report.append("| path | lookups | p50 ms | p95 ms | p99 ms | max ms |\n|---|---|---|---|---|---|\n");
        report.append(measure(random, owners, lookups, "/api/callers"));
        report.append(measure(random, owners, lookups, "/api/callers/lookup"));
        return report.toString();
    }

    /** A number of each kind in turn: half registered phones, a quarter recent callers only, a quarter unknown. */
    private String measure(Random random, int owners, int count, String path) {
        List<Double> all = new ArrayList<>(count);
        List<Double> known = new ArrayList<>();
        List<Double> recent = new ArrayList<>();
        List<Double> unknown = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            int owner = random.nextInt(owners);
            int kind = i % 4;
            String number = kind < 2 ? knownPhone(owner) : kind == 2 ? recentPhone(owner) : unknownPhone(owner);
            String form = i % 3 == 0 ? number : i % 3 == 1 ? "0086" + number.substring(3) : number.substring(3);
            long start = System.nanoTime();
            Reply reply = api.get("ticket", path + "?number=" + URLEncoder.encode(form, StandardCharsets.UTF_8));
            double ms = (System.nanoTime() - start) / 1e6;
            // the flat lookup answers 404 for no match: an unknown number, or a recent caller whose call is over 90
            // days old
            boolean expected =
                    reply.status() == 200 || (reply.status() == 404 && path.endsWith("/lookup") && kind >= 2);
            if (!expected) {
                throw new IllegalStateException(path + " answered " + reply.status() + ": " + reply.raw());
            }
            all.add(ms);
            (kind < 2 ? known : kind == 2 ? recent : unknown).add(ms);
        }
        return row(path, "all", all)
                + row(path, "registered phone", known)
                + row(path, "recent caller", recent)
                + row(path, "unknown number", unknown);
    }

    private static String row(String path, String label, List<Double> samples) {
        Stats s = Stats.of(samples);
        return String.format(
                "| `GET %s`, %s | %,d | %.1f | %.1f | %.1f | %.1f |%n",
                path, label, s.count(), s.p50(), Stats.quantile(samples, 0.95), s.p99(), s.max());
    }

    static String knownPhone(int owner) {
        return String.format("+86139%08d", owner);
    }

    static String recentPhone(int owner) {
        return String.format("+86137%08d", owner);
    }

    static String unknownPhone(int owner) {
        return String.format("+86135%08d", owner);
    }

    static String ownerId(int owner) {
        return OwnerKeys.ownerOf(PREFILL_ESTATE, unit(owner));
    }

    static String unit(int owner) {
        return "p" + owner;
    }

    /**
     * The real path, for the check: owners registered with {@code PUT /api/owners/{id}/contacts} and tickets opened
     * with {@code POST /api/tickets} (the ticket's caller becomes a recent caller through the projection).
     */
    private List<String> throughTheApi() throws Exception {
        List<String> units = new ArrayList<>();
        for (int i = 0; i < API_OWNERS; i++) {
            units.add("u-" + i);
        }
        Reply estate = scenario.putEstate(ESTATE, "Benchmark Estate", "b1", units);
        require(estate.status() == 200, "estate", estate);
        List<String> numbers = new ArrayList<>();
        for (int i = 0; i < API_OWNERS; i++) {
            String number = String.format("+86188%08d", i);
            Reply put = api.put(
                    "ticket",
                    "/api/owners/" + ESTATE + ":u-" + i + "/contacts",
                    "{\"contacts\":[{\"name\":\"Api Owner " + i + "\",\"phone\":\"" + number + "\"}]}");
            require(put.status() == 200, "contacts", put);
            Reply opened = scenario.openTicket(
                    "lookup-bench-" + i + "-" + now.toEpochMilli(), "u-" + i, "REPAIR", "\"paid\":false");
            require(opened.status() == 201, "ticket", opened);
            numbers.add(number);
        }
        return numbers;
    }

    private void checkPrefill(int owners, List<String> apiNumbers) throws InterruptedException {
        Reply known = api.get("ticket", "/api/callers?number=" + enc(knownPhone(6)));
        require(
                known.status() == 200
                        && known.body().at("/matches/0/ownerId").asText().equals(ownerId(6))
                        && known.body().at("/matches/0/name").asText().equals("Owner 6")
                        && known.body().at("/matches/0/level").asText().equals("known")
                        && known.body().get("openTickets").size() == 2
                        && known.body()
                                .at("/openTickets/0/nextDue/rule")
                                .asText()
                                .startsWith("R"),
                "a prefilled owner found by a registered phone",
                known);
        Reply recent = api.get("ticket", "/api/callers?number=" + enc(recentPhone(6)));
        require(
                recent.status() == 200
                        && recent.body().at("/matches/0/level").asText().equals("recent")
                        && recent.body().at("/matches/0/name").asText().equals("Caller for " + unit(6)),
                "a prefilled recent caller",
                recent);
        require(
                api.get("ticket", "/api/callers?number=" + enc(knownPhone(owners - 1)))
                        .body()
                        .at("/matches/0/ownerId")
                        .asText()
                        .equals(ownerId(owners - 1)),
                "the last prefilled owner",
                known);
        // the ticket-opened projection files each ticket's caller (Scenario's fixed phone) as a recent caller of its
        // unit
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        Reply byApi;
        do {
            byApi = api.get("ticket", "/api/callers?number=" + enc(apiNumbers.get(API_OWNERS - 1)));
            if (byApi.status() == 200 && byApi.body().get("openTickets").size() == 1) {
                break;
            }
            Thread.sleep(200);
        } while (System.nanoTime() < deadline);
        require(
                byApi.body().at("/matches/0/name").asText().equals("Api Owner " + (API_OWNERS - 1))
                        && byApi.body().get("openTickets").size() == 1,
                "an owner registered and a ticket opened through the API",
                byApi);
    }

    /**
     * Writes, per owner, what ticket-service keeps after {@code PUT .../contacts} and three tickets: the owner's key,
     * the sealed contact, the index entries of the registered phone and of a second number that called about one
     * ticket, the owner's document with its tickets in one bucket per month of opening (as {@link OwnerTickets} files
     * them since issue 19), each ticket's owner and bucket, and two open obligations per open ticket. Owner {@code i}
     * has tickets opened up to 120 days ago; its first ticket is closed, the second open for even {@code i}, the third
     * (the other caller's) open for {@code i} divisible by 3.
     */
    private void prefill(MongoDatabase db, int owners, int tickets) {
        SecureRandom random = new SecureRandom();
        Batches out = new Batches(db);
        for (int i = 0; i < owners; i++) {
            String ownerId = ownerId(i);
            byte[] key = new byte[32];
            random.nextBytes(key);
            String encoded = Base64.getEncoder().encodeToString(key);
            out.add(
                    OwnerKeys.KEYS,
                    new Document("_id", ownerId + "#1")
                            .append("ownerId", ownerId)
                            .append("key", encoded)
                            .append("createdAt", Date.from(now)));
            out.add(
                    OwnerKeys.OWNERS,
                    new Document("_id", ownerId)
                            .append("generation", 1)
                            .append("keyId", ownerId + "#1")
                            .append("key", encoded));
        }
        out.flush();
        PersonalData personal = new PersonalData(new OwnerKeys(db));
        int ticketNo = 0;
        for (int i = 0; i < owners; i++) {
            String ownerId = ownerId(i);
            String[] sealed = personal.seal(ownerId, "Owner " + i, knownPhone(i), "Caller for " + unit(i));
            String knownIndex = blindIndex.of(knownPhone(i));
            String recentIndex = blindIndex.of(recentPhone(i));
            out.add(
                    OwnerContacts.COLLECTION,
                    new Document("_id", ownerId)
                            .append("estateId", PREFILL_ESTATE)
                            .append("unitId", unit(i))
                            .append(
                                    "contacts",
                                    List.of(new Document("name", sealed[0])
                                            .append("phone", sealed[1])
                                            .append("index", knownIndex)))
                            .append("updatedAt", Date.from(now)));
            out.add(
                    CallerIndex.OWNER_NUMBERS,
                    new Document("_id", ownerId).append("numbers", List.of(knownIndex, recentIndex)));
            int perOwner = tickets / owners + (i < tickets % owners ? 1 : 0);
            Map<String, Document> months = new TreeMap<>(); // bucket → its tickets, as OwnerTickets files them
            Instant lastKnownCall = null;
            Instant lastRecentCall = null;
            for (int t = 0; t < perOwner; t++) {
                String ticketId = "T-bench-" + ticketNo++;
                boolean otherCaller = t == 2;
                boolean open = t == 1 ? i % 2 == 0 : t == 2 && i % 3 == 0;
                Instant openedAt = now.minus(Duration.ofHours((long) ((i * 7 + t * 31) % (120 * 24))));
                if (otherCaller) {
                    lastRecentCall = openedAt;
                } else if (lastKnownCall == null || openedAt.isAfter(lastKnownCall)) {
                    lastKnownCall = openedAt;
                }
                String bucket = OwnerTickets.bucketOf(ownerId, openedAt);
                months.computeIfAbsent(bucket, b -> new Document())
                        .append(
                                ticketId,
                                new Document("ticketId", ticketId)
                                        .append("kind", t == 0 ? "REPAIR" : t == 1 ? "COMPLAINT" : "CLEANING_MONTHLY")
                                        .append("status", open ? "OPEN" : "CLOSED")
                                        .append("openedAt", Date.from(openedAt))
                                        .append("updatedAt", Date.from(openedAt))
                                        .append("callerName", otherCaller ? sealed[2] : sealed[0])
                                        .append("callerIndex", otherCaller ? recentIndex : knownIndex));
                out.add(
                        OwnerTickets.TICKET_OWNERS,
                        new Document("_id", ticketId).append("ownerId", ownerId).append("bucket", bucket));
                if (open) {
                    out.add(
                            TicketObligations.COLLECTION,
                            new Document("_id", ticketId)
                                    .append(
                                            "open",
                                            new Document(
                                                            ticketId + "#R4",
                                                            obligation(ticketId + "#R4", "R4", openedAt, 4))
                                                    .append(
                                                            ticketId + "#R5",
                                                            obligation(ticketId + "#R5", "R5", openedAt, 24))));
                }
            }
            out.add(
                    OwnerTickets.COLLECTION,
                    new Document("_id", ownerId)
                            .append("estateId", PREFILL_ESTATE)
                            .append("unitId", unit(i))
                            .append("months", new ArrayList<>(months.keySet())));
            months.forEach((bucket, list) ->
                    out.add(OwnerTickets.COLLECTION, new Document("_id", bucket).append("tickets", list)));
            Document knownEntry = entry(i).append("knownAt", Date.from(now));
            if (lastKnownCall != null) {
                knownEntry.append("recentAt", Date.from(lastKnownCall));
            }
            out.add(
                    CallerIndex.NUMBERS,
                    new Document("_id", knownIndex).append("owners", new Document(ownerId, knownEntry)));
            if (lastRecentCall != null) {
                out.add(
                        CallerIndex.NUMBERS,
                        new Document("_id", recentIndex)
                                .append(
                                        "owners",
                                        new Document(ownerId, entry(i).append("recentAt", Date.from(lastRecentCall)))));
            }
        }
        out.flush();
    }

    private static Document entry(int owner) {
        return new Document("ownerId", ownerId(owner))
                .append("estateId", PREFILL_ESTATE)
                .append("unitId", unit(owner));
    }

    private static Document obligation(String id, String rule, Instant openedAt, int hours) {
        return new Document("obligationId", id)
                .append("rule", rule)
                .append("dueAt", Date.from(openedAt.plus(Duration.ofHours(hours))));
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    private static void require(boolean ok, String what, Reply reply) {
        if (!ok) {
            throw new IllegalStateException("check failed, " + what + ": " + reply.status() + " " + reply.raw());
        }
    }

    /** {@code insertMany} per collection, {@value #BATCH} documents at a time. */
    private static final class Batches {
        private final MongoDatabase db;
        private final Map<String, List<Document>> pending = new java.util.HashMap<>();

        Batches(MongoDatabase db) {
            this.db = db;
        }

        void add(String collection, Document doc) {
            List<Document> batch = pending.computeIfAbsent(collection, c -> new ArrayList<>(BATCH));
            batch.add(doc);
            if (batch.size() == BATCH) {
                db.getCollection(collection).insertMany(batch);
                batch.clear();
            }
        }

        void flush() {
            pending.forEach((collection, batch) -> {
                if (!batch.isEmpty()) {
                    db.getCollection(collection).insertMany(batch);
                    batch.clear();
                }
            });
        }
    }
}
