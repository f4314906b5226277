package io.propdesk.console.board;

import com.fasterxml.jackson.databind.JsonNode;
import io.propdesk.console.services.Answer;
import io.propdesk.console.services.CurrentPerson;
import io.propdesk.console.services.Paths;
import io.propdesk.console.services.ServiceApi;
import io.propdesk.console.web.Times;
import io.propdesk.contracts.Department;
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
 * Screen 4, the department board: a department's work orders by status, as dispatch-service lets the signed-in person
 * see them (a department user only its own), with the next step of each order: pick up, start, complete, return to
 * the front desk. The service decides whether the step may be taken now (R7: not before the quote is accepted, ...).
 */
@Controller
public class BoardController {

    /** The board's columns, in the order work moves through them. */
    public static final List<String> COLUMNS = List.of("DISPATCHED", "PICKED_UP", "STARTED", "COMPLETED", "RETURNED");

    /** The next step of an order in each column: the path segment of dispatch-service's endpoint. */
    static final Map<String, String> NEXT =
            Map.of("DISPATCHED", "pickup", "PICKED_UP", "start", "STARTED", "complete", "COMPLETED", "return");

    /** One card: the order and the step it waits for (null: none on this board). */
    public record Card(
            String orderId,
            String ticketId,
            String estateId,
            String unitId,
            String kind,
            String department,
            boolean paid,
            String assignee,
            String serviceTime,
            boolean lateUnexplained,
            String next) {}

    private final ServiceApi services;
    private final CurrentPerson person;
    private final Times times;

    public BoardController(ServiceApi services, CurrentPerson person, Times times) {
        this.services = services;
        this.person = person;
        this.times = times;
    }

    @GetMapping("/board")
    String board(@RequestParam(required = false) String department, Model model) {
        Answer orders = services.get("dispatch", Paths.query("/api/orders", "department", department, "limit", "500"));
        Map<String, List<Card>> columns = new LinkedHashMap<>();
        COLUMNS.forEach(c -> columns.put(c, new ArrayList<>()));
        if (orders.ok()) {
            for (JsonNode o : orders.body()) {
                String status = o.path("status").asText();
                List<Card> column = columns.get(status);
                if (column != null) {
                    column.add(new Card(
                            o.path("orderId").asText(),
                            o.path("ticketId").asText(null),
                            o.path("estateId").asText(null),
                            o.path("unitId").asText(null),
                            o.path("kind").asText(null),
                            o.path("department").asText(null),
                            o.path("paid").asBoolean(),
                            o.path("assignee").asText(null),
                            o.path("serviceTime").asText(null),
                            o.path("lateUnexplained").asBoolean(),
                            NEXT.get(status)));
                }
            }
        } else {
            model.addAttribute("refused", orders.problem());
        }
        model.addAttribute("columns", columns);
        model.addAttribute("department", department);
        model.addAttribute("departments", Department.values());
        model.addAttribute("today", times.now().atZone(times.zoneOf(null)).toLocalDate());
        return "board";
    }

    /** R6: the rework liaison's report of one day's progress, sent as the signed-in person. */
    @PostMapping("/board/orders/{orderId}/rework-reports")
    String reworkReport(
            @PathVariable String orderId,
            @RequestParam String date,
            @RequestParam String progress,
            @RequestParam String contractor,
            @RequestParam(defaultValue = "false") boolean resolved,
            @RequestParam(required = false) String department,
            RedirectAttributes redirect) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("date", date);
        body.put("progress", progress);
        body.put("contractor", contractor);
        body.put("reportedBy", person.user().username());
        body.put("resolved", resolved);
        Answer answer = services.post("dispatch", "/api/orders/" + Paths.segment(orderId) + "/rework-reports", body);
        if (answer.ok()) {
            redirect.addFlashAttribute("notice", "board.done.rework");
            redirect.addFlashAttribute("noticeOrder", orderId);
        } else {
            redirect.addFlashAttribute("actionProblem", answer.problem());
        }
        return department == null || department.isBlank()
                ? "redirect:/board"
                : "redirect:" + Paths.query("/board", "department", department);
    }

    /**
     * One step of an order, taken by the order's assignee where it has one (the team leader the order was dispatched
     * to), else by the signed-in person.
     */
    @PostMapping("/board/orders/{orderId}/{step}")
    String step(
            @PathVariable String orderId,
            @PathVariable String step,
            @RequestParam(required = false) String by,
            @RequestParam(required = false) String department,
            RedirectAttributes redirect) {
        String who = by != null && !by.isBlank() ? by : person.user().username();
        Map<String, Object> body = new LinkedHashMap<>();
        switch (step) {
            case "pickup" -> body.put("pickedUpBy", who);
            case "start" -> body.put("startedBy", who);
            case "complete" -> body.put("completedBy", who);
            case "return" -> body.put("returnedBy", who);
            default -> {
                return "redirect:/board";
            }
        }
        Answer answer = services.post("dispatch", "/api/orders/" + Paths.segment(orderId) + "/" + step, body);
        if (answer.ok()) {
            redirect.addFlashAttribute("notice", "board.done." + step);
            redirect.addFlashAttribute("noticeOrder", orderId);
        } else {
            redirect.addFlashAttribute("actionProblem", answer.problem());
        }
        return department == null || department.isBlank()
                ? "redirect:/board"
                : "redirect:" + Paths.query("/board", "department", department);
    }
}
