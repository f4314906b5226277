package io.propdesk.callback.query;

import static com.mongodb.client.model.Filters.and;
import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Filters.lte;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Sorts;
import io.propdesk.callback.domain.DeadlineIndex;
import io.propdesk.callback.domain.DueTimes;
import io.propdesk.callback.domain.LedgerView.ObligationView;
import io.propdesk.callback.domain.ObligationStatus;
import io.propdesk.contracts.Department;
import io.propdesk.contracts.SlaRule;
import io.propdesk.contracts.Topics;
import io.propdesk.contracts.callback.ObligationAtRisk;
import io.propdesk.contracts.callback.ObligationFulfilled;
import io.propdesk.contracts.callback.ObligationOpened;
import io.propdesk.contracts.callback.ObligationRescheduled;
import io.propdesk.contracts.callback.ObligationWithdrawn;
import io.propdesk.contracts.callback.SlaBreached;
import io.propdesk.platform.kafka.InboundEvents;
import io.propdesk.platform.kafka.PollWrites;
import io.propdesk.platform.kafka.ReadModelFetch;
import io.propdesk.platform.kafka.Rebuilds;
import io.propdesk.platform.web.paging.Cursor;
import io.propdesk.platform.web.paging.Page;
import io.propdesk.platform.web.paging.PageRequest;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Date;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/**
 * The obligations open now, across tickets and missed calls (M1), a projection of {@code propdesk.callback.events}:
 * one document per open obligation ({@code _id} = obligation id), inserted by ObligationOpened, moved by
 * ObligationRescheduled, marked by ObligationAtRisk and deleted when ObligationFulfilled, SlaBreached or
 * ObligationWithdrawn closes it. The collection holds only what is open, so listing it or finding what came due reads
 * only that, never the history. It is the desk's queue ({@code GET /api/obligations?status=open}) and the deadline
 * ticker's index. Rebuilt by replaying the topic into an empty collection under a new group.
 *
 * <p>W1: each row holds its at-risk moment ({@code atRiskAt}: its due time less the warning, or its opening when it
 * opened inside the warning) and {@code atRisk}, true once ObligationAtRisk was seen. A row's moment moves with its
 * due time until it was announced; once announced it stays at risk (W1 announces an obligation once). Until then the
 * ticker and the list compute the moment again from the warning time in force, as the ledger does, so a warning
 * changed at a restart agrees with the ledger at once.
 */
@Component
public class OpenObligations implements DeadlineIndex {

    public static final String GROUP = "callback-service.open-obligations";
    static final String COLLECTION = "open_obligations";

    /** What the filters of the open list may say. */
    /** @param atRisk W1: only those announced at risk (true) or only those not (false); null: both */
    public record Filter(String ticketId, SlaRule rule, String estateId, Department department, Boolean atRisk) {}

    private final MongoCollection<Document> rows;
    private final InboundEvents inbound;
    private final DueTimes due;

    public OpenObligations(MongoDatabase database, InboundEvents inbound, DueTimes due) {
        this.rows = database.getCollection(COLLECTION);
        this.inbound = inbound;
        this.due = due;
    }

    @KafkaListener(
            topics = Topics.CALLBACK_EVENTS,
            groupId = GROUP,
            batch = "true",
            properties = ReadModelFetch.BATCHES)
    public void on(List<ConsumerRecord<String, byte[]>> poll) {
        // issue 19: only obligation events are acted on, so only they are marked; the poll's rows are written at once,
        // before its markers; an obligation opened and closed within the poll is only deleted
        PollWrites writes = new PollWrites(rows);
        inbound.handle(
                poll,
                Set.of(
                        ObligationOpened.class,
                        ObligationRescheduled.class,
                        ObligationAtRisk.class,
                        ObligationFulfilled.class,
                        SlaBreached.class,
                        ObligationWithdrawn.class),
                event -> apply(event.data(), writes),
                writes::store);
    }

    void apply(Object event, PollWrites writes) {
        if (event instanceof ObligationOpened o) {
            writes.replace(o.obligationId(), row(o));
        } else if (event instanceof ObligationRescheduled r) {
            // an obligation closed already is not brought back
            Document row = writes.read(r.obligationId());
            if (row != null) {
                rescheduled(row, r);
                writes.set(
                        r.obligationId(),
                        new Document("dueAt", row.get("dueAt")).append("atRiskAt", row.get("atRiskAt")),
                        false);
            }
        } else if (event instanceof ObligationAtRisk a) {
            writes.set(a.obligationId(), new Document("atRisk", true).append("atRiskAt", date(a.atRiskAt())), false);
        } else {
            String closed = closedBy(event);
            if (closed != null) {
                writes.delete(closed);
            }
        }
    }

