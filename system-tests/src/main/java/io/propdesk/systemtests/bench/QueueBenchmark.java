package io.propdesk.systemtests.bench;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import io.propdesk.standalone.CommandLine;
import io.propdesk.standalone.Options;
import io.propdesk.standalone.PropDeskStandalone;
import io.propdesk.standalone.Running;
import io.propdesk.standalone.ServiceClient;
import io.propdesk.systemtests.scenario.Scenario;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.IntStream;
import org.bson.Document;
import org.bson.json.JsonMode;
import org.bson.json.JsonWriterSettings;

/**
 * The console's queue page against a desk with many open tickets (issue 17: p95 ≤ 300 ms with 10,000 open tickets),
 * on the durable embedded default (the standalone system in this JVM: real Kafka broker, MongoDB-wire server with its
 * H2 file store committed per write).
 *
 * <p>Prefill in two parts. First {@code --samples} tickets go the real way, through the public REST APIs: free repairs
 * whose orders stay dispatched (the "new" tab), free repairs picked up by the team leader (being worked, the bulk of a
 * desk's open tickets), paid repairs waiting for their quote (R7), complaints their steward has not routed (C1), and
 * repairs picked up, started, completed and returned (R8, R9: a callback due, R5). The benchmark waits until each is in
 * every read model the queue page reads. Then, since opening 10,000 tickets through the API takes about 18 minutes
 * here and the page reads none of the write path, the rest are copies of those documents, written directly with
 * {@code insertMany} in exactly the shapes the services wrote them: each sample's row in ticket-service's
 * {@code ticket_list}, dispatch-service's {@code order_list}, callback-service's {@code open_obligations} and
 * {@code ledgers}, with the ticket id (and every id that names it: order, obligation, callback), the call id and the
 * times changed. The copies' open obligations fall due from {@value #FIRST_DUE_MINUTES} minutes on, spread over a day
 * (nothing comes due while the benchmark runs, so the deadline ticker leaves them alone); one returned copy in two is
 * marked returned late and unexplained in the order list (R11), which no order can be through the API in minutes.
 *
 * <p>Before measuring, the benchmark checks on the console, signed in as the desk, that every tab counts exactly the
 * samples and copies it should: the samples made through the API are visible on the page like the copies. Then it
 * asks for each tab ({@code /queues?tab=…}), a filtered tab and the live part alone {@code --requests} times in
 * sequence after {@code --warmup} unmeasured ones.
 *
 * <p>Run from the repository root, after {@code ./mvnw -q package -DskipTests}: {@code java -cp
 * "system-tests/target/classes:$(cat system-tests/target/classpath.txt)" io.propdesk.systemtests.bench.QueueBenchmark
 * [--tickets=10000] [--samples=50] [--requests=200] [--warmup=30]}. See docs/benchmarks.md.
 */
public final class QueueBenchmark {

    private static final String ESTATE = "sunrise-garden"; // the console's default estate
    private static final String LEADER = "tl-zhang";
    private static final int UNITS = 200;
    private static final int BATCH = 1_000;
    private static final int FIRST_DUE_MINUTES = 40;

    /** What a sample ticket is left as; a copy's kind is chosen by its number, in these shares of a hundred. */
    private enum Shape {
        DISPATCHED(3),
        COMPLAINT(1),
        PAID(1),
        RETURNED(2),
        PICKED_UP(93);

        final int perHundred;

        Shape(int perHundred) {
            this.perHundred = perHundred;
        }

        static Shape of(int n) {
            int slot = n % 100;
            for (Shape s : values()) {
                if (slot < s.perHundred) {
                    return s;
                }
                slot -= s.perHundred;
            }
            throw new IllegalStateException();
        }
    }

    /** A sample ticket opened through the API, the template of its shape's copies. */
    private record Sample(Shape shape, String callId, String ticketId) {}

    /** The read models the queue page reads, by database. */
    private static final Map<String, List<String>> READ_MODELS = Map.of(
            "propdesk_ticket", List.of("ticket_list"),
            "propdesk_dispatch", List.of("order_list"),
            "propdesk_callback", List.of("open_obligations", "ledgers"));

    private static final JsonWriterSettings EXACT =
            JsonWriterSettings.builder().outputMode(JsonMode.EXTENDED).build();

    private final Running system;
    private final Scenario scenario;

    private QueueBenchmark(Running system) {
        this.system = system;
        this.scenario = new Scenario(
                ServiceClient.of(system), new Scenario.Cast(ESTATE, "north", "steward-li", "desk-chen", "billing-wu"));
    }

