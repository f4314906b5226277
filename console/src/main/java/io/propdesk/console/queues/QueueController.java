package io.propdesk.console.queues;

import io.propdesk.console.services.EstateDirectory;
import io.propdesk.contracts.Department;
import io.propdesk.contracts.TicketKind;
import java.util.Map;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * Screen 1, the desk's home: the queues as tabs with their counts, filters by estate, department, kind and steward, a
 * countdown per row. The page asks again for its live part ({@code /queues/live}) when the console's event stream
 * ({@code /live}) says something changed, and every few seconds as a fallback (htmx polling).
 */
@Controller
public class QueueController {

    private final Queues queues;
    private final EstateDirectory estates;

    public QueueController(Queues queues, EstateDirectory estates) {
        this.queues = queues;
        this.estates = estates;
    }

    @GetMapping("/queues")
    String page(
            @RequestParam(defaultValue = "new") String tab,
            @RequestParam(required = false) String estateId,
            @RequestParam(required = false) String department,
            @RequestParam(required = false) String kind,
            @RequestParam(required = false) String steward,
            Model model) {
        live(tab, estateId, department, kind, steward, model);
        model.addAttribute("estateIds", estates.estateIds());
        model.addAttribute("departments", Department.values());
        model.addAttribute("kinds", TicketKind.values());
        return "queues";
    }

    /** The part that refreshes: the tabs' counts and the chosen tab's rows. */
    @GetMapping("/queues/live")
    String live(
            @RequestParam(defaultValue = "new") String tab,
            @RequestParam(required = false) String estateId,
            @RequestParam(required = false) String department,
            @RequestParam(required = false) String kind,
            @RequestParam(required = false) String steward,
            Model model) {
        Queues.Filter filter = new Queues.Filter(estateId, department, kind, steward);
        String chosen = Queues.TABS.contains(tab) ? tab : "new";
        Map<String, Queues.Tab> tabs = queues.read(filter);
        model.addAttribute("tabs", tabs);
        model.addAttribute("tab", chosen);
        model.addAttribute("current", tabs.get(chosen));
        model.addAttribute("filter", filter);
        return "queues :: live";
    }
}
