package io.propdesk.ticket.caller;

import static com.mongodb.client.model.Filters.eq;

import com.fasterxml.jackson.annotation.JsonValue;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;
import io.propdesk.ticket.privacy.BlindIndex;
import io.propdesk.ticket.privacy.OwnerKeys;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Date;
import java.util.List;
import java.util.Locale;
import org.bson.Document;
import org.springframework.stereotype.Component;

/**
 * Which owners a phone number belongs to, found by the number's keyed blind index ({@link BlindIndex}), never by the
 * number itself. One document per number ({@code _id} = blind index) holds one entry per owner: {@code known} since
 * when (a phone registered for the unit), {@code recent} until when (the number called about the unit; it counts for
 * {@link #RECENT_FOR}). A second collection lists each owner's numbers (again as blind indexes), so erasing an owner
 * removes every entry of theirs. Every read and write is an {@code _id} lookup; each write changes one document
 * atomically (the owner's list first, so no entry ever exists that erasure cannot reach).
 */
@Component
public class CallerIndex {

    public static final String NUMBERS = "caller_index";
    public static final String OWNER_NUMBERS = "caller_index_owners";

    /** How long a number that called about a unit stays a {@code recent} match for it. */
    public static final Duration RECENT_FOR = Duration.ofDays(90);

    /** How a number matches an owner; {@code known} outranks {@code recent}. */
    public enum Level {
        KNOWN,
        RECENT;

        @JsonValue
        public String code() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** An owner the number belongs to, how, and when it was last seen at that level. */
    public record Match(String ownerId, String estateId, String unitId, Level level, Instant lastSeenAt) {}

    private final MongoCollection<Document> numbers;
    private final MongoCollection<Document> ownerNumbers;
    private final BlindIndex blindIndex;
    private final Clock clock;

    public CallerIndex(MongoDatabase database, BlindIndex blindIndex, Clock clock) {
        this.numbers = database.getCollection(NUMBERS);
        this.ownerNumbers = database.getCollection(OWNER_NUMBERS);
        this.blindIndex = blindIndex;
        this.clock = clock;
    }

    /**
     * The owners an E.164 number belongs to, one match per owner at its best level ({@code known} first, then the most
     * recently seen); a {@code recent} entry older than {@link #RECENT_FOR} no longer matches. Empty when none.
     */
    public List<Match> find(String e164) {
        Document doc = numbers.find(eq("_id", blindIndex.of(e164))).first();
        if (doc == null) {
            return List.of();
        }
        Instant recentSince = clock.instant().minus(RECENT_FOR);
        List<Match> matches = new ArrayList<>();
        Document owners = doc.get("owners", Document.class);
        if (owners == null) {
            return List.of();
        }
        for (Object value : owners.values()) {
            if (!(value instanceof Document entry)) {
                continue;
            }
            Date known = entry.getDate("knownAt");
            Date recent = entry.getDate("recentAt");
            String ownerId = entry.getString("ownerId");
            if (known != null) {
                matches.add(new Match(
                        ownerId,
                        entry.getString("estateId"),
                        entry.getString("unitId"),
                        Level.KNOWN,
                        recent != null && recent.after(known) ? recent.toInstant() : known.toInstant()));
            } else if (recent != null && !recent.toInstant().isBefore(recentSince)) {
                matches.add(new Match(
                        ownerId,
                        entry.getString("estateId"),
                        entry.getString("unitId"),
                        Level.RECENT,
                        recent.toInstant()));
            }
        }
        matches.sort(Comparator.comparing(Match::level)
                .thenComparing(Match::lastSeenAt, Comparator.reverseOrder())
                .thenComparing(Match::ownerId));
        return List.copyOf(matches);
    }

    /** The number is a phone registered for the unit ({@code known}). */
    public void registerKnown(String e164, String estateId, String unitId, Instant at) {
        String ownerId = OwnerKeys.ownerOf(estateId, unitId);
        String index = remember(ownerId, e164);
        String entry = "owners." + fieldOf(ownerId);
        numbers.updateOne(
                eq("_id", index),
                Updates.combine(
                        owner(entry, ownerId, estateId, unitId), Updates.set(entry + ".knownAt", Date.from(at))),
                new UpdateOptions().upsert(true));
    }

    /**
     * The number called about the unit at {@code at} ({@code recent} for {@link #RECENT_FOR} from then); an older call
     * noted later (a replay) never moves the time back.
     */
    public void noteRecent(String e164, String estateId, String unitId, Instant at) {
        String ownerId = OwnerKeys.ownerOf(estateId, unitId);
        String index = remember(ownerId, e164);
        String entry = "owners." + fieldOf(ownerId);
        numbers.updateOne(
                eq("_id", index),
                Updates.combine(
                        owner(entry, ownerId, estateId, unitId), Updates.max(entry + ".recentAt", Date.from(at))),
                new UpdateOptions().upsert(true));
    }

    /** The number is no longer a registered phone of the owner (a {@code recent} entry stays). */
    public void removeKnown(String e164, String ownerId) {
        removeKnownIndex(blindIndex.of(e164), ownerId);
    }

    /** The same by the number's blind index (what a stored contact keeps instead of the number). */
    void removeKnownIndex(String index, String ownerId) {
        numbers.updateOne(eq("_id", index), Updates.unset("owners." + fieldOf(ownerId) + ".knownAt"));
    }

    /** The number's blind index, under which it is filed here. */
    public String indexOf(String e164) {
        return blindIndex.of(e164);
    }

    /** Removes every entry of the owner (erasure): afterwards none of their numbers finds them. Answers how many. */
    public int forgetOwner(String ownerId) {
        Document listed = ownerNumbers.find(eq("_id", ownerId)).first();
        if (listed == null) {
            return 0;
        }
        List<String> indexes = listed.getList("numbers", String.class, List.of());
        String entry = "owners." + fieldOf(ownerId);
        int removed = 0;
        for (String index : indexes) {
            removed += (int)
                    numbers.updateOne(eq("_id", index), Updates.unset(entry)).getModifiedCount();
        }
        ownerNumbers.deleteOne(eq("_id", ownerId));
        return removed;
    }

    private String remember(String ownerId, String e164) {
        String index = blindIndex.of(e164);
        ownerNumbers.updateOne(
                eq("_id", ownerId), Updates.addToSet("numbers", index), new UpdateOptions().upsert(true));
        return index;
    }

    private static org.bson.conversions.Bson owner(String entry, String ownerId, String estateId, String unitId) {
        return Updates.combine(
                Updates.set(entry + ".ownerId", ownerId),
                Updates.set(entry + ".estateId", estateId),
                Updates.set(entry + ".unitId", unitId));
    }

    /** An owner id as a field name: ids may hold dots, which a field path cannot; {@code ~} is in no id. */
    static String fieldOf(String ownerId) {
        return ownerId.replace('.', '~');
    }
}
