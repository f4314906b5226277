package io.propdesk.ticket.call.api;

import io.propdesk.platform.domain.NotFoundException;
import io.propdesk.platform.security.Staff;
import io.propdesk.ticket.call.domain.CallLog;
import io.propdesk.ticket.privacy.OwnerKeys;
import io.propdesk.ticket.privacy.PhoneNumbers;
import java.time.Clock;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Erasure by number (issue 16 §1): calls from or to a number that no single owner has are sealed under a key of the
 * number's own; destroying it leaves those numbers unreadable everywhere (event store, topics, read models), and the
 * number's call list is dropped, so the number finds none of its calls any more. An owner's calls go with the owner's
 * own erasure ({@code DELETE /api/owners/{ownerId}/personal-data}).
 */
@RestController
public class CallerDataController {

    private static final Logger log = LoggerFactory.getLogger(CallerDataController.class);

    private final OwnerKeys keys;
    private final CallLog calls;
    private final PhoneNumbers phoneNumbers;
    private final Clock clock;

    public CallerDataController(OwnerKeys keys, CallLog calls, PhoneNumbers phoneNumbers, Clock clock) {
        this.keys = keys;
        this.calls = calls;
        this.phoneNumbers = phoneNumbers;
        this.clock = clock;
    }

    /** @param keyOwner the number's own key owner, {@code phone:<blind index>}; the number itself is not answered */
    public record NumberErased(String keyOwner, int keysDestroyed, boolean callsForgotten, Instant erasedAt) {}

    @DeleteMapping("/api/callers/personal-data")
    public NumberErased erase(@RequestParam(required = false) String number) {
        String e164 = phoneNumbers.e164("number", number == null ? "" : number);
        String keyOwner = calls.numberKeyOwner(e164);
        boolean hasKey = keys.state(keyOwner).isPresent();
        boolean forgotten = calls.forgetNumber(e164);
        if (!hasKey && !forgotten) {
            throw new NotFoundException("number", "given");
        }
        String by = Staff.current().name();
        Instant now = clock.instant();
        int destroyed = hasKey ? keys.destroy(keyOwner, by, now) : 0;
        // the key owner is a blind index, never the number
        log.info("Personal data of number {} erased by {}: {} key(s) destroyed", keyOwner, by, destroyed);
        return new NumberErased(keyOwner, destroyed, forgotten, now);
    }
}
