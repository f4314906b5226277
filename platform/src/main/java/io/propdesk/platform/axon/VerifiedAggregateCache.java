package io.propdesk.platform.axon;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.propdesk.platform.eventstore.CommitListener;
import io.propdesk.platform.eventstore.CommitStarts;
import io.propdesk.platform.eventstore.StoredCommit;
import java.util.LinkedHashMap;
import java.util.Map;
import org.axonframework.common.Registration;
import org.axonframework.common.caching.Cache;

/**
 * The aggregates a service changed last, kept in memory so that a command, a reaction or a read of one of them does not
 * source it again from its snapshot and events (issue 19: loading was 16 % of the system's CPU, twice per REST command).
 *
 * <p>An entry is trusted only if this instance knows the last commit it stands for and the store has no commit after
 * it. Axon's repository puts an aggregate here as part of the unit of work that saves it, and removes it when that
 * unit of work rolls back; the store tells this cache the last sequence number of every commit it appends
 * ({@link CommitListener}), in the same unit of work, under the same aggregate lock. So an entry whose aggregate this
 * instance committed carries that commit's last sequence number {@code n}, and one {@code _id} probe for a commit
 * starting at {@code n + 1} ({@link CommitStarts}) tells whether another instance of the service appended since. If it
 * did, the entry is dropped and the aggregate is sourced from the store as without a cache; the append that follows
 * is checked by the store's unique commit ids as always (delivery guarantee 1). An entry put after a load without a
 * commit of this instance is never trusted: its version is not known here.
 *
 * <p>One cache per service: a commit's {@code _id} is the aggregate id and its first sequence number, so aggregate ids
 * are unique within a service's store already. Aggregates hold owners' personal data only sealed (as stored), so an
 * entry outliving an erasure discloses nothing the store would not.
 */
public class VerifiedAggregateCache implements Cache, CommitListener {

    /** What is known of one aggregate: Axon's cache entry and the last sequence number this instance committed. */
    private static final class Slot {
        Object entry;
        long lastCommitted = -1;
    }

    private final CommitStarts store;
    private final Map<Object, Slot> slots;
    private final Counter hits;
    private final Counter misses;
    private final Counter stale;

    /**
     * @param store   answers whether a commit follows an entry's last one
     * @param size    at most so many aggregates, the least recently used dropped first
     * @param meters  {@code propdesk.aggregate.cache} by {@code result}: {@code hit}, {@code miss} (nothing trusted
     *                here), {@code stale} (another instance committed after the entry)
     */
    public VerifiedAggregateCache(CommitStarts store, int size, MeterRegistry meters) {
        if (size < 1) {
            throw new IllegalArgumentException("the aggregate cache needs room for at least one aggregate: " + size);
        }
        this.store = store;
        this.slots = new LinkedHashMap<>(Math.min(size, 1024), 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<Object, Slot> eldest) {
                return size() > size;
            }
        };
        this.hits = result(meters, "hit");
        this.misses = result(meters, "miss");
        this.stale = result(meters, "stale");
    }

    private static Counter result(MeterRegistry meters, String result) {
        return Counter.builder("propdesk.aggregate.cache")
                .description("aggregate loads answered from memory (hit) or from the store (miss, stale)")
                .tag("result", result)
                .register(meters);
    }

    @Override
    public void committed(StoredCommit commit) {
        synchronized (slots) {
            slots.computeIfAbsent(commit.aggregateId(), id -> new Slot()).lastCommitted = commit.lastSequence();
        }
    }

    /**
     * Whether this instance appended to the aggregate's stream, as far as the cache remembers: then the stream exists
     * (streams are never deleted), and a read need not look it up first.
     */
    public boolean committedHere(String aggregateId) {
        synchronized (slots) {
            Slot slot = slots.get(aggregateId);
            return slot != null && slot.lastCommitted >= 0;
        }
    }

    @Override
    @SuppressWarnings("unchecked")
    public <K, V> V get(K key) {
        Object entry;
        long last;
        synchronized (slots) {
            Slot slot = slots.get(key);
            entry = slot == null ? null : slot.entry;
            last = slot == null ? -1 : slot.lastCommitted;
        }
        if (entry == null || last < 0) {
            misses.increment();
            return null;
        }
        // The caller holds the aggregate's lock: no commit of this instance can come between the probe and the load.
        if (!store.startingAt(Map.of(String.valueOf(key), last + 1)).isEmpty()) {
            remove(key);
            stale.increment();
            return null;
        }
        hits.increment();
        return (V) entry;
    }

    @Override
    public void put(Object key, Object value) {
        synchronized (slots) {
            slots.computeIfAbsent(key, k -> new Slot()).entry = value;
        }
    }

    @Override
    public boolean putIfAbsent(Object key, Object value) {
        synchronized (slots) {
            Slot slot = slots.computeIfAbsent(key, k -> new Slot());
            if (slot.entry != null) {
                return false;
            }
            slot.entry = value;
            return true;
        }
    }

    @Override
    public boolean remove(Object key) {
        synchronized (slots) {
            Slot slot = slots.remove(key);
            return slot != null && slot.entry != null;
        }
    }

    @Override
    public void removeAll() {
        synchronized (slots) {
            slots.clear();
        }
    }

    @Override
    public boolean containsKey(Object key) {
        synchronized (slots) {
            Slot slot = slots.get(key);
            return slot != null && slot.entry != null;
        }
    }

    /** Nothing here is evicted on a schedule or expires, so there is nothing to listen to. */
    @Override
    public Registration registerCacheEntryListener(EntryListener listener) {
        throw new UnsupportedOperationException("the aggregate cache tells no entry listeners");
    }
}
