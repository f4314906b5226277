package io.propdesk.callback.query;

import static com.mongodb.client.model.Filters.eq;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.ReplaceOptions;
import io.propdesk.callback.domain.DueTimes;
import io.propdesk.callback.domain.LedgerView;
import io.propdesk.callback.domain.LedgerView.CallbackView;
import io.propdesk.callback.domain.LedgerView.ObligationView;
import io.propdesk.callback.domain.ObligationStatus;
import io.propdesk.contracts.SlaRule;
import io.propdesk.contracts.TicketKind;
import java.time.Clock;
import java.time.Instant;
import java.util.Comparator;
import java.util.Date;
import java.util.List;
import org.bson.Document;
import org.springframework.stereotype.Component;

/**
 * C5 shift handover for an estate: its open tickets, the steward replies (R4, C4) and callbacks due before the end of
 * the next shift (the estate's working day that is running or comes next), and the breaches recorded since the last
 * handover. Recording a handover moves that mark.
 */
@Component
public class Handover {

    static final String COLLECTION = "handovers";

    public record OpenTicket(String ticketId, TicketKind kind, String stewardId, String acceptor) {}

    public record Breach(String obligationId, String ticketId, String rule, Instant dueAt, Instant breachedAt) {}

    public record Summary(
            String estateId,
            Instant at,
            Instant shiftEndsAt,
            Instant breachesSince,
            List<OpenTicket> openTickets,
            List<ObligationView> repliesDue,
            List<CallbackView> callbacksDue,
            List<Breach> breaches) {}

    private final LedgerDocuments ledgers;
    private final ObligationOutcomes outcomes;
    private final DueTimes due;
    private final Clock clock;
    private final MongoCollection<Document> handovers;

    public Handover(
            LedgerDocuments ledgers, ObligationOutcomes outcomes, DueTimes due, Clock clock, MongoDatabase database) {
        this.ledgers = ledgers;
        this.outcomes = outcomes;
        this.due = due;
        this.clock = clock;
        this.handovers = database.getCollection(COLLECTION);
    }

    public Summary summary(String estateId) {
        Instant now = clock.instant();
        Instant shiftEnd = due.calendar(estateId).endOfWorkingDay(now);
        Document last = handovers.find(eq("_id", estateId)).first();
        Instant since = last == null ? Instant.EPOCH : last.getDate("at").toInstant();
        List<LedgerView> active = ledgers.list(estateId, true);
        List<OpenTicket> open = active.stream()
                .filter(LedgerView::open)
                .map(l -> new OpenTicket(l.ticketId(), l.kind(), l.stewardId(), l.acceptor()))
                .toList();
        List<ObligationView> replies = active.stream()
                .flatMap(l -> l.obligations().stream())
                .filter(o -> o.status() == ObligationStatus.OPEN && (o.rule() == SlaRule.R4 || o.rule() == SlaRule.C4))
                .filter(o -> !o.dueAt().isAfter(shiftEnd))
                .sorted(Comparator.comparing(ObligationView::dueAt))
                .toList();
        List<CallbackView> callbacks = active.stream()
                .flatMap(l -> l.callbacks().stream())
                .filter(c -> !c.completed() && !c.dueAt().isAfter(shiftEnd))
                .sorted(Comparator.comparing(CallbackView::dueAt))
                .toList();
        List<Breach> breaches = outcomes.breachesSince(estateId, since).stream()
                .map(d -> new Breach(
                        d.getString("_id"),
                        d.getString("ticketId"),
                        d.getString("rule"),
                        instant(d.getDate("dueAt")),
                        instant(d.getDate("at"))))
                .sorted(Comparator.comparing(Breach::breachedAt))
                .toList();
        return new Summary(estateId, now, shiftEnd, since, open, replies, callbacks, breaches);
    }

    /** The shift hands over now: the summary as of now, and the next one lists breaches from here on. */
    public Summary handOver(String estateId, String handedOverBy) {
        Summary summary = summary(estateId);
        handovers.replaceOne(
                eq("_id", estateId),
                new Document("_id", estateId)
                        .append("at", Date.from(summary.at()))
                        .append("by", handedOverBy),
                new ReplaceOptions().upsert(true));
        return summary;
    }

    private static Instant instant(Date date) {
        return date == null ? null : date.toInstant();
    }
}
