package io.propdesk.console.queues;

import com.fasterxml.jackson.databind.JsonNode;
import io.propdesk.console.ConsoleProperties;
import io.propdesk.console.services.Answer;
import io.propdesk.console.services.Paths;
import io.propdesk.console.services.ServiceApi;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Predicate;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.security.concurrent.DelegatingSecurityContextExecutor;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;

/**
 * The desk's queues, read from the services as the signed-in person each time a queue page asks: new work orders not
 * yet picked up and complaints their steward has not routed yet (dispatch- and ticket-service, C1); callbacks due;
 * open obligations past their due time and those due soon, missed calls to return (M1) among them; paid orders waiting
 * for their quote's acceptance (open R7 obligations); late orders without their complaint-book entry (R11). Each row
 * carries the due time its countdown runs to. The console adds no rule: what is due and when is what the services
 * answer.
 */
@Component
public class Queues implements DisposableBean {

    /** The tabs, in the order the page shows them. */
    public static final List<String> TABS = List.of("new", "callbacks", "overdue", "soon", "quotes", "late");

    /** A tab lists at most this many rows (its count is all of them): a desk reads the earliest due first. */
    public static final int SHOWN = 100;

    /** What the desk narrows a queue to; null means any. */
    public record Filter(String estateId, String department, String kind, String steward) {

        public Filter {
            estateId = blankToNull(estateId);
            department = blankToNull(department);
            kind = blankToNull(kind);
            steward = blankToNull(steward);
        }

