package io.propdesk.ticket.call.domain;

import static com.mongodb.client.model.Filters.eq;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;
import io.propdesk.contracts.CallerRole;
import io.propdesk.contracts.Nullable;
import io.propdesk.contracts.callback.CallbackScheduled;
import io.propdesk.platform.kafka.PollWrites;
import java.time.Instant;
import java.util.Date;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.bson.Document;
import org.springframework.stereotype.Component;

/**
 * The callbacks ticket-service may dial (§4), as callback-service scheduled them: which ticket, who may make the call
 * (C2), whether it is done, and the calls placed for it. One document a callback, {@code _id} = callback id; no
 * personal data (the number is the ticket's, opened only when dialled).
 */
@Component
public class DialableCallbacks {

    public static final String COLLECTION = "dialable_callbacks";

    // callback ids are path-safe ids without a colon, so a ticket's document never meets a callback's
    private static final String TICKET_PREFIX = "ticket:";

    private final MongoCollection<Document> callbacks;

    public DialableCallbacks(MongoDatabase database) {
        this.callbacks = database.getCollection(COLLECTION);
    }

    public record Dialable(
            String callbackId,
            String ticketId,
            Set<CallerRole> allowedRoles,
            @Nullable Instant completedAt,
            List<String> callIds) {}

    /** A poll's changes to the callbacks, for {@link #scheduled} and {@link #completed}; stored together (issue 19). */
    public PollWrites pollWrites() {
        return new PollWrites(callbacks);
    }

    public void scheduled(CallbackScheduled event, PollWrites writes) {
        writes.set(
                event.callbackId(),
                new Document("ticketId", event.ticketId())
                        .append(
                                "allowedRoles",
                                event.allowedRoles().stream().map(Enum::name).toList())
                        .append("dueAt", Date.from(event.dueAt())),
                true);
    }

    public void completed(String callbackId, Instant at, PollWrites writes) {
        writes.set(callbackId, new Document("completedAt", Date.from(at)), false);
    }

    /** A call was placed for the callback: the ticket's call log lists it ({@code _id} = {@code ticket:<id>}). */
    public void dialled(Dialable callback, String callId) {
        callbacks.updateOne(eq("_id", callback.callbackId()), Updates.addToSet("callIds", callId));
        callbacks.updateOne(
                eq("_id", TICKET_PREFIX + callback.ticketId()),
                Updates.addToSet("callIds", callId),
                new UpdateOptions().upsert(true));
    }

    /** The calls placed for the ticket's callbacks. */
    public List<String> ofTicket(String ticketId) {
        Document d = callbacks.find(eq("_id", TICKET_PREFIX + ticketId)).first();
        return d == null ? List.of() : d.getList("callIds", String.class, List.of());
    }

    public Optional<Dialable> find(String callbackId) {
        Document d = callbacks.find(eq("_id", callbackId)).first();
        if (d == null || d.getString("ticketId") == null) {
            return Optional.empty();
        }
        Set<CallerRole> roles = EnumSet.noneOf(CallerRole.class);
        d.getList("allowedRoles", String.class, List.of()).forEach(r -> roles.add(CallerRole.valueOf(r)));
        Date completed = d.getDate("completedAt");
        return Optional.of(new Dialable(
                callbackId,
                d.getString("ticketId"),
                roles,
                completed == null ? null : completed.toInstant(),
                d.getList("callIds", String.class, List.of())));
    }
}
