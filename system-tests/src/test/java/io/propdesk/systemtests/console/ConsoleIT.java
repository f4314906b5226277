package io.propdesk.systemtests.console;

import static io.propdesk.systemtests.Answers.eventually;
import static io.propdesk.systemtests.Answers.expect;
import static io.propdesk.systemtests.Answers.status;
import static org.assertj.core.api.Assertions.assertThat;

import io.propdesk.systemtests.scenario.Scenario;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebElement;

/**
 * The front-desk console (issue 17) in a real browser, headless Chromium, against a whole standalone system: the four
 * services and the console started here on free ports, on the real broker and the MongoDB-wire server. The people
 * sign in with their demo users and do their work on the screens; nothing is sent to a service from here except the
 * estate, the teams and the price lists an administrator would have set up.
 */
class ConsoleIT {

    private static final String ESTATE = ConsoleSystem.ESTATE;

    private static final String LEADER = ConsoleSystem.LEADER;

    // a warning time (W1) and a "due soon" window of a week, so callback-service reports the open R4 reply windows at
    // risk at once and the queue lists them as due soon whatever the time of day (its
    // countdown colours are TimesTest's; an overdue obligation needs a moved clock: ConsoleSlaIT, the services' own)
    @RegisterExtension
    static final ConsoleSystem console = ConsoleSystem.withEstate(ESTATE, "u-free", "u-paid", "u-form", "u-reopen")
            .options(o ->
                    o.serviceArg("--propdesk.console.due-soon=7d").serviceArg("--propdesk.callback.at-risk-before=7d"));

    private static Browser browser;
    private static Scenario admin;

    @BeforeAll
    static void theFixturesParts() {
        browser = console.browser();
        admin = console.admin();
    }

    @Test
    void theConsoleIsChineseWhateverTheBrowserAsksAndEnglishOnRequest() {
        browser.go("/login");
        assertThat(browser.find("html").getAttribute("lang")).isEqualTo("zh-CN");
        assertThat(browser.text("h1")).isEqualTo("登录");
        assertThat(browser.text("label[for=username]")).isEqualTo("用户名");

        browser.follow("#lang-en");
        assertThat(browser.find("html").getAttribute("lang")).isEqualTo("en");
        assertThat(browser.text("h1")).isEqualTo("Sign in");
        assertThat(browser.text("label[for=password]")).isEqualTo("Password");

        // remembered for the session, through the sign-in, on every page
        browser.signIn("desk", "desk-demo");
        assertThat(browser.path()).startsWith("/queues");
        assertThat(browser.text("h1")).isEqualTo("Queues");
        assertThat(browser.text("#tab-callbacks")).contains("Awaiting callback");

        browser.follow("#lang-zh");
        assertThat(browser.text("h1")).isEqualTo("队列");
        assertThat(browser.text("#tab-callbacks")).contains("待回访");
    }

    @Test
    void aWrongPasswordIsRefusedByTheServiceAndNoOneIsSignedIn() {
        browser.attemptSignIn("desk", "not-the-password");
        assertThat(browser.path()).isEqualTo("/login?error=credentials");
        assertThat(browser.text("#login-error")).isEqualTo("用户名或密码错误");
        browser.go("/queues");
        assertThat(browser.path()).isEqualTo("/login");
    }

    /**
     * A queue left open keeps asking for its live rows; one asked just after its person signed out must not become
     * where the next person's sign-in leads: they land on their own home, not on a bare fragment of the desk's queue.
     */
    @Test
    void theNextPersonToSignInLandsOnTheirOwnHomeThoughTheOldQueueAskedForItsRowsAfterTheSignOut() {
        browser.signIn("desk", "desk-demo");
        browser.go("/queues?tab=soon");
        browser.signOut();
        // the queue's poll that was on its way at the sign-out, sent as htmx sends it
        Object answer = ((JavascriptExecutor) browser.driver()).executeAsyncScript("""
                const done = arguments[arguments.length - 1];
                fetch('/queues/live?tab=soon', {headers: {'HX-Request': 'true'}})
                  .then(r => done(r.status + ' ' + r.headers.get('HX-Redirect')));""");
        assertThat(answer).isEqualTo("401 /login");

        browser.signIn("engineering", "engineering-demo");
        assertThat(browser.path()).startsWith("/board");
        browser.signOut();
    }

