package io.propdesk.callback.query;

import com.mongodb.client.MongoDatabase;
import io.propdesk.callback.domain.LedgerView.ObligationView;
import io.propdesk.callback.domain.ObligationStatus;
import io.propdesk.contracts.Topics;
import io.propdesk.contracts.callback.FollowUpClosed;
import io.propdesk.contracts.callback.ObligationFulfilled;
import io.propdesk.contracts.callback.ObligationOpened;
import io.propdesk.contracts.callback.ObligationRescheduled;
import io.propdesk.contracts.callback.ObligationWithdrawn;
import io.propdesk.contracts.callback.SlaBreached;
import io.propdesk.contracts.cloudevents.CloudEventCodec;
import io.propdesk.contracts.cloudevents.CloudEventCodec.Envelope;
import io.propdesk.platform.kafka.InboundEvents;
import io.propdesk.platform.kafka.ReadModelFetch;
import io.propdesk.platform.kafka.Rebuilds;
import io.propdesk.platform.web.paging.Cursor;
import io.propdesk.platform.web.paging.Page;
import io.propdesk.platform.web.paging.PageRequest;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/**
 * The obligation ledger as it stood at any past instant (issue 18 §2, "queues as they were"), a projection of
 * {@code propdesk.callback.events} rebuilt from the recorded events, not from today's rows.
 *
 * <p>At instant T an obligation is <em>open</em> when it was opened by T and neither fulfilled, withdrawn nor breached
 * by T; <em>breached</em> (overdue) when its breach was recorded by T and by T it was neither fulfilled (late) nor
 * withdrawn, nor its ticket's follow-up closed ({@code FollowUpClosed}: nothing is owed on a closed ticket any more).
 * An M1 obligation has no ticket: it leaves when its missed call is closed, which the call records as the obligation
 * fulfilled late or withdrawn. Each state holds from the instant its event names (opened, rescheduled, breached, fulfilled, withdrawn at),
 * never before the obligation's previous state.
 *
 * <p>Why this shape: on the embedded MongoDB-wire server only {@code _id} reads are fast, and a 30-day history at
 * 1,000 tickets a day is some 150,000 obligations, which a range query would scan (seconds). So an answer reads, per
 * Kafka partition, the checkpoint of T's day (everything outstanding at the day's start) and the hours of that day
 * up to T, by {@code _id}, and folds them. An event changes two documents: the hour's change and the obligation's
 * latest state (read first, by {@code _id}); an opening also adds the obligation to its ticket's list, which a
 * {@code FollowUpClosed} reads to end the ticket's breaches (so a history written before that list existed must be
 * rebuilt); the first event of a new day writes that partition's checkpoint for it. An event
 * whose instant lies before a checkpoint already written (late, or a calendar change recorded as of its start)
 * writes the checkpoints after it again. See {@link HistoryStore} for the documents. Live, a poll's events are folded
 * together and their documents read and written in bulk, without inbox markers: the obligation's latest state keeps
 * the sequence of its last event and a re-delivered one is skipped (issue 19, {@link #applyPoll}).
 *
 * <p>Rebuilt like every projection: the topic read from its start, folded in memory by the same code, written in bulk
 * into an empty collection, then the group's markers.
 */
@Component
public class ObligationHistory {

    public static final String GROUP = "callback-service.obligation-history";
    static final long HOURS_PER_DAY = 24;

    /** Earliest due first; obligations without a clock (R7 paused, C3) last; equal due times by obligation id. */
    private static final Comparator<ObligationView> ORDER =
            Comparator.comparing(ObligationHistory::sortKey).thenComparing(ObligationView::obligationId);

    /**
     * The event types {@link #apply} changes an obligation for ({@link ObligationLife#obligationOf} and the closing);
     * the topic's other events change none.
     */
    private static final Set<Class<?>> ACTS_ON = Set.of(
            ObligationOpened.class,
            ObligationRescheduled.class,
            ObligationFulfilled.class,
            SlaBreached.class,
            ObligationWithdrawn.class,
            FollowUpClosed.class);

    private final HistoryStore store;
    private final InboundEvents inbound;
    private final MongoDatabase database;

    public ObligationHistory(MongoDatabase database, InboundEvents inbound) {
        this.database = database;
        this.store = new HistoryStore.Mongo(database);
        this.inbound = inbound;
    }

    @KafkaListener(
            topics = Topics.CALLBACK_EVENTS,
            groupId = GROUP,
            batch = "true",
            properties = ReadModelFetch.BATCHES)
    public void on(List<ConsumerRecord<String, byte[]>> poll) {
        // the checkpoints are per partition (one consumer owns one), and the handler sees only the event
        Map<String, Integer> partitionOf = new HashMap<>();
        for (ConsumerRecord<String, byte[]> record : poll) {
            Header id = record.headers().lastHeader(CloudEventCodec.CE_ID);
            if (id != null) {
                partitionOf.put(new String(id.value(), StandardCharsets.UTF_8), record.partition());
            }
        }
        // issue 19: no inbox markers; the obligation's latest state keeps its last sequence and takes only newer
        // events (a closing's per obligation too, a ticket's list only grows), so a re-delivered poll changes nothing
        inbound.handleUnmarked(poll, events -> applyPoll(store, partitionOf, events));
    }

