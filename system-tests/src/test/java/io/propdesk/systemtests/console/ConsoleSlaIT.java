package io.propdesk.systemtests.console;

import static io.propdesk.systemtests.Answers.eventually;
import static io.propdesk.systemtests.Answers.status;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.propdesk.systemtests.MovableClock;
import io.propdesk.systemtests.scenario.Scenario;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.JavascriptExecutor;

/**
 * Issue 17, screen 6: the SLA screen draws its charts, tables and CSV with the right figures for a scripted set of
 * tickets, met and breached, over two departments and two rules, counted here by hand. The services' one clock is
 * moved (never slept through): it starts at 10:00 on the next working day, in the estate's zone.
 */
class ConsoleSlaIT {

    private static final String ESTATE = ConsoleSystem.ESTATE;

    private static final String STEWARD = "steward-li"; // the steward of the fixture's building b1

    private static final MovableClock CLOCK = MovableClock.atNextWorkingMorning(Scenario.ZONE);

    @RegisterExtension
    static final ConsoleSystem console = ConsoleSystem.withEstate(ESTATE, "s-1", "s-2", "s-3", "s-4", "s-5")
            .options(o -> o.contextInitializer(c -> c.getBeanFactory().registerSingleton("clock", CLOCK)))
            .departmentsFrom(CLOCK::today);

