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
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebElement;

/**
 * The managers', billing's and administrators' screens of the console (issue 17, screens 6-8) and the quote on the
 * ticket screen, in headless Chromium against a whole standalone system of its own (the browser and the system as in
 * {@link ConsoleIT}). The SLA test runs first, so every figure the services hold is one of its scripted set and can be
 * counted by hand.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ConsoleManagementIT {

    private static final String ESTATE = "sunrise-garden";
    private static final String SLA_ESTATE = "sla-garden";
    private static final String SLA_STEWARD = "steward-sla";
    private static final String LEADER = "tl-zhang";

    @TempDir
    static Path dataDir;

    private static Running system;
    private static Scenario admin;
    private static Browser browser;

    /** The paid repair quoted on its screen (R7), for the tablet check of the ticket screen with its quote. */
    private static String paidTicket;

    @RegisterExtension
    static final Browser.ScreenshotOnFailure screenshots = new Browser.ScreenshotOnFailure(() -> browser);

    @BeforeAll
    static void startTheSystemAndTheBrowser() {
        Browser.requireChromium();
        system = PropDeskStandalone.start(Options.randomPorts(dataDir));
        ServiceClient api = ServiceClient.of(system);
        admin = new Scenario(api, new Scenario.Cast(ESTATE, "north", "steward-li", "desk-chen", "billing-wu"));
        expect(admin.putEstate(ESTATE, "Sunrise Garden", "b1", List.of("u-paid", "u-rework")), 200);
        admin.departments(new Scenario.Teams(LEADER, "tl-qian", "disp-ma", "tl-sun", "liaison-x"), Scenario.today())
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

    @AfterEach
    void signOutIfSignedIn() {
        if (!browser.all("#logout").isEmpty()) {
            browser.signOut();
        }
    }

    /**
     * The scripted set, counted by hand: in an estate of its own, a repair and a complaint whose steward replied once
     * each (two R4 windows met) and a complaint signed off (C3 met), and a repair nobody answered yet (its R4 window
     * is still open: it counts in no figure). Nothing else in this system has an outcome yet.
     */
    @Test
    @Order(1)
    void theSlaScreenDrawsTheComplianceOfAScriptedSetInItsChartsTableAndCsv_R4_C3() {
        Scenario sla = new Scenario(
                admin.api(), new Scenario.Cast(SLA_ESTATE, "north", SLA_STEWARD, "desk-chen", "billing-wu"));
        expect(sla.putEstate(SLA_ESTATE, "SLA Garden", "s1", List.of("s-101", "s-102", "s-103")), 200);
        String repair = sla.openTicket("sla-repair-1", "s-101", "REPAIR", "\"paid\":false")
                .get("ticketId")
                .asText();
        String complaint = sla.openTicket("sla-complaint-1", "s-102", "COMPLAINT", "\"severity\":\"NORMAL\"")
                .get("ticketId")
                .asText();
        sla.openTicket("sla-repair-2", "s-103", "REPAIR", "\"paid\":false");
        eventually(status(200, 201), () -> sla.stewardReply(repair, "plumber booked"));
        eventually(status(200, 201), () -> sla.stewardReply(complaint, "called the owner"));
        eventually(status(200, 201), () -> sla.signOff(complaint));

        // desk may not read compliance: no SLA entry in its navigation, and the screen shows the service's refusal
        browser.signIn("desk", "desk-demo");
        assertThat(browser.all("#nav-sla")).isEmpty();
        browser.go("/sla");
        assertThat(browser.text(".problem")).isNotBlank();
        browser.signOut();

        browser.signIn("manager", "manager-demo");
        assertThat(browser.all("#nav-sla")).hasSize(1);
        LocalDate today = Scenario.today();
        // a met R4 window counts on the day it was due: within four working hours, at most two days on
        String period = "/sla?from=" + today.minusDays(1) + "&to=" + today.plusDays(7);
        browser.go(period);
        browser.reloadUntil("#table-rule tr[data-key='C3']", Duration.ofSeconds(60));
        reloadUntilText("#table-estate tfoot .due", "3");

        // drawn: each chart holds a canvas ECharts painted (the script is the console's own file, as the CSP wants)
        for (String chart : List.of("chart-line", "chart-estate", "chart-department", "chart-steward", "chart-rule")) {
            Object width = ((JavascriptExecutor) browser.driver())
                    .executeScript(
                            "const c = document.querySelector('#' + arguments[0] + ' canvas'); return c ? c.width : 0;",
                            chart);
            assertThat(((Number) width).intValue()).as(chart + " drawn").isPositive();
        }

        // by estate and by steward: the one estate and steward of the set, 3 due, 3 met, none breached
        assertThat(bars("chart-estate")).isEqualTo(new Bars(List.of(SLA_ESTATE), List.of(3L), List.of(0L)));
        assertThat(bars("chart-steward")).isEqualTo(new Bars(List.of(SLA_STEWARD), List.of(3L), List.of(0L)));
        // by rule: two R4 windows, one C3 sign-off
        assertThat(bars("chart-rule")).isEqualTo(new Bars(List.of("C3", "R4"), List.of(1L, 2L), List.of(0L, 0L)));
        assertThat(series("chart-rule", "compliance")).containsExactly(100.0, 100.0);
        // by department: the chart and its table say the same, and the groups add up to the set
        Bars departments = bars("chart-department");
        assertThat(departments.met().stream().mapToLong(Long::longValue).sum()).isEqualTo(3);
        assertThat(tableRows("table-department")).isEqualTo(departments.rows());
        assertThat(tableRows("table-rule")).isEqualTo(bars("chart-rule").rows());
        assertThat(browser.text("#table-estate tr[data-key='" + SLA_ESTATE + "'] .compliance"))
                .isEqualTo("100.0");

        // the line: a point a day of the period; the three come due in it, the C3 sign-off today; nothing breached
        List<Double> due = series("chart-line", "due");
        assertThat(due).hasSize(9);
        assertThat(due.stream().mapToDouble(Double::doubleValue).sum()).isEqualTo(3.0);
        assertThat(due.get(1)).isGreaterThanOrEqualTo(1.0); // today: C3 signed off now
        List<Double> line = series("chart-line", "compliance");
        for (int i = 0; i < due.size(); i++) {
            assertThat(line.get(i)).as("day " + i).isEqualTo(due.get(i) == 0 ? null : 100.0);
        }

        // the CSV: UTF-8 with a byte-order mark, the page's labels, the same figures
        @SuppressWarnings("unchecked")
        Map<String, Object> csv = (Map<String, Object>) ((JavascriptExecutor) browser.driver()).executeAsyncScript("""
                        const done = arguments[arguments.length - 1];
                        fetch(document.getElementById('sla-csv').getAttribute('href'))
                          .then(r => r.arrayBuffer().then(b => ({type: r.headers.get('content-type'), bytes: new Uint8Array(b)})))
                          .then(r => done({type: r.type, bom: Array.from(r.bytes.slice(0, 3)),
                                           text: new TextDecoder('utf-8', {ignoreBOM: true}).decode(r.bytes.slice(3))}))
                          .catch(e => done({error: String(e)}));""");
        assertThat(csv.get("error")).isNull();
        assertThat(String.valueOf(csv.get("type"))).startsWith("text/csv");
        assertThat(longs((List<?>) csv.get("bom"))).containsExactly(0xEFL, 0xBBL, 0xBFL);
        List<String> rows = List.of(String.valueOf(csv.get("text")).split("\r\n"));
        assertThat(rows.get(0)).isEqualTo("统计口径,分组,到期,按时完成,超时,达标率 %,已回单维修,已完成回访,回访率 %");
        assertThat(rows)
                .contains(
                        "按小区," + SLA_ESTATE + ",3,3,0,100,0,0,",
                        "按小区,合计,3,3,0,100,0,0,",
                        "按管家," + SLA_STEWARD + ",3,3,0,100,0,0,",
                        "按规则,C3,1,1,0,100,0,0,",
                        "按规则,R4,2,2,0,100,0,0,",
                        "按规则,合计,3,3,0,100,0,0,");
        // a header, and per grouping its groups and a total
        long groups = tableRowCount("table-estate")
                + tableRowCount("table-department")
                + tableRowCount("table-steward")
                + tableRowCount("table-rule");
        assertThat(rows).hasSize((int) (1 + groups + 4));

        // the what-if beside the recorded figures: the recorded ones unchanged
        browser.type("#w-reply", "1");
        browser.choose("#w-clock", "WALL_CLOCK");
        browser.submit("#what-if-submit");
        assertThat(browser.all("#what-if-problem.problem, .what-if .problem")).isEmpty();
        assertThat(browser.text("#what-if-result tfoot .recorded-due")).isEqualTo("3");
        assertThat(browser.text("#what-if-result tfoot .recorded-breached")).isEqualTo("0");
        assertThat(browser.text("#what-if-result tfoot .what-if-due")).matches("\\d+");
    }

    /** R7: the steward quotes the paid repair on its screen, the owner accepts, then the order can start. */
    @Test
    @Order(2)
    void aPaidRepairIsQuotedAndAcceptedOnTheTicketScreenThenTheOrderStarts_R7() {
        String ticketId = admin.openTicket("mgmt-paid-1", "u-paid", "REPAIR", "\"paid\":true")
                .get("ticketId")
                .asText();
        paidTicket = ticketId;
        String orderId = "WO-" + ticketId;
        browser.signIn("engineering", "engineering-demo");
        browser.reloadUntil("#column-DISPATCHED #order-" + orderId, Duration.ofSeconds(60));
        browser.submit("#pickup-" + orderId);
        browser.reloadUntil("#column-PICKED_UP #order-" + orderId, Duration.ofSeconds(60));
        browser.signOut();

        browser.signIn("steward", "steward-demo");
        browser.go("/tickets/" + ticketId);
        browser.reloadUntil("#issue-quote", Duration.ofSeconds(60));
        assertThat(browser.text("#price-items")).contains("TAP");
        browser.type("#iq-lines", "TAP | 1\nExtra valve | 15.50 | 2");
        browser.submit("#issue-quote-submit");
        assertThat(browser.text("#notice")).as(pageProblem()).isEqualTo("报价已出具");
        WebElement quote = browser.reloadUntil("#quotes .quote[data-status=OPEN]", Duration.ofSeconds(60));
        assertThat(quote.findElement(org.openqa.selenium.By.cssSelector(".quote-total"))
                        .getText())
                .isEqualTo("111.00 CNY");
        String quoteId = quote.getAttribute("id").substring("quote-".length());

        browser.submit("#accept-" + quoteId);
        assertThat(browser.text("#notice")).as(pageProblem()).isEqualTo("业主已确认报价");
        browser.reloadUntil("#quote-" + quoteId + "[data-status=ACCEPTED]", Duration.ofSeconds(60));
        browser.signOut();

        // dispatch-service hears of the acceptance from billing's topic: the start is allowed once it has
        browser.signIn("engineering", "engineering-demo");
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (true) {
            browser.go("/board");
            browser.submit("#start-" + orderId);
            if (!browser.all("#notice[data-done='board.done.start']").isEmpty()) {
                break;
            }
            assertThat(browser.text(".problem .rule")).isEqualTo("R7");
            assertThat(System.nanoTime()).as("the order never started").isLessThan(deadline);
            sleep(500);
        }
        browser.reloadUntil("#column-STARTED #order-" + orderId, Duration.ofSeconds(60));
    }

    /** H8: billing cannot close a month not over yet (the rule shown), closes the last one, its register reads closed. */
    @Test
    @Order(3)
    void billingClosesTheLastMonthButNotTheCurrentOne_H8() {
        browser.signIn("billing", "billing-demo");
        assertThat(browser.all("#nav-billing")).hasSize(1);
        assertThat(browser.all("#nav-sla, #nav-admin")).isEmpty();
        browser.follow("#nav-billing");
        assertThat(browser.text("#price-items")).contains("TAP", "80.00");

        YearMonth current = YearMonth.from(Scenario.today());
        browser.go("/billing?department=ENGINEERING&month=" + current);
        browser.submit("#close-month-submit");
        assertThat(browser.text(".problem .rule")).isEqualTo("H8");
        assertThat(browser.find("#register-state").getAttribute("data-closed")).isEqualTo("false");

        YearMonth last = current.minusMonths(1);
        browser.go("/billing?department=ENGINEERING&month=" + last);
        browser.submit("#close-month-submit");
        assertThat(browser.find("#notice").getAttribute("data-done"))
                .as(pageProblem())
                .isEqualTo("billing.done.closed");
        browser.reloadUntil("#register-state[data-closed=true]", Duration.ofSeconds(60));
        assertThat(browser.text("#register-state")).isEqualTo("本月已结账");
    }

    /** An administrator creates an estate on the admin screen, then edits it; ticket-service holds what was typed. */
    @Test
    @Order(4)
    void anAdministratorCreatesAndEditsAnEstate() {
        browser.signIn("admin", "admin-demo");
        assertThat(browser.all("#nav-admin")).hasSize(1);
        browser.go("/admin?estateId=maple-court");
        assertThat(browser.all("#estate-new")).hasSize(1);
        browser.type("#es-name", "Maple Court");
        browser.type("#es-areas", "east | East side");
        browser.type("#es-buildings", "m1 | east | Block M1 | steward-maple | 101 102");
        browser.type("#es-hotlines", "02188886666");
        browser.submit("#estate-save");
        assertThat(browser.find("#notice").getAttribute("data-done"))
                .as(pageProblem())
                .isEqualTo("admin.done.estate");

        // the form shows the stored estate; a unit and a holiday added, Saturday no longer a working day
        assertThat(browser.find("#es-name").getAttribute("value")).isEqualTo("Maple Court");
        browser.type("#es-name", "Maple Court East");
        browser.type("#es-buildings", "m1 | east | Block M1 | steward-maple | 101 102 103");
        browser.type("#es-holidays", "2026-10-01");
        browser.click("#es-day-SATURDAY");
        browser.submit("#estate-save");
        assertThat(browser.find("#notice").getAttribute("data-done"))
                .as(pageProblem())
                .isEqualTo("admin.done.estate");

        ServiceClient.Reply estate = admin.api().get("ticket", "/api/estates/maple-court");
        expect(estate, 200);
        assertThat(estate.text("name")).isEqualTo("Maple Court East");
        assertThat(estate.get("buildings").get(0).get("stewardId").asText()).isEqualTo("steward-maple");
        assertThat(estate.get("buildings").get(0).get("units").toString()).isEqualTo("[\"101\",\"102\",\"103\"]");
        assertThat(estate.get("holidays").toString()).isEqualTo("[\"2026-10-01\"]");
        assertThat(estate.get("workingDays").toString())
                .doesNotContain("SATURDAY")
                .contains("MONDAY");
        assertThat(estate.get("hotlines").get(0).asText()).startsWith("+").endsWith("88886666");

        // a refusal of the service is shown with what was typed kept
        browser.type("#es-buildings", "m1 | east | Block M1 | steward-maple | 10/1");
        browser.submit("#estate-save");
        assertThat(browser.text(".problem")).isNotBlank();
        assertThat(browser.find("#es-buildings").getAttribute("value")).contains("10/1");
        assertThat(admin.api().get("ticket", "/api/estates/maple-court").text("name"))
                .isEqualTo("Maple Court East");

        // teams: the east area's engineering leader
        browser.go("/admin?estateId=maple-court&department=ENGINEERING");
        browser.type("#t-area", "east");
        browser.type("#t-leader", "tl-east");
        browser.submit("#team-save");
        assertThat(browser.find("#notice").getAttribute("data-done"))
                .as(pageProblem())
                .isEqualTo("admin.done.team");
        browser.reloadUntil("#team-leaders tr[data-area=east]", Duration.ofSeconds(60));
        assertThat(browser.text("#team-leaders tr[data-area=east] .leader")).isEqualTo("tl-east");
    }

    /** R6: the rework liaison sends the day's progress report from the department board. */
    @Test
    @Order(6)
    void theReworkLiaisonReportsTheDaysProgressOnTheBoard_R6() {
        String ticketId = admin.openTicket("mgmt-rework-1", "u-rework", "REWORK", "\"paid\":false")
                .get("ticketId")
                .asText();
        String orderId = "WO-" + ticketId;
        browser.signIn("rework", "rework-demo");
        browser.reloadUntil("#order-" + orderId + " details.rework", Duration.ofSeconds(60));
        browser.click("#order-" + orderId + " details.rework summary");
        browser.type("#rw-progress-" + orderId, "Contractor replaced the seal");
        browser.type("#rw-contractor-" + orderId, "X Construction");
        browser.submit("#rework-submit-" + orderId);
        assertThat(browser.find("#notice").getAttribute("data-done"))
                .as(pageProblem())
                .isEqualTo("board.done.rework");

        // the same day again is refused by the service with its rule
        browser.click("#order-" + orderId + " details.rework summary");
        browser.type("#rw-progress-" + orderId, "again");
        browser.type("#rw-contractor-" + orderId, "X Construction");
        browser.submit("#rework-submit-" + orderId);
        assertThat(browser.text(".problem .rule")).isEqualTo("R6");
    }

    /** C1: the steward routes a complaint to the department that handles it from the ticket screen. */
    @Test
    @Order(5)
    void theStewardRoutesAComplaintToADepartmentOnTheTicketScreen_C1() {
        String ticketId = admin.openTicket("mgmt-complaint-1", "u-paid", "COMPLAINT", "\"severity\":\"NORMAL\"")
                .get("ticketId")
                .asText();
        browser.signIn("steward", "steward-demo");
        browser.go("/tickets/" + ticketId);
        browser.reloadUntil("#route-complaint", Duration.ofSeconds(60));
        browser.choose("#rc-department", "CLEANING");
        browser.submit("#route-submit");
        assertThat(browser.text("#notice")).as(pageProblem()).isEqualTo("已派往部门");
        browser.reloadUntil("#order-status", Duration.ofSeconds(60));
        assertThat(browser.text("#order-status")).contains("WO-" + ticketId, "清洁部");
        assertThat(browser.all("#route-complaint")).isEmpty();
    }

    /**
     * The manager's screens at a tablet's 768 px: every field labelled, nothing scrolls sideways; the navigation shows
     * the screens the services let a manager use.
     */
    @Test
    @Order(7)
    void theManagementScreensLabelTheirFieldsAndFitATablet() {
        try (Browser tablet = Browser.open(system.consoleUrl(), 768, 1024)) {
            tablet.signIn("manager", "manager-demo");
            assertThat(tablet.all("#nav-sla, #nav-billing, #nav-admin")).hasSize(3);
            List<String> pages = new ArrayList<>(
                    List.of("/sla", "/billing?quoteId=none", "/billing?customerId=" + ESTATE + ":u-paid", "/admin"));
            if (paidTicket != null) {
                pages.add("/tickets/" + paidTicket);
            }
            for (String page : pages) {
                tablet.go(page);
                tablet.assertLabelledAndFits(page);
            }
            tablet.signOut();
        }
    }

    // ------------------------------------------------------------------ reading the charts

    /** A bar chart's categories (the group keys) and its met and breached bars, as ECharts holds them. */
    record Bars(List<String> keys, List<Long> met, List<Long> breached) {

        /** key → met/breached, to compare with the table's rows. */
        Map<String, String> rows() {
            Map<String, String> rows = new java.util.TreeMap<>();
            for (int i = 0; i < keys.size(); i++) {
                rows.put(keys.get(i), met.get(i) + "/" + breached.get(i));
            }
            return rows;
        }
    }

    @SuppressWarnings("unchecked")
    private static Bars bars(String chartId) {
        Map<String, Object> option =
                (Map<String, Object>) ((JavascriptExecutor) browser.driver()).executeScript("""
                        const el = document.getElementById(arguments[0]);
                        const option = echarts.getInstanceByDom(el).getOption();
                        const keys = JSON.parse(el.dataset.series).keys;
                        const byId = id => option.series.find(s => s.id === id).data;
                        return {labels: option.xAxis[0].data, keys: keys, met: byId('met'), breached: byId('breached')};""", chartId);
        return new Bars((List<String>) option.get("keys"), longs((List<?>) option.get("met")), longs((List<?>)
                option.get("breached")));
    }

    @SuppressWarnings("unchecked")
    private static List<Double> series(String chartId, String seriesId) {
        List<?> data = (List<?>) ((JavascriptExecutor) browser.driver())
                .executeScript(
                        "return echarts.getInstanceByDom(document.getElementById(arguments[0])).getOption()"
                                + ".series.find(s => s.id === arguments[1]).data;",
                        chartId,
                        seriesId);
        List<Double> values = new ArrayList<>();
        data.forEach(v -> values.add(v == null ? null : ((Number) v).doubleValue()));
        return values;
    }

    private static List<Long> longs(List<?> values) {
        return values.stream().map(v -> ((Number) v).longValue()).toList();
    }

    /** A table's body rows as key → met/breached. */
    @SuppressWarnings("unchecked")
    private static Map<String, String> tableRows(String tableId) {
        Map<String, String> rows = new java.util.TreeMap<>();
        List<List<String>> cells =
                (List<List<String>>) ((JavascriptExecutor) browser.driver()).executeScript("""
                        return Array.from(document.querySelectorAll('#' + arguments[0] + ' tbody tr'))
                          .map(r => [r.dataset.key, r.querySelector('.met').textContent, r.querySelector('.breached').textContent]);""", tableId);
        cells.forEach(c -> rows.put(c.get(0), c.get(1) + "/" + c.get(2)));
        return rows;
    }

    private static long tableRowCount(String tableId) {
        return browser.all("#" + tableId + " tbody tr").size();
    }

    private static void reloadUntilText(String css, String text) {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (browser.all(css).isEmpty() || !browser.text(css).equals(text)) {
            assertThat(System.nanoTime())
                    .as("%s never read %s (%s)", css, text, browser.all(css).isEmpty() ? "absent" : browser.text(css))
                    .isLessThan(deadline);
            sleep(500);
            browser.driver().navigate().refresh();
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static String pageProblem() {
        return browser.all(".problem").stream()
                .map(WebElement::getText)
                .toList()
                .toString();
    }
}
