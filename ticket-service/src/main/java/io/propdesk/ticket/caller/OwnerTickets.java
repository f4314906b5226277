package io.propdesk.ticket.caller;

import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Filters.in;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.ReplaceOptions;
import com.mongodb.client.model.UpdateOneModel;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;
import com.mongodb.client.model.WriteModel;
import io.propdesk.contracts.TicketKind;
import io.propdesk.contracts.Topics;
import io.propdesk.contracts.ticket.TicketClosed;
import io.propdesk.contracts.ticket.TicketOpened;
import io.propdesk.contracts.ticket.TicketReopened;
import io.propdesk.platform.domain.BadRequestException;
import io.propdesk.platform.kafka.InboundEvents;
import io.propdesk.platform.kafka.ReadModelFetch;
import io.propdesk.ticket.domain.TicketStatus;
import io.propdesk.ticket.privacy.OwnerKeys;
import io.propdesk.ticket.privacy.PersonalData;
import io.propdesk.ticket.privacy.PhoneNumbers;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Set;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/**
 * Each owner's tickets, a projection of {@code propdesk.ticket.events} for the caller lookup: their tickets with kind,
 * status and times, the caller's name as sealed in the ticket and the caller's phone as a blind index (never the
 * number). A second collection maps a ticket to its owner and bucket, because a close or reopen names only the ticket.
 * Opening a ticket also files the caller's phone in the {@link CallerIndex} as {@code recent} for the unit:
 * ticket-service opens the sealed phone here to normalise it. A phone that is no phone number (or already erased) is
 * simply not filed.
 *
 * <p>The owner's document ({@code _id} = owner id) names the estate, the unit and the months in which the owner
 * opened tickets; the tickets sit in one bucket per month of opening ({@code _id} = owner id, {@code @}, {@code
 * yyyy-MM} in UTC), so that an opening, close or reopen rewrites a month of the owner's tickets, not all of them
 * (issue 19: one document per owner grew with each ticket, and every event of each ticket rewrote it whole). The
 * tickets of an owner's document written that way, under its {@code tickets}, are still read and updated there.
 */
@Component
public class OwnerTickets {

    public static final String GROUP = "ticket-service.owner-tickets";
    public static final String COLLECTION = "owner_tickets";
    public static final String TICKET_OWNERS = "ticket_owners";
    private static final String MONTHS = "months";
    private static final UpdateOptions UPSERT = new UpdateOptions().upsert(true);

    private final MongoCollection<Document> owners;
    private final MongoCollection<Document> ticketOwners;
    private final InboundEvents inbound;
    private final PersonalData personal;
    private final PhoneNumbers phones;
    private final CallerIndex index;

    public OwnerTickets(
            MongoDatabase database,
            InboundEvents inbound,
            PersonalData personal,
            PhoneNumbers phones,
            CallerIndex index) {
        this.owners = database.getCollection(COLLECTION);
        this.ticketOwners = database.getCollection(TICKET_OWNERS);
        this.inbound = inbound;
        this.personal = personal;
        this.phones = phones;
        this.index = index;
    }

    /** A ticket of the owner: the caller's name stays sealed, the phone is only its blind index. */
    public record Row(
            String ticketId,
            TicketKind kind,
            TicketStatus status,
            Instant openedAt,
            Instant updatedAt,
            String sealedCallerName,
            String callerIndex) {

        public boolean open() {
            return status != TicketStatus.CLOSED;
        }
    }

    @KafkaListener(topics = Topics.TICKET_EVENTS, groupId = GROUP, batch = "true", properties = ReadModelFetch.BATCHES)
    public void on(List<ConsumerRecord<String, byte[]>> poll) {
        // issue 19: only these are acted on, so only they are marked
        inbound.handle(
                poll,
                Set.of(TicketOpened.class, TicketClosed.class, TicketReopened.class),
                event -> apply(event.data()));
    }

    void apply(Object event) {
        if (event instanceof TicketOpened o && o.unitId() != null) {
            opened(o);
        } else if (event instanceof TicketClosed c) {
            setStatus(c.ticketId(), TicketStatus.CLOSED, c.closedAt());
        } else if (event instanceof TicketReopened r) {
            setStatus(r.ticketId(), TicketStatus.REOPENED, r.reopenedAt());
        }
    }

