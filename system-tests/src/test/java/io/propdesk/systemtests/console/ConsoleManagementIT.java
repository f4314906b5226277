package io.propdesk.systemtests.console;

import static io.propdesk.systemtests.Answers.expect;
import static org.assertj.core.api.Assertions.assertThat;

import io.propdesk.standalone.ServiceClient;
import io.propdesk.systemtests.scenario.Scenario;
import java.time.Duration;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.WebElement;

/**
 * The managers', billing's and administrators' screens of the console (issue 17, screens 6-8) and the quote on the
 * ticket screen, in headless Chromium against a whole standalone system of its own ({@link ConsoleSystem}). The SLA
 * screen's figures are {@link ConsoleSlaIT}'s, on a system whose clock it moves.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ConsoleManagementIT {

    private static final String ESTATE = ConsoleSystem.ESTATE;

    @RegisterExtension
    static final ConsoleSystem console = ConsoleSystem.withEstate(ESTATE, "u-paid", "u-rework");

    private static Browser browser;

    /** The paid repair quoted on its screen (R7), for the tablet check of the ticket screen with its quote. */
    private static String paidTicket;

    @BeforeAll
    static void theBrowser() {
        browser = console.browser();
    }

    /** R7: the steward quotes the paid repair on its screen, the owner accepts, then the order can start. */
    @Test
    @Order(2)
    void aPaidRepairIsQuotedAndAcceptedOnTheTicketScreenThenTheOrderStarts_R7() {
        String ticketId = console.openTicket("mgmt-paid-1", "u-paid", "REPAIR", "\"paid\":true");
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
        assertThat(browser.text("#notice")).as(browser.problems()).isEqualTo("报价已出具");
        WebElement quote = browser.reloadUntil("#quotes .quote[data-status=OPEN]", Duration.ofSeconds(60));
        assertThat(quote.findElement(org.openqa.selenium.By.cssSelector(".quote-total"))
                        .getText())
                .isEqualTo("111.00 CNY");
        String quoteId = quote.getAttribute("id").substring("quote-".length());

        browser.submit("#accept-" + quoteId);
        assertThat(browser.text("#notice")).as(browser.problems()).isEqualTo("业主已确认报价");
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
            Browser.sleep(500);
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
        browser.assertDone("billing.done.closed");
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
        browser.assertDone("admin.done.estate");

        // the form shows the stored estate; a unit and a holiday added, Saturday no longer a working day
        assertThat(browser.find("#es-name").getAttribute("value")).isEqualTo("Maple Court");
        browser.type("#es-name", "Maple Court East");
        browser.type("#es-buildings", "m1 | east | Block M1 | steward-maple | 101 102 103");
        browser.type("#es-holidays", "2026-10-01");
        browser.click("#es-day-SATURDAY");
        browser.submit("#estate-save");
        browser.assertDone("admin.done.estate");

        ServiceClient.Reply estate = console.admin().api().get("ticket", "/api/estates/maple-court");
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
        assertThat(console.admin()
                        .api()
                        .get("ticket", "/api/estates/maple-court")
                        .text("name"))
                .isEqualTo("Maple Court East");

        // teams: the east area's engineering leader
        browser.go("/admin?estateId=maple-court&department=ENGINEERING");
        browser.type("#t-area", "east");
        browser.type("#t-leader", "tl-east");
        browser.submit("#team-save");
        browser.assertDone("admin.done.team");
        browser.reloadUntil("#team-leaders tr[data-area=east]", Duration.ofSeconds(60));
        assertThat(browser.text("#team-leaders tr[data-area=east] .leader")).isEqualTo("tl-east");
    }

    /** R6: the rework liaison sends the day's progress report from the department board. */
    @Test
    @Order(6)
    void theReworkLiaisonReportsTheDaysProgressOnTheBoard_R6() {
        String ticketId = console.openTicket("mgmt-rework-1", "u-rework", "REWORK", "\"paid\":false");
        String orderId = "WO-" + ticketId;
        browser.signIn("rework", "rework-demo");
        browser.reloadUntil("#order-" + orderId + " details.rework", Duration.ofSeconds(60));
        sendReworkReport(orderId, "Contractor replaced the seal");
        browser.assertDone("board.done.rework");

        // the same day again is refused by the service with its rule
        sendReworkReport(orderId, "again");
        assertThat(browser.text(".problem .rule")).isEqualTo("R6");
    }

    /** C1: the steward routes a complaint to the department that handles it from the ticket screen. */
    @Test
    @Order(5)
    void theStewardRoutesAComplaintToADepartmentOnTheTicketScreen_C1() {
        String ticketId = console.openTicket("mgmt-complaint-1", "u-paid", "COMPLAINT", "\"severity\":\"NORMAL\"");
        browser.signIn("steward", "steward-demo");
        browser.go("/tickets/" + ticketId);
        browser.reloadUntil("#route-complaint", Duration.ofSeconds(60));
        browser.choose("#rc-department", "CLEANING");
        browser.submit("#route-submit");
        assertThat(browser.text("#notice")).as(browser.problems()).isEqualTo("已派往部门");
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
        try (Browser tablet = Browser.open(console.system().consoleUrl(), 768, 1024)) {
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

    /** The day's report on the board: the order's rework form opened, filled in and sent. */
    private static void sendReworkReport(String orderId, String progress) {
        browser.click("#order-" + orderId + " details.rework summary");
        browser.type("#rw-progress-" + orderId, progress);
        browser.type("#rw-contractor-" + orderId, "X Construction");
        browser.submit("#rework-submit-" + orderId);
    }
}