    /**
     * A queue's live request sent while its person is signing out is answered "sign in" (401, HX-Redirect), since the
     * sign-out ended the session; the page being left takes no notice of it, so the window goes on to the sign-in page
     * that says they signed out, not to the bare one. Here the sign-out's own navigation is held back, so that the
     * window would show where such an answer sends it.
     */
    @Test
    void aLiveRequestAnsweredAfterTheSignOutDoesNotTakeTheWindowElsewhere() {
        browser.signIn("desk", "desk-demo");
        browser.go("/queues?tab=soon");
        assertThat(browser.path()).as(browser::showing).isEqualTo("/queues?tab=soon");
        Object shown = ((JavascriptExecutor) browser.driver()).executeAsyncScript("""
                const done = arguments[arguments.length - 1];
                const form = document.querySelector('form[data-ends-session]');
                if (!form) { // the driver runs the script again on a page the window was sent to meanwhile
                  done(location.pathname + location.search);
                  return;
                }
                form.addEventListener('submit', e => e.preventDefault(), {once: true});
                form.requestSubmit();
                fetch(form.action, {method: 'POST', body: new FormData(form)})
                  .then(() => htmx.ajax('GET', '/queues/live?tab=soon', {source: '#live', swap: 'none'}))
                  .then(() => setTimeout(() => done(location.pathname + location.search), 1500));""");
        assertThat(shown).isEqualTo("/queues?tab=soon");
        browser.go("/queues");
        assertThat(browser.path()).isEqualTo("/login");
    }

    /**
     * The desk signed out in a second tab: the sign-out button of the page still open in the first one (its form
     * carries the ended session's token) lands on the page saying they signed out, not on a refusal.
     */
    @Test
    void aSignOutAfterSigningOutInAnotherTabLandsOnTheSignedOutPage() {
        browser.signIn("desk", "desk-demo");
        browser.go("/queues");
        String first = browser.driver().getWindowHandle();
        browser.driver().switchTo().newWindow(org.openqa.selenium.WindowType.TAB);
        try {
            browser.go("/queues");
            browser.signOut();
        } finally {
            browser.driver().close();
            browser.driver().switchTo().window(first);
        }
        browser.signOut();
        assertThat(browser.text("body")).contains("您已退出登录");
    }

