package io.propdesk.platform.axon;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.zip.DeflaterOutputStream;
import org.axonframework.common.IdentifierFactory;
import org.axonframework.eventhandling.GenericEventMessage;
import org.junit.jupiter.api.Test;

/** Issue 19 (disk): every message's identifier, and so every event's {@code ce_id}. */
class ProcessIdentifiersTest {

    @Test
    void axonMakesItsMessageIdentifiersWithProcessIdentifiers() {
        assertThat(IdentifierFactory.getInstance()).isInstanceOf(ProcessIdentifiers.class);
        String id = GenericEventMessage.asEventMessage("payload").getIdentifier();
        assertThat(UUID.fromString(id).version()).isEqualTo(8);
    }

    @Test
    void identifiersAreVersion8RfcUuidsAndNeverRepeatAcrossThreads() throws Exception {
        ProcessIdentifiers ids = new ProcessIdentifiers();
        Set<String> seen = ConcurrentHashMap.newKeySet();
        ExecutorService threads = Executors.newFixedThreadPool(4);
        for (int t = 0; t < 4; t++) {
            threads.submit(() -> {
                for (int i = 0; i < 25_000; i++) {
                    seen.add(ids.generateIdentifier());
                }
            });
        }
        threads.shutdown();
        assertThat(threads.awaitTermination(60, TimeUnit.SECONDS)).isTrue();
        assertThat(seen).hasSize(100_000);
        UUID any = UUID.fromString(seen.iterator().next());
        assertThat(any.version()).isEqualTo(8);
        assertThat(any.variant()).isEqualTo(2); // RFC 9562
    }

    @Test
    void twoProcessesWhoseCountersStartAtTheSameValueStillMakeDifferentIdentifiers() {
        Set<String> seen = new HashSet<>();
        ProcessIdentifiers one = new ProcessIdentifiers(draws(0x1234_5678_9abc_def0L, 42L));
        ProcessIdentifiers other = new ProcessIdentifiers(draws(0x0fed_cba9_8765_4321L, 42L));
        for (int i = 0; i < 1_000; i++) {
            seen.add(one.generateIdentifier());
            seen.add(other.generateIdentifier());
        }
        assertThat(seen).hasSize(2_000);
    }

    /** A random source that draws the given values, in order. */
    private static Random draws(long... values) {
        return new Random() {
            private int next;

            @Override
            public long nextLong() {
                return values[next++];
            }
        };
    }

    @Test
    void theCounterDoesNotStartAtZeroSoAnIdentifierDoesNotCountTheProcesssMessages() {
        UUID first = new ProcessIdentifiers(new Random(7)).next();
        UUID again = new ProcessIdentifiers(new Random(8)).next();
        assertThat(first.getLeastSignificantBits() & 0x3fff_ffff_ffff_ffffL).isGreaterThan(1_000_000L);
        assertThat(first.getLeastSignificantBits()).isNotEqualTo(again.getLeastSignificantBits());
    }

    @Test
    void aThousandIdentifiersOfOneProcessDeflateToAFifthOfRandomUuids_issue19() {
        ProcessIdentifiers ids = new ProcessIdentifiers();
        int ours = deflated(ids::generateIdentifier);
        int random = deflated(() -> UUID.randomUUID().toString());
        assertThat(random).isGreaterThan(16_000); // about 18 KB: 122 random bits each
        assertThat(ours).isLessThan(random / 5);
    }

    /** A thousand identifiers, as a page would hold them among other bytes, deflated together. */
    private static int deflated(Supplier<String> ids) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DeflaterOutputStream out = new DeflaterOutputStream(bytes)) {
            for (int i = 0; i < 1_000; i++) {
                out.write(("{\"id\":\"" + ids.get() + "\"}").getBytes(StandardCharsets.UTF_8));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.size();
    }
}
