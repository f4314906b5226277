package io.propdesk.callback.calls;

import io.propdesk.callback.calls.MissedCallCommands.PassMissedCallDeadline;
import java.time.Clock;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * M1's clock, beside the ledger's DeadlineTicker and working the same way: every second, each missed call whose time
 * has come (the 60 s after a hangup, or its due time) is told the time, and decides itself: it opens its obligation,
 * or breaches it. Once only, because opening and breaching are the call's own state transitions (the store lets only
 * one append win); a re-told time changes nothing. At start-up every call that was waiting is read again from its
 * stream, so a time that passed while the service was down is acted on at once. A failed tick leaves the entry for
 * the next one.
 */
@Component
public class MissedCallTicker {

    private static final Logger log = LoggerFactory.getLogger(MissedCallTicker.class);

    private final MissedCallDeadlines deadlines;
    private final MissedCallDesk desk;
    private final Clock clock;
    private volatile boolean ready;

    public MissedCallTicker(MissedCallDeadlines deadlines, MissedCallDesk desk, Clock clock) {
        this.deadlines = deadlines;
        this.desk = desk;
        this.clock = clock;
    }

    @EventListener(ApplicationReadyEvent.class)
    public void rebuild() {
        for (String callId : deadlines.stored()) {
            try {
                desk.refresh(callId);
            } catch (RuntimeException e) {
                log.warn("could not read missed call {} again; it is retried at the next start", callId, e);
            }
        }
        ready = true;
        log.info("missed-call deadlines rebuilt: {} calls waiting", deadlines.size());
    }

    @Scheduled(fixedDelay = 1000)
    public void tick() {
        if (!ready) {
            return;
        }
        Instant now = clock.instant();
        for (String callId : deadlines.dueBy(now)) {
            try {
                desk.send(callId, new PassMissedCallDeadline(callId, now));
            } catch (RuntimeException e) {
                log.warn("deadline of missed call {} failed; retried at the next tick", callId, e);
            }
        }
    }
}
