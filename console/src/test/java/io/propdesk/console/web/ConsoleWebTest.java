package io.propdesk.console.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.propdesk.console.ConsoleApplication;
import io.propdesk.console.security.ConsoleSecurity;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The console on its own, over real HTTP, with no service behind it (its service URLs point at a closed port): what it
 * does before anyone is signed in. Language, security headers, cookies, CSRF and the login's answer when ticket-service
 * cannot be reached. The screens with services behind them are driven in a real browser by system-tests' ConsoleIT.
 */
class ConsoleWebTest {

    private static ConfigurableApplicationContext console;
    private static String base;
    private static final HttpClient http =
            HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

    @BeforeAll
    static void start() throws IOException {
        String closed = "http://localhost:" + freePort();
        console = new SpringApplicationBuilder(ConsoleApplication.class)
                .properties("spring.config.name=" + ConsoleApplication.CONFIG_NAME)
                .run(
                        "--propdesk.security.mode=demo",
                        "--server.port=0",
                        "--propdesk.console.services.ticket=" + closed,
                        "--propdesk.console.services.dispatch=" + closed,
                        "--propdesk.console.services.callback=" + closed,
                        "--propdesk.console.services.billing=" + closed,
                        "--propdesk.console.request-timeout=2s");
        base = "http://localhost:" + console.getEnvironment().getProperty("local.server.port");
    }

    @AfterAll
    static void stop() {
        if (console != null) {
            console.close();
        }
    }

    @Test
    void theLoginPageIsChineseWhateverTheBrowserAsksFor() throws Exception {
        HttpResponse<String> page = get("/login", "en-US,en;q=0.9", null);
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("lang=\"zh-CN\"", "用户名", "密码", "登录").doesNotContain("User name");
    }

    @Test
    void englishIsChosenOnAnyPageAndKeptForTheSession() throws Exception {
        HttpResponse<String> switched = get("/login?lang=en", "zh-CN", null);
        assertThat(switched.body()).contains("lang=\"en\"", "User name", "Password");
        String session = sessionCookie(switched);
        HttpResponse<String> again = get("/login", "zh-CN", session);
        assertThat(again.body()).contains("User name").doesNotContain("用户名");
        assertThat(get("/login?lang=zh-CN", "en", session).body()).contains("用户名");
    }

    @Test
    void everyPageCarriesAContentSecurityPolicyWithoutInlineScript() throws Exception {
        HttpResponse<String> page = get("/login", null, null);
        String csp = page.headers().firstValue("Content-Security-Policy").orElse("");
        assertThat(csp).isEqualTo(ConsoleSecurity.CONTENT_SECURITY_POLICY).contains("script-src 'self'");
        assertThat(csp).doesNotContain("unsafe-inline", "unsafe-eval");
        assertThat(page.headers().firstValue("X-Frame-Options")).hasValue("DENY");
        assertThat(page.body()).doesNotContain("<script>").doesNotContain("style=\"");
    }

    @Test
    void theSessionCookieIsHttpOnlyAndSameSiteLax() throws Exception {
        HttpResponse<String> page = get("/login", null, null);
        List<String> cookies = page.headers().allValues("Set-Cookie");
        assertThat(cookies)
                .anySatisfy(c -> assertThat(c)
                        .startsWith("PROPDESK_CONSOLE=")
                        .contains("HttpOnly")
                        .contains("SameSite=Lax"));
    }

    @Test
    void aFormPostWithoutItsCsrfTokenIsRefused() throws Exception {
        HttpResponse<String> login =
                post("/login", "username=desk&password=desk-demo", sessionCookie(get("/login", null, null)));
        assertThat(login.statusCode()).isEqualTo(403);
        assertThat(login.body()).contains("请求未能完成（403）");
    }

