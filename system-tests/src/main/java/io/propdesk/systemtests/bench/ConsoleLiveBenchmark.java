package io.propdesk.systemtests.bench;

import io.propdesk.standalone.CommandLine;
import io.propdesk.standalone.Options;
import io.propdesk.standalone.PropDeskStandalone;
import io.propdesk.standalone.Running;
import io.propdesk.standalone.ServiceClient;
import io.propdesk.systemtests.console.Chromium;
import io.propdesk.systemtests.console.LiveQueueWatch;
import io.propdesk.systemtests.scenario.Scenario;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.IntStream;
import org.openqa.selenium.By;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Issue 17's live queues: "a queue shows a new ticket or a change within 2 s of its event, without a reload",
 * measured in a real browser (headless Debian Chromium) on the standalone system in this JVM.
 *
 * <p>The desk signs in on the console's login form and opens its queue of new tickets; a MutationObserver in the page
 * ({@link LiveQueueWatch}) notes when each ticket's row first shows ({@code Date.now()}). Then {@code --tickets}
 * tickets are opened through ticket-service's REST API, one every {@code --every} milliseconds, after {@code
 * --warmup} unmeasured ones. For each ticket two latencies are taken to its row in the page: from its {@code
 * TicketOpened} event's Kafka record timestamp (read by a plain consumer of the topics: when the relay published it)
 * and from the 201 answer of the REST call. Browser, JVM and broker read the same machine clock. The queue page shows
 * its first 100 rows (earliest due first), so at most 90 tickets are opened in all.
 *
 * <p>Run from the repository root, after {@code ./mvnw -q package -DskipTests}: {@code java -cp
 * "system-tests/target/classes:$(cat system-tests/target/classpath.txt)"
 * io.propdesk.systemtests.bench.ConsoleLiveBenchmark [--tickets=50] [--every=1000] [--warmup=5]}. See
 * docs/benchmarks.md. Needs {@code chromium} and {@code chromium-driver} (Debian).
 */
public final class ConsoleLiveBenchmark {

    private static final String ESTATE = "sunrise-garden"; // the console's default estate
    private static final int MOST = 90;

    private final Running system;
    private final Scenario scenario;

    private ConsoleLiveBenchmark(Running system) {
        this.system = system;
        this.scenario = new Scenario(
                ServiceClient.of(system), new Scenario.Cast(ESTATE, "north", "steward-li", "desk-chen", "billing-wu"));
    }

    public static void main(String[] argv) throws Exception {
        int tickets;
        int every;
        int warmup;
        try {
            Set<String> options = Set.of("tickets", "every", "warmup");
            CommandLine args = CommandLine.parse(argv, options).only(options);
            tickets = args.number("tickets", 50);
            every = args.number("every", 1000);
            warmup = args.number("warmup", 5);
            if (tickets < 1 || warmup < 0 || tickets + warmup > MOST || every < 1) {
                throw new IllegalArgumentException("1 <= tickets, 0 <= warmup, tickets + warmup <= " + MOST
                        + " (the queue shows 100 rows), every >= 1 ms");
            }
        } catch (IllegalArgumentException e) {
            System.err.println(
                    "console-live-bench: " + e.getMessage() + "; options: --tickets=N, --every=MS, --warmup=N");
            System.exit(2);
            return;
        }
        Path dataDir = Files.createTempDirectory("propdesk-live-bench");
        Path profile = Files.createTempDirectory("propdesk-chromium");
        try (Running system = PropDeskStandalone.start(Options.randomPorts(dataDir))) {
            System.out.println(new ConsoleLiveBenchmark(system).run(tickets, every, warmup, profile));
        } finally {
            for (Path dir : List.of(dataDir, profile)) {
                try (var files = Files.walk(dir)) {
                    files.sorted(Comparator.reverseOrder())
                            .forEach(f -> f.toFile().delete());
                }
            }
        }
        System.exit(0);
    }

