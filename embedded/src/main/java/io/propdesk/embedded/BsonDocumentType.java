package io.propdesk.embedded;

import de.bwaldvogel.mongo.bson.Document;
import de.bwaldvogel.mongo.wire.bson.BsonDecoder;
import de.bwaldvogel.mongo.wire.bson.BsonEncoder;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.nio.ByteBuffer;
import java.util.Collection;
import java.util.Map;
import org.h2.mvstore.WriteBuffer;
import org.h2.mvstore.type.BasicDataType;
import org.h2.mvstore.type.ObjectDataType;

/**
 * The value type of the document maps of the file store (issue 19): a stored document is its BSON bytes behind one
 * tag byte, instead of a Java-serialized {@link Document} ({@link ObjectDataType}'s default, which cost most of
 * the store's CPU and about three times the bytes).
 *
 * <p>Format of one value: {@code 0x7E} (a first byte {@link ObjectDataType} never writes: its tags end at 119),
 * then the BSON document as the MongoDB wire carries it ({@link BsonEncoder}/{@link BsonDecoder} of
 * mongo-java-server, so every type the server decodes from a client round-trips: nested documents, arrays,
 * int32/int64/double, Decimal128, strings, booleans, dates, ObjectId, binary and UUIDs, null, timestamps,
 * regular expressions, min/max keys). Any other first byte is an older value written by {@link ObjectDataType}
 * (a store file from before issue 19, or a value BSON cannot hold) and is read by it; a value BSON cannot encode
 * is written that way too. So an existing file keeps working and is rewritten to BSON page by page as it is
 * updated; a file written by this type cannot be read by a plain {@code H2Backend} any more.
 *
 * <p>A BSON value is read as a {@link StoredDocument}, its bytes, which the collection decodes when a command reads
 * it, and which are written again as they are; a document the collection stores is encoded once, into one.
 *
 * <p>Dates: the server keeps the {@link java.time.Instant}s it computes itself ({@code $currentDate}) to the
 * nanosecond while a client can only ever see milliseconds; stored as BSON they keep the milliseconds.
 */
final class BsonDocumentType extends BasicDataType<Object> {

    static final byte TAG_BSON = 0x7E;

    /** Bytes of the largest encoding buffer a thread keeps for its next document. */
    private static final int SCRATCH_KEPT = 1024 * 1024;

    /**
     * Each thread's buffer to encode a document in, reused: a new buffer for every document, grown as it filled, was
     * 11 % of the server workers' CPU under load (netty counts every heap buffer it allocates in a shared counter).
     */
    private static final ThreadLocal<ByteBuf> SCRATCH = ThreadLocal.withInitial(() -> Unpooled.buffer(4096));

    private final ObjectDataType legacy = new ObjectDataType();

    @Override
    public Object[] createStorage(int size) {
        return new Object[size];
    }

    @Override
    public int compare(Object a, Object b) {
        // values are never compared (they are no keys); kept consistent anyway
        return this.legacy.compare(a, b);
    }

    @Override
    public int getMemory(Object value) {
        if (value instanceof StoredDocument stored) {
            return 64 + stored.bson().length;
        }
        if (value instanceof Document document) {
            return 64 + estimate(document);
        }
        return this.legacy.getMemory(value);
    }

    @Override
    public void write(WriteBuffer buff, Object value) {
        if (value instanceof StoredDocument stored) {
            buff.put(TAG_BSON);
            buff.put(stored.bson());
            return;
        }
        byte[] bson = value instanceof Document document ? encode(document) : null;
        if (bson == null) {
            this.legacy.write(buff, value);
            return;
        }
        buff.put(TAG_BSON);
        buff.put(bson);
    }

    /** The document's BSON; null if BSON cannot hold one of its values (it is then stored the old way). */
    static byte[] encode(Document document) {
        ByteBuf bson = SCRATCH.get();
        bson.clear();
        try {
            BsonEncoder.encodeDocument(document, bson);
            byte[] bytes = new byte[bson.readableBytes()];
            bson.getBytes(bson.readerIndex(), bytes);
            return bytes;
        } catch (RuntimeException unsupported) {
            return null;
        } finally {
            if (bson.capacity() > SCRATCH_KEPT) {
                SCRATCH.remove(); // a rare large document: its buffer is not kept
            }
        }
    }

    @Override
    public Object read(ByteBuffer buff) {
        if (buff.get(buff.position()) != TAG_BSON) {
            return this.legacy.read(buff);
        }
        buff.get();
        int p = buff.position(); // BSON's own little-endian length, which includes itself
        int length = (buff.get(p) & 0xff)
                | (buff.get(p + 1) & 0xff) << 8
                | (buff.get(p + 2) & 0xff) << 16
                | (buff.get(p + 3) & 0xff) << 24;
        return StoredDocument.read(buff, length);
    }

    /** A cheap guess of a document's BSON size: page splitting, cache accounting and replies' batches. */
    static int estimate(Document document) {
        return estimate(document, 0);
    }

    private static int estimate(Object value, int depth) {
        if (value instanceof Map<?, ?> map) {
            int size = 16;
            if (depth > 32) {
                return size;
            }
            for (Map.Entry<?, ?> e : map.entrySet()) {
                size += 8 + String.valueOf(e.getKey()).length() + estimate(e.getValue(), depth + 1);
            }
            return size;
        }
        if (value instanceof Collection<?> list) {
            int size = 16;
            if (depth > 32) {
                return size;
            }
            for (Object o : list) {
                size += 4 + estimate(o, depth + 1);
            }
            return size;
        }
        if (value instanceof String s) {
            return 8 + s.length();
        }
        return 16;
    }
}