    /**
     * The whole way of a free repair through the screens: the desk opens it from the phone system's screen pop (the
     * form's field errors come from ticket-service), the queue shows it live, Engineering works it on its board, the
     * desk calls the owner back, and the ticket reads closed.
     */
    @Test
    void aFreeRepairOpenedAtIntakeIsWorkedOnTheBoardAndClosedByASatisfiedCallback_R1_R2_R5_R9() {
        browser.signIn("desk", "desk-demo");
        assertThat(browser.path()).startsWith("/queues");

        browser.go("/intake?number=13800000001&callId=console-free-1");
        // the caller lookup is not deployed on every ticket-service: the form then asks the desk to type
        assertThat(browser.all("#lookup-unavailable, #lookup-none, #lookup-matches"))
                .isNotEmpty();
        assertThat(browser.find("#f-callerPhone").getAttribute("value")).isEqualTo("13800000001");
        browser.choose("#f-unitId", "u-free");
        browser.choose("#f-kind", "REPAIR");
        browser.type("#f-callerName", "Owner Wang");
        browser.submit("#intake-submit");

        // R1: the service's reason for the empty description is shown beside the field; nothing was opened
        assertThat(browser.find("#f-description").getAttribute("aria-invalid")).isEqualTo("true");
        assertThat(browser.text("#e-description")).isNotBlank();
        assertThat(browser.text("#error-summary")).contains("问题描述");

        browser.choose("#f-unitId", "u-free");
        browser.type("#f-description", "Kitchen tap leaking");
        browser.submit("#intake-submit");
        assertThat(browser.path()).startsWith("/tickets/");
        String ticketId = browser.path().substring("/tickets/".length());
        assertThat(browser.text("#notice")).isEqualTo("工单已开立");
        assertThat(browser.find("#ticket-status").getAttribute("data-status")).isEqualTo("OPEN");
        assertThat(browser.text("#ticket-details")).contains("Owner Wang", "13800000001", "steward-li");

        // R2: the queue of new orders shows it without a reload, with its countdown
        browser.go("/queues?tab=new");
        String countdown = browser.awaitRow(
                "#rows-new",
                ticketId,
                r -> r.findElement(By.cssSelector(".countdown")).getAttribute("class"));
        assertThat(countdown).containsAnyOf("due-far", "due-near", "due-close", "due-breached");
        assertThat(browser.text("#count-new")).isNotEqualTo("0");

        // R4: the steward's open reply window is listed as due, from callback-service's ledger
        browser.follow("#tab-soon");
        assertThat(browser.awaitRow("#rows-soon", ticketId, WebElement::getText))
                .contains("R4", "steward");
        browser.signOut();

        // R2, R9: Engineering picks it up, starts, completes and returns it on its board
        String orderId = "WO-" + ticketId;
        browser.signIn("engineering", "engineering-demo");
        assertThat(browser.path()).startsWith("/board");
        for (String[] step : List.of(
                new String[] {"DISPATCHED", "pickup"},
                new String[] {"PICKED_UP", "start"},
                new String[] {"STARTED", "complete"},
                new String[] {"COMPLETED", "return"})) {
            browser.reloadUntil("#column-" + step[0] + " #order-" + orderId, Duration.ofSeconds(60));
            browser.submit("#" + step[1] + "-" + orderId);
            assertThat(browser.all("#notice[data-done='board.done." + step[1] + "']"))
                    .as(step[1] + ": " + browser.problems())
                    .isNotEmpty();
        }
        browser.reloadUntil("#column-RETURNED #order-" + orderId, Duration.ofSeconds(60));
        browser.signOut();

        // R5: the returned repair waits for its callback; the desk records a satisfied owner and the ticket closes
        browser.signIn("desk", "desk-demo");
        browser.go("/queues?tab=callbacks");
        browser.awaitRow("#rows-callbacks", ticketId);
        browser.follow("#rows-callbacks tr[data-ticket='" + ticketId + "'] a");
        assertThat(browser.path()).isEqualTo("/tickets/" + ticketId);
        WebElement callback = browser.find(".callback-form");
        callback.findElement(By.cssSelector("input[name=satisfied][value=true]"))
                .click();
        browser.submit(callback.findElement(By.cssSelector("button.callback-complete")));
        assertThat(browser.text("#notice")).as(browser.problems()).isEqualTo("回访已记录");
        browser.reloadUntil("#ticket-status[data-status=CLOSED]", Duration.ofSeconds(60));
        assertThat(browser.text("#ticket-status")).isEqualTo("已关闭");
        browser.reloadUntil("#timeline li[data-type*='TicketClosed']", Duration.ofSeconds(60));
        assertThat(browser.all("#timeline li")).hasSizeGreaterThanOrEqualTo(8);
        // R10: the whole way across the four services, each step by its label
        assertThat(browser.text("#timeline")).contains("已开单", "已派单", "已接单", "已开工", "已完工", "已回单", "已回访", "工单已关闭");
    }

