package io.propdesk.embedded;

import static org.assertj.core.api.Assertions.assertThat;

import de.bwaldvogel.mongo.backend.KeyValue;
import de.bwaldvogel.mongo.backend.Missing;
import de.bwaldvogel.mongo.bson.BinData;
import de.bwaldvogel.mongo.bson.Decimal128;
import de.bwaldvogel.mongo.bson.Document;
import de.bwaldvogel.mongo.bson.ObjectId;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Date;
import java.util.List;
import java.util.UUID;
import org.h2.mvstore.WriteBuffer;
import org.h2.mvstore.type.ObjectDataType;
import org.junit.jupiter.api.Test;

/** Index keys compared without Java serialization (issue 19): exact round trip, same equality as before. */
class KeyValueTypeTest {

    private final KeyValueType type = new KeyValueType();

    private final ObjectDataType old = new ObjectDataType();

    private static List<Object> values() {
        List<Object> values = new ArrayList<>(Arrays.asList(
                null,
                Missing.getInstance(),
                true,
                false,
                0,
                1,
                -7,
                0L,
                1L,
                Long.MIN_VALUE,
                0.0,
                -0.0,
                1.0,
                2.5,
                Double.NaN,
                Double.NEGATIVE_INFINITY,
                Decimal128.fromNumber(new BigDecimal("128.05")),
                Decimal128.fromNumber(new BigDecimal("128.050")),
                "",
                "a",
                "ab",
                "b",
                "\uD800 lone surrogate ü",
                new ObjectId("5f1e0c9a2b3c4d5e6f708192"),
                new ObjectId("ff1e0c9a2b3c4d5e6f708192"),
                new UUID(1, 2),
                new UUID(-1, 2),
                new Date(1_700_000_000_123L),
                Instant.ofEpochMilli(1_700_000_000_123L),
                Instant.ofEpochSecond(1_700_000_000L, 5),
                new BinData(new byte[] {1, 2}),
                new BinData(new byte[] {1, 3}),
                new Document("a", 1).append("b", "x"),
                new Document("b", "x").append("a", 1),
                new Document("a", new Document("n", new ArrayList<>(List.of(1, 2L)))),
                new ArrayList<>(List.of(1, "two")),
                new ArrayList<>(List.of(1))));
        return values;
    }

    private static List<KeyValue> keys() {
        List<KeyValue> keys = new ArrayList<>();
        for (Object v : values()) {
            keys.add(new KeyValue(new ArrayList<>(Arrays.asList(v))));
        }
        keys.add(new KeyValue("f-1", 3));
        keys.add(new KeyValue("f-1", 3L));
        keys.add(new KeyValue("f-1", 3, null));
        keys.add(new KeyValue("f-2", 1));
        return keys;
    }

    @Test
    void everyKeyValueTypeRoundTripsExactly_issue19() {
        for (KeyValue key : keys()) {
            WriteBuffer buffer = new WriteBuffer();
            this.type.write(buffer, key);
            ByteBuffer written = buffer.getBuffer();
            written.flip();
            KeyValue read = this.type.read(written);
            assertThat(written.remaining()).as("%s", key).isZero();
            assertThat(this.type.compare(read, key)).as("%s", key).isZero();
            assertThat(serialized(read)).as("%s", key).isEqualTo(serialized(key));
        }
    }

    /** Equal under the new order exactly when the Java-serialized keys (the old order) are equal; a total order. */
    @Test
    void keysAreEqualExactlyWhenTheirSerializedFormsWere_issue19() {
        List<KeyValue> keys = keys();
        for (KeyValue a : keys) {
            for (KeyValue b : keys) {
                int c = this.type.compare(a, b);
                boolean oldEqual = Arrays.equals(serialized(a), serialized(b));
                assertThat(c == 0).as("%s vs %s", a, b).isEqualTo(oldEqual);
                assertThat(Integer.signum(c)).isEqualTo(-Integer.signum(this.type.compare(b, a)));
                for (KeyValue x : keys) {
                    if (c < 0 && this.type.compare(b, x) < 0) {
                        assertThat(this.type.compare(a, x)).isNegative();
                    }
                }
            }
        }
    }

    private byte[] serialized(KeyValue key) {
        WriteBuffer buffer = new WriteBuffer();
        this.old.write(buffer, key);
        ByteBuffer b = buffer.getBuffer();
        b.flip();
        byte[] bytes = new byte[b.remaining()];
        b.get(bytes);
        return bytes;
    }
}
