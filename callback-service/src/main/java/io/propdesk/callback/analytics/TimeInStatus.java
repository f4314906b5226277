package io.propdesk.callback.analytics;

import static com.mongodb.client.model.Filters.and;
import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Filters.gte;
import static com.mongodb.client.model.Filters.in;
import static com.mongodb.client.model.Filters.lt;

import com.mongodb.client.MongoCursor;
import io.propdesk.callback.analytics.StatusIntervals.Change;
import io.propdesk.callback.analytics.StatusIntervals.Interval;
import io.propdesk.callback.domain.DueTimes;
import io.propdesk.platform.calendar.EstateCalendar;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Date;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.TreeMap;
import java.util.function.Consumer;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import org.bson.Document;
import org.springframework.stereotype.Component;

/**
 * Reads of time in status (issue 18): one ticket's intervals and its orders', per-item rows of a period streamed from a
 * cursor, and per group and status the count, median and p90 in wall-clock and working minutes. Working time is
 * counted at read time on the estate's calendar as the SLA clocks know it now ({@link DueTimes#calendar}), so a
 * calendar that arrives late counts from then on and the stored documents hold only facts.
 *
 * <p>A period's items are those with a change in it: the filter {@code firstAt < to && lastAt >= from}. On real
 * MongoDB an index on those would serve it (none is created, as for every read model); on the embedded server every range query scans the collection (about 90 ms per
 * 200,000 documents, STACK-NOTES.md), which analytics accepts. Only the durations are held in memory, 16 bytes per
 * item and status, never the documents.
 */
@Component
public class TimeInStatus {

    public enum GroupBy {
        ESTATE,
        DEPARTMENT,
        KIND
    }

    public enum Item {
        TICKET,
        ORDER
    }

    /** A group's key when the item has no value for it (a ticket not dispatched yet has no department). */
    public static final String NONE = "NONE";

    public record IntervalView(
            Status status, Instant from, Instant to, double wallMinutes, double workingMinutes, boolean ongoing) {}

    /** An item's whole time in one status, over every time it entered it. */
    public record StatusTotal(Status status, int entries, double wallMinutes, double workingMinutes, boolean ongoing) {}

    /** A ticket or an order with its dimensions, intervals and per-status totals. */
    public record ItemTimes(
            String item,
            String id,
            String ticketId,
            String estateId,
            String areaId,
            String buildingId,
            String department,
            String kind,
            Boolean paid,
            String severity,
            List<IntervalView> intervals,
            List<StatusTotal> totals) {}

    public record TicketTimes(ItemTimes ticket, List<ItemTimes> orders) {}

    /**
     * One item's time in one status it entered within a period (the CSV export's row): the intervals of that status
     * that began in the period, added up; {@code ongoing} when the last of them still runs (then counted up to now).
     */
    public record Row(
            String item,
            String id,
            String ticketId,
            String estateId,
            String areaId,
            String buildingId,
            String department,
            String kind,
            Boolean paid,
            String severity,
            Status status,
            int entries,
            Instant firstEnteredAt,
            double wallMinutes,
            double workingMinutes,
            boolean ongoing) {}

    /**
     * @param count   items that entered the status in the period
     * @param ongoing of those, items still in it: not in the median and p90, which count finished time only
     */
    public record StatusFigures(
            Status status,
            long count,
            long ongoing,
            Double medianWallMinutes,
            Double p90WallMinutes,
            Double medianWorkingMinutes,
            Double p90WorkingMinutes) {}

    public record Group(String key, List<StatusFigures> statuses) {}

    public record Report(
            Instant from, Instant to, String groupBy, String item, List<Group> groups, List<StatusFigures> total) {}

    private final StatusTimes store;
    private final DueTimes due;
    private final Clock clock;

    public TimeInStatus(StatusTimes store, DueTimes due, Clock clock) {
        this.store = store;
        this.due = due;
        this.clock = clock;
    }

    /** The ticket's intervals and totals and its orders' (orders by dispatch time), or empty for an unknown ticket. */
    public Optional<TicketTimes> ticket(String ticketId) {
        Document ticket = store.tickets().find(eq("_id", ticketId)).first();
        if (ticket == null) {
            return Optional.empty();
        }
        Instant now = clock.instant();
        List<Document> orderDocs = new ArrayList<>();
        List<String> orderIds =
                ordersOf(ticket).stream().map(o -> o.getString("orderId")).toList();
        if (!orderIds.isEmpty()) {
            store.orders().find(in("_id", orderIds)).forEach(orderDocs::add);
        }
        Map<String, Integer> position = new HashMap<>();
        for (int i = 0; i < orderIds.size(); i++) {
            position.put(orderIds.get(i), i);
        }
        orderDocs.sort(Comparator.comparing(d -> position.getOrDefault(d.getString("_id"), Integer.MAX_VALUE)));
        List<ItemTimes> orders = new ArrayList<>();
        for (Document order : orderDocs) {
            orders.add(times(orderItem(order, ticket), now));
        }
        return Optional.of(new TicketTimes(times(ticketItem(ticket), now), orders));
    }

