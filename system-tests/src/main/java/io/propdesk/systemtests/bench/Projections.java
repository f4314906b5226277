package io.propdesk.systemtests.bench;

import com.mongodb.client.MongoDatabase;
import io.propdesk.callback.CallbackProperties;
import io.propdesk.callback.analytics.StatusTimes;
import io.propdesk.callback.domain.DueTimes;
import io.propdesk.callback.query.LedgerDocuments;
import io.propdesk.callback.query.LedgerProjection;
import io.propdesk.callback.query.ObligationHistory;
import io.propdesk.callback.query.OpenObligations;
import io.propdesk.contracts.Topics;
import io.propdesk.platform.calendar.EstateCalendars;
import io.propdesk.platform.kafka.InboundEvents;
import io.propdesk.ticket.caller.TicketObligations;
import io.propdesk.ticket.query.TicketList;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.bson.Document;

/**
 * The read models section 4 of the system benchmark rebuilds (issue 19 goal 4): each projection's {@code rebuild(records,
 * group)} run in the benchmark's JVM against the child system's MongoDB-wire server, into a fresh database, and its
 * documents compared with the live read model's, field by field by {@code _id}, over the projection's own collections
 * (never the inbox: the live read models of older code still hold dedupe markers there).
 *
 * <p>A projection joins the table with one entry in {@link #ALL}.
 */
final class Projections {

    private Projections() {}

    /** A projection's rebuild path, as every projection has it (issue 19). */
    interface Rebuild {
        long rebuild(Iterable<ConsumerRecord<String, byte[]>> records, String group);
    }

    /** Builds the projection on the fresh database; {@code live} is the service's live database, read only. */
    interface Factory {
        Rebuild make(MongoDatabase fresh, InboundEvents inbound, MongoDatabase live);
    }

    /**
     * @param database    the service's live database, where the live read model is
     * @param topics      what the projection's listener reads, in the order the records are handed to the rebuild
     * @param collections the projection's own collections, compared with the live ones
     */
    record Projection(
            String name,
            String database,
            List<String> topics,
            List<String> collections,
            String group,
            Factory factory) {}

    private static final List<String> ALL_TOPICS =
            List.of(Topics.TICKET_EVENTS, Topics.DISPATCH_EVENTS, Topics.CALLBACK_EVENTS, Topics.BILLING_EVENTS);

    static final List<Projection> ALL = List.of(
            new Projection(
                    "ticket list",
                    "propdesk_ticket",
                    List.of(Topics.TICKET_EVENTS),
                    List.of("ticket_list"),
                    TicketList.GROUP,
                    (fresh, inbound, live) -> new TicketList(fresh, inbound)::rebuild),
            new Projection(
                    "timeline",
                    "propdesk_ticket",
                    ALL_TOPICS,
                    List.of("ticket_timeline"),
                    io.propdesk.ticket.query.Timeline.GROUP,
                    (fresh, inbound, live) -> new io.propdesk.ticket.query.Timeline(fresh, inbound)::rebuild),
            new Projection(
                    "order list",
                    "propdesk_dispatch",
                    List.of(Topics.DISPATCH_EVENTS, Topics.TICKET_EVENTS),
                    List.of("order_list"),
                    "dispatch-service.order-list", // OrderList.GROUP is a placeholder of the application name
                    (fresh, inbound, live) -> new io.propdesk.dispatch.query.OrderList(fresh, inbound)::rebuild),
            new Projection(
                    "callback ledgers",
                    "propdesk_callback",
                    List.of(Topics.CALLBACK_EVENTS),
                    List.of("ledgers"),
                    LedgerProjection.GROUP,
                    (fresh, inbound, live) -> new LedgerProjection(new LedgerDocuments(fresh), inbound)::rebuild),
            new Projection(
                    "open obligations",
                    "propdesk_callback",
                    List.of(Topics.CALLBACK_EVENTS),
                    List.of("open_obligations"),
                    OpenObligations.GROUP,
                    (fresh, inbound, live) -> new OpenObligations(fresh, inbound, dueTimes(live, inbound))::rebuild),
            new Projection(
                    "obligation history (as-of)",
                    "propdesk_callback",
                    List.of(Topics.CALLBACK_EVENTS),
                    List.of("obligation_history"),
                    ObligationHistory.GROUP,
                    (fresh, inbound, live) -> new ObligationHistory(fresh, inbound)::rebuild),
            new Projection(
                    "obligation outcomes",
                    "propdesk_callback",
                    List.of(Topics.CALLBACK_EVENTS),
                    List.of("obligation_outcomes", "callback_stats"),
                    io.propdesk.callback.query.ObligationOutcomes.GROUP,
                    (fresh, inbound, live) -> new io.propdesk.callback.query.ObligationOutcomes(
                            fresh,
                            inbound,
                            new io.micrometer.core.instrument.simple.SimpleMeterRegistry(),
                            new OpenObligations(fresh, inbound, dueTimes(live, inbound)))::rebuild),
            new Projection(
                    "analytics: time in status",
                    "propdesk_callback",
                    List.of(Topics.TICKET_EVENTS, Topics.DISPATCH_EVENTS, Topics.CALLBACK_EVENTS),
                    List.of("ticket_status_times", "order_status_times"),
                    StatusTimes.GROUP,
                    (fresh, inbound, live) -> new StatusTimes(fresh, inbound)::rebuild),
            new Projection(
                    "ticket obligations (caller lookup)",
                    "propdesk_ticket",
                    List.of(Topics.CALLBACK_EVENTS),
                    List.of(TicketObligations.COLLECTION),
                    TicketObligations.GROUP,
                    (fresh, inbound, live) -> new TicketObligations(fresh, inbound)::rebuild));

