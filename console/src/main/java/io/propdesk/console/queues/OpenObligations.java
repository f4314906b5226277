package io.propdesk.console.queues;

import com.fasterxml.jackson.databind.JsonNode;
import io.propdesk.console.services.Answer;
import io.propdesk.console.services.Paths;
import io.propdesk.console.services.ServiceApi;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import org.springframework.stereotype.Component;

/**
 * The open SLA obligations across tickets, earliest due first: callback-service's
 * {@code GET /api/obligations?status=open&estateId=} (rows: ticketId, callId, obligationId, rule, party, dueAt,
 * estateId, department). Until that query is deployed the service asks for a {@code ticketId} (400); then the open
 * obligations of each open ticket are read one ticket at a time ({@code GET /api/obligations?ticketId=}). This is the
 * one place that knows which.
 */
@Component
public class OpenObligations {

    /** One open obligation. */
    public record Row(
            String obligationId,
            String ticketId,
            String rule,
            String party,
            java.time.Instant dueAt,
            String estateId,
            String department,
            String callbackId) {}

    /** The rows, or the refusal of the service. */
    public record Result(List<Row> rows, Answer.Problem refused) {}

    /**
     * Until the cross-ticket query is deployed: the open tickets read one at a time, newest first, at most this many
     * per refresh (a queue page asks every few seconds).
     */
    static final int FALLBACK_TICKETS = 100;

    private final ServiceApi services;

    public OpenObligations(ServiceApi services) {
        this.services = services;
    }

    /**
     * @param estateId only this estate's, or all (null)
     * @param openTickets the open tickets' ids, read one by one while the cross-ticket query is not there
     */
    public Result list(String estateId, Collection<String> openTickets) {
        Answer across = services.get(
                "callback", Paths.query("/api/obligations", "status", "open", "estateId", estateId, "limit", "500"));
        if (across.ok()) {
            return new Result(rows(across.body()), null);
        }
        if (across.status() != 400) {
            return new Result(List.of(), across.problem());
        }
        List<Row> rows = new ArrayList<>();
        for (String ticketId : openTickets.stream().limit(FALLBACK_TICKETS).toList()) {
            Answer one =
                    services.get("callback", Paths.query("/api/obligations", "ticketId", ticketId, "limit", "500"));
            if (one.status() == 403 || one.status() == 401) {
                return new Result(List.of(), one.problem());
            }
            if (one.ok()) {
                for (JsonNode o : one.body()) {
                    if ("OPEN".equals(o.path("status").asText())
                            && (estateId == null
                                    || estateId.equals(o.path("estateId").asText()))) {
                        rows.add(row(o));
                    }
                }
            }
        }
        rows.sort(java.util.Comparator.comparing(
                Row::dueAt, java.util.Comparator.nullsLast(java.util.Comparator.naturalOrder())));
        return new Result(rows, null);
    }

    static java.time.Instant instant(String text) {
        return text == null || text.isBlank() ? null : java.time.Instant.parse(text);
    }

    private static List<Row> rows(JsonNode body) {
        List<Row> rows = new ArrayList<>();
        body.forEach(o -> rows.add(row(o)));
        return rows;
    }

    private static Row row(JsonNode o) {
        return new Row(
                o.path("obligationId").asText(),
                o.path("ticketId").asText(null),
                o.path("rule").asText(),
                o.path("party").asText(null),
                instant(o.path("dueAt").asText(null)),
                o.path("estateId").asText(null),
                o.path("department").asText(null),
                o.path("callbackId").asText(null));
    }
}
