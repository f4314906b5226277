package io.propdesk.console.queues;

import com.fasterxml.jackson.databind.JsonNode;
import io.propdesk.console.ConsoleProperties;
import io.propdesk.console.services.Answer;
import io.propdesk.console.services.ServiceApi;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import org.springframework.stereotype.Component;

/**
 * The desk's queues, read from the services as the signed-in person each time a queue page asks: new work orders not
 * yet picked up (dispatch-service), callbacks due (callback-service), open obligations past their due time and those
 * due soon (callback-service's ledger). Each row carries the due time its countdown runs to. The console adds no rule:
 * what is due and when is what the services answer.
 */
@Component
public class Queues {

    /** The tabs, in the order the page shows them. */
    public static final List<String> TABS = List.of("new", "callbacks", "overdue", "soon");

    /** What the desk narrows a queue to; null means any. */
    public record Filter(String estateId, String department, String kind) {

        public Filter {
            estateId = blankToNull(estateId);
            department = blankToNull(department);
            kind = blankToNull(kind);
        }

        boolean admits(String estate, String dept, String k) {
            return (estateId == null || estateId.equals(estate))
                    && (department == null || department.equals(dept))
                    && (kind == null || kind.equals(k));
        }

        private static String blankToNull(String s) {
            return s == null || s.isBlank() ? null : s;
        }
    }

    /**
     * One row: the ticket it is about, where, which department, what kind, what is awaited (a rule id or an order
     * status), who owes it, and the due time of the row's next obligation.
     */
    public record Row(
            String ticketId,
            String estateId,
            String department,
            String kind,
            String what,
            String party,
            Instant dueAt,
            String reference) {}

    /** One tab: its rows, or the service's reason for refusing them to this person. */
    public record Tab(String key, List<Row> rows, Answer.Problem refused) {

        public int count() {
            return rows.size();
        }
    }

    private final ServiceApi services;
    private final OpenObligations obligations;
    private final ConsoleProperties properties;
    private final Clock clock;

    public Queues(ServiceApi services, OpenObligations obligations, ConsoleProperties properties, Clock clock) {
        this.services = services;
        this.obligations = obligations;
        this.properties = properties;
        this.clock = clock;
    }

    /** Every tab, so each shows its count. */
    public Map<String, Tab> read(Filter filter) {
        Instant now = clock.instant();
        Map<String, String> kinds = new HashMap<>();
        Set<String> openTickets = new LinkedHashSet<>();
        Answer tickets = services.get("ticket", query("/api/tickets", "limit", "500", "estateId", filter.estateId()));
        if (tickets.ok()) {
            for (JsonNode t : tickets.body()) {
                kinds.put(t.path("ticketId").asText(), t.path("kind").asText());
                if (!"CLOSED".equals(t.path("status").asText())) {
                    openTickets.add(t.path("ticketId").asText());
                }
            }
        }
        OpenObligations.Result open = obligations.list(filter.estateId(), openTickets);
        Map<String, Instant> nextDue = new HashMap<>();
        Map<String, OpenObligations.Row> callbackObligation = new HashMap<>();
        for (OpenObligations.Row o : open.rows()) {
            if (o.ticketId() != null && o.dueAt() != null) {
                nextDue.merge(o.ticketId(), o.dueAt(), (a, b) -> a.isBefore(b) ? a : b);
            }
            if (o.callbackId() != null) {
                callbackObligation.put(o.callbackId(), o);
            }
        }

        Map<String, Tab> tabs = new LinkedHashMap<>();
        tabs.put("new", newOrders(filter, nextDue));
        tabs.put("callbacks", callbacks(filter, kinds, callbackObligation));
        tabs.put(
                "overdue",
                obligationTab(
                        "overdue",
                        open,
                        filter,
                        kinds,
                        o -> o.dueAt() != null && o.dueAt().isBefore(now)));
        tabs.put(
                "soon",
                obligationTab(
                        "soon",
                        open,
                        filter,
                        kinds,
                        o -> o.dueAt() != null
                                && !o.dueAt().isBefore(now)
                                && o.dueAt().isBefore(now.plus(properties.dueSoon(o.rule())))));
        return tabs;
    }

    private Tab newOrders(Filter filter, Map<String, Instant> nextDue) {
        Answer orders = services.get(
                "dispatch",
                query("/api/orders", "status", "DISPATCHED", "limit", "500", "department", filter.department()));
        if (!orders.ok()) {
            return new Tab("new", List.of(), orders.problem());
        }
        List<Row> rows = new ArrayList<>();
        for (JsonNode o : orders.body()) {
            String ticketId = o.path("ticketId").asText();
            if (filter.admits(
                    o.path("estateId").asText(),
                    o.path("department").asText(),
                    o.path("kind").asText())) {
                rows.add(new Row(
                        ticketId,
                        o.path("estateId").asText(),
                        o.path("department").asText(),
                        o.path("kind").asText(),
                        o.path("status").asText(),
                        o.path("assignee").asText(null),
                        nextDue.get(ticketId),
                        o.path("orderId").asText()));
            }
        }
        rows.sort(BY_DUE);
        return new Tab("new", rows, null);
    }

    /** The callbacks due; their estate and department from the ledger's obligation of the same callback (R5, H5). */
    private Tab callbacks(Filter filter, Map<String, String> kinds, Map<String, OpenObligations.Row> obligations) {
        Answer callbacks = services.get(
                "callback", query("/api/callbacks", "status", "due", "limit", "500", "estateId", filter.estateId()));
        if (!callbacks.ok()) {
            return new Tab("callbacks", List.of(), callbacks.problem());
        }
        List<Row> rows = new ArrayList<>();
        for (JsonNode c : callbacks.body()) {
            String ticketId = c.path("ticketId").asText();
            String kind = c.path("kind").asText(kinds.get(ticketId));
            OpenObligations.Row obligation =
                    obligations.get(c.path("callbackId").asText());
            String department = obligation == null ? null : obligation.department();
            // the callbacks list names no estate; the service narrowed it to the estate asked for
            String estateId = obligation != null ? obligation.estateId() : filter.estateId();
            if (filter.admits(filter.estateId() != null ? filter.estateId() : estateId, department, kind)) {
                rows.add(new Row(
                        ticketId,
                        estateId,
                        department,
                        kind,
                        "callback",
                        c.path("acceptor").asText(null),
                        OpenObligations.instant(c.path("dueAt").asText(null)),
                        c.path("callbackId").asText()));
            }
        }
        rows.sort(BY_DUE);
        return new Tab("callbacks", rows, null);
    }

    private static Tab obligationTab(
            String key,
            OpenObligations.Result open,
            Filter filter,
            Map<String, String> kinds,
            Predicate<OpenObligations.Row> in) {
        if (open.refused() != null) {
            return new Tab(key, List.of(), open.refused());
        }
        List<Row> rows = open.rows().stream()
                .filter(in)
                .filter(o -> filter.admits(o.estateId(), o.department(), kinds.get(o.ticketId())))
                .map(o -> new Row(
                        o.ticketId(),
                        o.estateId(),
                        o.department(),
                        kinds.get(o.ticketId()),
                        o.rule(),
                        o.party(),
                        o.dueAt(),
                        o.obligationId()))
                .sorted(BY_DUE)
                .toList();
        return new Tab(key, rows, null);
    }

    private static final Comparator<Row> BY_DUE =
            Comparator.comparing(Row::dueAt, Comparator.nullsLast(Comparator.naturalOrder()));

    private static String query(String path, String... namesAndValues) {
        return io.propdesk.console.services.Paths.query(path, namesAndValues);
    }
}
