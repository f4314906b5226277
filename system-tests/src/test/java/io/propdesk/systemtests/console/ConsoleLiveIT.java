package io.propdesk.systemtests.console;

import static io.propdesk.systemtests.Answers.eventually;
import static io.propdesk.systemtests.Answers.expect;
import static io.propdesk.systemtests.Answers.status;
import static org.assertj.core.api.Assertions.assertThat;

import io.propdesk.standalone.Options;
import io.propdesk.standalone.PropDeskStandalone;
import io.propdesk.standalone.Running;
import io.propdesk.standalone.ServiceClient;
import io.propdesk.systemtests.scenario.Scenario;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.JavascriptExecutor;

/**
 * Issue 17's live queues in a real browser: the console reads the four topics itself (its own consumer group) and
 * pushes {@code changed} to the open queue page over server-sent events, which asks for its live part at once. The
 * time from the ticket's REST answer (its events written; the relay publishes them) to the row in the page is measured
 * by the page itself and printed; the 2 s goal is a benchmark (docs/benchmarks.md), asserted here only with a
 * generous bound, beside the proof that the row came by the push and not by the fallback polling.
 */
class ConsoleLiveIT {

    private static final String ESTATE = "sunrise-garden";

    /** A functional bound only: the goal (2 s) is measured and recorded in docs/benchmarks.md. */
    private static final long GENEROUS_MILLIS = 10_000;

    @TempDir
    static Path dataDir;

    private static Running system;
    private static Scenario admin;
    private static Browser browser;

    @RegisterExtension
    static final Browser.ScreenshotOnFailure screenshots = new Browser.ScreenshotOnFailure(() -> browser);

    @BeforeAll
    static void startTheSystemAndTheBrowser() {
        Browser.requireChromium();
        system = PropDeskStandalone.start(Options.randomPorts(dataDir));
        admin = new Scenario(
                ServiceClient.of(system), new Scenario.Cast(ESTATE, "north", "steward-li", "desk-chen", "billing-wu"));
        expect(admin.putEstate(ESTATE, "Sunrise Garden", "b1", List.of("u-live")), 200);
        admin.departments(new Scenario.Teams("tl-zhang", "tl-qian", "disp-ma", "tl-sun", "liaison-x"), Scenario.today())
                .forEach(step -> eventually(status(200), step));
        browser = Browser.open(system.consoleUrl(), 1280, 800);
    }

    @AfterAll
    static void stop() {
        try {
            if (browser != null) {
                browser.close();
            }
        } finally {
            if (system != null) {
                system.close();
            }
        }
    }

    @Test
    void aNewTicketAppearsInTheOpenQueuePushedByTheConsoleWithoutAReloadOrAPoll() {
        browser.signIn("desk", "desk-demo");
        browser.go("/queues?tab=new");
        JavascriptExecutor page = (JavascriptExecutor) browser.driver();
        // the page notes when each row first shows, and counts the pushes it received
        page.executeScript("""
                window.sameDocument = 'not reloaded';
                window.rowSeenAt = {};
                window.pushes = 0;
                document.body.addEventListener('htmx:sseMessage', () => window.pushes++);
                const note = () => document.querySelectorAll('tr[data-ticket]').forEach(tr => {
                  const id = tr.getAttribute('data-ticket');
                  if (!(id in window.rowSeenAt)) { window.rowSeenAt[id] = Date.now(); }
                });
                note();
                new MutationObserver(note).observe(document.body, {childList: true, subtree: true});""");
        sleep(2_000); // the page's event stream connects (an EventSource opens asynchronously)

        List<Long> latencies = new ArrayList<>();
        for (int i = 1; i <= 5; i++) {
            String ticketId = admin.api()
                    .as("callcenter")
                    .post("ticket", "/api/tickets", """
                            {"callId":"console-live-push-%d","estateId":"%s","unitId":"u-live","kind":"REPAIR",
                             "paid":false,"description":"Door lock stuck","callerName":"Owner Zhao",
                             "callerPhone":"13800000003","acceptor":"callcenter"}""".formatted(i, ESTATE))
                    .get("ticketId")
                    .asText();
            long answeredAt = System.currentTimeMillis();
            Number seenAt = browser.waitFor(Duration.ofSeconds(60), d ->
                    (Number) page.executeScript("return window.rowSeenAt[arguments[0]];", ticketId));
            latencies.add(seenAt.longValue() - answeredAt);
            sleep(1_000);
        }
        List<Long> sorted = latencies.stream().sorted().toList();
        System.out.printf(
                "console live: ticket answered -> row visible in the open queue, ms: %s (median %d, max %d)%n",
                latencies, sorted.get(sorted.size() / 2), sorted.get(sorted.size() - 1));

        assertThat(page.executeScript("return window.sameDocument;")).isEqualTo("not reloaded");
        assertThat(((Number) page.executeScript("return window.pushes;")).longValue())
                .as("changes pushed to the page over server-sent events")
                .isPositive();
        assertThat(sorted.get(sorted.size() / 2)).isLessThan(GENEROUS_MILLIS);
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
