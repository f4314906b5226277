package io.propdesk.callback.domain;

import io.propdesk.callback.domain.RecordedFacts.Fact;
import io.propdesk.platform.domain.NotFoundException;
import io.propdesk.platform.domain.RuleViolationException;
import java.time.Instant;
import java.util.List;
import org.axonframework.modelling.command.AggregateNotFoundException;

/**
 * A what-if of one ledger: its recorded facts handled again by {@link TicketLedger}'s own command handlers, on other
 * due times (other {@link io.propdesk.callback.CallbackProperties}, other calendars), in a scratch store. The
 * deadline ticker is played as if it never lagged: before each fact, everything due before it is breached; at the
 * end, everything due by the horizon. The recorded stream is read, never written.
 */
public final class LedgerReplay {

    /** What the replay gave: the ledger's events under the what-if rules, and the facts it could not replay. */
    public record Result(String ticketId, List<Object> events, int skippedFacts) {}

    private final DueTimes due;

    public LedgerReplay(DueTimes due) {
        this.due = due;
    }

    public Result replay(String ticketId, List<Fact> facts, Instant horizon) {
        try (ScratchAggregates<TicketLedger> scratch = new ScratchAggregates<>(TicketLedger.class, due)) {
            boolean opened = false;
            int skipped = 0;
            for (Fact fact : facts) {
                if (opened) {
                    // the ticker would have breached these before the fact came in; a fact exactly at a due time
                    // still meets it (R4: a reply at the due time is on time)
                    breachDue(scratch, ticketId, fact.at().minusNanos(1));
                }
                try {
                    scratch.send(fact.command().apply(due));
                    opened = true;
                } catch (RuleViolationException | NotFoundException | AggregateNotFoundException refused) {
                    // a fact the what-if ledger refuses (for instance a callback it scheduled under another id) is
                    // left out and counted, rather than failing the whole what-if
                    skipped++;
                }
            }
            if (opened) {
                breachDue(scratch, ticketId, horizon);
            }
            return new Result(ticketId, scratch.events(ticketId), skipped);
        }
    }

    /** The ticker's command until nothing open is due by {@code now} (one command breaches a bounded number). */
    private static void breachDue(ScratchAggregates<TicketLedger> scratch, String ticketId, Instant now) {
        while (scratch.read(ticketId, ledger -> dueBy(ledger.view(), now))) {
            scratch.send(new BreachDueObligations(ticketId, now));
        }
    }

    private static boolean dueBy(LedgerView view, Instant now) {
        return view.obligations().stream()
                .anyMatch(o -> o.status() == ObligationStatus.OPEN
                        && o.dueAt() != null
                        && !o.dueAt().isAfter(now));
    }
}
