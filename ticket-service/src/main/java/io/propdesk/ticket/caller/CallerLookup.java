package io.propdesk.ticket.caller;

import io.propdesk.contracts.SlaRule;
import io.propdesk.contracts.TicketKind;
import io.propdesk.ticket.domain.TicketStatus;
import io.propdesk.ticket.privacy.PersonalData;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.function.UnaryOperator;
import org.springframework.stereotype.Service;

/**
 * The screen pop: who a phone number belongs to, what is still open for them and what they called about lately.
 * Every step is an {@code _id} lookup: the number's index entry, then per matching owner their contacts and their
 * tickets, then per open ticket its obligations.
 */
@Service
public class CallerLookup {

    /** Tickets opened this long ago or less are the caller's recent tickets. */
    public static final Duration RECENT_TICKETS = Duration.ofDays(30);

    private final CallerIndex index;
    private final OwnerContacts contacts;
    private final OwnerTickets tickets;
    private final TicketObligations obligations;
    private final PersonalData personal;
    private final ConsoleProperties console;
    private final Clock clock;

    public CallerLookup(
            CallerIndex index,
            OwnerContacts contacts,
            OwnerTickets tickets,
            TicketObligations obligations,
            PersonalData personal,
            ConsoleProperties console,
            Clock clock) {
        this.index = index;
        this.contacts = contacts;
        this.tickets = tickets;
        this.obligations = obligations;
        this.personal = personal;
        this.console = console;
        this.clock = clock;
    }

    /** The answer of {@code GET /api/callers}. */
    public record Result(
            String number,
            List<Owner> matches,
            List<TicketRef> openTickets,
            List<TicketRef> recentTickets,
            String consoleUrl) {}

    /** An owner the number belongs to; {@code name} only for a role that may read it (else null). */
    public record Owner(String ownerId, String estateId, String unitId, String name, CallerIndex.Level level) {}

    /** One of the matching owners' tickets, with its next due obligation when it is open and one is known. */
    public record TicketRef(
            String ticketId,
            String ownerId,
            TicketStatus status,
            TicketKind kind,
            Instant openedAt,
            Instant updatedAt,
            NextDue nextDue) {}

    public record NextDue(String obligationId, SlaRule rule, Instant dueAt, boolean breached) {}

    /** Looks an E.164 number up; {@code withNames} when the caller's role may read owners' personal data. */
    public Result lookup(String e164, boolean withNames) {
        String numberIndex = index.indexOf(e164);
        Instant recentSince = clock.instant().minus(RECENT_TICKETS);
        UnaryOperator<String> open = personal.opener();
        List<Owner> matches = new ArrayList<>();
        List<TicketRef> openTickets = new ArrayList<>();
        List<TicketRef> recentTickets = new ArrayList<>();
        for (CallerIndex.Match match : index.find(e164)) {
            List<OwnerTickets.Row> rows = tickets.of(match.ownerId());
            Optional<String> sealedName;
            if (match.level() == CallerIndex.Level.KNOWN) {
                Optional<OwnerContacts.Sealed> contact = contacts.sealed(match.ownerId())
                        .flatMap(list -> list.stream()
                                .filter(c -> numberIndex.equals(c.index()))
                                .findFirst());
                if (contact.isEmpty()) {
                    continue; // the contacts are the truth: an entry a replacement did not finish removing
                }
                sealedName = Optional.ofNullable(contact.get().name());
            } else {
                sealedName = rows.stream()
                        .filter(r -> numberIndex.equals(r.callerIndex()))
                        .map(OwnerTickets.Row::sealedCallerName)
                        .filter(n -> n != null)
                        .findFirst();
            }
            matches.add(new Owner(
                    match.ownerId(),
                    match.estateId(),
                    match.unitId(),
                    withNames ? sealedName.map(open).orElse(null) : null,
                    match.level()));
            for (OwnerTickets.Row row : rows) {
                boolean recent = !row.openedAt().isBefore(recentSince);
                if (row.open() || recent) {
                    TicketRef ref = ref(match.ownerId(), row);
                    if (row.open()) {
                        openTickets.add(ref);
                    }
                    if (recent) {
                        recentTickets.add(ref);
                    }
                }
            }
        }
        Comparator<TicketRef> newestFirst =
                Comparator.comparing(TicketRef::openedAt).reversed().thenComparing(TicketRef::ticketId);
        openTickets.sort(newestFirst);
        recentTickets.sort(newestFirst);
        return new Result(e164, List.copyOf(matches), openTickets, recentTickets, consoleUrl(e164));
    }

    private TicketRef ref(String ownerId, OwnerTickets.Row row) {
        NextDue due = row.open()
                ? obligations
                        .next(row.ticketId())
                        .map(d -> new NextDue(d.obligationId(), d.rule(), d.dueAt(), d.breached()))
                        .orElse(null)
                : null;
        return new TicketRef(row.ticketId(), ownerId, row.status(), row.kind(), row.openedAt(), row.updatedAt(), due);
    }

    /** The console's intake screen for this caller. */
    public String consoleUrl(String e164) {
        return console.baseUrl() + "/intake?number=" + URLEncoder.encode(e164, StandardCharsets.UTF_8);
    }
}