    /** Every topic some projection reads, in a fixed order. */
    static Set<String> topics() {
        Set<String> topics = new LinkedHashSet<>();
        for (String t : ALL_TOPICS) {
            if (ALL.stream().anyMatch(p -> p.topics().contains(t))) {
                topics.add(t);
            }
        }
        ALL.forEach(p -> topics.addAll(p.topics()));
        return topics;
    }

    /**
     * Due times as callback-service computes them: the estates' calendars callback-service has stored (its live
     * {@code estates} collection, read only) and the service's default SLA properties, as the standalone system runs
     * them (CallbackConfiguration).
     */
    static DueTimes dueTimes(MongoDatabase live, InboundEvents inbound) {
        EstateCalendars calendars = new EstateCalendars(live, inbound);
        return new DueTimes(calendars::calendar, calendars::paidReturnHours, CallbackProperties.defaults());
    }

    /** The records of the projection's topics, topic after topic. */
    static List<ConsumerRecord<String, byte[]>> recordsOf(
            Projection p, Map<String, List<ConsumerRecord<String, byte[]>>> byTopic) {
        List<ConsumerRecord<String, byte[]>> records = new ArrayList<>();
        for (String topic : p.topics()) {
            records.addAll(byTopic.getOrDefault(topic, List.of()));
        }
        return records;
    }

    /**
     * How the rebuilt documents compare with the live ones.
     *
     * @param documents documents the live read model holds
     * @param differing {@code _id}s found on one side only or with any field different
     * @param example   the first difference, e.g. "ledgers T-12.seq: live 7, rebuilt 6"
     */
    record Comparison(long documents, long differing, String example) {
        boolean same() {
            return differing == 0;
        }
    }

    /** Field by field by {@code _id}, each collection of {@code collections}. */
    static Comparison compare(MongoDatabase live, MongoDatabase rebuilt, List<String> collections) {
        long documents = 0;
        long differing = 0;
        String example = "";
        for (String collection : collections) {
            Map<String, Document> a = comparable(collection, byId(live, collection));
            Map<String, Document> b = comparable(collection, byId(rebuilt, collection));
            documents += a.size();
            Set<String> ids = new LinkedHashSet<>(a.keySet());
            ids.addAll(b.keySet());
            for (String id : ids) {
                String difference = difference(a.get(id), b.get(id), UNORDERED.getOrDefault(collection, Set.of()));
                if (difference != null) {
                    differing++;
                    if (example.isEmpty()) {
                        example = collection + " " + id + difference;
                    }
                }
            }
        }
        return new Comparison(documents, differing, example);
    }

    private static Map<String, Document> byId(MongoDatabase db, String collection) {
        Map<String, Document> docs = new TreeMap<>();
        for (Document d : db.getCollection(collection).find()) {
            docs.put(String.valueOf(d.get("_id")), d);
        }
        return docs;
    }

    /**
     * The obligation history's hours as one document each, their buckets' changes together (issue 19): the live
     * polls and a rebuild fill an hour's buckets ({@code c:<partition>:<hour>:<n>}) up to different boundaries, and
     * a crash may store a change twice; the hour is the same set of changes.
     */
    private static Map<String, Document> comparable(String collection, Map<String, Document> docs) {
        if (!collection.equals("obligation_history")) {
            return docs;
        }
        Map<String, Document> hours = new TreeMap<>();
        docs.forEach((id, d) -> {
            String[] parts = id.split(":");
            if (!parts[0].equals("c")) {
                hours.put(id, d);
                return;
            }
            String hourId = String.join(":", parts[0], parts[1], parts[2]);
            Document hour = hours.computeIfAbsent(hourId, h -> new Document("_id", h).append("c", new Document()));
            if (d.get("c") instanceof Document changes) {
                hour.get("c", Document.class).putAll(changes);
            }
        });
        return hours;
    }

    /**
     * Fields that are sets, stored in arrival order: a timeline's entries and calls are added with {@code $addToSet}
     * as polls arrive (topics interleaved), a rebuild reads the topics one after another; the answer sorts them.
     */
    private static final Map<String, Set<String>> UNORDERED = Map.of("ticket_timeline", Set.of("entries", "calls"));

    /** Null when equal; else where they first differ. */
    private static String difference(Document live, Document rebuilt, Set<String> unordered) {
        if (live == null) {
            return ": only rebuilt";
        }
        if (rebuilt == null) {
            return ": only live";
        }
        Set<String> fields = new LinkedHashSet<>(live.keySet());
        fields.addAll(rebuilt.keySet());
        for (String field : fields) {
            Object x = live.get(field);
            Object y = rebuilt.get(field);
            if (unordered.contains(field) && x instanceof List<?> lx && y instanceof List<?> ly) {
                x = sorted(lx);
                y = sorted(ly);
            }
            if (!Objects.equals(x, y)) {
                return "." + field + ": live " + brief(x) + ", rebuilt " + brief(y);
            }
        }
        return null;
    }

    private static List<String> sorted(List<?> values) {
        return values.stream().map(String::valueOf).sorted().toList();
    }

    private static String brief(Object value) {
        String s = value == null ? "(none)" : value + " (" + value.getClass().getSimpleName() + ")";
        return s.length() > 80 ? s.substring(0, 77) + "..." : s;
    }
}
