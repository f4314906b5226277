package io.propdesk.ticket.privacy;

import static com.mongodb.client.model.Filters.and;
import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Filters.in;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.FindOneAndUpdateOptions;
import com.mongodb.client.model.ReturnDocument;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.springframework.stereotype.Component;

/**
 * The per-owner data keys, held by ticket-service alone. An owner is a unit of an estate ({@code estate:unit}); each
 * owner has a key generation, and a key per generation ({@code _id = owner#generation}, AES-256). Destroying an
 * owner's personal data deletes every key of theirs and moves them to a new generation: what was sealed before can no
 * longer be opened anywhere (event store, Kafka, read models, backups of those), while calls that come later get a
 * fresh key. Every operation is an {@code _id} lookup or write.
 */
@Component
public class OwnerKeys {

    public static final String KEYS = "owner_keys";
    public static final String OWNERS = "owners";

    private final MongoCollection<Document> keys;
    private final MongoCollection<Document> owners;
    private final SecureRandom random = new SecureRandom();

    public OwnerKeys(MongoDatabase database) {
        this.keys = database.getCollection(KEYS);
        this.owners = database.getCollection(OWNERS);
    }

    /** A key: its id (named in every value it seals) and its bytes. */
    public record Key(String keyId, byte[] secret) {}

    /** What is known of an owner's keys. */
    public record OwnerState(
            String ownerId, int generation, int readableKeys, Instant lastErasedAt, String lastErasedBy) {}

    public static String ownerOf(String estateId, String unitId) {
        return estateId + ":" + unitId;
    }

    /**
     * The owner's current key, created on first use. The owner document carries its current key beside the generation,
     * so sealing costs one {@code _id} lookup; the key is also stored by its id, which is what opening looks up. A racing
     * creator loses on the {@code _id} and uses the winner's key.
     */
    public Key current(String ownerId) {
        Document owner = owners.find(eq("_id", ownerId)).first();
        int generation = owner == null ? 1 : owner.getInteger("generation", 1);
        String keyId = ownerId + "#" + generation;
        if (owner != null && keyId.equals(owner.getString("keyId")) && owner.getString("key") != null) {
            return new Key(keyId, Base64.getDecoder().decode(owner.getString("key")));
        }
        Document key = keys.find(eq("_id", keyId)).first();
        if (key == null) {
            byte[] secret = new byte[32];
            random.nextBytes(secret);
            Document created = new Document("_id", keyId)
                    .append("ownerId", ownerId)
                    .append("key", Base64.getEncoder().encodeToString(secret))
                    .append("createdAt", Instant.now());
            try {
                keys.insertOne(created);
                key = created;
            } catch (MongoWriteException e) {
                if (e.getError().getCategory() != ErrorCategory.DUPLICATE_KEY) {
                    throw e;
                }
                key = keys.find(eq("_id", keyId)).first();
            }
        }
        // remember it on the owner, unless an erasure moved the generation meanwhile (then the next call re-reads)
        Bson sameGeneration =
                owner == null ? eq("_id", ownerId) : and(eq("_id", ownerId), eq("generation", generation));
        try {
            owners.updateOne(
                    sameGeneration,
                    Updates.combine(
                            Updates.max("generation", generation),
                            Updates.set("keyId", keyId),
                            Updates.set("key", key.getString("key"))),
                    new UpdateOptions().upsert(owner == null));
        } catch (MongoWriteException e) {
            if (e.getError().getCategory() != ErrorCategory.DUPLICATE_KEY) {
                throw e;
            }
        }
        return new Key(keyId, Base64.getDecoder().decode(key.getString("key")));
    }

    /** The key with this id, unless it was destroyed. */
    public Optional<byte[]> find(String keyId) {
        Document key = keys.find(eq("_id", keyId)).first();
        return key == null ? Optional.empty() : Optional.of(Base64.getDecoder().decode(key.getString("key")));
    }

    public Optional<OwnerState> state(String ownerId) {
        Document owner = owners.find(eq("_id", ownerId)).first();
        if (owner == null) {
            return Optional.empty();
        }
        int generation = owner.getInteger("generation", 1);
        int readable = (int) keys.countDocuments(in("_id", keyIds(ownerId, generation)));
        java.util.Date erased = owner.getDate("lastErasedAt");
        return Optional.of(new OwnerState(
                ownerId,
                generation,
                readable,
                erased == null ? null : erased.toInstant(),
                owner.getString("lastErasedBy")));
    }

    /**
     * Destroys every key of the owner and moves them to a new generation, in that order: calls after the erasure are
     * sealed under a new key. A call that read the owner just before may be sealed under a key that is then destroyed:
     * it reads {@code [erased]}, it never stays readable. Answers how many keys were destroyed (0 when already erased).
     */
    public int destroy(String ownerId, String by, Instant at) {
        Document before = owners.findOneAndUpdate(
                eq("_id", ownerId),
                Updates.combine(
                        Updates.inc("generation", 1),
                        Updates.set("lastErasedAt", java.util.Date.from(at)),
                        Updates.set("lastErasedBy", by),
                        Updates.unset("key"),
                        Updates.unset("keyId")),
                new FindOneAndUpdateOptions().returnDocument(ReturnDocument.BEFORE));
        if (before == null) {
            return 0;
        }
        int oldGeneration = before.getInteger("generation", 1);
        return (int) keys.deleteMany(in("_id", keyIds(ownerId, oldGeneration))).getDeletedCount();
    }

    private static List<String> keyIds(String ownerId, int upToGeneration) {
        List<String> ids = new ArrayList<>();
        for (int g = 1; g <= upToGeneration; g++) {
            ids.add(ownerId + "#" + g);
        }
        return ids;
    }
}