    /**
     * Streams the per-item rows of the period, one item at a time from a cursor: every item of the kind asked with a
     * change in [from, to), and each status it entered in [from, to). Nothing is collected.
     */
    public void items(Instant from, Instant to, Item item, Consumer<Row> sink) {
        try (Stream<Row> rows = rows(from, to, item)) {
            rows.forEach(sink);
        }
    }

    /**
     * The rows of {@link #items(Instant, Instant, Item, Consumer)} as a lazy stream over the cursor, for a streamed
     * download; closing the stream closes the cursor.
     */
    public Stream<Row> rows(Instant from, Instant to, Item item) {
        Instant now = clock.instant();
        var collection = item == Item.TICKET ? store.tickets() : store.orders();
        MongoCursor<Document> cursor = collection
                .find(and(lt("firstAt", Date.from(to)), gte("lastAt", Date.from(from))))
                .batchSize(500)
                .iterator();
        return StreamSupport.stream(Spliterators.spliteratorUnknownSize(cursor, Spliterator.ORDERED), false)
                .onClose(cursor::close)
                .flatMap(d -> {
                    Stored stored = item == Item.TICKET ? ticketItem(d) : orderItem(d, null);
                    List<Row> out = new ArrayList<>();
                    rows(stored, from, to, now, out::add);
                    return out.stream();
                });
    }

    /** The rows of {@link #items(Instant, Instant, Item, Consumer)} for tickets, then for orders. */
    public void items(Instant from, Instant to, Consumer<Row> sink) {
        items(from, to, Item.TICKET, sink);
        items(from, to, Item.ORDER, sink);
    }

    /** Per group and status: how many items entered it in [from, to), and the median and p90 of their time in it. */
    public Report report(Instant from, Instant to, GroupBy groupBy, Item item) {
        Map<String, Map<Status, Figures>> groups = new TreeMap<>();
        Map<Status, Figures> total = new EnumMap<>(Status.class);
        items(from, to, item, row -> {
            String key = keyOf(row, groupBy);
            groups.computeIfAbsent(key, k -> new EnumMap<>(Status.class))
                    .computeIfAbsent(row.status(), s -> new Figures())
                    .add(row);
            total.computeIfAbsent(row.status(), s -> new Figures()).add(row);
        });
        List<Group> result = new ArrayList<>();
        groups.forEach((key, statuses) -> result.add(new Group(key, figures(statuses))));
        return new Report(
                from,
                to,
                groupBy.name().toLowerCase(Locale.ROOT),
                item.name().toLowerCase(Locale.ROOT),
                result,
                figures(total));
    }

    private static String keyOf(Row row, GroupBy groupBy) {
        String key = switch (groupBy) {
            case ESTATE -> row.estateId();
            case DEPARTMENT -> row.department();
            case KIND -> row.kind();
        };
        return key == null ? NONE : key;
    }

    private static List<StatusFigures> figures(Map<Status, Figures> statuses) {
        List<StatusFigures> figures = new ArrayList<>();
        statuses.forEach((status, f) -> figures.add(f.of(status)));
        return figures;
    }

    /** One group's and status's counts and durations. */
    private static final class Figures {
        private long count;
        private long ongoing;
        private final Percentiles wall = new Percentiles();
        private final Percentiles working = new Percentiles();

        void add(Row row) {
            count++;
            if (row.ongoing()) {
                ongoing++;
                return;
            }
            wall.add(Math.round(row.wallMinutes() * 60));
            working.add(Math.round(row.workingMinutes() * 60));
        }

        StatusFigures of(Status status) {
            return new StatusFigures(
                    status,
                    count,
                    ongoing,
                    minutes(wall.median()),
                    minutes(wall.percentile(90)),
                    minutes(working.median()),
                    minutes(working.percentile(90)));
        }

        private static Double minutes(Double seconds) {
            return seconds == null ? null : Math.round(seconds / 60.0 * 100) / 100.0;
        }
    }

    // ---------------------------------------------------------------- documents to intervals

    /** A stored item: its document's dimensions and its intervals. */
    private record Stored(Document doc, String item, String department, String severity, List<Interval> intervals) {}

    private Stored ticketItem(Document ticket) {
        List<Document> orders = ordersOf(ticket);
        String department = orders.isEmpty() ? null : orders.get(0).getString("department");
        return new Stored(
                ticket, "ticket", department, ticket.getString("severity"), StatusIntervals.of(changes(ticket), null));
    }

    /**
     * An order; its still running interval ends when its ticket closes, and its severity is its ticket's
     * ({@code ticket} is read by {@code _id} when null).
     */
    private Stored orderItem(Document order, Document ticket) {
        List<Change> changes = changes(order);
        Document ticketDoc = ticket;
        if (ticketDoc == null && order.getString("ticketId") != null) {
            ticketDoc =
                    store.tickets().find(eq("_id", order.getString("ticketId"))).first();
        }
        Instant endedAt = null;
        Change last = changes.stream().max(StatusIntervals.ORDER).orElse(null);
        if (last != null && last.status().counted() && ticketDoc != null) {
            endedAt = StatusIntervals.closedAfter(changes(ticketDoc), last.at());
        }
        return new Stored(
                order,
                "order",
                order.getString("department"),
                ticketDoc == null ? null : ticketDoc.getString("severity"),
                StatusIntervals.of(changes, endedAt));
    }