    private static String closedBy(Object event) {
        if (event instanceof ObligationFulfilled f) {
            return f.obligationId();
        }
        if (event instanceof SlaBreached b) {
            return b.obligationId();
        }
        if (event instanceof ObligationWithdrawn w) {
            return w.obligationId();
        }
        return null;
    }

    /**
     * Rebuilds the collection, empty before, from the topic read from its start (delivery guarantee 6): the same
     * dedupe and the same rows as {@link #on}, folded in memory, written in bulk, then the group's markers.
     *
     * @return the events applied
     */
    public long rebuild(Iterable<ConsumerRecord<String, byte[]>> records, String group) {
        Map<String, Document> open = new LinkedHashMap<>();
        InboundEvents.Replay replay = inbound.replay(group);
        replay.fold(records, event -> {
            Object data = event.data();
            if (data instanceof ObligationOpened o) {
                open.put(o.obligationId(), row(o));
            } else if (data instanceof ObligationRescheduled r) {
                Document row = open.get(r.obligationId());
                if (row != null) {
                    rescheduled(row, r);
                }
            } else if (data instanceof ObligationAtRisk a) {
                Document row = open.get(a.obligationId());
                if (row != null) {
                    row.put("atRisk", true);
                    row.put("atRiskAt", date(a.atRiskAt()));
                }
            } else if (closedBy(data) != null) {
                open.remove(closedBy(data));
            }
        });
        Rebuilds.insertAll(rows, open.values());
        replay.writeMarkers();
        return replay.applied();
    }

    /** The row's due time moves; its at-risk moment with it, unless it was announced already (W1: once). */
    private void rescheduled(Document row, ObligationRescheduled r) {
        row.put("dueAt", date(r.dueAt()));
        if (!row.getBoolean("atRisk", false)) {
            row.put(
                    "atRiskAt",
                    date(atRiskAt(row.getString("estateId"), r.rule(), instant(row.getDate("openedAt")), r.dueAt())));
        }
    }

    private Instant atRiskAt(String estateId, SlaRule rule, Instant openedAt, Instant dueAt) {
        return due.atRiskAt(estateId, rule, openedAt, dueAt);
    }

    private Document row(ObligationOpened o) {
        return new Document("_id", o.obligationId())
                .append("ticketId", o.ticketId())
                .append("callId", o.callId())
                .append("rule", o.rule().name())
                .append("party", o.party())
                .append("orderId", o.orderId())
                .append("callbackId", o.callbackId())
                .append("day", o.day() == null ? null : o.day().toString())
                .append("estateId", o.estateId())
                .append(
                        "department",
                        o.department() == null ? null : o.department().name())
                .append("stewardId", o.stewardId())
                .append("acceptor", o.acceptor())
                .append("openedAt", date(o.openedAt()))
                .append("dueAt", date(o.dueAt()))
                .append("atRiskAt", date(atRiskAt(o.estateId(), o.rule(), o.openedAt(), o.dueAt())))
                .append("atRisk", false);
    }

    // ---------------------------------------------------------------- reads

    /**
     * The open obligations matching the filter, earliest due first, those without a due time last, one page after the
     * request's cursor. The collection holds only open obligations, so this reads no history.
     */
    public Page<ObligationView> search(Filter filter, PageRequest page) {
        List<Bson> filters = new ArrayList<>();
        if (filter.ticketId() != null) {
            filters.add(eq("ticketId", filter.ticketId()));
        }
        if (filter.rule() != null) {
            filters.add(eq("rule", filter.rule().name()));
        }
        if (filter.estateId() != null) {
            filters.add(eq("estateId", filter.estateId()));
        }
        if (filter.department() != null) {
            filters.add(eq("department", filter.department().name()));
        }
        if (filter.atRisk() != null) {
            // rows written before W1 have no atRisk field: they were not announced
            filters.add(filter.atRisk() ? eq("atRisk", true) : Filters.ne("atRisk", true));
        }
        // The page is sorted and cut by the database, so only its rows travel and are decoded (a desk's queue reads
        // the first page of thousands of open obligations many times a minute): first those with a due time after
        // the cursor, earliest first, then, if the page is not full, those without one (R7 paused, C3) by id.
        Cursor after = page.after();
        boolean amongUndated = after != null && after.instant().equals(Instant.MAX);
        List<ObligationView> fetched = new ArrayList<>(page.fetch());
        if (!amongUndated) {
            List<Bson> dated = new ArrayList<>(filters);
            dated.add(Filters.ne("dueAt", null));
            if (after != null) {
                Date key = date(after.instant());
                dated.add(Filters.or(Filters.gt("dueAt", key), and(eq("dueAt", key), Filters.gt("_id", after.id()))));
            }
            rows.find(and(dated))
                    .sort(Sorts.ascending("dueAt", "_id"))
                    .limit(page.fetch())
                    .forEach(d -> fetched.add(view(d)));
        }
        if (fetched.size() < page.fetch()) {
            List<Bson> undated = new ArrayList<>(filters);
            undated.add(eq("dueAt", null));
            if (amongUndated) {
                undated.add(Filters.gt("_id", after.id()));
            }
            rows.find(and(undated))
                    .sort(Sorts.ascending("_id"))
                    .limit(page.fetch() - fetched.size())
                    .forEach(d -> fetched.add(view(d)));
        }
        return Page.of(fetched, page, o -> Cursor.of(sortKey(o), o.obligationId()));
    }

