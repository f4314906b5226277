package io.propdesk.platform.relay;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.client.MongoDatabase;
import io.propdesk.platform.testing.MutableClock;
import io.propdesk.platform.testing.Stores;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Issue 13 defect 8: the publishing lease on a moved clock (no background renewer: each renewal is called by the
 * test), so a late renewal, a lapsed view and a takeover are stepped through exactly.
 */
class RelayLeaseIT {

    private static final LeaseTiming TIMING = LeaseTiming.DEFAULT; // term 30 s, view 20 s, renew every 5 s

    private final MutableClock clock = MutableClock.at("2026-12-01T08:00:00Z");
    private MongoDatabase database;
    private RelayLease first;
    private RelayLease second;

    @BeforeEach
    void setUp() {
        database = Stores.freshDatabase("lease");
        first = new RelayLease(database, "svc", TIMING, clock);
        second = new RelayLease(database, "svc", TIMING, clock);
    }

    @Test
    void aHolderThatRenewsLateButBeforeItsTermEndsKeepsTheLeaseAndItsTerm_issue13_defect8() {
        assertThat(first.holdOrAcquire()).isTrue();
        long term = first.term();

        clock.advance(Duration.ofSeconds(25)); // the renewer starved: the view (20 s) lapsed, the term (30 s) did not
        assertThat(first.held())
                .as("the holder stops publishing once its view lapsed")
                .isFalse();
        assertThat(second.holdOrAcquire())
                .as("nobody else may take a term that has not ended")
                .isFalse();

        assertThat(first.holdOrAcquire()).isTrue();
        assertThat(first.held()).isTrue();
        assertThat(first.term())
                .as("same term: nobody else published meanwhile")
                .isEqualTo(term);
    }

    @Test
    void evenARenewalAfterTheTermEndedKeepsTheTermWhenNobodyElseTookTheLease_issue13_defect8() {
        first.holdOrAcquire();
        long term = first.term();

        clock.advance(Duration.ofSeconds(45));

        assertThat(first.holdOrAcquire()).isTrue();
        assertThat(first.term()).isEqualTo(term);
    }

    @Test
    void twoInstancesNeverBothHoldTheLeaseAndTheOtherTakesItOnlyAfterAWholeTermWithoutRenewal_issue13_defect8() {
        first.holdOrAcquire();
        Instant lastRenewal = clock.instant();

        for (int s = 1; s <= 30; s++) {
            clock.advance(Duration.ofSeconds(1));
            assertThat(second.holdOrAcquire())
                    .as("taken %d s after the holder's renewal", s)
                    .isFalse();
            assertThat(first.held() && second.held()).isFalse();
        }
        clock.advance(Duration.ofMillis(1));
        assertThat(first.held())
                .as("the holder's view ended a margin before its term")
                .isFalse();
        assertThat(second.holdOrAcquire()).isTrue();
        assertThat(second.previousHolderRenewed())
                .as("when the previous holder last renewed")
                .isEqualTo(lastRenewal);

        assertThat(first.holdOrAcquire()).as("the old holder's late renewal").isFalse();
        assertThat(first.held()).isFalse();
        assertThat(second.held()).isTrue();
    }

    @Test
    void aReleasedLeaseIsTakenAtOnceAndTellsTheNextHolderWhenItsPredecessorStopped_issue13_defect8() {
        first.holdOrAcquire();
        clock.advance(Duration.ofSeconds(3));
        Instant releasedAt = clock.instant();

        first.release();

        assertThat(first.held()).isFalse();
        assertThat(second.holdOrAcquire()).isTrue();
        assertThat(second.previousHolderRenewed()).isEqualTo(releasedAt);
    }

    @Test
    void aNewTermBeginsWhenTheLeaseComesBackAfterAnotherHolder_issue13_defect8() {
        first.holdOrAcquire();
        long firstTerm = first.term();
        first.release();
        second.holdOrAcquire();
        second.release();

        assertThat(first.holdOrAcquire()).isTrue();
        assertThat(first.term()).as("another holder published in between").isNotEqualTo(firstTerm);
    }
}