    /** The ticket's orders, earliest dispatched first. */
    private static List<Document> ordersOf(Document ticket) {
        Document orders = ticket.get("orders", Document.class);
        if (orders == null) {
            return List.of();
        }
        List<Document> list = new ArrayList<>();
        orders.values().forEach(o -> list.add((Document) o));
        list.sort(Comparator.comparing((Document o) -> o.getDate("dispatchedAt"))
                .thenComparing(o -> o.getString("orderId")));
        return list;
    }

    private static List<Change> changes(Document doc) {
        Document changes = doc.get("changes", Document.class);
        List<Change> list = new ArrayList<>();
        if (changes != null) {
            changes.values().forEach(v -> {
                Document c = (Document) v;
                list.add(new Change(
                        Status.valueOf(c.getString("status")), c.getDate("at").toInstant()));
            });
        }
        return list;
    }

    private ItemTimes times(Stored stored, Instant now) {
        EstateCalendar calendar = due.calendar(stored.doc().getString("estateId"));
        List<IntervalView> intervals = new ArrayList<>();
        Map<Status, long[]> totals = new EnumMap<>(Status.class);
        for (Interval interval : stored.intervals()) {
            Duration wall = interval.wall(now);
            Duration working = interval.working(calendar, now);
            intervals.add(new IntervalView(
                    interval.status(),
                    interval.from(),
                    interval.to(),
                    minutes(wall),
                    minutes(working),
                    interval.ongoing()));
            long[] t = totals.computeIfAbsent(interval.status(), s -> new long[4]);
            t[0]++;
            t[1] += wall.toSeconds();
            t[2] += working.toSeconds();
            t[3] = interval.ongoing() ? 1 : t[3];
        }
        List<StatusTotal> statusTotals = new ArrayList<>();
        totals.forEach((status, t) ->
                statusTotals.add(new StatusTotal(status, (int) t[0], minutes(t[1]), minutes(t[2]), t[3] == 1)));
        return item(stored, intervals, statusTotals);
    }

    private void rows(Stored stored, Instant from, Instant to, Instant now, Consumer<Row> sink) {
        EstateCalendar calendar = due.calendar(stored.doc().getString("estateId"));
        Map<Status, Row> rows = new EnumMap<>(Status.class);
        for (Interval interval : stored.intervals()) {
            if (interval.from().isBefore(from) || !interval.from().isBefore(to)) {
                continue;
            }
            long wall = interval.wall(now).toSeconds();
            long working = interval.working(calendar, now).toSeconds();
            Row before = rows.get(interval.status());
            Document d = stored.doc();
            rows.put(
                    interval.status(),
                    new Row(
                            stored.item(),
                            d.getString("_id"),
                            stored.item().equals("ticket") ? d.getString("_id") : d.getString("ticketId"),
                            d.getString("estateId"),
                            d.getString("areaId"),
                            d.getString("buildingId"),
                            stored.department(),
                            d.getString("kind"),
                            d.getBoolean("paid"),
                            stored.severity(),
                            interval.status(),
                            before == null ? 1 : before.entries() + 1,
                            before == null ? interval.from() : before.firstEnteredAt(),
                            (before == null ? 0 : before.wallMinutes()) + wall / 60.0,
                            (before == null ? 0 : before.workingMinutes()) + working / 60.0,
                            interval.ongoing()));
        }
        rows.values().forEach(row -> sink.accept(rounded(row)));
    }

    private static Row rounded(Row r) {
        return new Row(
                r.item(),
                r.id(),
                r.ticketId(),
                r.estateId(),
                r.areaId(),
                r.buildingId(),
                r.department(),
                r.kind(),
                r.paid(),
                r.severity(),
                r.status(),
                r.entries(),
                r.firstEnteredAt(),
                Math.round(r.wallMinutes() * 100) / 100.0,
                Math.round(r.workingMinutes() * 100) / 100.0,
                r.ongoing());
    }

    private static ItemTimes item(Stored stored, List<IntervalView> intervals, List<StatusTotal> totals) {
        Document d = stored.doc();
        return new ItemTimes(
                stored.item(),
                d.getString("_id"),
                stored.item().equals("ticket") ? d.getString("_id") : d.getString("ticketId"),
                d.getString("estateId"),
                d.getString("areaId"),
                d.getString("buildingId"),
                stored.department(),
                d.getString("kind"),
                d.getBoolean("paid"),
                stored.severity(),
                intervals,
                totals);
    }

    private static double minutes(Duration duration) {
        return minutes(duration.toSeconds());
    }

    private static double minutes(long seconds) {
        return Math.round(seconds / 60.0 * 100) / 100.0;
    }
}
