package io.propdesk.console.management;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.propdesk.console.services.Answer;
import io.propdesk.console.services.Paths;
import io.propdesk.console.services.ServiceApi;
import io.propdesk.console.web.Times;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.springframework.context.MessageSource;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * Screen 6, SLA (managers): callback-service's compliance figures of a period by estate, department, steward and rule,
 * as bars per group, a line of compliance over the period (one figure per day, or per week for a period over 31 days)
 * and tables of the same numbers; the what-if under other rules beside the recorded figures; the tables as a CSV
 * file. The charts are drawn by {@code /js/sla-charts.js} from the page's data attributes (no inline script).
 */
@Controller
public class SlaController {

    /** The groupings the service offers, in the order the page shows them. */
    public static final List<String> GROUPINGS = List.of("estate", "department", "steward", "rule");

    /** The longest period the screen reads: the what-if's own limit. */
    static final long LONGEST_DAYS = 366;

    /** Up to this many days the line has a point a day, beyond it a point a week. */
    static final long DAILY_UP_TO = 31;

    public record Figures(
            String key,
            String label,
            long due,
            long met,
            long breached,
            Double compliancePercent,
            long returnedRepairs,
            long completedRepairCallbacks,
            Double repairCallbackRate) {}

    /** One grouping's figures and the data its bar chart is drawn from. */
    public record Grouping(String name, List<Figures> groups, Figures total, String chartData) {}

    /** One point of the line: the bucket's first day, and its figures (compliance null: nothing came due). */
    public record Point(LocalDate day, long due, long met, long breached, Double compliancePercent) {}

    private final ServiceApi services;
    private final Times times;
    private final ObjectMapper json;
    private final MessageSource messages;

    public SlaController(ServiceApi services, Times times, ObjectMapper json, MessageSource messages) {
        this.services = services;
        this.times = times;
        this.json = json;
        this.messages = messages;
    }

    @GetMapping("/sla")
    String sla(
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate from,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate to,
            Model model,
            Locale locale) {
        page(from, to, model, locale);
        return "sla";
    }

    /** The what-if: the same period under other rules, beside the recorded figures. */
    @PostMapping("/sla/what-if")
    String whatIf(
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate from,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate to,
            @RequestParam(defaultValue = "rule") String groupBy,
            @RequestParam(required = false) Integer replyEveryHours,
            @RequestParam(required = false) String replyClock,
            @RequestParam(required = false) String callbackDue,
            Model model,
            Locale locale) {
        Period period = page(from, to, model, locale);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("from", period.start().toString());
        body.put("to", period.end().toString());
        body.put("groupBy", groupBy);
        body.put("replyEveryHours", replyEveryHours);
        body.put("replyClock", blankToNull(replyClock));
        body.put("callbackDue", blankToNull(callbackDue));
        Answer answer = services.post("callback", "/api/sla/what-if", body);
        model.addAttribute("whatIfGroupBy", groupBy);
        model.addAttribute("whatIfReplyEveryHours", replyEveryHours);
        model.addAttribute("whatIfReplyClock", replyClock);
        model.addAttribute("whatIfCallbackDue", callbackDue);
        if (!answer.ok()) {
            model.addAttribute("whatIfProblem", answer.problem());
            return "sla";
        }
        List<Figures> recorded = figures(answer.body().path("recorded").path("groups"), groupBy, locale);
        List<Figures> simulated = figures(answer.body().path("whatIf").path("groups"), groupBy, locale);
        Map<String, Figures[]> rows = new LinkedHashMap<>();
        recorded.forEach(f -> rows.computeIfAbsent(f.key(), k -> new Figures[2])[0] = f);
        simulated.forEach(f -> rows.computeIfAbsent(f.key(), k -> new Figures[2])[1] = f);
        model.addAttribute("whatIfRows", rows);
        model.addAttribute("whatIfTotals", new Figures[] {
            figure(answer.body().path("recorded").path("total"), groupBy, locale),
            figure(answer.body().path("whatIf").path("total"), groupBy, locale)
        });
        model.addAttribute(
                "whatIfReplayed", answer.body().path("ticketsReplayed").asInt());
        return "sla";
    }