    /**
     * The scripted set, all opened at about 10:00 on day D (the clock's start), so each first R4 reply window (four
     * working hours, 08:30-17:30) is due at about 14:00 on D:
     *
     * <pre>
     * ticket              department   R4 window 1 (due ~14:00)        C3 sign-off
     * repair s-1          ENGINEERING  replied at ~12:00: met          -
     * repair s-2          ENGINEERING  no reply by 14:10: breached     -
     * repair s-3          ENGINEERING  no reply by 14:10: breached     -
     * complaint s-4       GREENING     replied at ~12:00: met          signed off at ~12:00: met
     * complaint s-5       GREENING     no reply by 14:10: breached     not signed off: no clock, not counted
     * </pre>
     *
     * A complaint's department is the one its steward routed it to (C1), before anything came due. What is still open
     * (the next reply windows: due 16:00 on D after a reply, the next morning after a breach; the late complaint's C4
     * joint follow-up, due with its next window) has no outcome and counts in no figure. Counted by hand:
     *
     * <pre>
     * by department  ENGINEERING  due 3  met 1  breached 2  33.33 %
     *                GREENING     due 3  met 2  breached 1  66.67 %
     * by rule        C3           due 1  met 1  breached 0  100 %
     *                R4           due 5  met 2  breached 3  40 %
     * by estate, by steward, in total: due 6, met 3, breached 3, 50 %; on the line, all six on day D
     * </pre>
     */
    @Test
    void theSlaScreenDrawsTheHandCountedComplianceOfMetAndBreachedObligations_R4_C1_C3() {
        Scenario desk = console.admin();
        String repairMet = console.openTicket("sla-repair-met", "s-1", "REPAIR", "\"paid\":false");
        console.openTicket("sla-repair-missed-1", "s-2", "REPAIR", "\"paid\":false");
        console.openTicket("sla-repair-missed-2", "s-3", "REPAIR", "\"paid\":false");
        String complaintMet = console.openTicket("sla-complaint-met", "s-4", "COMPLAINT", "\"severity\":\"NORMAL\"");
        String complaintMissed =
                console.openTicket("sla-complaint-missed", "s-5", "COMPLAINT", "\"severity\":\"NORMAL\"");
        // C1: the steward routes both complaints to Greening, which dispatch-service orders
        for (String complaint : List.of(complaintMet, complaintMissed)) {
            eventually(status(200, 201), () -> desk.routeComplaint(complaint, "GREENING"));
            eventually(status(200), () -> desk.order("WO-" + complaint));
        }

        // ~12:00: the steward replies on two tickets, inside their windows, and signs the one complaint off
        CLOCK.advance(Duration.ofHours(2));
        eventually(status(200, 201), () -> desk.stewardReply(repairMet, "plumber booked"));
        eventually(status(200, 201), () -> desk.stewardReply(complaintMet, "gardener on the way"));
        eventually(status(200, 201), () -> desk.signOff(complaintMet));

        // ~14:10: the three windows nobody answered are past due; the deadline ticker breaches them
        CLOCK.advance(Duration.ofMinutes(130));

        Browser browser = console.browser();
        browser.signIn("manager", "manager-demo");
        LocalDate day = CLOCK.today();
        browser.go("/sla?from=" + day.minusDays(1) + "&to=" + day.plusDays(7));
        reloadUntilText(browser, "#table-estate tfoot .breached", "3");

        // the complaints' later windows opened in Greening: so did their counted ones, before or at the same moment
        for (String complaint : List.of(complaintMet, complaintMissed)) {
            JsonNode obligations = desk.api()
                    .get("callback", "/api/obligations?status=all&ticketId=" + complaint + "&rule=R4")
                    .body();
            assertThat(obligations.size()).isEqualTo(2);
            obligations.forEach(o -> assertThat(o.get("department").asText())
                    .as("%s routed to Greening before its first window closed", complaint)
                    .isEqualTo("GREENING"));
        }

        // the tables: due, met, breached, compliance %
        assertThat(table(browser, "table-department"))
                .isEqualTo(Map.of(
                        "ENGINEERING", "3 1 2 33.33",
                        "GREENING", "3 2 1 66.67",
                        "TOTAL", "6 3 3 50.0"));
        assertThat(table(browser, "table-rule"))
                .isEqualTo(Map.of("C3", "1 1 0 100.0", "R4", "5 2 3 40.0", "TOTAL", "6 3 3 50.0"));
        assertThat(table(browser, "table-estate")).isEqualTo(Map.of(ESTATE, "6 3 3 50.0", "TOTAL", "6 3 3 50.0"));
        assertThat(table(browser, "table-steward")).isEqualTo(Map.of(STEWARD, "6 3 3 50.0", "TOTAL", "6 3 3 50.0"));

        // the charts: each a canvas ECharts painted, its bars and compliance line the same counts
        for (String chart : List.of("chart-line", "chart-estate", "chart-department", "chart-steward", "chart-rule")) {
            Object width = ((JavascriptExecutor) browser.driver())
                    .executeScript(
                            "const c = document.querySelector('#' + arguments[0] + ' canvas'); return c ? c.width : 0;",
                            chart);
            assertThat(((Number) width).intValue()).as(chart + " drawn").isPositive();
        }
        assertThat(bars(browser, "chart-department"))
                .isEqualTo(new Bars(List.of("ENGINEERING", "GREENING"), List.of(1L, 2L), List.of(2L, 1L)));
        assertThat(series(browser, "chart-department", "compliance")).containsExactly(33.33, 66.67);
        assertThat(bars(browser, "chart-rule"))
                .isEqualTo(new Bars(List.of("C3", "R4"), List.of(1L, 2L), List.of(0L, 3L)));
        assertThat(series(browser, "chart-rule", "compliance")).containsExactly(100.0, 40.0);
        assertThat(bars(browser, "chart-estate")).isEqualTo(new Bars(List.of(ESTATE), List.of(3L), List.of(3L)));
        assertThat(bars(browser, "chart-steward")).isEqualTo(new Bars(List.of(STEWARD), List.of(3L), List.of(3L)));

        // the line: a point a day from D-1 to D+7; all six came due on D (index 1), half of them met
        List<Double> due = series(browser, "chart-line", "due");
        assertThat(due).containsExactly(0.0, 6.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0);
        assertThat(series(browser, "chart-line", "compliance"))
                .containsExactly(null, 50.0, null, null, null, null, null, null, null);
        assertThat(browser.text("#table-line tr[data-day='" + day + "'] .compliance"))
                .isEqualTo("50.0");

        // the CSV the page offers: UTF-8 with a byte-order mark, the page's labels, the same hand counts
        List<String> csv = csvRows(browser);
        assertThat(csv)
                .containsExactly(
                        "统计口径,分组,到期,按时完成,超时,达标率 %,已回单维修,已完成回访,回访率 %",
                        "按小区," + ESTATE + ",6,3,3,50,0,0,",
                        "按小区,合计,6,3,3,50,0,0,",
                        "按部门,工程部,3,1,2,33.33,0,0,",
                        "按部门,绿化部,3,2,1,66.67,0,0,",
                        "按部门,合计,6,3,3,50,0,0,",
                        "按管家," + STEWARD + ",6,3,3,50,0,0,",
                        "按管家,合计,6,3,3,50,0,0,",
                        "按规则,C3,1,1,0,100,0,0,",
                        "按规则,R4,5,2,3,40,0,0,",
                        "按规则,合计,6,3,3,50,0,0,");

        // the what-if beside the recorded figures: the recorded ones unchanged
        browser.type("#w-reply", "1");
        browser.choose("#w-clock", "WALL_CLOCK");
        browser.submit("#what-if-submit");
        assertThat(browser.all("#what-if-problem.problem, .what-if .problem")).isEmpty();
        assertThat(browser.text("#what-if-result tfoot .recorded-due")).isEqualTo("6");
        assertThat(browser.text("#what-if-result tfoot .recorded-breached")).isEqualTo("3");
        assertThat(browser.text("#what-if-result tfoot .what-if-due")).matches("\\d+");
        browser.signOut();

        // the desk may not read compliance: no SLA entry in its navigation, and the screen shows the service's refusal
        browser.signIn("desk", "desk-demo");
        assertThat(browser.all("#nav-sla")).isEmpty();
        browser.go("/sla");
        assertThat(browser.text(".problem")).isNotBlank();
    }