    public static void main(String[] argv) throws Exception {
        int tickets;
        int samples;
        int requests;
        int warmup;
        try {
            Set<String> options = Set.of("tickets", "samples", "requests", "warmup");
            CommandLine args = CommandLine.parse(argv, options).only(options);
            tickets = args.number("tickets", 10_000);
            samples = args.number("samples", 50);
            requests = args.number("requests", 200);
            warmup = args.number("warmup", 30);
            if (samples < Shape.values().length || tickets < samples || requests < 20) {
                throw new IllegalArgumentException("needs --samples ≥ 5, --tickets ≥ samples and --requests ≥ 20");
            }
        } catch (IllegalArgumentException e) {
            System.err.println(
                    "queue-bench: " + e.getMessage() + "; options: --tickets=N, --samples=N, --requests=N, --warmup=N");
            System.exit(2);
            return;
        }
        Path dataDir = Files.createTempDirectory("propdesk-queue-bench");
        try (Running system = PropDeskStandalone.start(Options.randomPorts(dataDir))) {
            QueueBenchmark bench = new QueueBenchmark(system);
            System.out.println(bench.run(tickets, samples, requests, warmup));
        } finally {
            try (var files = Files.walk(dataDir)) {
                files.sorted(java.util.Comparator.reverseOrder())
                        .forEach(f -> f.toFile().delete());
            }
        }
        System.exit(0);
    }

    private String run(int tickets, int sampleCount, int requests, int warmup) throws Exception {
        List<String> units = IntStream.range(0, UNITS).mapToObj(i -> "u-" + i).toList();
        expect(scenario.putEstate(ESTATE, "Sunrise Garden", "b1", units));
        for (var step : scenario.departments(
                new Scenario.Teams(LEADER, "tl-qian", "disp-ma", "tl-sun", "liaison-x"), Scenario.today())) {
            retry(step::get);
        }

        long t0 = System.nanoTime();
        List<Sample> samples = throughTheApi(sampleCount, units);
        double apiSeconds = (System.nanoTime() - t0) / 1e9;
        Map<Shape, Integer> expected = new EnumMap<>(Shape.class);
        samples.forEach(s -> expected.merge(s.shape(), 1, Integer::sum));

        long t1 = System.nanoTime();
        int late = 0;
        try (MongoClient mongo = MongoClients.create(system.mongoUri())) {
            Map<Shape, Map<String, List<Document>>> templates = new EnumMap<>(Shape.class);
            for (Sample s : samples) {
                templates.computeIfAbsent(s.shape(), k -> documentsOf(mongo, s));
            }
            Map<String, Sample> templateOf = new HashMap<>();
            samples.forEach(s -> templateOf.putIfAbsent(s.shape().name(), s));
            Instant now = Instant.now();
            Map<String, Batches> batches = new HashMap<>();
            READ_MODELS.keySet().forEach(db -> batches.put(db, new Batches(mongo.getDatabase(db))));
            for (int n = sampleCount; n < tickets; n++) {
                Shape shape = Shape.of(n);
                Sample template = templateOf.get(shape.name());
                String callId = "queue-bench-" + n;
                String ticketId = "T-" + UUID.nameUUIDFromBytes(("call:" + callId).getBytes(StandardCharsets.UTF_8));
                boolean lateReturn = shape == Shape.RETURNED && n % 2 == 0;
                late += lateReturn ? 1 : 0;
                // the copies' obligations fall due one after another over a day, from FIRST_DUE_MINUTES on
                Instant due = now.plus(Duration.ofMinutes(FIRST_DUE_MINUTES)).plusSeconds((long) n * 86_400 / tickets);
                Instant dispatched = now.minusSeconds(tickets - n);
                for (var db : templates.get(shape).entrySet()) {
                    String[] where = db.getKey().split("\\.");
                    for (Document original : db.getValue()) {
                        Document copy = Document.parse(original.toJson(EXACT)
                                .replace(template.ticketId(), ticketId)
                                .replace(template.callId(), callId));
                        switch (where[1]) {
                            case "open_obligations" -> {
                                if (copy.get("dueAt") != null) {
                                    copy.put("dueAt", Date.from(due));
                                }
                            }
                            case "order_list" -> {
                                copy.put("dispatchedAt", Date.from(dispatched));
                                if (lateReturn) {
                                    copy.put("late", true);
                                }
                            }
                            case "ticket_list" -> copy.put("openedAt", Date.from(dispatched));
                            default -> {}
                        }
                        batches.get(where[0]).add(where[1], copy);
                    }
                }
                expected.merge(shape, 1, Integer::sum);
            }
            batches.values().forEach(Batches::flush);
        }
        double copySeconds = (System.nanoTime() - t1) / 1e9;
        System.out.printf("queue-bench: %,d copies written in %.0f s; checking%n", tickets - sampleCount, copySeconds);

        Console desk = new Console(system.consoleUrl());
        desk.signIn("desk", "desk-demo");
        Map<String, Integer> want = new LinkedHashMap<>();
        // a paid repair's order waits, not picked up, for its quote: new as well as awaiting the quote (R7)
        want.put("new", expected.get(Shape.DISPATCHED) + expected.get(Shape.COMPLAINT) + expected.get(Shape.PAID));
        want.put("callbacks", expected.get(Shape.RETURNED));
        want.put("quotes", expected.get(Shape.PAID));
        want.put("late", late);
        String page = desk.get("/queues");
        Map<String, String> counted = counts(page);
        for (var w : want.entrySet()) {
            if (!String.valueOf(w.getValue()).equals(counted.get(w.getKey()))) {
                throw new IllegalStateException("check failed: tab " + w.getKey() + " counts " + counted.get(w.getKey())
                        + ", expected " + w.getValue() + " (samples and copies); page counts " + counted);
            }
        }

        StringBuilder report = new StringBuilder();
        report.append("## Queue page with ")
                .append(String.format("%,d", tickets))
                .append(" open tickets\n\n")
                .append(String.format(
                        "Prefill: %d samples through the API in %.0f s, %,d copies of their read-model documents in"
                                + " %.0f s.%n%n",
                        sampleCount, apiSeconds, tickets - sampleCount, copySeconds))
                .append("Tab counts on the page (checked against the samples and copies): ")
                .append(counted)
                .append("\n\nLoad average before measuring: ")
                .append(load())
                .append("\n\n| page | requests | p50 ms | p95 ms | p99 ms | max ms | load average after |\n"
                        + "|---|---|---|---|---|---|---|\n");
        List<String> paths = List.of(
                "/queues",
                "/queues?tab=callbacks",
                "/queues?tab=overdue",
                "/queues?tab=soon",
                "/queues?tab=quotes",
                "/queues?tab=late",
                "/queues?tab=new&department=ENGINEERING&kind=REPAIR",
                "/queues/live?tab=new",
                // last: it reads every open R4 obligation, page after page (docs/benchmarks.md)
                "/queues?tab=soon&steward=steward-li");
        for (String path : paths) {
            for (int i = 0; i < warmup; i++) {
                desk.get(path);
            }
            List<Double> ms = new ArrayList<>();
            for (int i = 0; i < requests; i++) {
                long s = System.nanoTime();
                desk.get(path);
                ms.add((System.nanoTime() - s) / 1e6);
            }
            List<Double> sorted = ms.stream().sorted().toList();
            report.append(String.format(
                    "| `%s` | %d | %.1f | %.1f | %.1f | %.1f | %s |%n",
                    path,
                    requests,
                    at(sorted, 0.50),
                    at(sorted, 0.95),
                    at(sorted, 0.99),
                    sorted.get(sorted.size() - 1),
                    load()));
            System.out.println(report);
        }
        report.append("\nTab counts after measuring: ")
                .append(counts(desk.get("/queues")))
                .append('\n');
        return report.toString();
    }

