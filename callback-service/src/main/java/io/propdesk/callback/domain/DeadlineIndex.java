package io.propdesk.callback.domain;

import io.propdesk.contracts.SlaRule;
import java.time.Instant;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.NavigableSet;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListSet;

/**
 * The ticker's in-memory index of open obligations by due time, so a tick looks only at what is due (no database
 * scan per tick). Refreshed by the ledger projection from each ledger's document as its events are folded in, rebuilt
 * at start-up from the active ledgers' documents.
 */
public class DeadlineIndex {

    record Entry(Instant dueAt, String obligationId, String ticketId, SlaRule rule) {}

    private static final Comparator<Entry> ORDER =
            Comparator.comparing(Entry::dueAt).thenComparing(Entry::obligationId);

    private final NavigableSet<Entry> byDue = new ConcurrentSkipListSet<>(ORDER);
    private final Map<String, List<Entry>> byTicket = new ConcurrentHashMap<>();

    /** Replaces what the index knows of one ticket with its ledger's open, clocked obligations. */
    public void refresh(LedgerView ledger) {
        List<Entry> entries = ledger.obligations().stream()
                .filter(o -> o.status() == ObligationStatus.OPEN && o.dueAt() != null)
                .map(o -> new Entry(o.dueAt(), o.obligationId(), ledger.ticketId(), o.rule()))
                .toList();
        byTicket.compute(ledger.ticketId(), (id, previous) -> {
            if (previous != null) {
                previous.forEach(byDue::remove);
            }
            byDue.addAll(entries);
            return entries.isEmpty() ? null : entries;
        });
    }

    /** The tickets with an obligation due by {@code now}, earliest first. */
    public Set<String> ticketsDueBy(Instant now) {
        Set<String> due = new LinkedHashSet<>();
        for (Entry e : byDue) {
            if (e.dueAt().isAfter(now)) {
                break;
            }
            due.add(e.ticketId());
        }
        return due;
    }

    public Map<SlaRule, Long> openByRule() {
        Map<SlaRule, Long> counts = new EnumMap<>(SlaRule.class);
        byDue.forEach(e -> counts.merge(e.rule(), 1L, Long::sum));
        return counts;
    }

    public int size() {
        return byDue.size();
    }
}