    /** The tables of the page as a spreadsheet reads them: UTF-8 with a byte-order mark, labels in the page's language. */
    @GetMapping("/sla/export.csv")
    ResponseEntity<byte[]> csv(
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate from,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate to,
            Locale locale) {
        Period period = period(from, to);
        if (period.problem() != null) {
            return ResponseEntity.badRequest()
                    .contentType(MediaType.TEXT_PLAIN)
                    .body(message(period.problem(), locale).getBytes(StandardCharsets.UTF_8));
        }
        List<Grouping> groupings = new ArrayList<>();
        for (String name : GROUPINGS) {
            Answer answer = services.get("callback", compliance(period, name));
            if (!answer.ok()) {
                Answer.Problem problem = answer.problem();
                return ResponseEntity.status(problem.status() == 0 ? 503 : problem.status())
                        .contentType(MediaType.TEXT_PLAIN)
                        .body(((problem.rule() == null ? "" : problem.rule() + " ") + problem.message())
                                .getBytes(StandardCharsets.UTF_8));
            }
            groupings.add(grouping(name, answer.body(), locale));
        }
        String csv = ComplianceCsv.write(
                groupings,
                List.of(
                        message("sla.col.grouping", locale),
                        message("sla.col.group", locale),
                        message("sla.col.due", locale),
                        message("sla.col.met", locale),
                        message("sla.col.breached", locale),
                        message("sla.col.compliance", locale),
                        message("sla.col.returnedRepairs", locale),
                        message("sla.col.completedCallbacks", locale),
                        message("sla.col.callbackRate", locale)),
                name -> message("sla.by." + name, locale));
        return ResponseEntity.ok()
                .header(
                        HttpHeaders.CONTENT_DISPOSITION,
                        ContentDisposition.attachment()
                                .filename("sla-" + period.from() + "-" + period.to() + ".csv")
                                .build()
                                .toString())
                .contentType(new MediaType("text", "csv", StandardCharsets.UTF_8))
                .body(ComplianceCsv.withByteOrderMark(csv));
    }

    /** The period asked for (default: the last 7 days, today included), in the console's zone, whole days. */
    record Period(LocalDate from, LocalDate to, Instant start, Instant end, String problem) {}

    private Period period(LocalDate from, LocalDate to) {
        ZoneId zone = times.zoneOf(null);
        LocalDate today = times.now().atZone(zone).toLocalDate();
        LocalDate last = to != null ? to : today;
        LocalDate first = from != null ? from : last.minusDays(6);
        String problem = null;
        if (last.isBefore(first)) {
            problem = "sla.period.reversed";
            first = last;
        } else if (ChronoUnit.DAYS.between(first, last) >= LONGEST_DAYS) {
            problem = "sla.period.tooLong";
            first = last.minusDays(LONGEST_DAYS - 1);
        }
        return new Period(
                first,
                last,
                first.atStartOfDay(zone).toInstant(),
                last.plusDays(1).atStartOfDay(zone).toInstant(),
                problem);
    }

    private Period page(LocalDate from, LocalDate to, Model model, Locale locale) {
        Period period = period(from, to);
        model.addAttribute("from", period.from());
        model.addAttribute("to", period.to());
        model.addAttribute("zone", times.zoneOf(null));
        model.addAttribute("groupings", GROUPINGS);
        model.addAttribute("replyClocks", List.of("WORKING_HOURS", "WALL_CLOCK"));
        model.addAttribute("callbackDues", List.of("SAME_WORKING_DAY", "NEXT_WORKING_DAY"));
        if (period.problem() != null) {
            model.addAttribute("periodProblem", period.problem());
            return period;
        }
        List<Grouping> groupings = new ArrayList<>();
        for (String name : GROUPINGS) {
            Answer answer = services.get("callback", compliance(period, name));
            if (!answer.ok()) {
                model.addAttribute("refused", answer.problem());
                return period;
            }
            groupings.add(grouping(name, answer.body(), locale));
        }
        model.addAttribute("reports", groupings);
        List<Point> line = line(period);
        if (line == null) {
            return period;
        }
        model.addAttribute("line", line);
        model.addAttribute(
                "lineData",
                write(Map.of(
                        "days", line.stream().map(p -> p.day().toString()).toList(),
                        "compliance",
                                line.stream().map(Point::compliancePercent).toList(),
                        "due", line.stream().map(Point::due).toList(),
                        "breached", line.stream().map(Point::breached).toList())));
        return period;
    }

