package io.propdesk.ticket.api;

import io.propdesk.contracts.ticket.EstateConfigured;
import io.propdesk.platform.domain.BadRequestException;
import io.propdesk.platform.domain.NotFoundException;
import io.propdesk.platform.security.Staff;
import io.propdesk.platform.web.RequestBounds;
import io.propdesk.ticket.caller.CallerIndex;
import io.propdesk.ticket.caller.OwnerContacts;
import io.propdesk.ticket.caller.OwnerTickets;
import io.propdesk.ticket.domain.EstateDirectory;
import io.propdesk.ticket.privacy.OwnerKeys;
import io.propdesk.ticket.privacy.PhoneNumbers;
import jakarta.validation.Valid;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Owners' personal data (crypto-shredding). An owner is a unit of an estate, {@code <estateId>:<unitId>}, as every
 * ticket's {@code ownerId} names it. Erasing destroys the owner's keys: their name and phone stay in the history as
 * sealed values that nothing can open any more, so the history stays complete and replayable. Their registered phones
 * (contacts, for the caller lookup) are sealed the same way; erasing removes them and every lookup entry of the owner.
 */
@RestController
@RequestMapping("/api/owners")
public class OwnerController {

    private static final Logger log = LoggerFactory.getLogger(OwnerController.class);

    private final OwnerKeys keys;
    private final Clock clock;
    private final EstateDirectory estates;
    private final OwnerContacts contacts;
    private final CallerIndex callers;
    private final OwnerTickets ownerTickets;
    private final PhoneNumbers phones;

    public OwnerController(
            OwnerKeys keys,
            Clock clock,
            EstateDirectory estates,
            OwnerContacts contacts,
            CallerIndex callers,
            OwnerTickets ownerTickets,
            PhoneNumbers phones) {
        this.keys = keys;
        this.clock = clock;
        this.estates = estates;
        this.contacts = contacts;
        this.callers = callers;
        this.ownerTickets = ownerTickets;
        this.phones = phones;
    }

    /** An owner's registered phones, as the desk reads them. */
    public record Contacts(String ownerId, List<OwnerContacts.Contact> contacts) {}

    /**
     * Replaces the unit's registered phones (names and phones sealed under the owner's key; phones kept in E.164):
     * each is then a {@code known} match of the caller lookup, and a phone no longer listed is not. 404 for an estate
     * or unit that does not exist; 400 naming the contact for a phone that is no phone number or is listed twice.
     */
    @PutMapping("/{ownerId}/contacts")
    public Contacts replaceContacts(@PathVariable String ownerId, @Valid @RequestBody ContactsRequest body) {
        String[] unit = existingUnit(ownerId);
        List<OwnerContacts.Contact> normalised = new ArrayList<>();
        Map<String, Integer> seen = new HashMap<>();
        for (int i = 0; i < body.contacts().size(); i++) {
            ContactsRequest.Contact contact = body.contacts().get(i);
            String field = "contacts[" + i + "].phone";
            String e164 = phones.e164(field, contact.phone());
            Integer before = seen.putIfAbsent(e164, i);
            if (before != null) {
                throw new BadRequestException(field, "the same number as contacts[" + before + "].phone");
            }
            normalised.add(new OwnerContacts.Contact(contact.name().trim(), e164));
        }
        List<OwnerContacts.Contact> stored = contacts.replace(unit[0], unit[1], normalised, clock.instant());
        log.info(
                "Contacts of owner {} replaced by {}: {} phone(s)",
                ownerId,
                Staff.current().name(),
                stored.size());
        return new Contacts(ownerId, stored);
    }

    /** The unit's registered phones (empty when none were registered); names read {@code [erased]} after erasure. */
    @GetMapping("/{ownerId}/contacts")
    public Contacts contacts(@PathVariable String ownerId) {
        existingUnit(ownerId);
        return new Contacts(ownerId, contacts.find(ownerId).orElse(List.of()));
    }

    /** {@code estate:unit} of a unit the estate directory lists; 400 for another shape, 404 for an unknown one. */
    private String[] existingUnit(String ownerId) {
        String[] parts = ownerId.split(":", -1);
        if (parts.length != 2 || !parts[0].matches(RequestBounds.ID) || !parts[1].matches(RequestBounds.ID)) {
            throw new BadRequestException(
                    "ownerId", "an owner is <estateId>:<unitId>, each " + RequestBounds.ID_MESSAGE);
        }
        EstateConfigured estate = estates.find(parts[0]).orElseThrow(() -> new NotFoundException("estate", parts[0]));
        estate.buildingOfUnit(parts[1])
                .orElseThrow(() -> new NotFoundException("unit", parts[1] + " of estate " + parts[0]));
        return parts;
    }

    /** The answer of both: whose data, whether any of it is readable, when it was last erased and by whom. */
    public record PersonalDataState(
            String ownerId,
            boolean readable,
            int readableKeys,
            int keysDestroyed,
            Instant lastErasedAt,
            String lastErasedBy) {}

    @GetMapping("/{ownerId}/personal-data")
    public PersonalDataState get(@PathVariable String ownerId) {
        OwnerKeys.OwnerState state = keys.state(ownerId).orElseThrow(() -> new NotFoundException("owner", ownerId));
        return new PersonalDataState(
                ownerId, state.readableKeys() > 0, state.readableKeys(), 0, state.lastErasedAt(), state.lastErasedBy());
    }

    /**
     * Destroys the owner's keys, then removes the owner from the caller lookup (index entries, registered phones, the
     * caller names and phone indexes of their tickets' read model); again later, nothing more to destroy (200 with
     * {@code keysDestroyed: 0}). Afterwards no number finds the owner.
     */
    @DeleteMapping("/{ownerId}/personal-data")
    public PersonalDataState erase(@PathVariable String ownerId) {
        keys.state(ownerId).orElseThrow(() -> new NotFoundException("owner", ownerId));
        String by = Staff.current().name();
        // keys first: from here nothing of theirs opens, so no projection can file their phone again meanwhile
        int destroyed = keys.destroy(ownerId, by, clock.instant());
        int entries = callers.forgetOwner(ownerId);
        boolean hadContacts = contacts.delete(ownerId);
        int tickets = ownerTickets.forget(ownerId);
        log.info(
                "Personal data of owner {} erased by {}: {} key(s) destroyed, {} lookup entries, contacts {}, callers of"
                        + " {} ticket(s) removed",
                ownerId,
                by,
                destroyed,
                entries,
                hadContacts ? "removed" : "none",
                tickets);
        OwnerKeys.OwnerState state = keys.state(ownerId).orElseThrow();
        return new PersonalDataState(
                ownerId,
                state.readableKeys() > 0,
                state.readableKeys(),
                destroyed,
                state.lastErasedAt(),
                state.lastErasedBy());
    }
}
