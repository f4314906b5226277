package io.propdesk.console.handover;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.propdesk.console.services.Answer;
import io.propdesk.console.services.CurrentPerson;
import io.propdesk.console.services.EstateDirectory;
import io.propdesk.console.services.Paths;
import io.propdesk.console.services.ServiceApi;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * Screen 5, the shift handover (C5): what the outgoing shift hands over for an estate, as callback-service sums it up
 * ({@code GET /api/handover?estateId=}): open tickets, steward replies and callbacks due, breaches since the last
 * handover; and the handover recorded ({@code POST /api/handover}).
 */
@Controller
public class HandoverController {

    private final ServiceApi services;
    private final EstateDirectory estates;
    private final CurrentPerson person;
    private final ObjectMapper json;

    public HandoverController(ServiceApi services, EstateDirectory estates, CurrentPerson person, ObjectMapper json) {
        this.services = services;
        this.estates = estates;
        this.person = person;
        this.json = json;
    }

    @GetMapping("/handover")
    String summary(@RequestParam(required = false) String estateId, Model model) {
        List<String> ids = estates.estateIds();
        String estate = estateId != null && !estateId.isBlank() ? estateId : ids.isEmpty() ? null : ids.get(0);
        model.addAttribute("estateIds", ids);
        model.addAttribute("estateId", estate);
        model.addAttribute("handedOverBy", person.user().username());
        if (estate != null) {
            Answer summary = services.get("callback", Paths.query("/api/handover", "estateId", estate));
            if (summary.ok()) {
                model.addAttribute("summary", map(summary.body()));
            } else {
                model.addAttribute("refused", summary.problem());
            }
        }
        return "handover";
    }

    @PostMapping("/handover")
    String handOver(@RequestParam String estateId, @RequestParam String handedOverBy, RedirectAttributes redirect) {
        Answer answer =
                services.post("callback", "/api/handover", Map.of("estateId", estateId, "handedOverBy", handedOverBy));
        if (answer.ok()) {
            redirect.addFlashAttribute("notice", "handover.done");
        } else {
            redirect.addFlashAttribute("actionProblem", answer.problem());
        }
        return "redirect:" + Paths.query("/handover", "estateId", estateId);
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> map(JsonNode node) {
        Map<String, Object> summary = json.convertValue(node, Map.class);
        for (String list : List.of("openTickets", "repliesDue", "callbacksDue", "breaches")) {
            summary.putIfAbsent(list, new ArrayList<>());
        }
        return summary;
    }
}
