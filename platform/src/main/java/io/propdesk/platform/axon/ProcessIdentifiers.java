package io.propdesk.platform.axon;

import java.security.SecureRandom;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import org.axonframework.common.IdentifierFactory;

/**
 * Axon's message identifiers, and so every event's {@code ce_id}: UUIDs of version 8 (RFC 9562, laid out by the
 * application) made of a random value drawn once per process and a counter behind it, instead of a fresh random UUID
 * per message. Axon finds this class through {@code META-INF/services}.
 *
 * <p>Why (issue 19, disk): an event's identifier is stored with it in the event store, again in the ticket timeline's
 * entry and as the key of a status change in the analytics rows, and sent in every record. A random UUID is 122
 * random bits that no compression takes out; the identifiers of one process share their first 16 hex digits, and
 * two made close together differ only in their last few, so the store's pages, which Deflate compresses one by
 * one, keep a few bytes of each instead of about twenty.
 *
 * <p>Unique as before: within a process the counter never repeats (2<sup>62</sup> values); two processes share
 * identifiers only if both drew the same 60 random bits and their counters overlap. The counter starts at a random
 * value, so an identifier does not say how many messages the process made since it started; two identifiers of one
 * process say how many it made between them.
 */
public final class ProcessIdentifiers extends IdentifierFactory {

    private static final long VERSION_8 = 0x8000L;
    private static final long VERSION_MASK = 0xf000L;
    private static final long VARIANT_RFC = 0x8000_0000_0000_0000L;
    private static final long COUNTER_MASK = 0x3fff_ffff_ffff_ffffL;

    private final long high;
    private final AtomicLong counter;

    /** The one Axon uses: drawn from {@link SecureRandom}. */
    public ProcessIdentifiers() {
        this(new SecureRandom());
    }

    ProcessIdentifiers(Random random) {
        this.high = (random.nextLong() & ~VERSION_MASK) | VERSION_8;
        this.counter = new AtomicLong(random.nextLong());
    }

    @Override
    public String generateIdentifier() {
        return next().toString();
    }

    UUID next() {
        return new UUID(high, (counter.getAndIncrement() & COUNTER_MASK) | VARIANT_RFC);
    }
}