        public Filter(String estateId, String department, String kind) {
            this(estateId, department, kind, null);
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
     * One row: the ticket it is about (or, for a missed call, the call), where, which department, what kind, what is
     * awaited (a rule id or an order status), who owes it, and the due time of the row's next obligation.
     *
     * @param dueNotBefore when the next due time is past what the queue read (the obligations are read earliest due
     *     first, only as far as the due-soon window and its page reach): the due time of the last obligation read,
     *     which it is not before
     */
    public record Row(
            String ticketId,
            String callId,
            String estateId,
            String department,
            String kind,
            String what,
            String party,
            Instant dueAt,
            String reference,
            Instant dueNotBefore) {

        public Row(
                String ticketId,
                String callId,
                String estateId,
                String department,
                String kind,
                String what,
                String party,
                Instant dueAt,
                String reference) {
            this(ticketId, callId, estateId, department, kind, what, party, dueAt, reference, null);
        }
    }

    /** One tab: its first {@link #SHOWN} rows and how many there are, or the service's reason for refusing them. */
    public record Tab(String key, List<Row> rows, Answer.Problem refused, int count) {

        static Tab of(String key, List<Row> all) {
            List<Row> sorted = all.stream().sorted(BY_DUE).toList();
            return new Tab(key, sorted.size() > SHOWN ? sorted.subList(0, SHOWN) : sorted, null, sorted.size());
        }

        static Tab refused(String key, Answer.Problem problem) {
            return new Tab(key, List.of(), problem, 0);
        }

        public boolean truncated() {
            return count > rows.size();
        }
    }

    private final ServiceApi services;
    private final OpenObligations obligations;
    private final ConsoleProperties properties;
    private final Clock clock;

    /** The reads of one page view run side by side; a handful per view, so a small pool serves many desks. */
    private final ExecutorService pool = Executors.newFixedThreadPool(8, r -> {
        Thread t = new Thread(r, "console-queue-read");
        t.setDaemon(true);
        return t;
    });

    public Queues(ServiceApi services, OpenObligations obligations, ConsoleProperties properties, Clock clock) {
        this.services = services;
        this.obligations = obligations;
        this.properties = properties;
        this.clock = clock;
    }

    /**
     * Every tab, so each shows its count. The services' lists are asked for at the same time (as the signed-in
     * person: the security context goes with each read), then the tabs are put together.
     */
    public Map<String, Tab> read(Filter filter) {
        Instant now = clock.instant();
        Duration widest = properties.dueSoonByRule().values().stream()
                .reduce(properties.dueSoon(), (a, b) -> a.compareTo(b) >= 0 ? a : b);
        // the reads run side by side as the person: their security context and their request (jwt mode finds the
        // person's tokens in the request's session), which stays open while this thread waits for the reads
        org.springframework.web.context.request.RequestAttributes request =
                org.springframework.web.context.request.RequestContextHolder.getRequestAttributes();
        Executor withRequest = task -> pool.execute(() -> {
            org.springframework.web.context.request.RequestContextHolder.setRequestAttributes(request);
            try {
                task.run();
            } finally {
                org.springframework.web.context.request.RequestContextHolder.resetRequestAttributes();
            }
        });
        Executor asPerson = new DelegatingSecurityContextExecutor(withRequest, SecurityContextHolder.getContext());
        CompletableFuture<OpenObligations.Result> dueRead = CompletableFuture.supplyAsync(
                () -> obligations.dueBefore(now.plus(widest), filter.estateId(), filter.department()), asPerson);
        CompletableFuture<OpenObligations.Result> quotesRead = CompletableFuture.supplyAsync(
                () -> obligations.ofRule("R7", filter.estateId(), filter.department()), asPerson);
        CompletableFuture<Listed> dispatched = list(
                asPerson,
                "dispatch",
                Paths.query("/api/orders", "status", "DISPATCHED", "department", filter.department(), "limit", "500"));
        CompletableFuture<Listed> lateRead = list(
                asPerson,
                "dispatch",
                Paths.query(
                        "/api/orders", "lateUnexplained", "true", "department", filter.department(), "limit", "500"));
        CompletableFuture<Listed> callbacksRead = list(
                asPerson,
                "callback",
                Paths.query("/api/callbacks", "status", "due", "estateId", filter.estateId(), "limit", "500"));
        boolean complaintsToo =
                filter.department() == null && (filter.kind() == null || "COMPLAINT".equals(filter.kind()));
        CompletableFuture<Listed> complaints = complaintsToo
                ? list(
                        asPerson,
                        "ticket",
                        Paths.query(
                                "/api/tickets",
                                "status",
                                "OPEN",
                                "kind",
                                "COMPLAINT",
                                "estateId",
                                filter.estateId(),
                                "limit",
                                "500"))
                : CompletableFuture.completedFuture(new Listed(List.of(), null));
        CompletableFuture<Listed> complaintOrders = complaintsToo
                ? list(asPerson, "dispatch", Paths.query("/api/orders", "kind", "COMPLAINT", "limit", "500"))
                : CompletableFuture.completedFuture(new Listed(List.of(), null));
        CompletableFuture<Set<String>> ofKindRead =
                CompletableFuture.supplyAsync(() -> ticketsOfKind(filter), asPerson);
        CompletableFuture<Set<String>> stewardRead = CompletableFuture.supplyAsync(
                () -> filter.steward() == null
                        ? Set.<String>of()
                        : stewardOf(filter.steward(), obligations.ofRule("R4", filter.estateId(), null)),
                asPerson);

        OpenObligations.Result due = dueRead.join();
        OpenObligations.Result quotes = quotesRead.join();
        // what the obligations name: the kinds of tickets and their stewards, from the lists read
        Map<String, String> kinds = new HashMap<>();
        Set<String> stewards = new HashSet<>(stewardRead.join());
        stewards.addAll(stewardOf(filter.steward(), due));
        stewards.addAll(stewardOf(filter.steward(), quotes));
        Predicate<String> ofSteward = filter.steward() == null ? ticketId -> true : stewards::contains;

        Map<String, Instant> nextDue = new HashMap<>();
        Map<String, OpenObligations.Row> callbackObligation = new HashMap<>();
        for (OpenObligations.Row o : due.later()) {
            if (o.ticketId() != null && o.dueAt() != null) {
                nextDue.merge(o.ticketId(), o.dueAt(), (a, b) -> a.isBefore(b) ? a : b);
            }
            if (o.callbackId() != null) {
                callbackObligation.put(o.callbackId(), o);
            }
        }
        for (OpenObligations.Row o : due.rows()) {
            if (o.ticketId() != null) {
                nextDue.merge(o.ticketId(), o.dueAt(), (a, b) -> a.isBefore(b) ? a : b);
            }
            if (o.callbackId() != null) {
                callbackObligation.put(o.callbackId(), o);
            }
        }

        Tab fresh = newWork(
                filter, nextDue, kinds, ofSteward, dispatched.join(), complaints.join(), complaintOrders.join());
        Tab late = lateOrders(filter, kinds, ofSteward, lateRead.join());
        Set<String> ofKindTickets = ofKindRead.join();
        Predicate<String> ofKind = filter.kind() == null
                ? ticketId -> true
                : ticketId -> ofKindTickets.contains(ticketId) || filter.kind().equals(kinds.get(ticketId));
        Map<String, Tab> tabs = new LinkedHashMap<>();
        tabs.put("new", fresh);
        tabs.put("callbacks", callbacks(filter, kinds, callbackObligation, ofSteward, callbacksRead.join()));
        tabs.put(
                "overdue",
                obligationTab(
                        "overdue",
                        due,
                        filter,
                        kinds,
                        ofKind,
                        ofSteward,
                        o -> o.dueAt().isBefore(now)));
        tabs.put(
                "soon",
                obligationTab(
                        "soon",
                        due,
                        filter,
                        kinds,
                        ofKind,
                        ofSteward,
                        o -> !o.dueAt().isBefore(now) && dueSoon(o, now)));
        tabs.put("quotes", obligationTab("quotes", quotes, filter, kinds, ofKind, ofSteward, o -> true));
        tabs.put("late", late);
        Instant bound = due.later().isEmpty()
                ? null
                : due.later().get(due.later().size() - 1).dueAt();
        if (bound != null) {
            tabs.replaceAll((key, tab) -> key.equals("new") || key.equals("callbacks") ? bounded(tab, bound) : tab);
        }
        return tabs;
    }

    /**
     * The rows of a ticket with no due time read: their next obligation is due no earlier than the last one read
     * (the obligations come earliest due first), so their countdown is at least that long. One more read per row
     * would cost a page view a ledger read per ticket shown (docs/benchmarks.md).
     */
    private static Tab bounded(Tab tab, Instant bound) {
        List<Row> rows = tab.rows().stream()
                .map(r -> r.dueAt() != null || r.ticketId() == null
                        ? r
                        : new Row(
                                r.ticketId(),
                                r.callId(),
                                r.estateId(),
                                r.department(),
                                r.kind(),
                                r.what(),
                                r.party(),
                                null,
                                r.reference(),
                                bound))
                .toList();
        return new Tab(tab.key(), rows, tab.refused(), tab.count());
    }

    /** A list's rows, every page, or the service's refusal. */
    private record Listed(List<JsonNode> rows, Answer.Problem refused) {}

    private CompletableFuture<Listed> list(Executor asPerson, String service, String first) {
        return CompletableFuture.supplyAsync(
                () -> {
                    List<JsonNode> rows = new ArrayList<>();
                    Answer.Problem refused = pages(service, first, rows::add);
                    return new Listed(rows, refused);
                },
                asPerson);
    }

    /**
     * Orders dispatched and not picked up yet (R2), and complaints whose steward has not routed them to a department
     * yet (C1): open complaint tickets with no first order ({@code WO-<ticketId>}) at dispatch-service.
     */
    private Tab newWork(
            Filter filter,
            Map<String, Instant> nextDue,
            Map<String, String> kinds,
            Predicate<String> ofSteward,
            Listed dispatched,
            Listed complaints,
            Listed complaintOrders) {
        if (dispatched.refused() != null) {
            return Tab.refused("new", dispatched.refused());
        }
        List<Row> rows = orderRows(
                filter, kinds, ofSteward, dispatched, o -> o.path("status").asText(), nextDue::get);
        if (complaintOrders.refused() == null) {
            Set<String> routed = new HashSet<>();
            complaintOrders.rows().forEach(o -> routed.add(o.path("ticketId").asText()));
            for (JsonNode t : complaints.rows()) {
                String ticketId = t.path("ticketId").asText();
                kinds.put(ticketId, "COMPLAINT");
                if (!routed.contains(ticketId)
                        && (filter.steward() == null
                                || filter.steward().equals(t.path("stewardId").asText()))) {
                    rows.add(new Row(
                            ticketId,
                            null,
                            t.path("estateId").asText(),
                            null,
                            "COMPLAINT",
                            "UNROUTED",
                            t.path("stewardId").asText(null),
                            nextDue.get(ticketId),
                            ticketId));
                }
            }
        }
        return Tab.of("new", rows);
    }

    /** R11: orders returned late that have no complaint-book entry yet (dispatch-service). */
    private static Tab lateOrders(Filter filter, Map<String, String> kinds, Predicate<String> ofSteward, Listed late) {
        if (late.refused() != null) {
            return Tab.refused("late", late.refused());
        }
        return Tab.of("late", orderRows(filter, kinds, ofSteward, late, o -> "R11", ticketId -> null));
    }

    /**
     * dispatch-service's orders as rows, those the filter and the steward admit; notes each order's ticket kind. An
     * order's row awaits {@code what} and counts down to {@code dueOf} its ticket.
     */
    private static List<Row> orderRows(
            Filter filter,
            Map<String, String> kinds,
            Predicate<String> ofSteward,
            Listed orders,
            Function<JsonNode, String> what,
            Function<String, Instant> dueOf) {
        List<Row> rows = new ArrayList<>();
        for (JsonNode o : orders.rows()) {
            String ticketId = o.path("ticketId").asText();
            String estateId = o.path("estateId").asText();
            String department = o.path("department").asText();
            String kind = o.path("kind").asText();
            kinds.put(ticketId, kind);
            if (filter.admits(estateId, department, kind) && ofSteward.test(ticketId)) {
                rows.add(new Row(
                        ticketId,
                        null,
                        estateId,
                        department,
                        kind,
                        what.apply(o),
                        o.path("assignee").asText(null),
                        dueOf.apply(ticketId),
                        o.path("orderId").asText()));
            }
        }
        return rows;
    }

    /** The callbacks due; their estate and department from the ledger's obligation of the same callback (R5, H5). */
    private static Tab callbacks(
            Filter filter,
            Map<String, String> kinds,
            Map<String, OpenObligations.Row> obligations,
            Predicate<String> ofSteward,
            Listed callbacks) {
        if (callbacks.refused() != null) {
            return Tab.refused("callbacks", callbacks.refused());
        }
        List<Row> rows = new ArrayList<>();
        for (JsonNode c : callbacks.rows()) {
            String ticketId = c.path("ticketId").asText();
            String kind = c.path("kind").asText(kinds.get(ticketId));
            OpenObligations.Row obligation =
                    obligations.get(c.path("callbackId").asText());
            String department = obligation == null ? null : obligation.department();
            // the callbacks list names no estate; the service narrowed it to the estate asked for
            String estateId = obligation != null ? obligation.estateId() : filter.estateId();
            if (filter.admits(filter.estateId() != null ? filter.estateId() : estateId, department, kind)
                    && ofSteward.test(ticketId)) {
                rows.add(new Row(
                        ticketId,
                        null,
                        estateId,
                        department,
                        kind,
                        "callback",
                        c.path("acceptor").asText(null),
                        OpenObligations.instant(c.path("dueAt").asText(null)),
                        c.path("callbackId").asText()));
            }
        }
        return Tab.of("callbacks", rows);
    }

    private static Tab obligationTab(
            String key,
            OpenObligations.Result open,
            Filter filter,
            Map<String, String> kinds,
            Predicate<String> ofKind,
            Predicate<String> ofSteward,
            Predicate<OpenObligations.Row> in) {
        if (open.refused() != null) {
            return Tab.refused(key, open.refused());
        }
        List<Row> rows = open.rows().stream()
                .filter(in)
                // the service narrowed them to the estate and department asked for
                .filter(o -> filter.kind() == null || (o.ticketId() != null && ofKind.test(o.ticketId())))
                .filter(o -> filter.steward() == null
                        || filter.steward().equals(o.stewardId())
                        || (o.ticketId() != null && ofSteward.test(o.ticketId())))
                .map(o -> new Row(
                        o.ticketId(),
                        o.callId(),
                        o.estateId(),
                        o.department(),
                        o.ticketId() == null ? null : kinds.get(o.ticketId()),
                        o.rule(),
                        o.party(),
                        o.dueAt(),
                        o.obligationId()))
                .toList();
        return Tab.of(key, rows);
    }

    /**
     * Due soon: at risk of a breach as callback-service says it (W1: its warning time per rule and estate, the moment
     * it announces ObligationAtRisk); the console's own window only for an obligation the service gives no at-risk
     * moment for.
     */
    private boolean dueSoon(OpenObligations.Row o, Instant now) {
        Boolean atRisk = o.atRiskBy(now);
        return atRisk != null ? atRisk : o.dueAt().isBefore(now.plus(properties.dueSoon(o.rule())));
    }

    /** The tickets of this steward that the obligations read name (an open repair or complaint has its R4 window). */
    private static Set<String> stewardOf(String steward, OpenObligations.Result read) {
        Set<String> tickets = new HashSet<>();
        if (steward != null) {
            java.util.stream.Stream.concat(read.rows().stream(), read.later().stream())
                    .filter(o -> steward.equals(o.stewardId()) && o.ticketId() != null)
                    .forEach(o -> tickets.add(o.ticketId()));
        }
        return tickets;
    }

    /** The open or reopened tickets of the kind filtered for (ticket-service); none asked for: empty. */
    private Set<String> ticketsOfKind(Filter filter) {
        Set<String> ofKind = new HashSet<>();
        if (filter.kind() != null) {
            for (String status : List.of("OPEN", "REOPENED")) {
                pages(
                        "ticket",
                        Paths.query(
                                "/api/tickets",
                                "status",
                                status,
                                "kind",
                                filter.kind(),
                                "estateId",
                                filter.estateId(),
                                "limit",
                                "500"),
                        t -> ofKind.add(t.path("ticketId").asText()));
            }
        }
        return ofKind;
    }

    /** Every row of a paged list, page after page (at most {@link OpenObligations#MAX_PAGES}); the refusal or null. */
    private Answer.Problem pages(String service, String first, Consumer<JsonNode> each) {
        String next = first;
        for (int page = 0; next != null && page < OpenObligations.MAX_PAGES; page++) {
            Answer answer = services.get(service, next);
            if (!answer.ok()) {
                return answer.problem();
            }
            answer.body().forEach(each);
            next = answer.next();
        }
        return null;
    }

    @Override
    public void destroy() {
        pool.shutdownNow();
    }

    private static final Comparator<Row> BY_DUE =
            Comparator.comparing(Row::dueAt, Comparator.nullsLast(Comparator.naturalOrder()));
}
