package io.propdesk.systemtests.console;

import java.time.Duration;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Watches an open queue page from inside it (issue 17, live queues): a MutationObserver notes the wall-clock time
 * ({@code Date.now()}, the same clock as the JVM's {@code System.currentTimeMillis()} on this machine) at which each
 * ticket's row first shows, and the page counts the {@code changed} pushes its event stream delivered. Nothing of the
 * page is reloaded: a marker set here would be gone if it were.
 */
public final class LiveQueueWatch {

    private final WebDriver driver;

    private LiveQueueWatch(WebDriver driver) {
        this.driver = driver;
    }

    /** Starts watching the queue page the browser shows, once its event stream is open. */
    public static LiveQueueWatch install(WebDriver driver) {
        LiveQueueWatch watch = new LiveQueueWatch(driver);
        watch.page().executeScript("""
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
        // the page's EventSource opens asynchronously: htmx's SSE extension keeps it on the element it connects
        new WebDriverWait(driver, Duration.ofSeconds(30), Duration.ofMillis(50))
                .until(d -> Boolean.TRUE.equals(watch.page().executeScript("""
                        const el = document.getElementById('live-stream');
                        const data = el && el['htmx-internal-data'];
                        return !!(data && data.sseEventSource && data.sseEventSource.readyState === 1);""")));
        return watch;
    }

    /** When the ticket's row first showed (epoch milliseconds), or null while it has not. */
    public Long seenAt(String ticketId) {
        Object at = page().executeScript("return window.rowSeenAt[arguments[0]];", ticketId);
        return at == null ? null : ((Number) at).longValue();
    }

    /** Waits for the ticket's row; the epoch milliseconds at which it showed. */
    public long awaitRow(String ticketId, Duration atMost) {
        return new WebDriverWait(driver, atMost, Duration.ofMillis(20)).until(d -> seenAt(ticketId));
    }

    /** The {@code changed} events the page's stream delivered. */
    public long pushes() {
        return ((Number) page().executeScript("return window.pushes;")).longValue();
    }

    /** Whether the page is still the document the watch was installed in. */
    public boolean notReloaded() {
        return "not reloaded".equals(page().executeScript("return window.sameDocument;"));
    }

    private JavascriptExecutor page() {
        return (JavascriptExecutor) driver;
    }
}
