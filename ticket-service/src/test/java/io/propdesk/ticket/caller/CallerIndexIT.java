package io.propdesk.ticket.caller;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import com.mongodb.client.MongoDatabase;
import io.propdesk.platform.testing.MutableClock;
import io.propdesk.platform.testing.Stores;
import io.propdesk.ticket.caller.CallerIndex.Level;
import io.propdesk.ticket.caller.CallerIndex.Match;
import io.propdesk.ticket.privacy.BlindIndex;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import org.bson.Document;
import org.junit.jupiter.api.Test;

/** The number→owners index on the real driver against the embedded wire server. */
class CallerIndexIT {

    private static final String NUMBER = "+8613800000000";
    private static final Instant NOW = Instant.parse("2026-03-02T02:00:00Z");

    private final MongoDatabase db = Stores.freshDatabase("caller_index");
    private final MutableClock clock = new MutableClock(NOW);
    private final CallerIndex index =
            new CallerIndex(db, new BlindIndex("a-server-secret-of-at-least-32-characters"), clock);

    @Test
    void aRegisteredPhoneFindsItsOwnerAsKnown() {
        index.registerKnown(NUMBER, "maple.court", "3-1201", NOW);

        assertThat(index.find(NUMBER))
                .containsExactly(new Match("maple.court:3-1201", "maple.court", "3-1201", Level.KNOWN, NOW));
        assertThat(index.find("+8613800000001")).isEmpty();
    }

    @Test
    void aNumberThatCalledAboutAUnitIsRecentForNinetyDays() {
        index.noteRecent(NUMBER, "maple", "1-101", NOW);

        clock.set(NOW.plus(Duration.ofDays(90)));
        assertThat(index.find(NUMBER)).extracting(Match::level).containsExactly(Level.RECENT);

        clock.set(NOW.plus(Duration.ofDays(90)).plusSeconds(1));
        assertThat(index.find(NUMBER)).isEmpty();
    }

    @Test
    void anOlderCallNotedLaterNeverMovesRecentBack() {
        index.noteRecent(NUMBER, "maple", "1-101", NOW);
        index.noteRecent(NUMBER, "maple", "1-101", NOW.minus(Duration.ofDays(60)));

        assertThat(index.find(NUMBER)).extracting(Match::lastSeenAt).containsExactly(NOW);
    }

    @Test
    void oneNumberOfSeveralOwnersFindsEachOnceKnownFirst() {
        index.noteRecent(NUMBER, "maple", "1-101", NOW);
        index.registerKnown(NUMBER, "maple", "2-202", NOW.minusSeconds(3600));
        index.registerKnown(NUMBER, "maple", "1-101", NOW.minusSeconds(60));
        index.noteRecent(NUMBER, "oak", "9-9", NOW.minusSeconds(10));

        assertThat(index.find(NUMBER))
                .extracting(Match::ownerId, Match::level)
                .containsExactly(
                        tuple("maple:1-101", Level.KNOWN),
                        tuple("maple:2-202", Level.KNOWN),
                        tuple("oak:9-9", Level.RECENT));
    }

    @Test
    void aRemovedPhoneNoLongerFindsItsOwnerUnlessItCalledRecently() {
        index.registerKnown(NUMBER, "maple", "1-101", NOW);
        index.registerKnown(NUMBER, "maple", "2-202", NOW);
        index.noteRecent(NUMBER, "maple", "2-202", NOW);

        index.removeKnown(NUMBER, "maple:1-101");
        index.removeKnown(NUMBER, "maple:2-202");

        assertThat(index.find(NUMBER))
                .extracting(Match::ownerId, Match::level)
                .containsExactly(tuple("maple:2-202", Level.RECENT));
    }

    @Test
    void forgettingAnOwnerRemovesEveryEntryOfTheirsAndNoOneElses() {
        index.registerKnown(NUMBER, "maple", "1-101", NOW);
        index.noteRecent("+8613900000000", "maple", "1-101", NOW);
        index.registerKnown(NUMBER, "maple", "2-202", NOW);

        assertThat(index.forgetOwner("maple:1-101")).isEqualTo(2);

        assertThat(index.find(NUMBER)).extracting(Match::ownerId).containsExactly("maple:2-202");
        assertThat(index.find("+8613900000000")).isEmpty();
        assertThat(index.forgetOwner("maple:1-101")).isZero();
    }

    @Test
    void theIndexHoldsNoPhoneNumberInTheClear() {
        index.registerKnown(NUMBER, "maple", "1-101", NOW);
        index.noteRecent(NUMBER, "maple", "1-101", NOW);

        for (String collection : new String[] {CallerIndex.NUMBERS, CallerIndex.OWNER_NUMBERS}) {
            for (Document doc : db.getCollection(collection).find().into(new ArrayList<>())) {
                assertThat(doc.toJson()).doesNotContain("13800000000").doesNotContain("138 0000");
            }
        }
    }
}
