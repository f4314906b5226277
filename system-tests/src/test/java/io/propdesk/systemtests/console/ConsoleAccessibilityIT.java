package io.propdesk.systemtests.console;

import static io.propdesk.systemtests.Answers.eventually;
import static io.propdesk.systemtests.Answers.status;
import static org.assertj.core.api.Assertions.assertThat;

import com.deque.html.axecore.results.Results;
import com.deque.html.axecore.results.Rule;
import com.deque.html.axecore.selenium.AxeBuilder;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Issue 17: each screen's HTML, as the browser has it, checked with axe-core (Deque's Selenium integration, axe
 * bundled, injected into the page by the driver) against WCAG 2.1 A and AA: no serious or critical violation, in
 * Chinese and in English, at desktop and tablet width.
 */
class ConsoleAccessibilityIT {

    private static final List<String> BLOCKING = List.of("serious", "critical");

    @RegisterExtension
    static final ConsoleSystem console = ConsoleSystem.withEstate(ConsoleSystem.ESTATE, "u-a11y")
            .options(o ->
                    o.serviceArg("--propdesk.console.due-soon=7d").serviceArg("--propdesk.callback.at-risk-before=7d"));

    @Test
    void everyScreenHasNoSeriousOrCriticalAxeViolationInChineseOrEnglish() {
        Browser browser = console.browser();
        String ticketId = console.openTicket("console-axe-1", "u-a11y", "REPAIR", "\"paid\":false");
        eventually(status(200), () -> console.admin().order("WO-" + ticketId));

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
        try (Browser tablet = Browser.open(console.system().consoleUrl(), 768, 1024)) {
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