    /** The line over the period: the total of each day (or week), asked of the service bucket by bucket. */
    private List<Point> line(Period period) {
        ZoneId zone = times.zoneOf(null);
        long days = ChronoUnit.DAYS.between(period.from(), period.to()) + 1;
        int step = days <= DAILY_UP_TO ? 1 : 7;
        List<Point> points = new ArrayList<>();
        for (LocalDate day = period.from(); !day.isAfter(period.to()); day = day.plusDays(step)) {
            LocalDate next = day.plusDays(step);
            if (next.isAfter(period.to().plusDays(1))) {
                next = period.to().plusDays(1);
            }
            Answer answer = services.get(
                    "callback",
                    Paths.query(
                            "/api/sla/compliance",
                            "from",
                            day.atStartOfDay(zone).toInstant().toString(),
                            "to",
                            next.atStartOfDay(zone).toInstant().toString(),
                            "groupBy",
                            "rule"));
            if (!answer.ok()) {
                return null;
            }
            JsonNode total = answer.body().path("total");
            points.add(new Point(
                    day,
                    total.path("due").asLong(),
                    total.path("met").asLong(),
                    total.path("breached").asLong(),
                    percent(total.path("compliancePercent"))));
        }
        return points;
    }

    private static String compliance(Period period, String groupBy) {
        return Paths.query(
                "/api/sla/compliance",
                "from",
                period.start().toString(),
                "to",
                period.end().toString(),
                "groupBy",
                groupBy);
    }

    private Grouping grouping(String name, JsonNode report, Locale locale) {
        List<Figures> groups = figures(report.path("groups"), name, locale);
        Map<String, Object> chart = new LinkedHashMap<>();
        chart.put("keys", groups.stream().map(Figures::key).toList());
        chart.put("labels", groups.stream().map(Figures::label).toList());
        chart.put("met", groups.stream().map(Figures::met).toList());
        chart.put("breached", groups.stream().map(Figures::breached).toList());
        chart.put("compliance", groups.stream().map(Figures::compliancePercent).toList());
        return new Grouping(name, groups, figure(report.path("total"), name, locale), write(chart));
    }

    private List<Figures> figures(JsonNode groups, String groupBy, Locale locale) {
        List<Figures> figures = new ArrayList<>();
        groups.forEach(g -> figures.add(figure(g, groupBy, locale)));
        return figures;
    }

    private Figures figure(JsonNode g, String groupBy, Locale locale) {
        String key = g.path("key").asText();
        return new Figures(
                key,
                label(groupBy, key, locale),
                g.path("due").asLong(),
                g.path("met").asLong(),
                g.path("breached").asLong(),
                percent(g.path("compliancePercent")),
                g.path("returnedRepairs").asLong(),
                g.path("completedRepairCallbacks").asLong(),
                percent(g.path("repairCallbackRate")));
    }

    /** A department by its name in the page's language; the total and an unnamed group by theirs; others as keyed. */
    private String label(String groupBy, String key, Locale locale) {
        String code = switch (key) {
            case "TOTAL" -> "sla.total";
            case "NONE" -> "sla.none";
            case "FRONT_DESK" -> "sla.frontDesk";
            default -> "department".equals(groupBy) ? "department." + key : null;
        };
        return code == null ? key : messages.getMessage(code, null, key, locale);
    }

    private static Double percent(JsonNode node) {
        return node == null || node.isNull() || node.isMissingNode() ? null : node.asDouble();
    }

    private String message(String code, Locale locale) {
        return messages.getMessage(code, null, code, locale);
    }

    private String write(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }
}
