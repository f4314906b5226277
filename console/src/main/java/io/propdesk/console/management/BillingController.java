package io.propdesk.console.management;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.propdesk.console.services.Answer;
import io.propdesk.console.services.CurrentPerson;
import io.propdesk.console.services.Paths;
import io.propdesk.console.services.ServiceApi;
import io.propdesk.console.web.Times;
import io.propdesk.contracts.Department;
import jakarta.servlet.http.HttpSession;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * Screen 7, billing: a department's price list in force and its next version (P1), a quote by its id with the owner's
 * answer (R7), the department's register of a month (H7), the month close (H8) and a customer's statement of a month
 * (H7). Each part is read and changed through billing- and dispatch-service as the signed-in person; the forms that
 * change something are shown to those the services admit, and a refusal shows the service's rule and words.
 */
@Controller
public class BillingController {

    private final ServiceApi services;
    private final CurrentPerson person;
    private final ScreenAccess access;
    private final Times times;
    private final ObjectMapper json;

    public BillingController(
            ServiceApi services, CurrentPerson person, ScreenAccess access, Times times, ObjectMapper json) {
        this.services = services;
        this.person = person;
        this.access = access;
        this.times = times;
        this.json = json;
    }

    @GetMapping("/billing")
    String billing(
            @RequestParam(required = false) Department department,
            @RequestParam(required = false) String month,
            @RequestParam(required = false) String customerId,
            @RequestParam(required = false) String quoteId,
            HttpSession session,
            Model model) {
        Department dept = department == null ? Department.ENGINEERING : department;
        String yearMonth = month == null || month.isBlank() ? currentMonth() : month.trim();
        model.addAttribute("departments", Department.values());
        model.addAttribute("department", dept);
        model.addAttribute("month", yearMonth);
        model.addAttribute("customerId", customerId);
        model.addAttribute("quoteId", quoteId);
        model.addAttribute("mayPublish", access.may(session, "publishPrices"));
        model.addAttribute("mayClose", access.may(session, "closeMonth"));
        model.addAttribute("user", person.user().username());

        Answer prices = services.get("billing", "/api/price-lists/" + Paths.segment(dept.name()));
        if (prices.ok()) {
            model.addAttribute("priceList", map(prices.body()));
            if (!model.containsAttribute("itemsText")) {
                model.addAttribute(
                        "itemsText", PriceListText.write(prices.body().path("items")));
            }
        } else if (prices.status() != 404) {
            model.addAttribute("pricesProblem", prices.problem());
        }
        if (!model.containsAttribute("effectiveFrom")) {
            model.addAttribute(
                    "effectiveFrom",
                    times.now().atZone(times.zoneOf(null)).toLocalDate().toString());
        }

        Answer register = services.get(
                "dispatch", "/api/registers/" + Paths.segment(dept.name()) + "/" + Paths.segment(yearMonth));
        if (register.ok()) {
            model.addAttribute("register", map(register.body()));
        } else {
            model.addAttribute("registerProblem", register.problem());
        }

        if (customerId != null && !customerId.isBlank()) {
            Answer statement = services.get(
                    "billing", "/api/statements/" + Paths.segment(customerId) + "/" + Paths.segment(yearMonth));
            if (statement.ok()) {
                model.addAttribute("statement", map(statement.body()));
            } else {
                model.addAttribute("statementProblem", statement.problem());
            }
        }
        if (quoteId != null && !quoteId.isBlank()) {
            Answer quote = services.get("billing", "/api/quotes/" + Paths.segment(quoteId));
            if (quote.ok()) {
                model.addAttribute("quote", map(quote.body()));
            } else {
                model.addAttribute("quoteProblem", quote.problem());
            }
        }
        return "billing";
    }

