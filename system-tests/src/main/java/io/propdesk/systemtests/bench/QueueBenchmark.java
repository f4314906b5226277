package io.propdesk.systemtests.bench;

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
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.IntStream;

/**
 * The console's queue page against a desk with many open tickets (issue 17: p95 ≤ 300 ms with 10,000 open tickets),
 * on the durable embedded default (the standalone system in this JVM: real Kafka broker, MongoDB-wire server with its
 * H2 file store committed per write).
 *
 * <p>Prefill, through the services' public REST APIs only, so every read model holds what real work leaves there:
 * {@code --tickets} tickets opened by {@code POST /api/tickets} from {@code --threads} clients (one in a hundred a
 * complaint its steward has not routed yet, one in a hundred a paid repair, the rest free repairs); the department's
 * team leader then picks up all but {@code --new} of the orders (an open ticket being worked, as most of a desk's
 * open tickets are), so the "new" tab holds about {@code --new} rows. Every ticket stays open: each has its open
 * obligations in callback-service's ledger (R4 steward replies, R7 for the paid ones). It waits until the last
 * ticket's obligations and order are in the read models.
 *
 * <p>Then the desk signs in on the console's login form (a real session, CSRF and all) and asks for {@code /queues}
 * {@code --requests} times in sequence after {@code --warmup} unmeasured ones: the full page, every tab counted, the
 * default tab's rows rendered.
 *
 * <p>Run from the repository root, after {@code ./mvnw -q package -DskipTests}: {@code java -cp
 * "system-tests/target/classes:$(cat system-tests/target/classpath.txt)" io.propdesk.systemtests.bench.QueueBenchmark
 * [--tickets=10000] [--new=300] [--threads=8] [--requests=200] [--warmup=30]}. See docs/benchmarks.md.
 */
public final class QueueBenchmark {

    private static final String ESTATE = "sunrise-garden"; // the console's default estate
    private static final String LEADER = "tl-zhang";
    private static final int UNITS = 200;

    private final Running system;
    private final Scenario scenario;

    private QueueBenchmark(Running system) {
        this.system = system;
        this.scenario = new Scenario(
                ServiceClient.of(system), new Scenario.Cast(ESTATE, "north", "steward-li", "desk-chen", "billing-wu"));
    }

    public static void main(String[] argv) throws Exception {
        int tickets;
        int fresh;
        int threads;
        int requests;
        int warmup;
        try {
            Set<String> options = Set.of("tickets", "new", "threads", "requests", "warmup");
            CommandLine args = CommandLine.parse(argv, options).only(options);
            tickets = args.number("tickets", 10_000);
            fresh = args.number("new", 300);
            threads = args.number("threads", 8);
            requests = args.number("requests", 200);
            warmup = args.number("warmup", 30);
        } catch (IllegalArgumentException e) {
            System.err.println("queue-bench: " + e.getMessage()
                    + "; options: --tickets=N, --new=N, --threads=N, --requests=N, --warmup=N");
            System.exit(2);
            return;
        }
        Path dataDir = Files.createTempDirectory("propdesk-queue-bench");
        try (Running system = PropDeskStandalone.start(Options.randomPorts(dataDir))) {
            QueueBenchmark bench = new QueueBenchmark(system);
            System.out.println(bench.run(tickets, fresh, threads, requests, warmup));
        } finally {
            try (var files = Files.walk(dataDir)) {
                files.sorted(java.util.Comparator.reverseOrder())
                        .forEach(f -> f.toFile().delete());
            }
        }
        System.exit(0);
    }

