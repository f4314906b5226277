package io.propdesk.platform.axon;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.propdesk.platform.eventstore.StoredCommit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Issue 19: when the aggregate cache may answer a load, and when it must send it to the store. */
class VerifiedAggregateCacheTest {

    /** The store's commits as first sequence numbers by aggregate, and every probe asked of it. */
    private final Map<String, Set<Long>> commitStarts = new java.util.HashMap<>();

    private final List<Map<String, Long>> probes = new ArrayList<>();
    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private final VerifiedAggregateCache cache = new VerifiedAggregateCache(
            starts -> {
                probes.add(starts);
                Set<String> found = new HashSet<>();
                starts.forEach((id, seq) -> {
                    if (commitStarts.getOrDefault(id, Set.of()).contains(seq)) {
                        found.add(id);
                    }
                });
                return found;
            },
            3,
            meters);

    private void commit(String id, long first, long last) {
        commitStarts.computeIfAbsent(id, k -> new HashSet<>()).add(first);
        cache.committed(new StoredCommit(id, first, last, List.of(), "touch"));
    }

    private double count(String result) {
        return meters.counter("propdesk.aggregate.cache", "result", result).count();
    }

    @Test
    void anEntryWhoseCommitThisInstanceMadeAndNothingFollowsIsAnsweredFromMemory() {
        commit("t-1", 0, 2);
        cache.put("t-1", "state at 2");

        assertThat((Object) cache.get("t-1")).isEqualTo("state at 2");
        assertThat(probes).containsExactly(Map.of("t-1", 3L));
        assertThat(count("hit")).isEqualTo(1.0);
    }

    @Test
    void anEntryPutBeforeItsCommitIsTrustedOnceTheCommitIsTold() {
        // an aggregate's save may come before or after the store's append in one unit of work
        cache.put("t-1", "state at 0");
        commit("t-1", 0, 0);

        assertThat((Object) cache.get("t-1")).isEqualTo("state at 0");
    }

    @Test
    void anEntryLoadedWithoutACommitOfThisInstanceIsNeverTrusted() {
        cache.put("t-1", "loaded from the store, version unknown here");

        assertThat((Object) cache.get("t-1")).isNull();
        assertThat(probes).isEmpty();
        assertThat(count("miss")).isEqualTo(1.0);
    }

    @Test
    void aCommitOfAnotherInstanceAfterTheEntryMakesItStaleAndDropsIt() {
        commit("t-1", 0, 2);
        cache.put("t-1", "state at 2");
        commitStarts.get("t-1").add(3L); // another instance appended 3..

        assertThat((Object) cache.get("t-1")).isNull();
        assertThat(count("stale")).isEqualTo(1.0);
        assertThat(cache.containsKey("t-1")).isFalse();
        // the same state put again (a load that changed nothing) is not trusted: this instance did not commit 3..
        cache.put("t-1", "state at 3, version unknown here");
        assertThat((Object) cache.get("t-1")).isNull();
    }

    @Test
    void aRemovedEntryForgetsItsCommitSoARolledBackStateIsNeverTrusted() {
        commit("t-1", 0, 2);
        cache.put("t-1", "state at 2");
        cache.remove("t-1"); // Axon removes on rollback

        cache.put("t-1", "state after a load that changed nothing");
        assertThat((Object) cache.get("t-1")).isNull();
    }

    @Test
    void anAggregateThisInstanceAppendedToIsKnownToExistUntilItIsForgotten() {
        assertThat(cache.committedHere("t-1")).isFalse();
        cache.put("t-1", "loaded, never committed here");
        assertThat(cache.committedHere("t-1")).isFalse();

        commit("t-1", 0, 0);
        assertThat(cache.committedHere("t-1")).isTrue();

        cache.remove("t-1");
        assertThat(cache.committedHere("t-1")).isFalse();
    }

    @Test
    void theLeastRecentlyUsedAggregateIsDroppedBeyondTheSize() {
        for (String id : List.of("a", "b", "c")) {
            commit(id, 0, 0);
            cache.put(id, "state of " + id);
        }
        assertThat((Object) cache.get("a")).isNotNull(); // a is now the most recently used
        commit("d", 0, 0);
        cache.put("d", "state of d");

        assertThat(cache.containsKey("b")).isFalse();
        assertThat(List.of("a", "c", "d")).allMatch(cache::containsKey);
    }

    @Test
    void aCacheWithoutRoomIsRefused() {
        assertThatThrownBy(() -> new VerifiedAggregateCache(starts -> Set.of(), 0, meters))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("at least one");
    }
}
