package io.propdesk.systemtests.console;

import static io.propdesk.systemtests.Answers.eventually;
import static io.propdesk.systemtests.Answers.expect;
import static io.propdesk.systemtests.Answers.status;

import io.propdesk.standalone.Options;
import io.propdesk.standalone.PropDeskStandalone;
import io.propdesk.standalone.Running;
import io.propdesk.standalone.ServiceClient;
import io.propdesk.systemtests.scenario.Scenario;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.TestExecutionExceptionHandler;

/**
 * The browser tests' one fixture (issue 17): a whole standalone system of the test class's own (the four services and
 * the console on free ports, the real broker and the MongoDB-wire server, in a temporary data directory), the estate
 * and the departments an administrator would have set up, and headless Chromium at 1280×800 on the console. Started
 * before the class's first test, stopped after its last; a test that fails leaves a screenshot of the page it was on
 * under {@code target/console-screenshots} (taken when it throws, before anything moves the browser on).
 *
 * <pre>{@code
 * @RegisterExtension
 * static final ConsoleSystem console = ConsoleSystem.withEstate("sunrise-garden", "u-1", "u-2");
 * }</pre>
 */
final class ConsoleSystem
        implements BeforeAllCallback, AfterAllCallback, AfterEachCallback, TestExecutionExceptionHandler {

    /** The estate the console offers by default (propdesk.console.estates). */
    static final String ESTATE = "sunrise-garden";

    static final String LEADER = "tl-zhang";

    static final Scenario.Teams TEAMS = new Scenario.Teams(LEADER, "tl-qian", "disp-ma", "tl-sun", "liaison-x");

    private final String estateId;
    private final List<String> units;
    private UnaryOperator<Options> options = UnaryOperator.identity();
    private Function<Running, ServiceClient> client = ServiceClient::of;
    private Supplier<LocalDate> departmentsFrom = Scenario::today;
    private boolean departments = true;
    private boolean signOutAfterEach = true;
    private final List<Consumer<Running>> afterStart = new ArrayList<>();

    private Path dataDir;
    private Running system;
    private Scenario admin;
    private Browser browser;

    private ConsoleSystem(String estateId, List<String> units) {
        this.estateId = estateId;
        this.units = List.copyOf(units);
    }

    /** The system with {@code estateId}'s building b1 holding {@code units}, and the departments' teams. */
    static ConsoleSystem withEstate(String estateId, String... units) {
        return new ConsoleSystem(estateId, List.of(units));
    }

    /** More arguments, a context initializer: the standalone options beyond free ports and the data directory. */
    ConsoleSystem options(UnaryOperator<Options> more) {
        UnaryOperator<Options> before = options;
        options = o -> more.apply(before.apply(o));
        return this;
    }

    /** How the test's own calls reach the services (demo users by default; a bearer token in jwt mode). */
    ConsoleSystem client(Function<Running, ServiceClient> client) {
        this.client = Objects.requireNonNull(client);
        return this;
    }

    /** Run with the system started, before the estate is set up and the browser opens. */
    ConsoleSystem afterStart(Consumer<Running> step) {
        afterStart.add(step);
        return this;
    }

    /** The departments' price lists in force from this day (P1: never in the past; a moved clock's today). */
    ConsoleSystem departmentsFrom(Supplier<LocalDate> day) {
        this.departmentsFrom = Objects.requireNonNull(day);
        return this;
    }

    /** No teams and price lists: the estate only. */
    ConsoleSystem withoutDepartments() {
        this.departments = false;
        return this;
    }

    /** The test class signs out itself (jwt mode's sign-out goes by the issuer). */
    ConsoleSystem signingOutItself() {
        this.signOutAfterEach = false;
        return this;
    }

    Running system() {
        return system;
    }

    /** The administrator's calls as the test makes them, in the fixture's estate. */
    Scenario admin() {
        return admin;
    }

    Browser browser() {
        return browser;
    }

    /** R1: a ticket opened through ticket-service's REST API, as a call would open it; its id. */
    String openTicket(String callId, String unitId, String kind, String extra) {
        return admin.openTicket(callId, unitId, kind, extra).get("ticketId").asText();
    }

    @Override
    public void beforeAll(ExtensionContext context) throws IOException {
        Browser.requireChromium();
        dataDir = Files.createTempDirectory("propdesk-console-it");
        system = PropDeskStandalone.start(options.apply(Options.randomPorts(dataDir)));
        afterStart.forEach(step -> step.accept(system));
        admin = new Scenario(
                client.apply(system), new Scenario.Cast(estateId, "north", "steward-li", "desk-chen", "billing-wu"));
        expect(admin.putEstate(estateId, "Sunrise Garden", "b1", units), 200);
        if (departments) {
            admin.departments(TEAMS, departmentsFrom.get()).forEach(step -> eventually(status(200), step));
        }
        browser = Browser.open(system.consoleUrl(), 1280, 800);
    }

    @Override
    public void afterEach(ExtensionContext context) {
        if (signOutAfterEach && browser != null && !browser.all("#logout").isEmpty()) {
            browser.signOut();
        }
    }

    @Override
    public void afterAll(ExtensionContext context) throws IOException {
        try {
            if (browser != null) {
                browser.close();
            }
        } finally {
            try {
                if (system != null) {
                    system.close();
                }
            } finally {
                if (dataDir != null) {
                    try (var files = Files.walk(dataDir)) {
                        files.sorted(Comparator.reverseOrder())
                                .forEach(f -> f.toFile().delete());
                    } catch (UncheckedIOException e) {
                        // a file the system still held: left in the temporary directory
                    }
                }
            }
        }
    }

    @Override
    public void handleTestExecutionException(ExtensionContext context, Throwable cause) throws Throwable {
        if (browser != null) {
            browser.screenshot(context.getRequiredTestClass().getSimpleName() + "-" + context.getDisplayName());
        }
        throw cause;
    }
}
