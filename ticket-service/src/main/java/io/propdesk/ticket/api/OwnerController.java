package io.propdesk.ticket.api;

import io.propdesk.platform.domain.NotFoundException;
import io.propdesk.platform.security.Staff;
import io.propdesk.ticket.privacy.OwnerKeys;
import java.time.Clock;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Owners' personal data (crypto-shredding). An owner is a unit of an estate, {@code <estateId>:<unitId>}, as every
 * ticket's {@code ownerId} names it. Erasing destroys the owner's keys: their name and phone stay in the history as
 * sealed values that nothing can open any more, so the history stays complete and replayable.
 */
@RestController
@RequestMapping("/api/owners")
public class OwnerController {

    private static final Logger log = LoggerFactory.getLogger(OwnerController.class);

    private final OwnerKeys keys;
    private final Clock clock;

    public OwnerController(OwnerKeys keys, Clock clock) {
        this.keys = keys;
        this.clock = clock;
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

    /** Destroys the owner's keys; again later, nothing more to destroy (200 with {@code keysDestroyed: 0}). */
    @DeleteMapping("/{ownerId}/personal-data")
    public PersonalDataState erase(@PathVariable String ownerId) {
        keys.state(ownerId).orElseThrow(() -> new NotFoundException("owner", ownerId));
        String by = Staff.current().name();
        int destroyed = keys.destroy(ownerId, by, clock.instant());
        log.info("Personal data of owner {} erased by {}: {} key(s) destroyed", ownerId, by, destroyed);
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
