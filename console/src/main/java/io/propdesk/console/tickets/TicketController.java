package io.propdesk.console.tickets;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.propdesk.console.services.Answer;
import io.propdesk.console.services.Paths;
import io.propdesk.console.services.ServiceApi;
import io.propdesk.contracts.CallerRole;
import io.propdesk.contracts.Department;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * Screen 3, one ticket ({@code /tickets/{ticketId}}, linked from every queue row): its details, its work order, the
 * whole cross-service timeline (R10), each obligation with its due time and state, its callbacks, and the actions
 * (steward reply, complaint sign-off, late explanation, callback attempt and outcome). Each action is sent to the
 * service that owns it as the signed-in person; a refusal is shown as the service gave it, rule id and text.
 */
@Controller
public class TicketController {

    private final ServiceApi services;
    private final ObjectMapper json;

    public TicketController(ServiceApi services, ObjectMapper json) {
        this.services = services;
        this.json = json;
    }

    @GetMapping("/tickets/{ticketId}")
    String ticket(@PathVariable String ticketId, Model model) {
        String id = Paths.segment(ticketId);
        Answer ticket = services.get("ticket", "/api/tickets/" + id);
        model.addAttribute("ticketId", ticketId);
        if (!ticket.ok()) {
            model.addAttribute("refused", ticket.problem());
            return "ticket";
        }
        model.addAttribute("ticket", map(ticket.body()));
        String estateId = ticket.text("estateId");
        Answer order = services.get("dispatch", "/api/orders/" + Paths.segment("WO-" + ticketId));
        model.addAttribute("order", order.ok() ? map(order.body()) : null);
        List<Map<String, Object>> timeline = rows(services.get("ticket", "/api/tickets/" + id + "/timeline?limit=500"));
        // propdesk.<service>.<Event>.v<n>: the event's name is its label's key
        timeline.forEach(
                e -> e.put("name", String.valueOf(e.get("type")).replaceAll("^.*\\.([A-Za-z]+)\\.v\\d+$", "$1")));
        model.addAttribute("timeline", timeline);
        model.addAttribute(
                "obligations",
                rows(services.get("callback", Paths.query("/api/obligations", "ticketId", ticketId, "limit", "500"))));
        model.addAttribute(
                "callbacks",
                rows(services.get("callback", Paths.query("/api/callbacks", "ticketId", ticketId, "limit", "500"))));
        model.addAttribute("callerRoles", CallerRole.values());
        model.addAttribute("estateId", estateId);
        model.addAttribute("quotes", quotes(timeline));
        model.addAttribute("departments", Department.values());
        if (order.ok() && order.body().path("paid").asBoolean()) {
            Answer prices = services.get(
                    "billing",
                    "/api/price-lists/"
                            + Paths.segment(order.body().path("department").asText()));
            model.addAttribute("priceItems", prices.ok() ? rows(prices.body().path("items")) : List.of());
        }
        return "ticket";
    }