    /** Obligations without a due time sort after every due one. */
    private static Instant sortKey(ObligationView o) {
        return o.dueAt() != null ? o.dueAt() : Instant.MAX;
    }

    @Override
    public Set<String> ticketsDueBy(Instant now) {
        List<Document> due = rows.find(lte("dueAt", date(now))).into(new ArrayList<>());
        due.sort(Comparator.comparing((Document d) -> d.getDate("dueAt")).thenComparing(d -> d.getString("_id")));
        Set<String> tickets = new LinkedHashSet<>();
        for (Document d : due) {
            // a missed call's obligation (M1) has no ticket ledger; its own ledger watches its deadline
            if (d.getString("ticketId") != null && d.getDate("dueAt") != null) {
                tickets.add(d.getString("ticketId"));
            }
        }
        return tickets;
    }

    /**
     * W1: the tickets with an open obligation whose at-risk moment has come by {@code now}, not yet announced and not
     * due yet (a due one is the breach's), earliest moment first. The moment is computed from the warning time in
     * force, as the ledger computes it, so a warning changed at a restart applies to every row not yet announced.
     * Scans the collection like {@link #ticketsDueBy}: it holds only what is open.
     */
    @Override
    public Set<String> ticketsAtRiskBy(Instant now) {
        Map<String, Instant> earliest = new LinkedHashMap<>();
        // only rows due within the longest warning in force can have come to their moment: the others stay in the
        // database instead of being decoded every second
        Bson comingDue = and(
                Filters.ne("atRisk", true),
                Filters.gt("dueAt", date(now)),
                lte("dueAt", date(now.plus(due.longestAtRiskBefore()))));
        rows.find(comingDue).forEach(d -> {
            Instant moment = moment(d);
            // a missed call's obligation (M1) has no ticket ledger; its own ledger watches its moment
            if (d.getString("ticketId") != null
                    && moment != null
                    && !moment.isAfter(now)
                    && d.getDate("dueAt").toInstant().isAfter(now)) {
                earliest.merge(d.getString("ticketId"), moment, (a, b) -> a.isBefore(b) ? a : b);
            }
        });
        Set<String> tickets = new LinkedHashSet<>();
        earliest.entrySet().stream()
                .sorted(Map.Entry.<String, Instant>comparingByValue().thenComparing(Map.Entry.comparingByKey()))
                .forEach(e -> tickets.add(e.getKey()));
        return tickets;
    }

    /** W1: the moment it was announced, or, until then, its moment under the warning time in force. */
    private Instant moment(Document d) {
        if (d.getBoolean("atRisk", false)) {
            return instant(d.getDate("atRiskAt"));
        }
        return atRiskAt(
                d.getString("estateId"),
                SlaRule.valueOf(d.getString("rule")),
                instant(d.getDate("openedAt")),
                instant(d.getDate("dueAt")));
    }

    /** W1: the open obligations announced at risk now, for the gauge {@code propdesk.obligations.at.risk}. */
    public long atRiskNow() {
        return rows.countDocuments(eq("atRisk", true));
    }

    @Override
    public Map<SlaRule, Long> openByRule() {
        Map<SlaRule, Long> counts = new EnumMap<>(SlaRule.class);
        rows.find().projection(new Document("rule", 1).append("dueAt", 1)).forEach(d -> {
            if (d.getDate("dueAt") != null) {
                counts.merge(SlaRule.valueOf(d.getString("rule")), 1L, Long::sum);
            }
        });
        return counts;
    }

    private ObligationView view(Document d) {
        return new ObligationView(
                d.getString("_id"),
                d.getString("ticketId"),
                d.getString("callId"),
                SlaRule.valueOf(d.getString("rule")),
                d.getString("party"),
                d.getString("orderId"),
                d.getString("callbackId"),
                d.getString("day") == null ? null : LocalDate.parse(d.getString("day")),
                d.getString("estateId"),
                d.getString("department") == null ? null : Department.valueOf(d.getString("department")),
                d.getString("stewardId"),
                instant(d.getDate("openedAt")),
                instant(d.getDate("dueAt")),
                ObligationStatus.OPEN,
                null,
                null,
                moment(d),
                d.getBoolean("atRisk", false));
    }

    private static Date date(Instant instant) {
        return instant == null ? null : Date.from(instant);
    }

    private static Instant instant(Date date) {
        return date == null ? null : date.toInstant();
    }
}