    /** P1: the department's next price list version, one item a line ({@code code | name | unit | price}). */
    @PostMapping("/billing/price-lists/{department}")
    String publish(
            @PathVariable Department department,
            @RequestParam String effectiveFrom,
            @RequestParam String items,
            @RequestParam(required = false) String month,
            RedirectAttributes redirect) {
        String back = Paths.query("/billing", "department", department.name(), "month", month);
        PriceListText.Parsed parsed = PriceListText.read(items);
        if (parsed.badLine() > 0) {
            redirect.addFlashAttribute("itemsError", parsed.badLine());
            redirect.addFlashAttribute("itemsText", items);
            redirect.addFlashAttribute("effectiveFrom", effectiveFrom);
            return "redirect:" + back;
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("effectiveFrom", effectiveFrom);
        body.put("items", parsed.items());
        body.put("publishedBy", person.user().username());
        Answer answer = services.put("billing", "/api/price-lists/" + Paths.segment(department.name()), body);
        if (answer.ok()) {
            redirect.addFlashAttribute("notice", "billing.done.published");
            redirect.addFlashAttribute(
                    "noticeArg", answer.body().path("version").asText());
        } else {
            redirect.addFlashAttribute("actionProblem", answer.problem());
            redirect.addFlashAttribute("itemsText", items);
            redirect.addFlashAttribute("effectiveFrom", effectiveFrom);
        }
        return "redirect:" + back;
    }

    /** H8: the month's registers are archived and billing issues the statements. */
    @PostMapping("/billing/months/{month}/close")
    String close(
            @PathVariable String month,
            @RequestParam(required = false) Department department,
            RedirectAttributes redirect) {
        Answer answer = services.post(
                "dispatch",
                "/api/months/" + Paths.segment(month) + "/close",
                Map.of("closedBy", person.user().username()));
        if (answer.ok()) {
            redirect.addFlashAttribute("notice", "billing.done.closed");
            redirect.addFlashAttribute(
                    "noticeArg", answer.body().path("orderCount").asText());
        } else {
            redirect.addFlashAttribute("actionProblem", answer.problem());
        }
        return "redirect:"
                + Paths.query("/billing", "department", department == null ? null : department.name(), "month", month);
    }

    /** R7: the owner accepted the fee a named person explained. */
    @PostMapping("/billing/quotes/{quoteId}/accept")
    String accept(@PathVariable String quoteId, @RequestParam String explainedBy, RedirectAttributes redirect) {
        return answer(quoteId, "accept", Map.of("explainedBy", explainedBy), "billing.done.accepted", redirect);
    }

    /** R7: the owner declined the fee; dispatch-service cancels the order. */
    @PostMapping("/billing/quotes/{quoteId}/decline")
    String decline(@PathVariable String quoteId, @RequestParam String reason, RedirectAttributes redirect) {
        return answer(quoteId, "decline", Map.of("reason", reason), "billing.done.declined", redirect);
    }

    private String answer(
            String quoteId, String step, Map<String, Object> body, String done, RedirectAttributes redirect) {
        Answer answer = services.post("billing", "/api/quotes/" + Paths.segment(quoteId) + "/" + step, body);
        if (answer.ok()) {
            redirect.addFlashAttribute("notice", done);
            redirect.addFlashAttribute("noticeArg", quoteId);
        } else {
            redirect.addFlashAttribute("actionProblem", answer.problem());
        }
        return "redirect:" + Paths.query("/billing", "quoteId", quoteId);
    }

    private String currentMonth() {
        return YearMonth.from(times.now().atZone(times.zoneOf(null))).toString();
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> map(JsonNode node) {
        return json.convertValue(node, Map.class);
    }

    /** A price list as people edit it in a text area: one item a line, its fields separated by {@code |}. */
    static final class PriceListText {

        /** @param badLine the first line that is not {@code code | name | unit | price}, or 0 */
        record Parsed(List<Map<String, Object>> items, int badLine) {}

        private PriceListText() {}

        static String write(JsonNode items) {
            StringBuilder text = new StringBuilder();
            for (JsonNode i : items) {
                text.append(i.path("code").asText())
                        .append(" | ")
                        .append(i.path("name").asText())
                        .append(" | ")
                        .append(i.path("unit").asText())
                        .append(" | ")
                        .append(i.path("price").path("amount").asText())
                        .append('\n');
            }
            return text.toString();
        }

        /** Each non-blank line {@code code | name | unit | price}; the first malformed line is named. */
        static Parsed read(String text) {
            List<Map<String, Object>> items = new ArrayList<>();
            String[] lines = text == null ? new String[0] : text.split("\\R");
            for (int n = 0; n < lines.length; n++) {
                String line = lines[n].trim();
                if (line.isEmpty()) {
                    continue;
                }
                String[] f = line.split("\\|", -1);
                if (f.length != 4) {
                    return new Parsed(List.of(), n + 1);
                }
                String price = f[3].trim();
                try {
                    new java.math.BigDecimal(price);
                } catch (NumberFormatException e) {
                    return new Parsed(List.of(), n + 1);
                }
                Map<String, Object> item = new LinkedHashMap<>();
                item.put("code", f[0].trim());
                item.put("name", f[1].trim());
                item.put("unit", f[2].trim());
                item.put("price", Map.of("amount", price, "currency", "CNY"));
                items.add(item);
            }
            return new Parsed(items, 0);
        }
    }
}
