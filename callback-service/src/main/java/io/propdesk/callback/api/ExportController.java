package io.propdesk.callback.api;

import io.propdesk.callback.domain.DueTimes;
import io.propdesk.callback.query.SlaExports;
import io.propdesk.platform.domain.BadRequestException;
import io.propdesk.platform.web.InWindow;
import io.propdesk.platform.web.csv.CsvColumn;
import io.propdesk.platform.web.csv.CsvExport;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.bson.Document;
import org.springframework.http.ResponseEntity;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.StreamingResponseBody;

/**
 * The SLA exports (issue 18 item 5): obligations, breaches and callbacks of any period as CSV downloads for managers,
 * streamed from the read models through platform's {@link CsvExport} (UTF-8 with a BOM, RFC 4180, formula-safe
 * cells). Every moment is two columns: the ISO instant in UTC and the estate's local time ({@code …Local}), with the
 * estate's zone in {@code timeZone}. Ids only: no owner's name or phone is in any read model these files come from.
 * The column names are a stable contract (docs/integrating.md, "SLA exports"); new columns are only ever appended.
 *
 * <p>Another export is one more column list over a row stream, e.g. a time-in-status read model's rows:
 * {@code CsvExport.attachment("time-in-status.csv", columns, () -> model.stream(from, to))}.
 */
@RestController
@Validated
@RequestMapping("/api/sla")
public class ExportController {

    /** Estates whose zone one export remembers; there are tens of them, not thousands. */
    private static final int ESTATES_REMEMBERED = 10_000;

    private final SlaExports exports;
    private final DueTimes dueTimes;

    public ExportController(SlaExports exports, DueTimes dueTimes) {
        this.exports = exports;
        this.dueTimes = dueTimes;
    }

    /** A read-model document with its estate's time zone, resolved once per row. */
    record Row(Document doc, ZoneId zone) {

        Object get(String field) {
            return doc.get(field);
        }

        Instant instant(String field) {
            Date date = doc.getDate(field);
            return date == null ? null : date.toInstant();
        }
    }

    /**
     * Every recorded outcome, met or breached, counted in {@code [from, to)} (at its due time, or when settled if it
     * had no clock): the same obligations {@code GET /api/sla/compliance} counts for the period. Open obligations are
     * not in it; {@code GET /api/obligations?status=open} lists them.
     */
    @GetMapping("/obligations.csv")
    public ResponseEntity<StreamingResponseBody> obligations(
            @RequestParam @InWindow Instant from, @RequestParam @InWindow Instant to) {
        checkPeriod(from, to);
        return CsvExport.attachment(
                "obligations.csv", OBLIGATIONS, () -> exports.outcomes(from, to).map(zones()));
    }

    /** Every breach recorded in {@code [from, to)}, by the time of the breach. */
    @GetMapping("/breaches.csv")
    public ResponseEntity<StreamingResponseBody> breaches(
            @RequestParam @InWindow Instant from, @RequestParam @InWindow Instant to) {
        checkPeriod(from, to);
        return CsvExport.attachment(
                "breaches.csv", BREACHES, () -> exports.breaches(from, to).map(zones()));
    }

    /** Every callback scheduled in {@code [from, to)}: completed or still open, with the owner's verdict and rating. */
    @GetMapping("/callbacks.csv")
    public ResponseEntity<StreamingResponseBody> callbacks(
            @RequestParam @InWindow Instant from, @RequestParam @InWindow Instant to) {
        checkPeriod(from, to);
        return CsvExport.attachment(
                "callbacks.csv", CALLBACKS, () -> exports.callbacks(from, to).map(zones()));
    }

    /**
     * Rows with their estate's zone, looked up once per estate of one export: an estate not configured is not
     * remembered by the calendars, and asking them per row would cost a database lookup per row.
     */
    private Function<Document, Row> zones() {
        Map<String, ZoneId> zones = new HashMap<>();
        return d -> {
            String estateId = d.getString("estateId");
            ZoneId zone = zones.get(estateId);
            if (zone == null) {
                zone = dueTimes.calendar(estateId).zone();
                if (zones.size() < ESTATES_REMEMBERED) {
                    zones.put(estateId, zone);
                }
            }
            return new Row(d, zone);
        };
    }

    private static void checkPeriod(Instant from, Instant to) {
        if (!to.isAfter(from)) {
            throw new BadRequestException("to", "must be after from");
        }
    }

    // The columns. Fields a document may lack (older documents, fields added later such as the lateness figures) are
    // empty cells, never an error.

    static final List<CsvColumn<Row>> OBLIGATIONS = columns(
            field("obligationId", "_id"),
            field("ticketId"),
            field("callId"),
            field("orderId"),
            field("rule"),
            field("outcome"),
            field("estateId"),
            field("department"),
            field("stewardId"),
            field("acceptor"),
            field("occurrence"),
            timeZone(),
            timed("dueAt", "dueAt"),
            timed("settledAt", "at"),
            field("everBreached"),
            field("minutesLate"),
            field("workingMinutesLate"));

    static final List<CsvColumn<Row>> BREACHES = columns(
            field("obligationId", "_id"),
            field("ticketId"),
            field("callId"),
            field("orderId"),
            field("rule"),
            field("estateId"),
            field("department"),
            field("stewardId"),
            field("acceptor"),
            field("occurrence"),
            timeZone(),
            timed("dueAt", "dueAt"),
            timed("breachedAt", "at"),
            field("minutesLate"),
            field("workingMinutesLate"));

    static final List<CsvColumn<Row>> CALLBACKS = columns(
            field("callbackId", "_id"),
            field("ticketId"),
            field("orderId"),
            field("kind"),
            field("estateId"),
            timeZone(),
            timed("scheduledAt", "scheduledAt"),
            timed("dueAt", "dueAt"),
            List.of(CsvColumn.<Row>of("status", r -> r.get("completedAt") == null ? "OPEN" : "COMPLETED")),
            timed("completedAt", "completedAt"),
            field("satisfied"),
            field("rating"),
            field("callerRole"));

    @SafeVarargs
    private static List<CsvColumn<Row>> columns(List<CsvColumn<Row>>... groups) {
        List<CsvColumn<Row>> all = new ArrayList<>();
        for (List<CsvColumn<Row>> group : groups) {
            all.addAll(group);
        }
        return List.copyOf(all);
    }

    private static List<CsvColumn<Row>> field(String name) {
        return field(name, name);
    }

    private static List<CsvColumn<Row>> field(String name, String documentField) {
        return List.of(CsvColumn.of(name, r -> r.get(documentField)));
    }

    private static List<CsvColumn<Row>> timeZone() {
        return List.of(
                CsvColumn.of("timeZone", (Function<Row, Object>) r -> r.zone().getId()));
    }

    private static List<CsvColumn<Row>> timed(String name, String documentField) {
        return CsvColumn.instantAndLocal(name, r -> r.instant(documentField), Row::zone);
    }
}
