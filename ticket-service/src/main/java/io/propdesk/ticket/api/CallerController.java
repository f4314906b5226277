package io.propdesk.ticket.api;

import io.propdesk.platform.domain.NotFoundException;
import io.propdesk.ticket.caller.CallerLookup;
import io.propdesk.ticket.privacy.PhoneNumbers;
import io.swagger.v3.oas.annotations.Parameter;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The caller lookup for the screen pop (来电弹屏): who is calling, for which unit, what is still open for them. The
 * number is taken as phone systems send it and normalised to E.164; the owner's name is answered only to a role that
 * may read owners' personal data.
 */
@RestController
@RequestMapping("/api/callers")
public class CallerController {

    static final String NUMBER_DOC = "the caller's number as the phone system sends it: 13800000000, +86 138 0000 0000,"
            + " 008613800000000, 0755-1234567 (without a country code: the configured default region)";

    /**
     * A screen pop exists to show the agent who is calling, so every role the access table admits to the lookup (the
     * desk, stewards, managers and the phone system that pops the agent's screen) gets the owners' names; the open and
     * recent tickets it lists carry no caller data.
     */
    private static final boolean SCREEN_POP_SHOWS_NAMES = true;

    private final CallerLookup lookup;
    private final PhoneNumbers phones;

    public CallerController(CallerLookup lookup, PhoneNumbers phones) {
        this.lookup = lookup;
        this.phones = phones;
    }

    /** Zero, one or several matching owners, their open tickets with the next due obligation, their last 30 days. */
    @GetMapping
    public CallerLookup.Result lookup(@Parameter(description = NUMBER_DOC) @RequestParam String number) {
        return lookup.lookup(phones.e164("number", number), SCREEN_POP_SHOWS_NAMES);
    }

    /**
     * The best match as flat fields for a phone system's CRM template (3CX: {@code /api/callers/lookup?number=[Number]}):
     * 404 when no owner has the number.
     */
    @GetMapping("/lookup")
    public FlatCaller flat(@Parameter(description = NUMBER_DOC) @RequestParam String number) {
        String e164 = phones.e164("number", number);
        CallerLookup.Result result = lookup.lookup(e164, SCREEN_POP_SHOWS_NAMES);
        if (result.matches().isEmpty()) {
            throw new NotFoundException("owner", "with this phone number");
        }
        CallerLookup.Owner best = result.matches().get(0);
        int open = (int) result.openTickets().stream()
                .filter(t -> t.ownerId().equals(best.ownerId()))
                .count();
        return new FlatCaller(
                best.ownerId(),
                best.name() == null ? best.unitId() : best.name(),
                best.name() == null ? null : best.unitId(),
                best.name(),
                best.estateId(),
                best.estateId(),
                best.unitId(),
                e164,
                best.level().code(),
                open,
                result.matches().size(),
                result.consoleUrl());
    }

    /**
     * A caller as a CRM template reads it. {@code firstName} is the owner's name (for a role that may not read names:
     * the unit), {@code lastName} the unit beside a name, so the pop reads "张三 3-1201"; {@code companyName} the
     * estate; {@code phoneMobile} the number in E.164; {@code url} the console's intake screen for the caller.
     */
    public record FlatCaller(
            String contactId,
            String firstName,
            String lastName,
            String name,
            String companyName,
            String estateId,
            String unit,
            String phoneMobile,
            String level,
            int openTickets,
            int matches,
            String url) {}
}