    /**
     * The ticket screen's actions that send the form's fields on as they are: the service each goes to, its path
     * ({@code {ticketId}} and the acted-on callback's or quote's {@code {id}} filled in), the fields sent (blank ones
     * left out; {@code :boolean} and {@code :int} ones typed) and the notice shown when it is done.
     */
    private enum Action {
        // R4: the steward's reply to the front desk
        STEWARD_REPLY(
                "steward-reply",
                "callback",
                "/api/tickets/{ticketId}/steward-replies",
                "ticket.done.reply",
                "stewardId",
                "message",
                "progress"),
        // C3: the steward signs the complaint off
        SIGN_OFF(
                "sign-off", "callback", "/api/tickets/{ticketId}/sign-off", "ticket.done.signOff", "stewardId", "note"),
        // R11: the complaint-book entry of an order returned late
        LATE_EXPLANATION(
                "late-explanation",
                "ticket",
                "/api/tickets/{ticketId}/late-explanations",
                "ticket.done.late",
                "orderId",
                "reason",
                "explainedBy"),
        // C1: the steward routes a complaint to the department that will handle it; its order is opened
        ROUTE("route", "dispatch", "/api/orders", "ticket.done.routed", "ticketId", "department", "routedBy"),
        // R5, H5: a callback attempt and its outcome
        CALLBACK_ATTEMPT(
                "callbacks/attempt",
                "callback",
                "/api/callbacks/{id}/attempts",
                "ticket.done.attempt",
                "callerId",
                "callerRole",
                "note"),
        CALLBACK_COMPLETE(
                "callbacks/complete",
                "callback",
                "/api/callbacks/{id}/complete",
                "ticket.done.callback",
                "callerId",
                "callerRole",
                "comment",
                "satisfied:boolean",
                "rating:int"),
        // R7: the owner accepted the fee that was explained to them (the paid order may start), or declined it
        QUOTE_ACCEPT("quotes/accept", "billing", "/api/quotes/{id}/accept", "ticket.done.quoteAccepted", "explainedBy"),
        QUOTE_DECLINE("quotes/decline", "billing", "/api/quotes/{id}/decline", "ticket.done.quoteDeclined", "reason");

        final String key;
        final String service;
        final String path;
        final String done;
        final List<String> fields;

        Action(String key, String service, String path, String done, String... fields) {
            this.key = key;
            this.service = service;
            this.path = path;
            this.done = done;
            this.fields = List.of(fields);
        }

        static Action named(String key) {
            for (Action a : values()) {
                if (a.key.equals(key)) {
                    return a;
                }
            }
            throw new ResponseStatusException(HttpStatus.NOT_FOUND);
        }

        String path(String ticketId, String id) {
            return path.replace("{ticketId}", Paths.segment(ticketId))
                    .replace("{id}", id == null ? "" : Paths.segment(id));
        }

        /** The fields filled in; the ticket's id from the page's path. A value that is not of its type goes as typed:
         * the service names the field in its refusal. */
        Map<String, Object> body(String ticketId, Map<String, String> form) {
            Map<String, Object> body = new LinkedHashMap<>();
            for (String field : fields) {
                String[] nameAndType = field.split(":");
                String name = nameAndType[0];
                String value = name.equals("ticketId") ? ticketId : form.get(name);
                if (value == null || value.isBlank()) {
                    continue;
                }
                String type = nameAndType.length > 1 ? nameAndType[1] : "text";
                body.put(
                        name,
                        switch (type) {
                            case "boolean" -> Boolean.valueOf(value);
                            case "int" -> value.matches("-?\\d{1,9}") ? (Object) Integer.valueOf(value) : value;
                            default -> value;
                        });
            }
            return body;
        }
    }

    @PostMapping("/tickets/{ticketId}/{action:steward-reply|sign-off|late-explanation|route}")
    String act(
            @PathVariable String ticketId,
            @PathVariable String action,
            @RequestParam Map<String, String> form,
            RedirectAttributes redirect) {
        return act(ticketId, Action.named(action), null, form, redirect);
    }

    @PostMapping("/tickets/{ticketId}/{on:callbacks|quotes}/{id}/{action}")
    String actOn(
            @PathVariable String ticketId,
            @PathVariable String on,
            @PathVariable String id,
            @PathVariable String action,
            @RequestParam Map<String, String> form,
            RedirectAttributes redirect) {
        return act(ticketId, Action.named(on + "/" + action), id, form, redirect);
    }