    /**
     * Folds one poll's events (issue 19): its obligations, tickets and the partitions' latest days read in one
     * {@code _id} read (a second for the obligations of tickets whose follow-up closed), the changes kept in memory
     * and stored at the end in one ordered write ({@link HistoryStore.Writes} for the order). The same decisions as
     * {@link #apply} event by event on the stored history; applying the poll again, whole or one event at a time,
     * changes nothing.
     */
    static void applyPoll(HistoryStore stored, Map<String, Integer> partitionOf, List<Envelope> events) {
        Set<String> obligationIds = new LinkedHashSet<>();
        Set<String> ticketIds = new LinkedHashSet<>();
        Set<String> closing = new LinkedHashSet<>();
        for (Envelope event : events) {
            if (event.data() instanceof FollowUpClosed closed) {
                ticketIds.add(closed.ticketId());
                closing.add(closed.ticketId());
            } else {
                String obligationId = ObligationLife.obligationOf(event.data());
                if (obligationId != null) {
                    obligationIds.add(obligationId);
                    if (event.data() instanceof ObligationOpened opened && opened.ticketId() != null) {
                        ticketIds.add(opened.ticketId());
                    }
                }
            }
        }
        if (obligationIds.isEmpty() && ticketIds.isEmpty()) {
            return; // most of the topic's events: nothing read, nothing written
        }
        HistoryStore.Poll poll = new HistoryStore.Poll(stored, obligationIds, ticketIds, closing);
        for (Envelope event : events) {
            apply(poll, partitionOf.getOrDefault(event.id(), 0), event);
        }
        poll.flush();
    }

    /**
     * Folds one event into the store. The writes come in an order that a crash anywhere in between and the event's
     * re-delivery repair: the checkpoints and the hour's change first (both recomputed alike), the obligation's
     * latest state, which makes the event known, last.
     */
    static void apply(HistoryStore store, int partition, Envelope event) {
        if (!ACTS_ON.contains(event.data().getClass())) {
            return; // the one list of what changes an obligation, so the rebuild's undecoded records are what live
            // ignores
        }
        if (event.data() instanceof FollowUpClosed closed) {
            // the ticket's events share its key, so its obligations' changes land on this partition too
            for (String obligationId : store.obligationsOf(closed.ticketId())) {
                apply(store, partition, event, obligationId);
            }
            return;
        }
        String obligationId = ObligationLife.obligationOf(event.data());
        if (obligationId != null) {
            apply(store, partition, event, obligationId);
        }
    }

    private static void apply(HistoryStore store, int partition, Envelope event, String obligationId) {
        ObligationLife before = store.life(obligationId);
        if (before != null && event.sequence() >= 0 && event.sequence() <= before.seq()) {
            return;
        }
        ObligationLife after = ObligationLife.after(before, event.data(), Math.max(event.sequence(), 0));
        if (after == null) {
            return;
        }
        long day = day(after.at());
        Long latest = store.latestDay(partition);
        if (latest != null && day > latest) {
            for (long d = latest + 1; d <= day; d++) {
                store.putCheckpoint(partition, d, outstandingAtStartOf(store, partition, d));
            }
        }
        store.putChange(partition, hour(after.at()), after);
        if (latest != null && day < latest) {
            for (long d = day + 1; d <= latest; d++) {
                store.putCheckpoint(partition, d, outstandingAtStartOf(store, partition, d));
            }
        }
        if (latest == null || day > latest) {
            store.raiseLatestDay(partition, day);
        }
        if (event.data() instanceof ObligationOpened opened && opened.ticketId() != null) {
            store.addToTicket(opened.ticketId(), opened.obligationId());
        }
        store.putLife(after);
    }

    /** The day before's checkpoint with all that day's hours folded in. */
    private static Collection<ObligationLife> outstandingAtStartOf(HistoryStore store, int partition, long day) {
        List<String> ids = new ArrayList<>();
        ids.add(HistoryStore.checkpointId(partition, day - 1));
        for (long h = (day - 1) * HOURS_PER_DAY; h < day * HOURS_PER_DAY; h++) {
            ids.add(HistoryStore.hourId(partition, h));
        }
        return fold(store.read(ids), partition, day - 1, Instant.MAX).values();
    }