    // ------------------------------------------------------------------ reading the page

    /** A bar chart's categories (the group keys) and its met and breached bars, as ECharts holds them. */
    record Bars(List<String> keys, List<Long> met, List<Long> breached) {}

    @SuppressWarnings("unchecked")
    private static Bars bars(Browser browser, String chartId) {
        Map<String, Object> option = (Map<String, Object>) script(browser, """
                const el = document.getElementById(arguments[0]);
                const option = echarts.getInstanceByDom(el).getOption();
                const byId = id => option.series.find(s => s.id === id).data;
                return {keys: JSON.parse(el.dataset.series).keys, met: byId('met'), breached: byId('breached')};""", chartId);
        return new Bars((List<String>) option.get("keys"), longs((List<?>) option.get("met")), longs((List<?>)
                option.get("breached")));
    }

    /** One series of a chart as ECharts holds it ({@code echarts.getInstanceByDom(el).getOption()}). */
    private static List<Double> series(Browser browser, String chartId, String seriesId) {
        List<?> data = (List<?>) script(
                browser,
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

    /** A table's rows, the total's too, as key → "due met breached compliance" (the cells' text). */
    @SuppressWarnings("unchecked")
    private static Map<String, String> table(Browser browser, String tableId) {
        List<List<String>> rows = (List<List<String>>) script(browser, """
                return Array.from(document.querySelectorAll('#' + arguments[0] + ' tbody tr, #' + arguments[0] + ' tfoot tr'))
                  .map(r => [r.dataset.key].concat(['.due', '.met', '.breached', '.compliance']
                      .map(c => r.querySelector(c).textContent.trim())));""", tableId);
        Map<String, String> table = new TreeMap<>();
        rows.forEach(r -> table.put(r.get(0), String.join(" ", r.subList(1, r.size()))));
        return table;
    }

    /** The CSV behind the page's download link, fetched by the page: its rows, after checking type and BOM. */
    @SuppressWarnings("unchecked")
    private static List<String> csvRows(Browser browser) {
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
        return Arrays.asList(String.valueOf(csv.get("text")).split("\r\n"));
    }

    private static Object script(Browser browser, String script, Object... args) {
        return ((JavascriptExecutor) browser.driver()).executeScript(script, args);
    }

    private static void reloadUntilText(Browser browser, String css, String text) {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (browser.all(css).isEmpty() || !browser.text(css).equals(text)) {
            assertThat(System.nanoTime())
                    .as("%s never read %s (%s)", css, text, browser.all(css).isEmpty() ? "absent" : browser.text(css))
                    .isLessThan(deadline);
            Browser.sleep(500);
            browser.driver().navigate().refresh();
        }
    }
}
