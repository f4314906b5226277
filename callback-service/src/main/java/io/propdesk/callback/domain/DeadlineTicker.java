package io.propdesk.callback.domain;

import java.time.Clock;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Finds obligations that came due and has their ledgers breach them (SlaBreached, through the store and the relay),
 * within a second or two of the due time. The index it asks is a read model in the service's database, fed from the
 * topic, so every instance sees every deadline and a restart finds them where they were; an obligation that came due
 * while the service was down is breached at the first tick, and only once, because the breach is the ledger's own
 * state transition (two instances racing for it end in one append). A failed tick, or an entry the topic has not
 * removed yet, is simply looked at again at the next tick: the ledger breaches only what is open and due.
 *
 * <p>W1 the same way: an obligation whose at-risk moment has come and that the index does not show announced yet has
 * its ledger announce it (ObligationAtRisk), once, because the announcement is the ledger's own state too.
 */
@Component
public class DeadlineTicker {

    private static final Logger log = LoggerFactory.getLogger(DeadlineTicker.class);

    private final DeadlineIndex index;
    private final LedgerDesk desk;
    private final Clock clock;

    public DeadlineTicker(DeadlineIndex index, LedgerDesk desk, Clock clock) {
        this.index = index;
        this.desk = desk;
        this.clock = clock;
    }

    @Scheduled(fixedDelay = 1000)
    public void tick() {
        Instant now = clock.instant();
        for (String ticketId : index.ticketsDueBy(now)) {
            try {
                desk.send(ticketId, new BreachDueObligations(ticketId, now));
            } catch (RuntimeException e) {
                log.warn("breach check of ticket {} failed; retried at the next tick", ticketId, e);
            }
        }
        // W1: after the breaches, so an obligation already due is breached, not warned of
        for (String ticketId : index.ticketsAtRiskBy(now)) {
            try {
                desk.send(ticketId, new MarkObligationsAtRisk(ticketId, now));
            } catch (RuntimeException e) {
                log.warn("at-risk check of ticket {} failed; retried at the next tick", ticketId, e);
            }
        }
    }
}