    /** R7: a paid order cannot start before the owner accepts its quote; the board shows the rule the service named. */
    @Test
    void aRefusedActionShowsTheRuleAndReasonTheServiceGave_R7() {
        browser.signIn("desk", "desk-demo");
        browser.go("/intake?callId=console-paid-1");
        browser.choose("#f-unitId", "u-paid");
        browser.choose("#f-kind", "REPAIR");
        browser.find("#f-paid").click();
        browser.type("#f-callerName", "Owner Li");
        browser.type("#f-callerPhone", "13800000002");
        browser.type("#f-description", "Replace the tap (paid)");
        browser.submit("#intake-submit");
        String ticketId = browser.path().substring("/tickets/".length());

        // R1: the same call submitted again opens nothing new: the form answers the ticket it opened
        browser.go("/intake?callId=console-paid-1");
        browser.choose("#f-unitId", "u-paid");
        browser.find("#f-paid").click();
        browser.type("#f-callerName", "Owner Li");
        browser.type("#f-callerPhone", "13800000002");
        browser.type("#f-description", "Replace the tap (paid)");
        browser.submit("#intake-submit");
        assertThat(browser.path()).as(browser.problems()).isEqualTo("/tickets/" + ticketId);
        assertThat(browser.text("#notice")).isEqualTo("此来电已开过工单，以下是原工单");
        browser.signOut();

        String orderId = "WO-" + ticketId;
        browser.signIn("engineering", "engineering-demo");
        browser.reloadUntil("#column-DISPATCHED #order-" + orderId, Duration.ofSeconds(60));
        browser.submit("#pickup-" + orderId);
        browser.reloadUntil("#column-PICKED_UP #order-" + orderId, Duration.ofSeconds(60));
        browser.submit("#start-" + orderId);

        assertThat(browser.text(".problem .rule")).isEqualTo("R7");
        assertThat(browser.text(".problem .detail")).isNotBlank();
        assertThat(browser.all("#column-PICKED_UP #order-" + orderId)).hasSize(1);
    }

    /** C5: the outgoing shift sees what it hands over for the estate and records the handover. */
    @Test
    void theShiftHandoverListsTheOpenTicketsAndIsRecorded_C5() {
        String ticketId = console.openTicket("console-handover-1", "u-form", "REPAIR", "\"paid\":false");
        browser.signIn("desk", "desk-demo");
        browser.go("/handover?estateId=" + ESTATE);
        browser.reloadUntil("#open-tickets li[data-ticket='" + ticketId + "']", Duration.ofSeconds(60));
        assertThat(Integer.parseInt(browser.text("#open-count"))).isPositive();

        browser.submit("#handover-submit");
        assertThat(browser.text("#notice")).as(browser.problems()).isEqualTo("交接已记录");
        assertThat(browser.text("#breaches-since")).matches("\\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2}");
    }

    /** Issue 17: an open queue page shows a ticket another person opened, without being reloaded. */
    @Test
    void anOpenQueueShowsATicketAnotherPersonOpensWithoutAReload() {
        browser.signIn("desk", "desk-demo");
        browser.go("/queues?tab=new");
        org.openqa.selenium.JavascriptExecutor page = (org.openqa.selenium.JavascriptExecutor) browser.driver();
        page.executeScript("window.sameDocument = 'not reloaded';");

        // the call center registers a call while the desk watches its queue
        String ticketId = admin.api()
                .as("callcenter")
                .post("ticket", "/api/tickets", """
                        {"callId":"console-live-1","estateId":"%s","unitId":"u-form","kind":"REPAIR","paid":false,
                         "description":"Door lock stuck","callerName":"Owner Zhao","callerPhone":"13800000003",
                         "acceptor":"callcenter"}""".formatted(ESTATE))
                .get("ticketId")
                .asText();

        browser.awaitRow("#rows-new", ticketId);
        assertThat(page.executeScript("return window.sameDocument;")).isEqualTo("not reloaded");
    }