    /**
     * A form sent from a page left open past its session (8 hours, or a console restart) carries a CSRF token that no
     * session holds: nothing of it is done, and the person lands on the sign-in, told why and that the form was not
     * saved, instead of on a bare 403. A part of a page sends the whole window there; a sign-out lands where a
     * sign-out does.
     */
    @Test
    void aFormSentAfterTheSessionEndedLeadsToTheSignInSayingItWasNotSaved() throws Exception {
        HttpResponse<String> form =
                post("/intake", "phone=13800000000&_csrf=token-of-a-session-that-ended", "PROPDESK_CONSOLE=ended");
        assertThat(form.statusCode()).isEqualTo(303);
        assertThat(form.headers().firstValue("Location")).hasValue("/login?expired");

        HttpResponse<String> part = http.send(
                HttpRequest.newBuilder(URI.create(base + "/queues"))
                        .header("HX-Request", "true")
                        .header("Cookie", "PROPDESK_CONSOLE=ended")
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .POST(HttpRequest.BodyPublishers.ofString("_csrf=token-of-a-session-that-ended"))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(part.statusCode()).isEqualTo(401);
        assertThat(part.headers().firstValue("HX-Redirect")).hasValue("/login?expired");

        HttpResponse<String> signOut = post("/logout", "_csrf=token-of-a-session-that-ended", "PROPDESK_CONSOLE=ended");
        assertThat(signOut.statusCode()).isEqualTo(303);
        assertThat(signOut.headers().firstValue("Location")).hasValue("/login?logout");

        HttpResponse<String> signIn = get("/login?expired", null, null);
        assertThat(signIn.statusCode()).isEqualTo(200);
        assertThat(signIn.body()).contains("id=\"login-expired\"", "刚才提交的内容没有保存", "name=\"_csrf\"");
        assertThat(get("/login", null, null).body()).doesNotContain("login-expired");
    }

    /**
     * The person signed out in another tab, which then showed the sign-in and with it a new session of no one: a form
     * sent from a page still open in this tab carries the token of the ended session. Nothing of it is done, and the
     * person lands on the sign-in saying so, or where a sign-out lands, as when the session expired; not on a 403.
     */
    @Test
    void aFormSentAfterASignOutInAnotherTabLeadsToTheSignInNotToA403() throws Exception {
        String newSession = sessionCookie(get("/login?logout", null, null));
        String endedToken = "_csrf=token-of-the-session-signed-out-in-the-other-tab";

        HttpResponse<String> form = post("/intake", "phone=13800000000&" + endedToken, newSession);
        assertThat(form.statusCode()).isEqualTo(303);
        assertThat(form.headers().firstValue("Location")).hasValue("/login?expired");

        HttpResponse<String> part = http.send(
                HttpRequest.newBuilder(URI.create(base + "/queues"))
                        .header("HX-Request", "true")
                        .header("Cookie", newSession)
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .POST(HttpRequest.BodyPublishers.ofString(endedToken))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(part.statusCode()).isEqualTo(401);
        assertThat(part.headers().firstValue("HX-Redirect")).hasValue("/login?expired");

        HttpResponse<String> signOut = post("/logout", endedToken, newSession);
        assertThat(signOut.statusCode()).isEqualTo(303);
        assertThat(signOut.headers().firstValue("Location")).hasValue("/login?logout");

        // a form with no token at all is no page left open: still refused outright
        assertThat(post("/intake", "phone=13800000000", newSession).statusCode())
                .isEqualTo(403);
    }

    @Test
    void aLoginWhileTicketServiceCannotBeReachedSaysSoAndSignsNoOneIn() throws Exception {
        HttpResponse<String> form = get("/login", null, null);
        String session = sessionCookie(form);
        HttpResponse<String> login =
                post("/login", "username=desk&password=desk-demo&_csrf=" + csrf(form.body()), session);
        assertThat(login.statusCode()).isEqualTo(302);
        assertThat(login.headers().firstValue("Location"))
                .hasValueSatisfying(l -> assertThat(l).endsWith("/login?error=unreachable"));
        assertThat(get("/login?error=unreachable", null, session).body()).contains("工单服务暂时无法访问");
        assertThat(get("/queues", null, session).statusCode()).isEqualTo(302);
    }

    @Test
    void healthAnswersEveryoneAndTheMetricsNoOneUnknown() throws Exception {
        HttpResponse<String> health = get("/actuator/health", null, null);
        assertThat(health.statusCode()).isEqualTo(200);
        assertThat(health.body()).contains("\"status\":\"UP\"");
        assertThat(get("/actuator/prometheus", null, null).statusCode()).isEqualTo(401);
    }

    @Test
    void thePagesAskForTheSignedInPersonFirst() throws Exception {
        for (String page : List.of("/", "/queues", "/intake", "/tickets/T-1", "/board", "/handover")) {
            HttpResponse<String> answer = get(page, null, null);
            assertThat(answer.statusCode()).as(page).isEqualTo(302);
            assertThat(answer.headers().firstValue("Location"))
                    .as(page)
                    .hasValueSatisfying(l -> assertThat(l).endsWith("/login"));
        }
    }

    /**
     * A queue page keeps asking for its live rows; one asked after the session ended sends the whole window to the
     * sign-in and is not remembered (no session is made to hold it), so whoever signs in next lands on their own home
     * and not on a bare fragment. A page asked for is remembered, as before.
     */
    @Test
    void aPartOfAPageAskedWithoutASessionSendsTheWindowToTheSignInAndIsNotRemembered() throws Exception {
        HttpResponse<String> part = http.send(
                HttpRequest.newBuilder(URI.create(base + "/queues/live?tab=soon"))
                        .header("HX-Request", "true")
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(part.statusCode()).isEqualTo(401);
        assertThat(part.headers().firstValue("HX-Redirect")).hasValue("/login");
        assertThat(part.body()).isEmpty();
        assertThat(part.headers().allValues("Set-Cookie")).noneMatch(c -> c.startsWith("PROPDESK_CONSOLE="));

        HttpResponse<String> page = get("/queues?tab=soon", null, null);
        assertThat(page.statusCode()).isEqualTo(302);
        assertThat(page.headers().firstValue("HX-Redirect")).isEmpty();
        assertThat(page.headers().allValues("Set-Cookie")).anyMatch(c -> c.startsWith("PROPDESK_CONSOLE="));
    }

    @Test
    void theScriptsComeFromTheConsolesOwnWebJars() throws Exception {
        assertThat(get("/webjars/htmx.org/dist/htmx.min.js", null, null).statusCode())
                .isEqualTo(200);
        assertThat(get("/css/console.css", null, null).statusCode()).isEqualTo(200);
    }

    private static HttpResponse<String> get(String path, String language, String cookie) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path));
        if (language != null) {
            request.header("Accept-Language", language);
        }
        if (cookie != null) {
            request.header("Cookie", cookie);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static HttpResponse<String> post(String path, String form, String cookie) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("Accept", "text/html")
                .POST(HttpRequest.BodyPublishers.ofString(form));
        if (cookie != null) {
            request.header("Cookie", cookie);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String sessionCookie(HttpResponse<String> response) {
        return response.headers().allValues("Set-Cookie").stream()
                .filter(c -> c.startsWith("PROPDESK_CONSOLE="))
                .map(c -> c.substring(0, c.indexOf(';')))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no session cookie"));
    }

    private static String csrf(String html) {
        Matcher m = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"").matcher(html);
        assertThat(m.find()).as("the form's CSRF token").isTrue();
        return m.group(1);
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
