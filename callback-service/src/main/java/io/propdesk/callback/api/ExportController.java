package io.propdesk.callback.api;

import io.propdesk.callback.analytics.TimeInStatus;
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
import java.util.Locale;
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
 * <p>Time in status (issue 18 item 3) is one more column list over the time-in-status rows.
 */
@RestController
@Validated
@RequestMapping("/api/sla")
public class ExportController {

    /** Estates whose zone one export remembers; there are tens of them, not thousands. */
    private static final int ESTATES_REMEMBERED = 10_000;

    private final SlaExports exports;
    private final DueTimes dueTimes;

    private final TimeInStatus timeInStatus;

    public ExportController(SlaExports exports, DueTimes dueTimes, TimeInStatus timeInStatus) {
        this.exports = exports;
        this.dueTimes = dueTimes;
        this.timeInStatus = timeInStatus;
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
     * Time in each status (issue 18 item 3), one row per item and status it entered in {@code [from, to)}: tickets
     * ({@code item=ticket}), work orders ({@code order}) or both ({@code all}, the default: tickets first).
     */
    @GetMapping("/time-in-status.csv")
    public ResponseEntity<StreamingResponseBody> timeInStatus(
            @RequestParam @InWindow Instant from,
            @RequestParam @InWindow Instant to,
            @RequestParam(defaultValue = "all") String item) {
        checkPeriod(from, to);
        List<TimeInStatus.Item> items = switch (item.toLowerCase(Locale.ROOT)) {
            case "ticket" -> List.of(TimeInStatus.Item.TICKET);
            case "order" -> List.of(TimeInStatus.Item.ORDER);
            case "all" -> List.of(TimeInStatus.Item.TICKET, TimeInStatus.Item.ORDER);
            default -> throw new BadRequestException("item", "must be ticket, order or all, not " + item);
        };
        Function<String, ZoneId> zone = zoneOf();
        return CsvExport.attachment(
                "time-in-status.csv",
                TIME_IN_STATUS,
                () -> items.stream()
                        .flatMap(i -> timeInStatus.rows(from, to, i))
                        .map(r -> new StatusRow(r, zone.apply(r.estateId()))));
    }

    /**
     * Rows with their estate's zone, looked up once per estate of one export: an estate not configured is not
     * remembered by the calendars, and asking them per row would cost a database lookup per row.
     */
    private Function<Document, Row> zones() {
        Function<String, ZoneId> zone = zoneOf();
        return d -> new Row(d, zone.apply(d.getString("estateId")));
    }

    private Function<String, ZoneId> zoneOf() {
        Map<String, ZoneId> zones = new HashMap<>();
        return estateId -> {
            ZoneId zone = zones.get(estateId);
            if (zone == null) {
                zone = dueTimes.calendar(estateId).zone();
                if (zones.size() < ESTATES_REMEMBERED) {
                    zones.put(estateId, zone);
                }
            }
            return zone;
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
            field("workingMinutesLate"),
            field("breachedNow"),
            timed("fulfilledAt", "fulfilledAt"));

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
            field("workingMinutesLate"),
            field("breachedNow"),
            timed("fulfilledAt", "fulfilledAt"));

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

    /** A time-in-status row with its estate's zone. */
    record StatusRow(TimeInStatus.Row row, ZoneId zone) {}

    static final List<CsvColumn<StatusRow>> TIME_IN_STATUS = columns(
            List.of(
                    CsvColumn.of("item", r -> r.row().item()),
                    CsvColumn.of("id", r -> r.row().id()),
                    CsvColumn.of("ticketId", r -> r.row().ticketId()),
                    CsvColumn.of("estateId", r -> r.row().estateId()),
                    CsvColumn.of("areaId", r -> r.row().areaId()),
                    CsvColumn.of("buildingId", r -> r.row().buildingId()),
                    CsvColumn.of("department", r -> r.row().department()),
                    CsvColumn.of("kind", r -> r.row().kind()),
                    CsvColumn.of("paid", r -> r.row().paid()),
                    CsvColumn.of("severity", r -> r.row().severity()),
                    CsvColumn.of("timeZone", r -> r.zone().getId()),
                    CsvColumn.of("status", r -> r.row().status()),
                    CsvColumn.of("entries", r -> r.row().entries())),
            CsvColumn.instantAndLocal("firstEnteredAt", r -> r.row().firstEnteredAt(), StatusRow::zone),
            List.of(
                    CsvColumn.of("wallMinutes", r -> r.row().wallMinutes()),
                    CsvColumn.of("workingMinutes", r -> r.row().workingMinutes()),
                    CsvColumn.of("ongoing", r -> r.row().ongoing())));

    @SafeVarargs
    private static <R> List<CsvColumn<R>> columns(List<CsvColumn<R>>... groups) {
        List<CsvColumn<R>> all = new ArrayList<>();
        for (List<CsvColumn<R>> group : groups) {
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