    /** The console's metrics, named propdesk.*, for those ticket-service lets read its own; health for everyone. */
    @Test
    void theConsolesMetricsAnswerOnlyThoseTheServicesLetReadTheirs() throws Exception {
        browser.signIn("desk", "desk-demo"); // at least one call to a service to count
        java.net.http.HttpClient http = java.net.http.HttpClient.newHttpClient();
        java.util.function.BiFunction<String, String, java.net.http.HttpResponse<String>> get = (path, user) -> {
            try {
                java.net.http.HttpRequest.Builder request = java.net.http.HttpRequest.newBuilder(
                        java.net.URI.create(console.system().consoleUrl() + path));
                if (user != null) {
                    request.header(
                            "Authorization",
                            "Basic "
                                    + java.util.Base64.getEncoder()
                                            .encodeToString((user + ":" + user + "-demo").getBytes()));
                }
                return http.send(request.build(), java.net.http.HttpResponse.BodyHandlers.ofString());
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        };
        assertThat(get.apply("/actuator/health", null).statusCode()).isEqualTo(200);
        assertThat(get.apply("/actuator/prometheus", null).statusCode()).isEqualTo(401);
        assertThat(get.apply("/actuator/prometheus", "desk").statusCode()).isEqualTo(403);
        java.net.http.HttpResponse<String> metrics = get.apply("/actuator/prometheus", "admin");
        assertThat(metrics.statusCode()).isEqualTo(200);
        assertThat(metrics.body()).contains("propdesk_console_service_calls_seconds_count{application=\"console\"");
    }

    /** R5: an owner who is not satisfied reopens the ticket; the ticket screen reads reopened. */
    @Test
    void anUnsatisfiedCallbackRecordedOnTheTicketScreenReopensTheTicket_R5() {
        // the work itself as the department would do it (its screens are driven above): straight to the callback
        String ticketId = console.openTicket("console-reopen-1", "u-reopen", "REPAIR", "\"paid\":false");
        String orderId = "WO-" + ticketId;
        eventually(status(200), () -> admin.order(orderId));
        for (var step : List.<java.util.function.Supplier<io.propdesk.standalone.ServiceClient.Reply>>of(
                () -> admin.pickUp(orderId, LEADER),
                () -> admin.start(orderId, LEADER),
                () -> admin.complete(orderId, LEADER),
                () -> admin.returnOrder(orderId, LEADER))) {
            expect(step.get(), 200);
        }

        browser.signIn("desk", "desk-demo");
        browser.go("/tickets/" + ticketId);
        WebElement callback = browser.reloadUntil(".callback-form", Duration.ofSeconds(60));
        callback.findElement(By.cssSelector("input[name=satisfied][value=false]"))
                .click();
        new org.openqa.selenium.support.ui.Select(callback.findElement(By.cssSelector("select[name=rating]")))
                .selectByValue("2");
        callback.findElement(By.cssSelector("textarea[name=comment]")).sendKeys("still dripping");
        browser.submit(callback.findElement(By.cssSelector("button.callback-complete")));
        assertThat(browser.text("#notice")).as(browser.problems()).isEqualTo("回访已记录");
        browser.reloadUntil("#ticket-status[data-status=REOPENED]", Duration.ofSeconds(60));
        assertThat(browser.text("#ticket-status")).isEqualTo("已重开");
    }

    /**
     * Issue 17: every field of every screen has a label, each screen fits a tablet's 768 px without sideways scrolling,
     * and the desk signs in and reaches its queues from the keyboard alone (axe-core is not served here, so the test
     * checks these itself).
     */
    @Test
    void everyScreenLabelsItsFieldsFitsATabletAndSignInWorksFromTheKeyboard() {
        try (Browser tablet = Browser.open(console.system().consoleUrl(), 768, 1024)) {
            tablet.go("/login");
            tablet.assertLabelledAndFits("/login");
            // keyboard only: the user name has the focus, Tab to the password, Enter signs in
            tablet.driver().switchTo().activeElement().sendKeys("desk");
            tablet.driver().switchTo().activeElement().sendKeys(org.openqa.selenium.Keys.TAB);
            assertThat(tablet.driver().switchTo().activeElement().getAttribute("id"))
                    .isEqualTo("password");
            tablet.driver().switchTo().activeElement().sendKeys("desk-demo", org.openqa.selenium.Keys.ENTER);
            tablet.waitFor(Duration.ofSeconds(30), d -> tablet.path().startsWith("/queues"));

            String ticketId = console.openTicket("console-a11y-1", "u-form", "REPAIR", "\"paid\":false");
            for (String page :
                    List.of("/queues", "/intake?number=13800000009", "/tickets/" + ticketId, "/board", "/handover")) {
                tablet.go(page);
                tablet.assertLabelledAndFits(page);
            }
            // the first Tab reaches the link that skips to the content
            tablet.go("/queues");
            tablet.find("body").sendKeys(org.openqa.selenium.Keys.TAB);
            assertThat(tablet.driver().switchTo().activeElement().getAttribute("class"))
                    .isEqualTo("skip");
            tablet.signOut();
        }
    }
}
