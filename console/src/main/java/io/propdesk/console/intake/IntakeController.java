package io.propdesk.console.intake;

import io.propdesk.console.services.Answer;
import io.propdesk.console.services.CurrentPerson;
import io.propdesk.console.services.EstateDirectory;
import io.propdesk.console.services.ServiceApi;
import io.propdesk.console.web.Times;
import io.propdesk.contracts.Severity;
import io.propdesk.contracts.TicketKind;
import java.time.LocalDateTime;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * Screen 2, intake: opened from the phone system's screen pop ({@code /intake?number=&callId=}), pre-filled from the
 * caller lookup where there is one, with the estate directory's estates and units to pick from. The ticket is opened
 * by ticket-service ({@code POST /api/tickets}); its 400 answer's reasons are shown beside the fields they name, and the
 * same call id answers the ticket it opened before (R1).
 */
@Controller
public class IntakeController {

    private final ServiceApi services;
    private final EstateDirectory directory;
    private final CallerLookup lookup;
    private final CurrentPerson person;
    private final Times times;

    public IntakeController(
            ServiceApi services, EstateDirectory directory, CallerLookup lookup, CurrentPerson person, Times times) {
        this.services = services;
        this.directory = directory;
        this.lookup = lookup;
        this.person = person;
        this.times = times;
    }

    @GetMapping("/intake")
    String form(
            @RequestParam(required = false) String number,
            @RequestParam(required = false) String callId,
            @RequestParam(required = false) String estateId,
            @RequestParam(required = false) String ownerId,
            Model model) {
        IntakeForm form = new IntakeForm();
        form.setCallId(callId != null && !callId.isBlank() ? callId : "desk-" + UUID.randomUUID());
        form.setCallerPhone(number);
        form.setAcceptor(person.user().username());
        form.setKind(TicketKind.REPAIR.name());
        // the owner the desk picked among several matches (or the first) fills the form
        CallerLookup.Result found = lookup.lookUp(number, ownerId);
        if (found.chosen() != null) {
            form.setEstateId(found.chosen().estateId());
            form.setUnitId(found.chosen().unitId());
            form.setCallerName(found.chosen().ownerName());
        }
        if (estateId != null && !estateId.isBlank()) {
            form.setEstateId(estateId);
        }
        model.addAttribute("lookup", found);
        return show(form, Map.of(), null, model);
    }

    /** The unit picker of one estate (htmx swaps it in when the estate changes). */
    @GetMapping("/intake/units")
    String units(@RequestParam String estateId, Model model) {
        IntakeForm form = new IntakeForm();
        form.setEstateId(estateId);
        model.addAttribute("form", form);
        model.addAttribute("estates", directory.estates());
        model.addAttribute("errors", Map.of());
        return "intake :: units";
    }

    @PostMapping("/intake")
    String open(@ModelAttribute("form") IntakeForm form, Model model, RedirectAttributes redirect) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("callId", form.getCallId());
        body.put("estateId", form.getEstateId());
        body.put("unitId", form.getUnitId());
        body.put("kind", blankToNull(form.getKind()));
        body.put("paid", form.isPaid());
        body.put("severity", blankToNull(form.getSeverity()));
        body.put("description", form.getDescription());
        body.put("callerName", form.getCallerName());
        body.put("callerPhone", form.getCallerPhone());
        body.put("acceptor", form.getAcceptor());
        Map<String, String> localErrors = new LinkedHashMap<>();
        String serviceTime = blankToNull(form.getServiceTime());
        if (serviceTime != null) {
            try {
                body.put(
                        "serviceTime",
                        LocalDateTime.parse(serviceTime)
                                .atZone(times.zoneOf(form.getEstateId()))
                                .toInstant()
                                .toString());
            } catch (DateTimeParseException e) {
                localErrors.put("serviceTime", "yyyy-MM-ddTHH:mm");
            }
        }
        if (!localErrors.isEmpty()) {
            return show(form, localErrors, null, model);
        }
        Answer answer = services.post("ticket", "/api/tickets", body);
        if (answer.ok()) {
            redirect.addFlashAttribute("notice", answer.status() == 201 ? "intake.opened" : "intake.sameCall");
            return "redirect:/tickets/" + answer.text("ticketId");
        }
        Answer.Problem problem = answer.problem();
        return show(form, problem.errors(), problem.errors().isEmpty() ? problem : null, model);
    }

    private String show(IntakeForm form, Map<String, String> errors, Answer.Problem problem, Model model) {
        List<EstateDirectory.Estate> estates = directory.estates();
        if (form.getEstateId() == null && !estates.isEmpty()) {
            form.setEstateId(estates.get(0).estateId());
        }
        model.addAttribute("form", form);
        model.addAttribute("estates", estates);
        model.addAttribute("kinds", TicketKind.values());
        model.addAttribute("severities", Severity.values());
        model.addAttribute("errors", errors);
        model.addAttribute("problem", problem);
        if (!model.containsAttribute("lookup")) {
            model.addAttribute("lookup", CallerLookup.Result.none());
        }
        return "intake";
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }
}
