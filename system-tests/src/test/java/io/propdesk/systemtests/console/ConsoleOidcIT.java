package io.propdesk.systemtests.console;

import static org.assertj.core.api.Assertions.assertThat;

import io.propdesk.standalone.Options;
import io.propdesk.standalone.ServiceClient;
import io.propdesk.ticket.domain.TicketIntake;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The console in production's jwt mode (issue 17), in headless Chromium: a real OpenID Connect provider
 * ({@link TestIssuer}, Spring Authorization Server) started here; the four services as OAuth2 resource servers trusting
 * it (audience, roles in a nested claim); the console signing people in there (authorization code with PKCE) and
 * passing each person's access token on. The people type their passwords into the issuer's login page only.
 */
class ConsoleOidcIT {

    private static final String ESTATE = "sunrise-garden";

    private static final TestIssuer.Person DESK =
            new TestIssuer.Person("oidc-desk", "desk-pass-1", List.of("FRONT_DESK"), null);
    private static final TestIssuer.Person STEWARD =
            new TestIssuer.Person("oidc-steward", "steward-pass-1", List.of("steward"), null);
    /** A call-center system's account: a role PropDesk knows, but not one of the people's. */
    private static final TestIssuer.Person ROBOT =
            new TestIssuer.Person("oidc-pbx", "pbx-pass-1", List.of("INTEGRATION"), null);

    private static TestIssuer issuer;

    @RegisterExtension
    static final ConsoleSystem console = ConsoleSystem.withEstate(ESTATE, "u-1", "u-2")
            .options(ConsoleOidcIT::jwtMode)
            .afterStart(system -> issuer.registerConsole(system.consoleUrl()))
            .client(system -> ServiceClient.of(system).withAuthorization("Bearer " + issuer.adminToken()))
            .withoutDepartments()
            .signingOutItself();

    private static Browser browser;

    /**
     * The issuer starts first, since the services trust it from their start; the services and the console get the same
     * arguments, as they would the same environment in compose.
     */
    private static Options jwtMode(Options options) {
        issuer = TestIssuer.start(List.of(DESK, STEWARD, ROBOT));
        return options.serviceArg("--propdesk.security.mode=jwt")
                .serviceArg("--propdesk.privacy.blind-index-secret=" + UUID.randomUUID() + UUID.randomUUID())
                .serviceArg("--spring.security.oauth2.resourceserver.jwt.issuer-uri=" + issuer.issuer())
                .serviceArg("--propdesk.security.jwt.audience=" + TestIssuer.AUDIENCE)
                .serviceArg("--propdesk.security.jwt.roles-claim=" + TestIssuer.ROLES_CLAIM)
                .serviceArg("--propdesk.console.oidc.client-id=" + TestIssuer.CONSOLE_CLIENT)
                .serviceArg("--propdesk.console.oidc.client-secret=" + TestIssuer.CONSOLE_SECRET);
    }

    @BeforeAll
    static void theBrowser() {
        browser = console.browser();
    }

    /** Before the system stops (a class's own @AfterAll runs before its extensions'): nothing asks the issuer then. */
    @AfterAll
    static void stopTheIssuer() {
        if (issuer != null) {
            issuer.close();
        }
    }

    @AfterEach
    void signOutIfSignedIn() {
        if (browser.path().startsWith("/") && !browser.all("#logout").isEmpty()) {
            signOut();
        }
        // the issuer's session too, for a test that ended without the console's sign-out (cookies are per host, and
        // the issuer and the console share localhost)
        browser.driver().manage().deleteAllCookies();
    }

    /**
     * The desk signs in at the issuer, works the queues and opens a ticket at intake: ticket-service opens it only for
     * a FRONT_DESK token, so the person's own token reached it (refreshed on the way: it lives 30 s). Signing out ends
     * the console's session and the issuer's (RP-initiated logout): the next page asks for the password again.
     */
    @Test
    void theDeskSignsInAtTheIssuerAndTheirOwnTokenOpensATicketAtIntake_R1() {
        signInAtTheIssuer(DESK);
        assertThat(browser.path()).startsWith("/queues");
        assertThat(browser.text(".who")).contains("oidc-desk");
        assertThat(browser.all("#who-roles [data-role=FRONT_DESK]")).hasSize(1);
        assertThat(browser.all("#rows-new, #count-new")).as(browser.problems()).isNotEmpty();
        assertThat(browser.all(".problem")).as(browser.problems()).isEmpty();

        browser.go("/intake?number=13800000077&callId=oidc-call-1");
        browser.choose("#f-unitId", "u-1");
        browser.choose("#f-kind", "REPAIR");
        browser.type("#f-callerName", "Owner Zhao");
        browser.type("#f-description", "Balcony drain blocked");
        browser.submit("#intake-submit");
        assertThat(browser.path()).as(browser.problems()).startsWith("/tickets/");
        String ticketId = browser.path().substring("/tickets/".length());
        assertThat(browser.text("#notice")).isEqualTo("工单已开立");
        assertThat(browser.find("#ticket-status").getAttribute("data-status")).isEqualTo("OPEN");
        // ticket-service has it, opened by the desk's call (an administrator reads it back)
        assertThat(console.admin()
                        .api()
                        .get("ticket", "/api/tickets/" + ticketId)
                        .status())
                .isEqualTo(200);
        assertThat(issuer.refreshes())
                .as("access tokens the console got by refreshing")
                .isPositive();

        signOut();
        assertThat(browser.text("#login-oidc")).isEqualTo("使用单位账号登录");
        assertThat(browser.text("main .notice")).isEqualTo("您已退出登录");
        browser.go("/queues");
        browser.waitFor(Duration.ofSeconds(30), d -> d.getCurrentUrl().startsWith(issuer.issuer() + "/login"));
        assertThat(browser.all("#password")).as("the issuer's login form again").hasSize(1);
    }