    private String run(int tickets, int fresh, int threads, int requests, int warmup) throws Exception {
        List<String> units = IntStream.range(0, UNITS).mapToObj(i -> "u-" + i).toList();
        expect(scenario.putEstate(ESTATE, "Sunrise Garden", "b1", units));
        for (var step : scenario.departments(
                new Scenario.Teams(LEADER, "tl-qian", "disp-ma", "tl-sun", "liaison-x"), Scenario.today())) {
            retry(step::get);
        }

        long t0 = System.nanoTime();
        List<String> ids = Collections.synchronizedList(new ArrayList<>());
        AtomicInteger failures = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        List<Future<?>> work = new ArrayList<>();
        for (int i = 0; i < tickets; i++) {
            int n = i;
            work.add(pool.submit(() -> {
                String kind = n % 100 == 50 ? "COMPLAINT" : "REPAIR";
                String extra = kind.equals("COMPLAINT")
                        ? "\"severity\":\"NORMAL\""
                        : n % 100 == 75 ? "\"paid\":true" : "\"paid\":false";
                ServiceClient.Reply reply = scenario.openTicket("queue-bench-" + n, units.get(n % UNITS), kind, extra);
                if (n > 0 && n % 1000 == 0) {
                    System.out.printf("queue-bench: %,d tickets opened%n", n);
                }
                if (reply.ok()) {
                    if (kind.equals("REPAIR")) {
                        ids.add(reply.text("ticketId"));
                    }
                } else {
                    failures.incrementAndGet();
                }
            }));
        }
        for (Future<?> f : work) {
            f.get();
        }
        double openSeconds = (System.nanoTime() - t0) / 1e9;
        System.out.printf("queue-bench: %,d tickets opened in %.0f s; picking up orders%n", tickets, openSeconds);

        // all but --new of the repairs' orders picked up by the team leader: being worked, still open
        long t1 = System.nanoTime();
        List<String> toPickUp = ids.subList(0, Math.max(0, ids.size() - fresh));
        work.clear();
        for (String ticketId : toPickUp) {
            work.add(pool.submit(() -> retry(() -> scenario.pickUp("WO-" + ticketId, LEADER))));
        }
        for (Future<?> f : work) {
            f.get();
        }
        pool.shutdown();
        double pickUpSeconds = (System.nanoTime() - t1) / 1e9;
        String last = ids.get(ids.size() - 1);
        retry(() -> {
            ServiceClient.Reply r = scenario.api().get("callback", "/api/obligations?status=open&ticketId=" + last);
            return r.ok() && r.body().size() > 0 ? r : new ServiceClient.Reply(404, null, "not yet", null);
        });
        Thread.sleep(10_000); // the projections of the last events

        System.out.printf("queue-bench: %,d orders picked up in %.0f s; measuring%n", toPickUp.size(), pickUpSeconds);
        Console desk = new Console(system.consoleUrl());
        desk.signIn("desk", "desk-demo");
        String page = desk.get("/queues");
        StringBuilder report = new StringBuilder();
        report.append("## Queue page with ")
                .append(String.format("%,d", tickets))
                .append(" open tickets\n\n")
                .append(String.format(
                        "Prefill: %,d tickets opened in %.0f s (%d failed), %,d orders picked up in %.0f s.%n%n",
                        tickets, openSeconds, failures.get(), toPickUp.size(), pickUpSeconds))
                .append("Tab counts on the page: ")
                .append(counts(page))
                .append("\n\n| page | requests | p50 ms | p95 ms | p99 ms | max ms |\n|---|---|---|---|---|---|\n");
        for (String path : List.of("/queues", "/queues?tab=soon", "/queues/live?tab=new")) {
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
                    "| `%s` | %d | %.1f | %.1f | %.1f | %.1f |%n",
                    path,
                    requests,
                    at(sorted, 0.50),
                    at(sorted, 0.95),
                    at(sorted, 0.99),
                    sorted.get(sorted.size() - 1)));
            System.out.println(report);
        }
        return report.toString();
    }

    private static String counts(String page) {
        Matcher m = Pattern.compile("id=\"count-(\\w+)\">([^<]*)<").matcher(page);
        List<String> counts = new ArrayList<>();
        while (m.find()) {
            counts.add(m.group(1) + " " + m.group(2));
        }
        return String.join(", ", counts);
    }

    private static double at(List<Double> sorted, double q) {
        return sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(q * sorted.size()) - 1));
    }

    static void expect(ServiceClient.Reply reply) {
        if (!reply.ok()) {
            throw new IllegalStateException(reply.status() + " " + reply.raw());
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
