package io.propdesk.callback.domain;

import io.propdesk.callback.query.LedgerDocuments;
import io.propdesk.callback.query.LedgerProjection;
import java.time.Clock;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Finds obligations that came due and has their ledgers breach them (SlaBreached, through the store and the relay),
 * within a second or two of the due time. Detection survives restarts: at start-up the index is rebuilt from the
 * active ledgers' documents, each caught up with its stream first, so an obligation that came due while the service
 * was down is breached at once, and only once, because the breach is the ledger's own state transition. A failed
 * tick leaves the entry for the next one.
 */
@Component
public class DeadlineTicker {

    private static final Logger log = LoggerFactory.getLogger(DeadlineTicker.class);

    private final DeadlineIndex index;
    private final LedgerDesk desk;
    private final LedgerDocuments documents;
    private final LedgerProjection projection;
    private final Clock clock;
    private volatile boolean ready;

    public DeadlineTicker(
            DeadlineIndex index, LedgerDesk desk, LedgerDocuments documents, LedgerProjection projection, Clock clock) {
        this.index = index;
        this.desk = desk;
        this.documents = documents;
        this.projection = projection;
        this.clock = clock;
    }

    @EventListener(ApplicationReadyEvent.class)
    public void rebuild() {
        int reloaded = 0;
        for (String ticketId : documents.activeTicketIds()) {
            try {
                projection.catchUp(ticketId);
                reloaded++;
            } catch (RuntimeException e) {
                log.warn("could not reload the ledger of ticket {}; it is retried at the next start", ticketId, e);
            }
        }
        ready = true;
        log.info("deadline index rebuilt from {} active ledgers: {} open obligations", reloaded, index.size());
    }

    @Scheduled(fixedDelay = 1000)
    public void tick() {
        if (!ready) {
            return;
        }
        Instant now = clock.instant();
        for (String ticketId : index.ticketsDueBy(now)) {
            try {
                desk.send(ticketId, new BreachDueObligations(ticketId, now));
                // the events fed the index already; a ledger whose entry was stale (another instance moved it on)
                // applied nothing, so its entry is refreshed from its document, caught up with its stream
                projection.catchUp(ticketId);
            } catch (RuntimeException e) {
                log.warn("breach check of ticket {} failed; retried at the next tick", ticketId, e);
            }
        }
    }
}