    /** A steward may read the queues but not open a ticket: the console shows ticket-service's refusal, naming them. */
    @Test
    void aStewardsTokenIsRefusedByTicketServiceAtIntakeAndTheConsoleShowsWhy_R1() {
        signInAtTheIssuer(STEWARD);
        assertThat(browser.path()).startsWith("/queues");
        assertThat(browser.all("#who-roles [data-role=STEWARD]")).hasSize(1);

        browser.go("/intake?number=13800000078&callId=oidc-call-2");
        browser.choose("#f-unitId", "u-2");
        browser.choose("#f-kind", "REPAIR");
        browser.type("#f-callerName", "Owner Qian");
        browser.type("#f-description", "Door bell broken");
        browser.submit("#intake-submit");
        assertThat(browser.path()).startsWith("/intake");
        assertThat(browser.text(".problem .detail")).contains("FRONT_DESK", "oidc-steward", "STEWARD");
        // nothing was opened
        assertThat(console.admin()
                        .api()
                        .get("ticket", "/api/tickets/" + TicketIntake.ticketIdForCall("oidc-call-2"))
                        .status())
                .isEqualTo(404);
    }

    /** An account whose token names no role of the people (a phone system's) is not let in. */
    @Test
    void anAccountWithoutAStaffRoleIsRefusedAtSignIn() {
        signInAtTheIssuer(ROBOT);
        assertThat(browser.path()).isEqualTo("/login?error=refused");
        assertThat(browser.text("#login-error")).isEqualTo("该账号不能使用客服控制台");
        // still signed in at the issuer, so no password is asked: refused again on the way back
        browser.go("/intake");
        browser.waitFor(Duration.ofSeconds(30), d -> browser.path().equals("/login?error=refused"));
        assertThat(browser.all("#logout")).isEmpty();
    }

    /** The console's metrics answer a bearer token that ticket-service lets read its own, and nothing else. */
    @Test
    void theOperationalEndpointsTakeAnAdministratorsBearerTokenCheckedByTicketService() throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        URI prometheus = URI.create(console.system().consoleUrl() + "/actuator/prometheus");
        HttpResponse<String> admitted = http.send(
                HttpRequest.newBuilder(prometheus)
                        .header("Authorization", "Bearer " + issuer.adminToken())
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(admitted.statusCode()).isEqualTo(200);
        assertThat(admitted.body()).contains("propdesk_console_service_calls");
        HttpResponse<String> forged = http.send(
                HttpRequest.newBuilder(prometheus)
                        .header("Authorization", "Bearer not.a.token")
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(forged.statusCode()).isEqualTo(401);
        HttpResponse<String> none =
                http.send(HttpRequest.newBuilder(prometheus).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(none.statusCode()).isEqualTo(401);
    }

    /** Any console page sends an unknown browser to the issuer's login page; the person signs in there. */
    private static void signInAtTheIssuer(TestIssuer.Person person) {
        browser.go("/");
        browser.waitFor(Duration.ofSeconds(30), d -> d.getCurrentUrl().startsWith(issuer.issuer() + "/login"));
        browser.type("#username", person.username());
        browser.type("#password", person.password());
        browser.click("button[type=submit]");
        browser.waitFor(
                Duration.ofSeconds(30),
                d -> d.getCurrentUrl().startsWith(console.system().consoleUrl())
                        && !d.getCurrentUrl().contains("/login/oauth2/")
                        && "complete"
                                .equals(((org.openqa.selenium.JavascriptExecutor) d)
                                        .executeScript("return document.readyState")));
    }

    /** Signs out of the console, which sends the browser through the issuer's logout back to its login page. */
    private static void signOut() {
        browser.click("#logout");
        new WebDriverWait(browser.driver(), Duration.ofSeconds(30), Duration.ofMillis(200))
                .withMessage(() -> "signing out ended at " + browser.driver().getCurrentUrl() + ": "
                        + browser.find("body").getText())
                .until(d -> browser.path().equals("/login?logout"));
    }
}
