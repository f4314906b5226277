package io.propdesk.systemtests.console;

import static io.propdesk.systemtests.Answers.eventually;
import static io.propdesk.systemtests.Answers.expect;
import static io.propdesk.systemtests.Answers.status;
import static org.assertj.core.api.Assertions.assertThat;

import com.deque.html.axecore.results.Results;
import com.deque.html.axecore.results.Rule;
import com.deque.html.axecore.selenium.AxeBuilder;
import io.propdesk.standalone.Options;
import io.propdesk.standalone.PropDeskStandalone;
import io.propdesk.standalone.Running;
import io.propdesk.standalone.ServiceClient;
import io.propdesk.systemtests.scenario.Scenario;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 17: each screen's HTML, as the browser has it, checked with axe-core (Deque's Selenium integration, axe
 * bundled, injected into the page by the driver) against WCAG 2.1 A and AA: no serious or critical violation, in
 * Chinese and in English, at desktop and tablet width.
 */
class ConsoleAccessibilityIT {

    private static final String ESTATE = "sunrise-garden";
    private static final List<String> BLOCKING = List.of("serious", "critical");

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
        system = PropDeskStandalone.start(Options.randomPorts(dataDir).serviceArg("--propdesk.console.due-soon=7d"));
        admin = new Scenario(
                ServiceClient.of(system), new Scenario.Cast(ESTATE, "north", "steward-li", "desk-chen", "billing-wu"));
        expect(admin.putEstate(ESTATE, "Sunrise Garden", "b1", List.of("u-a11y")), 200);
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
    void everyScreenHasNoSeriousOrCriticalAxeViolationInChineseOrEnglish() {
        String ticketId = admin.openTicket("console-axe-1", "u-a11y", "REPAIR", "\"paid\":false")
                .get("ticketId")
                .asText();
        eventually(status(200), () -> admin.order("WO-" + ticketId));

        browser.go("/login");
        check(browser, "/login (zh-CN)");
        browser.follow("#lang-en");
        check(browser, "/login (en)");
        browser.follow("#lang-zh");
        browser.signIn("desk", "desk-demo");
        List<String> screens = List.of(
                "/queues?tab=new",
                "/queues?tab=callbacks",
                "/queues?tab=overdue",
                "/queues?tab=soon",
                "/queues?tab=quotes",
                "/queues?tab=late",
                "/intake?number=13800000009&callId=axe-call-1",
                "/tickets/" + ticketId,
                "/board",
                "/handover");
        for (String screen : screens) {
            browser.go(screen);
            check(browser, screen + " (zh-CN)");
        }
        browser.go("/queues?lang=en");
        for (String screen : screens) {
            browser.go(screen);
            check(browser, screen + " (en)");
        }
        try (Browser tablet = Browser.open(system.consoleUrl(), 768, 1024)) {
            tablet.signIn("desk", "desk-demo");
            for (String screen : screens) {
                tablet.go(screen);
                check(tablet, screen + " (768 px)");
            }
        }
        browser.signOut();
    }

    private static void check(Browser at, String screen) {
        Results results = new AxeBuilder()
                .withTags(List.of("wcag2a", "wcag2aa", "wcag21a", "wcag21aa"))
                .analyze(at.driver());
        assertThat(results.isErrored()).as("axe ran on " + screen).isFalse();
        List<Rule> blocking = results.getViolations().stream()
                .filter(v -> BLOCKING.contains(v.getImpact()))
                .toList();
        assertThat(blocking)
                .as(() -> "serious or critical axe violations on " + screen + ":\n"
                        + blocking.stream()
                                .map(v -> v.getImpact() + " " + v.getId() + ": " + v.getHelp() + " at "
                                        + v.getNodes().stream()
                                                .map(n -> String.valueOf(n.getTarget()))
                                                .collect(Collectors.joining(", ")))
                                .collect(Collectors.joining("\n")))
                .isEmpty();
        assertThat(results.getPasses()).as("axe checked something on " + screen).isNotEmpty();
    }
}