    private String run(int tickets, int every, int warmup, Path profile) throws Exception {
        List<String> units = IntStream.range(0, 10).mapToObj(i -> "u-" + i).toList();
        QueueBenchmark.expect(scenario.putEstate(ESTATE, "Sunrise Garden", "b1", units));
        for (var step : scenario.departments(
                new Scenario.Teams("tl-zhang", "tl-qian", "disp-ma", "tl-sun", "liaison-x"), Scenario.today())) {
            QueueBenchmark.retry(step::get);
        }
        ChromeDriver driver = Chromium.start(profile, 1280, 800, "en-US");
        try (TopicWatch topics = new TopicWatch(system.kafkaBootstrapServers())) {
            signIn(driver, "desk", "desk-demo");
            driver.get(system.consoleUrl() + "/queues?tab=new");
            LiveQueueWatch page = LiveQueueWatch.install(driver);

            for (int i = 0; i < warmup; i++) {
                page.awaitRow(open("live-warmup-" + i, units.get(i % units.size())), Duration.ofSeconds(60));
            }

            // a steady rate: ticket i is opened at start + i × every, whatever the rows do meanwhile
            Map<String, Long> answeredAt = new LinkedHashMap<>();
            long start = System.currentTimeMillis();
            for (int i = 0; i < tickets; i++) {
                long wait = start + (long) i * every - System.currentTimeMillis();
                if (wait > 0) {
                    Thread.sleep(wait);
                }
                String ticketId = open("live-bench-" + i, units.get(i % units.size()));
                answeredAt.put(ticketId, System.currentTimeMillis());
            }

            List<Double> fromEvent = new ArrayList<>();
            List<Double> fromAnswer = new ArrayList<>();
            for (Map.Entry<String, Long> ticket : answeredAt.entrySet()) {
                long rowAt = page.awaitRow(ticket.getKey(), Duration.ofSeconds(60));
                if (!topics.await(ticket.getKey(), "TicketOpened", Duration.ofSeconds(30))) {
                    throw new IllegalStateException("no TicketOpened of " + ticket.getKey() + " on the topic");
                }
                fromEvent.add((double) (rowAt - topics.timestamp(ticket.getKey(), "TicketOpened")));
                fromAnswer.add((double) (rowAt - ticket.getValue()));
            }
            if (!page.notReloaded()) {
                throw new IllegalStateException("the queue page was reloaded: the rows did not come live");
            }
            return report(tickets, every, page.pushes(), fromEvent, fromAnswer);
        } finally {
            driver.quit();
        }
    }

    private String open(String callId, String unit) {
        ServiceClient.Reply reply =
                scenario.api().as("callcenter").post("ticket", "/api/tickets", """
                {"callId":"%s","estateId":"%s","unitId":"%s","kind":"REPAIR","paid":false,
                 "description":"Door lock stuck","callerName":"Owner Zhao","callerPhone":"13800000003",
                 "acceptor":"callcenter"}""".formatted(callId, ESTATE, unit));
        QueueBenchmark.expect(reply);
        return reply.get("ticketId").asText();
    }

    private void signIn(ChromeDriver driver, String user, String password) {
        driver.get(system.consoleUrl() + "/login");
        driver.findElement(By.id("username")).sendKeys(user);
        driver.findElement(By.id("password")).sendKeys(password);
        driver.findElement(By.id("login-submit")).click();
        new WebDriverWait(driver, Duration.ofSeconds(30))
                .until(d -> !d.getCurrentUrl().contains("/login"));
    }

    private static String report(int tickets, int every, long pushes, List<Double> fromEvent, List<Double> fromAnswer) {
        StringBuilder report = new StringBuilder();
        report.append(String.format(
                "## Live queue: %d new tickets, one every %d ms, to their rows in an open queue page%n%n",
                tickets, every));
        report.append("| measured from | tickets | p50 ms | p95 ms | max ms | over 2 s |\n|---|---|---|---|---|---|\n");
        for (var row :
                List.of(Map.entry("TicketOpened record timestamp", fromEvent), Map.entry("REST 201", fromAnswer))) {
            List<Double> ms = row.getValue();
            report.append(String.format(
                    "| %s | %d | %.0f | %.0f | %.0f | %d |%n",
                    row.getKey(),
                    ms.size(),
                    Stats.quantile(ms, 0.50),
                    Stats.quantile(ms, 0.95),
                    Stats.quantile(ms, 1.0),
                    ms.stream().filter(m -> m > 2000).count()));
        }
        report.append(String.format("%n%d pushes reached the page; it was never reloaded.%n", pushes));
        report.append("From the event, ms, in order: ")
                .append(fromEvent.stream()
                        .map(d -> String.valueOf(d.longValue()))
                        .toList())
                .append('\n');
        return report.toString();
    }
}
