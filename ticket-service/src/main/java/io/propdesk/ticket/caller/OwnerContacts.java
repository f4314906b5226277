package io.propdesk.ticket.caller;

import static com.mongodb.client.model.Filters.eq;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.ReplaceOptions;
import io.propdesk.ticket.privacy.OwnerKeys;
import io.propdesk.ticket.privacy.PersonalData;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.UnaryOperator;
import org.bson.Document;
import org.springframework.stereotype.Component;

/**
 * The phones registered for a unit (its owner's contacts), one document per owner ({@code _id} = owner id) holding
 * each contact's name and E.164 phone sealed under the owner's key and the phone's blind index. The document is the
 * truth and is written whole in one step; the {@link CallerIndex} entries ({@code known}) follow it: new numbers
 * filed, dropped numbers removed. A lookup confirms a {@code known} entry against this document, so an interrupted
 * replacement never shows a number that is no longer registered, and repeating the replacement completes it.
 */
@Component
public class OwnerContacts {

    public static final String COLLECTION = "owner_contacts";

    private final MongoCollection<Document> owners;
    private final PersonalData personal;
    private final CallerIndex index;

    public OwnerContacts(MongoDatabase database, PersonalData personal, CallerIndex index) {
        this.owners = database.getCollection(COLLECTION);
        this.personal = personal;
        this.index = index;
    }

    /** A contact as the desk gives it: a name (may be null) and an E.164 phone. */
    public record Contact(String name, String phone) {

        /** Never the name or phone: a contact may end up in a log line. */
        @Override
        public String toString() {
            return "Contact[name=***, phone=***]";
        }
    }

    /** A contact as stored: sealed name and phone, and the phone's blind index. */
    public record Sealed(String name, String phone, String index) {}

    /** Replaces the unit's contacts with these (E.164 phones, each once); answers the list as stored, opened. */
    public List<Contact> replace(String estateId, String unitId, List<Contact> contacts, Instant at) {
        String ownerId = OwnerKeys.ownerOf(estateId, unitId);
        List<Sealed> before = sealed(ownerId).orElse(List.of());
        List<Document> stored = new ArrayList<>();
        Set<String> kept = new HashSet<>();
        for (Contact contact : contacts) {
            String[] sealed = personal.seal(ownerId, contact.name(), contact.phone());
            String numberIndex = index.indexOf(contact.phone());
            kept.add(numberIndex);
            stored.add(
                    new Document("name", sealed[0]).append("phone", sealed[1]).append("index", numberIndex));
        }
        owners.replaceOne(
                eq("_id", ownerId),
                new Document("_id", ownerId)
                        .append("estateId", estateId)
                        .append("unitId", unitId)
                        .append("contacts", stored)
                        .append("updatedAt", Date.from(at)),
                new ReplaceOptions().upsert(true));
        for (Contact contact : contacts) {
            index.registerKnown(contact.phone(), estateId, unitId, at);
        }
        for (Sealed old : before) {
            if (!kept.contains(old.index())) {
                index.removeKnownIndex(old.index(), ownerId);
            }
        }
        return List.copyOf(contacts);
    }

    /** The owner's contacts opened (a name or phone whose key was destroyed reads {@code [erased]}); empty if none. */
    public Optional<List<Contact>> find(String ownerId) {
        return sealed(ownerId).map(list -> {
            UnaryOperator<String> open = personal.opener();
            return list.stream()
                    .map(c -> new Contact(open.apply(c.name()), open.apply(c.phone())))
                    .toList();
        });
    }

    /** The owner's contacts as stored, sealed. */
    public Optional<List<Sealed>> sealed(String ownerId) {
        Document doc = owners.find(eq("_id", ownerId)).first();
        if (doc == null) {
            return Optional.empty();
        }
        List<Sealed> contacts = new ArrayList<>();
        for (Document c : doc.getList("contacts", Document.class, List.of())) {
            contacts.add(new Sealed(c.getString("name"), c.getString("phone"), c.getString("index")));
        }
        return Optional.of(contacts);
    }

    /** Erasure: the owner's contacts are gone (with their index entries, which {@link CallerIndex#forgetOwner} removes). */
    public boolean delete(String ownerId) {
        return owners.deleteOne(eq("_id", ownerId)).getDeletedCount() > 0;
    }
}
