package io.propdesk.systemtests.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.Assumptions;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Headless Debian Chromium driven through chromedriver (both from Debian: {@code apt-get install chromium
 * chromium-driver}; {@code .ci/run} installs them). Nothing is downloaded: the browser and driver are named, not
 * looked up. Without them a browser test is skipped on a developer's machine and fails in CI ({@code CI=true}).
 */
final class Browser implements AutoCloseable {

    static final Path CHROMIUM = Chromium.BINARY;
    static final Path CHROMEDRIVER = Chromium.DRIVER;

    /** Where a failing browser test leaves its screenshot. */
    static final Path SCREENSHOTS = Path.of("target", "console-screenshots");

    private final WebDriver driver;
    private final String base;
    private final Path profile;

    private Browser(WebDriver driver, String base, Path profile) {
        this.driver = driver;
        this.base = base;
        this.profile = profile;
    }

    /** Chromium at 1280×800 (or the given width), on a fresh profile. */
    static Browser open(String base, int width, int height) {
        requireChromium();
        Path profile;
        try {
            profile = Files.createTempDirectory("propdesk-chromium");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new Browser(Chromium.start(profile, width, height, "en-US"), base, profile);
    }

    /** Skipped outside CI, a failure in CI, when Debian's chromium or chromium-driver is not installed. */
    static void requireChromium() {
        boolean present = Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER);
        String message = "the console's browser tests need headless Chromium: " + CHROMIUM + " and " + CHROMEDRIVER
                + " (Debian: apt-get install chromium chromium-driver; .ci/run installs them)";
        if (!present) {
            if ("true".equalsIgnoreCase(System.getenv("CI"))) {
                throw new AssertionError(message + " are missing, and CI=true: they must be there");
            }
            Assumptions.abort(message + "; skipped outside CI");
        }
    }

    WebDriver driver() {
        return driver;
    }

    void go(String path) {
        driver.get(base + path);
    }

    String path() {
        return driver.getCurrentUrl().replace(base, "");
    }

    WebElement find(String css) {
        return driver.findElement(By.cssSelector(css));
    }

    List<WebElement> all(String css) {
        return driver.findElements(By.cssSelector(css));
    }

    String text(String css) {
        return unswapped(() -> find(css).getText());
    }

    void type(String css, String text) {
        WebElement field = find(css);
        field.clear();
        field.sendKeys(text);
    }

    void choose(String css, String value) {
        new Select(find(css)).selectByValue(value);
    }

    void click(String css) {
        find(css).click();
    }

    /**
     * Submits with this button and waits until the browser shows the answer: a new document (a click on a submit
     * button returns before the page it leads to has loaded).
     */
    void submit(WebElement button) {
        org.openqa.selenium.JavascriptExecutor page = (org.openqa.selenium.JavascriptExecutor) driver;
        page.executeScript("window.propdeskBeforeSubmit = true;");
        button.click();
        waitFor(
                Duration.ofSeconds(60),
                d -> Boolean.TRUE.equals(((org.openqa.selenium.JavascriptExecutor) d)
                        .executeScript("return window.propdeskBeforeSubmit === undefined"
                                + " && document.readyState === 'complete';")));
    }

    /** Submits with the button the selector finds (its new copy if the live part swapped it meanwhile). */
    void submit(String css) {
        unswapped(() -> {
            submit(find(css));
            return null;
        });
    }

    /**
     * Runs {@code look} again if the element it found was swapped for its new copy (a page's live part, htmx) before
     * it was read or clicked: a click on the old copy did nothing.
     */
    private static <T> T unswapped(java.util.function.Supplier<T> look) {
        for (int attempt = 1; ; attempt++) {
            try {
                return look.get();
            } catch (StaleElementReferenceException swapped) {
                if (attempt == 3) {
                    throw swapped;
                }
            }
        }
    }

    /** Follows a link and waits for the page it leads to. */
    void follow(String css) {
        submit(css);
    }

    /** Waits (without reloading) until the page shows what {@code until} looks for: live updates. */
    <T> T waitFor(Duration atMost, Function<WebDriver, T> until) {
        // a live part swapped for its new copy while being read is read again at the next look
        return new WebDriverWait(driver, atMost, Duration.ofMillis(200))
                .ignoring(StaleElementReferenceException.class)
                .withMessage(this::showing)
                .until(until);
    }