    /**
     * R7, P2: a quote for the paid order, priced on site by the steward with the department's professional. One line
     * a row: {@code itemCode | quantity} for a price-list item, {@code description | unitPrice | quantity} for a job
     * priced on site.
     */
    @PostMapping("/tickets/{ticketId}/quotes")
    String issueQuote(
            @PathVariable String ticketId,
            @RequestParam String orderId,
            @RequestParam String department,
            @RequestParam String lines,
            @RequestParam String stewardId,
            @RequestParam String professionalId,
            RedirectAttributes redirect) {
        List<Map<String, Object>> quoteLines = new ArrayList<>();
        String[] rows = lines.split("\\R");
        for (int n = 0; n < rows.length; n++) {
            String row = rows[n].trim();
            if (row.isEmpty()) {
                continue;
            }
            String[] f = row.split("\\|", -1);
            Map<String, Object> line = new LinkedHashMap<>();
            try {
                if (f.length == 2) {
                    line.put("itemCode", f[0].trim());
                    line.put("quantity", Integer.valueOf(f[1].trim()));
                } else if (f.length == 3) {
                    line.put("description", f[0].trim());
                    line.put("unitPrice", Map.of("amount", f[1].trim(), "currency", "CNY"));
                    line.put("quantity", Integer.valueOf(f[2].trim()));
                } else {
                    throw new NumberFormatException();
                }
            } catch (NumberFormatException e) {
                redirect.addFlashAttribute("quoteLinesError", n + 1);
                redirect.addFlashAttribute("quoteLines", lines);
                return "redirect:/tickets/" + Paths.segment(ticketId);
            }
            quoteLines.add(line);
        }
        Map<String, Object> body = body("ticketId", ticketId, "orderId", orderId, "department", department);
        body.put("lines", quoteLines);
        body.put("pricedBy", body("stewardId", stewardId, "professionalId", professionalId));
        Answer answer = services.post("billing", "/api/quotes", body);
        if (!answer.ok()) {
            redirect.addFlashAttribute("quoteLines", lines);
        }
        return done(ticketId, answer, "ticket.done.quote", redirect);
    }

    /** The ticket's quotes as billing-service has them now, newest first, found by their QuoteIssued events. */
    private List<Map<String, Object>> quotes(List<Map<String, Object>> timeline) {
        java.util.LinkedHashSet<String> ids = new java.util.LinkedHashSet<>();
        for (Map<String, Object> e : timeline) {
            if ("QuoteIssued".equals(e.get("name")) && e.get("data") instanceof Map<?, ?> data) {
                Object id = data.get("quoteId");
                if (id != null) {
                    ids.add(id.toString());
                }
            }
        }
        List<Map<String, Object>> quotes = new ArrayList<>();
        for (String id : ids) {
            Answer quote = services.get("billing", "/api/quotes/" + Paths.segment(id));
            if (quote.ok()) {
                quotes.add(0, map(quote.body()));
            }
        }
        return quotes;
    }

    /** Sends one action as the signed-in person; back to the ticket with what happened: done, or the service's reason. */
    private String act(
            String ticketId, Action action, String id, Map<String, String> form, RedirectAttributes redirect) {
        Answer answer = services.post(action.service, action.path(ticketId, id), action.body(ticketId, form));
        return done(ticketId, answer, action.done, redirect);
    }

    /** Back to the ticket with what happened: done, or the service's reason. */
    private String done(String ticketId, Answer answer, String done, RedirectAttributes redirect) {
        if (answer.ok()) {
            redirect.addFlashAttribute("notice", done);
        } else {
            redirect.addFlashAttribute("actionProblem", answer.problem());
        }
        return "redirect:/tickets/" + Paths.segment(ticketId);
    }

    /** A JSON body of the text fields that are filled in. */
    private static Map<String, Object> body(String... namesAndValues) {
        Map<String, Object> body = new LinkedHashMap<>();
        for (int i = 0; i + 1 < namesAndValues.length; i += 2) {
            String value = namesAndValues[i + 1];
            if (value != null && !value.isBlank()) {
                body.put(namesAndValues[i], value);
            }
        }
        return body;
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> map(JsonNode node) {
        return json.convertValue(node, Map.class);
    }

    private List<Map<String, Object>> rows(Answer answer) {
        return answer.ok() ? rows(answer.body()) : new ArrayList<>();
    }

    private List<Map<String, Object>> rows(JsonNode list) {
        List<Map<String, Object>> rows = new ArrayList<>();
        if (list.isArray()) {
            list.forEach(row -> rows.add(map(row)));
        }
        return rows;
    }
}
