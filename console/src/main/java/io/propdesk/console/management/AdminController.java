package io.propdesk.console.management;

import com.fasterxml.jackson.databind.JsonNode;
import io.propdesk.console.services.Answer;
import io.propdesk.console.services.EstateDirectory;
import io.propdesk.console.services.Paths;
import io.propdesk.console.services.ServiceApi;
import io.propdesk.contracts.Department;
import io.propdesk.contracts.dispatch.DispatchMode;
import jakarta.servlet.http.HttpSession;
import java.time.DayOfWeek;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * Screen 8, administration: an estate's whole configuration in ticket-service's directory (calendar, areas, buildings
 * with their stewards and units, hotlines; {@code PUT /api/estates/{id}} replaces it) and a department's team leader
 * per area in dispatch-service ({@code PUT /api/teams/{department}/{areaId}}). Lists are edited as text, one entry a
 * line; ticket- and dispatch-service validate them and their refusals are shown field by field.
 */
@Controller
public class AdminController {

    /** The estate form as posted: the lists one entry a line. */
    public record EstateForm(
            String name,
            String timeZone,
            String workdayStart,
            String workdayEnd,
            List<DayOfWeek> workingDays,
            String holidays,
            Integer paidReturnHours,
            String hotlines,
            String areas,
            String buildings) {

        public EstateForm {
            workingDays = workingDays == null ? List.of() : List.copyOf(workingDays);
        }

        static EstateForm of(JsonNode e) {
            List<DayOfWeek> days = new ArrayList<>();
            e.path("workingDays").forEach(d -> days.add(DayOfWeek.valueOf(d.asText())));
            StringBuilder areas = new StringBuilder();
            e.path("areas")
                    .forEach(a -> areas.append(a.path("areaId").asText())
                            .append(" | ")
                            .append(a.path("name").asText())
                            .append('\n'));
            StringBuilder buildings = new StringBuilder();
            e.path("buildings").forEach(b -> {
                List<String> units = new ArrayList<>();
                b.path("units").forEach(u -> units.add(u.asText()));
                buildings
                        .append(b.path("buildingId").asText())
                        .append(" | ")
                        .append(b.path("areaId").asText())
                        .append(" | ")
                        .append(b.path("name").asText(""))
                        .append(" | ")
                        .append(b.path("stewardId").asText(""))
                        .append(" | ")
                        .append(String.join(" ", units))
                        .append('\n');
            });
            return new EstateForm(
                    e.path("name").asText(""),
                    e.path("timeZone").asText(""),
                    time(e.path("workdayStart").asText("")),
                    time(e.path("workdayEnd").asText("")),
                    days,
                    lines(e.path("holidays")),
                    e.path("paidReturnHours").isMissingNode()
                            ? null
                            : e.path("paidReturnHours").asInt(),
                    lines(e.path("hotlines")),
                    areas.toString(),
                    buildings.toString());
        }

        static EstateForm empty() {
            return new EstateForm(
                    "",
                    "Asia/Shanghai",
                    "08:30",
                    "17:30",
                    Arrays.stream(DayOfWeek.values())
                            .filter(d -> d != DayOfWeek.SUNDAY)
                            .toList(),
                    "",
                    2,
                    "",
                    "",
                    "");
        }

        /** The request body of {@code PUT /api/estates/{id}}; a line that does not parse is sent as the service reads it. */
        Map<String, Object> body() {
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("name", name);
            body.put("timeZone", timeZone);
            body.put("workdayStart", blankToNull(workdayStart));
            body.put("workdayEnd", blankToNull(workdayEnd));
            body.put("workingDays", workingDays);
            body.put("holidays", split(holidays));
            body.put("paidReturnHours", paidReturnHours);
            body.put("hotlines", split(hotlines));
            List<Map<String, Object>> areaList = new ArrayList<>();
            for (String line : split(areas)) {
                String[] f = fields(line, 2);
                areaList.add(map("areaId", f[0], "name", f[1]));
            }
            body.put("areas", areaList);
            List<Map<String, Object>> buildingList = new ArrayList<>();
            for (String line : split(buildings)) {
                String[] f = fields(line, 5);
                Map<String, Object> b = map("buildingId", f[0], "areaId", f[1], "name", blankToNull(f[2]));
                b.put("stewardId", blankToNull(f[3]));
                b.put("units", f[4].isBlank() ? List.of() : List.of(f[4].trim().split("[\\s,]+")));
                buildingList.add(b);
            }
            body.put("buildings", buildingList);
            return body;
        }
    }

    private final ServiceApi services;
    private final EstateDirectory directory;
    private final ScreenAccess access;

    public AdminController(ServiceApi services, EstateDirectory directory, ScreenAccess access) {
        this.services = services;
        this.directory = directory;
        this.access = access;
    }