    /** What the browser shows: a wait that gave up says so, since CI keeps the log but not the screenshot. */
    String showing() {
        try {
            String text = driver.findElement(By.tagName("body")).getText().replaceAll("\\s+", " ");
            return "the browser showed " + driver.getCurrentUrl() + " (\"" + driver.getTitle() + "\"): "
                    + text.substring(0, Math.min(text.length(), 300));
        } catch (RuntimeException e) {
            return "the browser could not say what it showed: " + e;
        }
    }

    /** Waits (without reloading) for the ticket's row in a queue's rows (e.g. {@code #rows-new}): live updates. */
    void awaitRow(String rows, String ticketId) {
        awaitRow(rows, ticketId, WebElement::getText);
    }

    /**
     * Waits for the ticket's row as {@link #awaitRow(String, String)} and returns what {@code read} reads of it, read
     * in the same look: the live part may replace the row with its new copy at any time after.
     */
    <T> T awaitRow(String rows, String ticketId, Function<WebElement, T> read) {
        By row = By.cssSelector(rows + " tr[data-ticket='" + ticketId + "']");
        return waitFor(
                Duration.ofSeconds(60),
                d -> d.findElements(row).stream().findFirst().map(read).orElse(null));
    }

    /** Reloads the page until it shows the element: for pages that do not refresh themselves. */
    WebElement reloadUntil(String css, Duration atMost) {
        long deadline = System.nanoTime() + atMost.toNanos();
        while (true) {
            List<WebElement> found = all(css);
            if (!found.isEmpty()) {
                return found.get(0);
            }
            assertThat(System.nanoTime()).as("%s never showed %s", path(), css).isLessThan(deadline);
            sleep(500);
            driver.navigate().refresh();
        }
    }

    /**
     * Signs in on the login form and checks that the person is signed in: the console answered with a page of theirs,
     * not the form again (a refusal says why on it, and the browser's page says which).
     */
    void signIn(String user, String password) {
        attemptSignIn(user, password);
        assertThat(path()).as(this::showing).doesNotStartWith("/login");
    }

    /** Sends the login form and waits until the console answered, with a home screen or the form again. */
    void attemptSignIn(String user, String password) {
        go("/login");
        type("#username", user);
        type("#password", password);
        submit("#login-submit");
    }

    /** Signs out and waits for the login form that says so. */
    void signOut() {
        submit("#logout");
        assertThat(path()).as(this::showing).startsWith("/login?logout");
    }

    /**
     * Issue 17: every visible field of the page shown has a label, and the page fits the window's width without
     * sideways scrolling (axe-core is not served here, so the browser tests check these themselves).
     */
    void assertLabelledAndFits(String page) {
        Object unlabelled = ((org.openqa.selenium.JavascriptExecutor) driver).executeScript("""
                return Array.from(document.querySelectorAll('input, select, textarea'))
                  .filter(e => e.type !== 'hidden')
                  .filter(e => (e.labels == null || e.labels.length === 0) && !e.getAttribute('aria-label'))
                  .map(e => e.outerHTML);""");
        assertThat((List<?>) unlabelled).as("fields without a label on " + page).isEmpty();
        Object overflow = ((org.openqa.selenium.JavascriptExecutor) driver)
                .executeScript("return document.documentElement.scrollWidth - window.innerWidth;");
        assertThat(((Number) overflow).intValue())
                .as("sideways scrolling on " + page + " at "
                        + driver.manage().window().getSize().getWidth() + " px")
                .isLessThanOrEqualTo(0);
    }

    /** The refusals the page shows, if any: what a failed step's message should say. */
    String problems() {
        return all(".problem").stream().map(WebElement::getText).toList().toString();
    }

    /** The page confirms the step done with this message key (or the assertion names the page's refusal). */
    void assertDone(String key) {
        assertThat(find("#notice").getAttribute("data-done")).as(problems()).isEqualTo(key);
    }

    void screenshot(String name) {
        try {
            Files.createDirectories(SCREENSHOTS);
            Path file = SCREENSHOTS.resolve(name.replaceAll("[^A-Za-z0-9_.-]", "_") + ".png");
            Files.write(file, ((TakesScreenshot) driver).getScreenshotAs(OutputType.BYTES));
            System.out.println("screenshot: " + file.toAbsolutePath());
        } catch (IOException | RuntimeException e) {
            System.err.println("no screenshot of " + name + ": " + e);
        }
    }

    @Override
    public void close() {
        try {
            driver.quit();
        } finally {
            try (var files = Files.walk(profile)) {
                files.sorted(java.util.Comparator.reverseOrder())
                        .forEach(p -> p.toFile().delete());
            } catch (IOException e) {
                // a temporary profile left behind
            }
        }
    }

    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
