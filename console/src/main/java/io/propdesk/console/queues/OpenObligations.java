package io.propdesk.console.queues;

import com.fasterxml.jackson.databind.JsonNode;
import io.propdesk.console.services.Answer;
import io.propdesk.console.services.Paths;
import io.propdesk.console.services.ServiceApi;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import org.springframework.stereotype.Component;

/**
 * The open SLA obligations across tickets and missed calls (M1: a {@code callId}, no {@code ticketId}), from
 * callback-service's {@code GET /api/obligations?status=open&rule=&estateId=&department=}: earliest due first, those
 * without a due time (R7 paused, C3) last, paged with {@code limit}/{@code cursor} and a {@code Link rel=next}. The
 * pages are followed as far as a queue needs them: up to the end of its due-soon window, or to the end for one rule.
 */
@Component
public class OpenObligations {

    /** One open obligation. */
    public record Row(
            String obligationId,
            String ticketId,
            String callId,
            String rule,
            String party,
            Instant dueAt,
            String estateId,
            String department,
            String stewardId,
            String callbackId,
            String orderId,
            Instant atRiskAt,
            boolean atRisk) {

        /**
         * W1: callback-service announced it at risk of a breach, or its at-risk moment (due time less the warning in
         * force for its rule and estate) has come; null when the service gave no at-risk moment (no due time).
         */
        public Boolean atRiskBy(Instant now) {
            if (atRisk) {
                return true;
            }
            return atRiskAt == null ? null : !atRiskAt.isAfter(now);
        }

        /** A missed call to return (M1): no ticket yet. */
        public boolean missedCall() {
            return ticketId == null && callId != null;
        }
    }

    /**
     * The rows, or the refusal of the service.
     *
     * @param later rows read on the last page that lie past what was asked for (still open obligations: their due
     *     times give more rows a countdown)
     */
    public record Result(List<Row> rows, Answer.Problem refused, List<Row> later) {

        public Result(List<Row> rows, Answer.Problem refused) {
            this(rows, refused, List.of());
        }
    }

    /** Rows per page asked for: the most the service gives (PageRequest.MAX_LIMIT). */
    static final int PAGE = 500;

    /** A read follows at most this many pages (20,000 obligations), so one page view never runs away. */
    static final int MAX_PAGES = 40;

    private final ServiceApi services;

    public OpenObligations(ServiceApi services) {
        this.services = services;
    }

    /**
     * Every open obligation due before {@code until} (those past due included), earliest first: the pages are
     * followed until one reaches past {@code until}, since the rest are due later.
     */
    public Result dueBefore(Instant until, String estateId, String department) {
        return read(
                Paths.query(
                        "/api/obligations",
                        "status",
                        "open",
                        "estateId",
                        estateId,
                        "department",
                        department,
                        "limit",
                        Integer.toString(PAGE)),
                o -> o.dueAt() != null && o.dueAt().isBefore(until));
    }

    /** Every open obligation of one rule (R7, R4, ...), all pages. */
    public Result ofRule(String rule, String estateId, String department) {
        return read(
                Paths.query(
                        "/api/obligations",
                        "status",
                        "open",
                        "rule",
                        rule,
                        "estateId",
                        estateId,
                        "department",
                        department,
                        "limit",
                        Integer.toString(PAGE)),
                o -> true);
    }

    /** Reads page after page while every row of a page is wanted; keeps the wanted rows. */
    private Result read(String first, Predicate<Row> wanted) {
        List<Row> rows = new ArrayList<>();
        List<Row> later = new ArrayList<>();
        String next = first;
        for (int page = 0; next != null && page < MAX_PAGES; page++) {
            Answer answer = services.get("callback", next);
            if (!answer.ok()) {
                return new Result(List.of(), answer.problem());
            }
            boolean more = true;
            for (JsonNode o : answer.body()) {
                Row row = row(o);
                if (wanted.test(row)) {
                    rows.add(row);
                } else {
                    more = false; // earliest due first: the rest of the list is not wanted either
                    later.add(row);
                }
            }
            next = more ? answer.next() : null;
        }
        return new Result(rows, null, later);
    }

    static Instant instant(String text) {
        return text == null || text.isBlank() ? null : Instant.parse(text);
    }

    private static Row row(JsonNode o) {
        return new Row(
                o.path("obligationId").asText(),
                o.path("ticketId").asText(null),
                o.path("callId").asText(null),
                o.path("rule").asText(),
                o.path("party").asText(null),
                instant(o.path("dueAt").asText(null)),
                o.path("estateId").asText(null),
                o.path("department").asText(null),
                o.path("stewardId").asText(null),
                o.path("callbackId").asText(null),
                o.path("orderId").asText(null),
                instant(o.path("atRiskAt").asText(null)),
                o.path("atRisk").asBoolean(false));
    }
}