    /** The samples, each shape in turn, through the public APIs; returns once each is in every read model. */
    private List<Sample> throughTheApi(int count, List<String> units) throws Exception {
        List<Sample> samples = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            Shape shape = Shape.values()[i % Shape.values().length];
            String callId = "queue-sample-" + i;
            String extra = switch (shape) {
                case COMPLAINT -> "\"severity\":\"NORMAL\"";
                case PAID -> "\"paid\":true";
                default -> "\"paid\":false";
            };
            ServiceClient.Reply opened = scenario.openTicket(
                    callId, units.get(i % UNITS), shape == Shape.COMPLAINT ? "COMPLAINT" : "REPAIR", extra);
            expect(opened);
            samples.add(new Sample(shape, callId, opened.text("ticketId")));
        }
        for (Sample s : samples) {
            String order = "WO-" + s.ticketId();
            if (s.shape() == Shape.PICKED_UP || s.shape() == Shape.RETURNED) {
                expect(retry(() -> scenario.pickUp(order, LEADER)));
            }
            if (s.shape() == Shape.RETURNED) {
                expect(retry(() -> scenario.start(order, LEADER)));
                expect(retry(() -> scenario.complete(order, LEADER)));
                expect(retry(() -> scenario.returnOrder(order, LEADER)));
            }
        }
        for (Sample s : samples) {
            expect(retry(() -> inEveryReadModel(s)));
        }
        return samples;
    }

    /** 200 once the sample's ticket, order, obligations and ledger are where the page reads them. */
    private ServiceClient.Reply inEveryReadModel(Sample s) {
        ServiceClient api = scenario.api();
        String order = "WO-" + s.ticketId();
        String status = switch (s.shape()) {
            case DISPATCHED, PAID -> "DISPATCHED";
            case PICKED_UP -> "PICKED_UP";
            case RETURNED -> "RETURNED";
            case COMPLAINT -> null;
        };
        boolean ready = api.get("ticket", "/api/tickets/" + s.ticketId()).ok()
                && (status == null
                        || status.equals(
                                api.get("dispatch", "/api/orders/" + order).text("status")))
                && api.get("callback", "/api/obligations?status=open&ticketId=" + s.ticketId())
                                .body()
                                .size()
                        > 0
                && (s.shape() != Shape.RETURNED
                        || api.get("callback", "/api/callbacks?status=due&ticketId=" + s.ticketId())
                                        .body()
                                        .size()
                                > 0);
        return new ServiceClient.Reply(ready ? 200 : 404, null, ready ? "ready" : "not yet", null);
    }

    /** The sample's documents in each read model the page reads, by {@code database.collection}. */
    private static Map<String, List<Document>> documentsOf(MongoClient mongo, Sample s) {
        Map<String, List<Document>> found = new LinkedHashMap<>();
        READ_MODELS.forEach((db, collections) -> {
            for (String c : collections) {
                List<Document> docs = new ArrayList<>();
                MongoCollection<Document> collection = mongo.getDatabase(db).getCollection(c);
                collection.find(Filters.eq("_id", s.ticketId())).into(docs);
                collection.find(Filters.eq("_id", "WO-" + s.ticketId())).into(docs);
                if (c.equals("open_obligations")) {
                    collection.find(Filters.eq("ticketId", s.ticketId())).into(docs);
                }
                found.put(db + "." + c, docs);
            }
        });
        return found;
    }

    private static String load() {
        try {
            String[] avg = Files.readString(Path.of("/proc/loadavg")).split(" ");
            return avg[0] + " " + avg[1] + " " + avg[2];
        } catch (java.io.IOException e) {
            return "?";
        }
    }

    private static Map<String, String> counts(String page) {
        Matcher m = Pattern.compile("id=\"count-(\\w+)\">([^<]*)<").matcher(page);
        Map<String, String> counts = new LinkedHashMap<>();
        while (m.find()) {
            counts.put(m.group(1), m.group(2).trim());
        }
        return counts;
    }

    private static double at(List<Double> sorted, double q) {
        return sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(q * sorted.size()) - 1));
    }

    static void expect(ServiceClient.Reply reply) {
        if (!reply.ok()) {
            throw new IllegalStateException(reply.status() + " " + reply.raw());
        }
    }

    /** {@code insertMany} per collection, {@value #BATCH} documents at a time. */
    private static final class Batches {
        private final MongoDatabase db;
        private final Map<String, List<Document>> pending = new HashMap<>();

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

    /** Asks again while the read models catch up (a 404 for an order not projected yet), for up to a minute. */
    static ServiceClient.Reply retry(java.util.function.Supplier<ServiceClient.Reply> call) {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (true) {
            ServiceClient.Reply reply = call.get();
            if (reply.ok() || System.nanoTime() > deadline) {
                return reply;
            }
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }

    /** The console as a browser talks to it: a session cookie, the login form's CSRF token. */
    private static final class Console {

        private static final Pattern CSRF = Pattern.compile("name=\"_csrf\"[^>]*value=\"([^\"]+)\"");

        private final String base;
        private final HttpClient http = HttpClient.newBuilder()
                .cookieHandler(new CookieManager())
                .followRedirects(HttpClient.Redirect.NORMAL)
                .build();

        Console(String base) {
            this.base = base;
        }

        void signIn(String user, String password) throws Exception {
            Matcher token = CSRF.matcher(get("/login"));
            if (!token.find()) {
                throw new IllegalStateException("no CSRF token on the login form");
            }
            String form = "username=" + enc(user) + "&password=" + enc(password) + "&_csrf=" + enc(token.group(1));
            HttpResponse<String> answer = http.send(
                    HttpRequest.newBuilder(URI.create(base + "/login"))
                            .header("Content-Type", "application/x-www-form-urlencoded")
                            .POST(HttpRequest.BodyPublishers.ofString(form))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            if (answer.uri().getPath().startsWith("/login")) {
                throw new IllegalStateException("sign-in refused: " + answer.uri());
            }
        }

        String get(String path) throws Exception {
            HttpResponse<String> answer = http.send(
                    HttpRequest.newBuilder(URI.create(base + path)).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
            if (answer.statusCode() != 200) {
                throw new IllegalStateException(path + " answered " + answer.statusCode());
            }
            return answer.body();
        }

        private static String enc(String s) {
            return URLEncoder.encode(s, StandardCharsets.UTF_8);
        }
    }
}