    @GetMapping("/admin")
    String admin(
            @RequestParam(required = false) String estateId,
            @RequestParam(required = false) Department department,
            HttpSession session,
            Model model) {
        String estate = estateId != null && !estateId.isBlank()
                ? estateId.trim()
                : directory.estateIds().isEmpty() ? "" : directory.estateIds().get(0);
        Department dept = department == null ? Department.ENGINEERING : department;
        model.addAttribute("estateIds", directory.estateIds());
        model.addAttribute("estateId", estate);
        model.addAttribute("department", dept);
        model.addAttribute("departments", Department.values());
        model.addAttribute("modes", DispatchMode.values());
        model.addAttribute("days", DayOfWeek.values());
        model.addAttribute("mayEditEstates", access.may(session, "estates"));
        model.addAttribute("mayEditTeams", access.may(session, "teams"));
        if (!model.containsAttribute("form") && !estate.isEmpty()) {
            Answer answer = services.get("ticket", "/api/estates/" + Paths.segment(estate));
            if (answer.ok()) {
                model.addAttribute("form", EstateForm.of(answer.body()));
                model.addAttribute("configuredAt", answer.text("configuredAt"));
            } else if (answer.status() == 404) {
                model.addAttribute("form", EstateForm.empty());
                model.addAttribute("newEstate", true);
            } else {
                model.addAttribute("estateProblem", answer.problem());
            }
        }
        Answer teams = services.get("dispatch", "/api/teams/" + Paths.segment(dept.name()));
        if (teams.ok()) {
            Map<String, String> leaders = new LinkedHashMap<>();
            teams.body()
                    .path("leaders")
                    .fields()
                    .forEachRemaining(e -> leaders.put(e.getKey(), e.getValue().asText()));
            model.addAttribute("leaders", leaders);
            model.addAttribute("mode", teams.text("mode"));
            model.addAttribute("dispatcher", teams.text("dispatcher"));
        } else {
            model.addAttribute("teamsProblem", teams.problem());
        }
        return "admin";
    }

    @PostMapping("/admin/estates/{estateId}")
    String saveEstate(@PathVariable String estateId, @ModelAttribute EstateForm form, RedirectAttributes redirect) {
        Answer answer = services.put("ticket", "/api/estates/" + Paths.segment(estateId), form.body());
        if (answer.ok()) {
            redirect.addFlashAttribute("notice", "admin.done.estate");
            redirect.addFlashAttribute("noticeArg", estateId);
        } else {
            redirect.addFlashAttribute("actionProblem", answer.problem());
            redirect.addFlashAttribute("form", form); // what was typed, not the stored configuration
        }
        return "redirect:" + Paths.query("/admin", "estateId", estateId);
    }

    @PostMapping("/admin/teams/{department}")
    String saveTeam(
            @PathVariable Department department,
            @RequestParam String areaId,
            @RequestParam String teamLeader,
            @RequestParam(required = false) String dispatcher,
            @RequestParam(required = false) DispatchMode mode,
            @RequestParam(required = false) String estateId,
            RedirectAttributes redirect) {
        Map<String, Object> body = map("teamLeader", teamLeader, "dispatcher", blankToNull(dispatcher));
        body.put("mode", mode);
        Answer answer = services.put(
                "dispatch",
                "/api/teams/" + Paths.segment(department.name()) + "/" + Paths.segment(areaId.trim()),
                body);
        if (answer.ok()) {
            redirect.addFlashAttribute("notice", "admin.done.team");
            redirect.addFlashAttribute("noticeArg", areaId);
        } else {
            redirect.addFlashAttribute("actionProblem", answer.problem());
        }
        return "redirect:" + Paths.query("/admin", "estateId", estateId, "department", department.name());
    }

    private static String time(String value) {
        // 08:30:00 from the service, 08:30 for <input type=time>
        return value.length() >= 5 ? value.substring(0, 5) : value;
    }

    private static String lines(JsonNode list) {
        StringBuilder text = new StringBuilder();
        list.forEach(v -> text.append(v.asText()).append('\n'));
        return text.toString();
    }

    private static List<String> split(String text) {
        if (text == null) {
            return List.of();
        }
        return Arrays.stream(text.split("\\R"))
                .map(String::trim)
                .filter(s -> !s.isEmpty())
                .toList();
    }

    /** Exactly {@code n} fields of a {@code |}-separated line, missing ones blank. */
    private static String[] fields(String line, int n) {
        String[] given = line.split("\\|", -1);
        String[] f = new String[n];
        for (int i = 0; i < n; i++) {
            f[i] = i < given.length ? given[i].trim() : "";
        }
        return f;
    }

    private static Map<String, Object> map(String... namesAndValues) {
        Map<String, Object> map = new LinkedHashMap<>();
        for (int i = 0; i + 1 < namesAndValues.length; i += 2) {
            map.put(namesAndValues[i], namesAndValues[i + 1]);
        }
        return map;
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }
}