    private void opened(TicketOpened o) {
        String ownerId = OwnerKeys.ownerOf(o.estateId(), o.unitId());
        String e164 = callerNumber(o.callerPhone());
        String callerIndex = e164 == null ? null : index.indexOf(e164);
        Document row = new Document("ticketId", o.ticketId())
                .append("kind", o.kind().name())
                .append("status", TicketStatus.OPEN.name())
                .append("openedAt", Date.from(o.openedAt()))
                .append("updatedAt", Date.from(o.openedAt()))
                .append("callerName", o.callerName())
                .append("callerIndex", callerIndex);
        String bucket = bucketOf(ownerId, o.openedAt());
        ticketOwners.replaceOne(
                eq("_id", o.ticketId()),
                new Document("_id", o.ticketId()).append("ownerId", ownerId).append("bucket", bucket),
                new ReplaceOptions().upsert(true));
        owners.bulkWrite(List.of( // one command: the owner's months and the ticket in its month
                new UpdateOneModel<>(
                        eq("_id", ownerId),
                        Updates.combine(
                                Updates.set("estateId", o.estateId()),
                                Updates.set("unitId", o.unitId()),
                                Updates.addToSet(MONTHS, bucket)),
                        UPSERT),
                new UpdateOneModel<>(eq("_id", bucket), Updates.set(field(o.ticketId()), row), UPSERT)));
        if (e164 != null) {
            index.noteRecent(e164, o.estateId(), o.unitId(), o.openedAt());
        }
    }

    /** The caller's phone of a ticket in E.164, or null when it is none (free text, erased). */
    private String callerNumber(String sealedPhone) {
        String phone = personal.open(sealedPhone);
        if (phone == null || PersonalData.ERASED.equals(phone)) {
            return null;
        }
        try {
            return phones.e164(phone);
        } catch (BadRequestException notANumber) {
            return null;
        }
    }

    private void setStatus(String ticketId, TicketStatus status, Instant at) {
        Document mapped = ticketOwners.find(eq("_id", ticketId)).first();
        if (mapped == null) {
            return; // a ticket without a unit, or one whose opening is not on the topic
        }
        String entry = field(ticketId);
        owners.updateOne(
                eq("_id", mapped.get("bucket", mapped.getString("ownerId"))), // no bucket: stored before them
                Updates.combine(
                        Updates.set(entry + ".status", status.name()),
                        Updates.set(entry + ".updatedAt", Date.from(at))));
    }

    /** The owner's tickets, newest first; empty when none. */
    public List<Row> of(String ownerId) {
        List<Row> rows = new ArrayList<>();
        for (Document doc : documentsOf(ownerId)) {
            Document tickets = doc.get("tickets", Document.class);
            if (tickets == null) {
                continue;
            }
            for (Object value : tickets.values()) {
                if (value instanceof Document t && t.getString("kind") != null) {
                    rows.add(new Row(
                            t.getString("ticketId"),
                            TicketKind.valueOf(t.getString("kind")),
                            TicketStatus.valueOf(t.getString("status")),
                            t.getDate("openedAt").toInstant(),
                            t.getDate("updatedAt").toInstant(),
                            t.getString("callerName"),
                            t.getString("callerIndex")));
                }
            }
        }
        rows.sort((a, b) -> b.openedAt().compareTo(a.openedAt()));
        return rows;
    }

    /** The owner's document and its months' buckets: two {@code _id} reads. */
    private List<Document> documentsOf(String ownerId) {
        Document owner = owners.find(eq("_id", ownerId)).first();
        if (owner == null) {
            return List.of();
        }
        List<Document> docs = new ArrayList<>();
        docs.add(owner);
        List<String> months = owner.getList(MONTHS, String.class, List.of());
        if (!months.isEmpty()) {
            owners.find(in("_id", months)).into(docs);
        }
        return docs;
    }

    /**
     * Erasure: the owner's tickets keep kind, status and times, but lose the sealed caller names and phone indexes, in
     * one write. Answers how many tickets were stripped.
     */
    public int forget(String ownerId) {
        List<WriteModel<Document>> writes = new ArrayList<>();
        int stripped = 0;
        for (Document doc : documentsOf(ownerId)) {
            Document tickets = doc.get("tickets", Document.class);
            if (tickets == null || tickets.isEmpty()) {
                continue;
            }
            List<Bson> unset = new ArrayList<>();
            for (String key : tickets.keySet()) {
                unset.add(Updates.unset("tickets." + key + ".callerName"));
                unset.add(Updates.unset("tickets." + key + ".callerIndex"));
            }
            writes.add(new UpdateOneModel<>(eq("_id", doc.get("_id")), Updates.combine(unset)));
            stripped += tickets.size();
        }
        if (!writes.isEmpty()) {
            owners.bulkWrite(writes);
        }
        return stripped;
    }

    /** The bucket of the owner's tickets opened in the month of {@code openedAt}, in UTC. */
    public static String bucketOf(String ownerId, Instant openedAt) {
        return ownerId + "@" + YearMonth.from(openedAt.atOffset(ZoneOffset.UTC));
    }

    private static String field(String ticketId) {
        return "tickets." + CallerIndex.fieldOf(ticketId);
    }
}