    /**
     * The obligations of one partition outstanding at {@code at}: the checkpoint of {@code day}, then the changes of
     * that day's hours up to {@code at}, in the order they hold from (an obligation's own in ledger sequence).
     */
    private static Map<String, ObligationLife> fold(
            Map<String, List<ObligationLife>> read, int partition, long day, Instant at) {
        Map<String, ObligationLife> outstanding = new LinkedHashMap<>();
        for (ObligationLife life : read.getOrDefault(HistoryStore.checkpointId(partition, day), List.of())) {
            outstanding.put(life.obligationId(), life);
        }
        List<ObligationLife> changes = new ArrayList<>();
        for (long h = day * HOURS_PER_DAY; h < (day + 1) * HOURS_PER_DAY; h++) {
            for (ObligationLife life : read.getOrDefault(HistoryStore.hourId(partition, h), List.of())) {
                if (!life.at().isAfter(at)) {
                    changes.add(life);
                }
            }
        }
        changes.sort(Comparator.comparing(ObligationLife::at)
                .thenComparingLong(ObligationLife::seq)
                .thenComparing(ObligationLife::obligationId));
        for (ObligationLife life : changes) {
            if (life.outstanding()) {
                outstanding.put(life.obligationId(), life);
            } else {
                outstanding.remove(life.obligationId());
            }
        }
        return outstanding;
    }

    /**
     * Rebuilds the history into an empty collection from the topic read from its start (delivery guarantee 6): the
     * same dedupe and the same fold as {@link #on}, in memory, written in bulk (no markers: the live path keeps none).
     * A record of a type the history does not act on is passed over undecoded ({@link Rebuilds#concerns}).
     *
     * @return the events applied
     */
    public long rebuild(Iterable<ConsumerRecord<String, byte[]>> records, String group) {
        HistoryStore.Memory memory = new HistoryStore.Memory();
        InboundEvents.Replay replay = inbound.replay(group);
        List<ConsumerRecord<String, byte[]>> ordered = new ArrayList<>();
        for (ConsumerRecord<String, byte[]> record : records) {
            if (Rebuilds.concerns(record, ACTS_ON)) {
                ordered.add(record);
            }
        }
        Map<String, Integer> partitionOf = new HashMap<>();
        for (ConsumerRecord<String, byte[]> record : ordered) {
            Header id = record.headers().lastHeader(CloudEventCodec.CE_ID);
            if (id != null) {
                partitionOf.put(new String(id.value(), StandardCharsets.UTF_8), record.partition());
            }
        }
        replay.fold(ordered, event -> apply(memory, partitionOf.getOrDefault(event.id(), 0), event));
        memory.writeTo(database); // no inbox markers: the live group keeps none (issue 19), so none are written
        return replay.applied();
    }

    // ---------------------------------------------------------------- reads

    /**
     * The obligations {@code status} (open or breached) at instant {@code at}, as they stood then, matching the
     * filter, earliest due first (those without a due time last), one page after the request's cursor.
     */
    public Page<ObligationView> asOf(
            Instant at, ObligationStatus status, OpenObligations.Filter filter, PageRequest page) {
        List<ObligationView> rows = new ArrayList<>();
        for (ObligationLife life : outstandingAt(store, at)) {
            if (life.status() == status && matches(life, filter)) {
                rows.add(life.view());
            }
        }
        rows.sort(ORDER);
        return Page.slice(
                rows,
                page,
                after -> o -> after.compareTo(sortKey(o), o.obligationId()) < 0,
                o -> Cursor.of(sortKey(o), o.obligationId()));
    }

    /**
     * Every obligation open or breached at {@code at}, as it stood then: per partition, the checkpoint of the
     * instant's day and that day's hours up to it, read together by {@code _id}.
     */
    static List<ObligationLife> outstandingAt(HistoryStore store, Instant at) {
        long day = day(at);
        Map<Integer, Long> base = new LinkedHashMap<>();
        List<String> ids = new ArrayList<>();
        store.latestDays().forEach((partition, last) -> {
            // after a partition's last day nothing changed: its last day, whole, is the state
            long from = Math.min(day, last);
            base.put(partition, from);
            ids.add(HistoryStore.checkpointId(partition, from));
            long to = from == day ? hour(at) : (from + 1) * HOURS_PER_DAY - 1;
            for (long h = from * HOURS_PER_DAY; h <= to; h++) {
                ids.add(HistoryStore.hourId(partition, h));
            }
        });
        Map<String, List<ObligationLife>> read = ids.isEmpty() ? Map.of() : store.read(ids);
        List<ObligationLife> outstanding = new ArrayList<>();
        base.forEach((partition, from) ->
                outstanding.addAll(fold(read, partition, from, at).values()));
        return outstanding;
    }

    private static boolean matches(ObligationLife life, OpenObligations.Filter filter) {
        return (filter.ticketId() == null || filter.ticketId().equals(life.ticketId()))
                && (filter.rule() == null || filter.rule() == life.rule())
                && (filter.estateId() == null || filter.estateId().equals(life.estateId()))
                && (filter.department() == null || filter.department() == life.department());
    }

    private static Instant sortKey(ObligationView o) {
        return o.dueAt() != null ? o.dueAt() : Instant.MAX;
    }

    static long day(Instant at) {
        return Math.floorDiv(at.getEpochSecond(), 86_400L);
    }

    static long hour(Instant at) {
        return Math.floorDiv(at.getEpochSecond(), 3_600L);
    }
}
