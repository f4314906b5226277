package io.propdesk.embedded;

import de.bwaldvogel.mongo.bson.Document;
import de.bwaldvogel.mongo.wire.bson.BsonDecoder;
import io.netty.buffer.Unpooled;
import java.nio.ByteBuffer;

/**
 * A document as a map of the file store holds it (issue 19): its BSON bytes, encoded once when a command writes the
 * document, and the document itself, decoded only when a command first reads it.
 *
 * <p>Every copy of a document the store makes is of the bytes: the record in the {@link OperationLog}, every commit
 * of a page the document shares with a changed one, every page compaction rewrites, and the collection's data size.
 * Before, each of these encoded the document again, and a page read from the file decoded all its documents
 * though a command needed one. A document that BSON cannot hold is kept as the {@link Document} itself, written the
 * old way ({@link BsonDocumentType}).
 */
final class StoredDocument {

    private final byte[] bson;

    /** The document, once decoded or as written; a command may change it only before it stores it again. */
    private volatile Document document;

    private StoredDocument(byte[] bson, Document document) {
        this.bson = bson;
        this.document = document;
    }

    /** What the map stores for a document: its bytes, or the document itself if BSON cannot hold it. */
    static Object of(Document document) {
        byte[] bson = BsonDocumentType.encode(document);
        return bson == null ? document : new StoredDocument(bson, document);
    }

    /** A stored document read from the file or the log: {@code length} bytes of BSON at the buffer's position. */
    static StoredDocument read(ByteBuffer buffer, int length) {
        byte[] bson = new byte[length];
        buffer.get(bson);
        return new StoredDocument(bson, null);
    }

    /** The document a value of a document map holds (null for none). */
    static Document document(Object stored) {
        return stored instanceof StoredDocument s ? s.document() : (Document) stored;
    }

    /** The BSON size of a value of a document map, for the collection's data size (0 for none). */
    static int size(Object stored) {
        if (stored instanceof StoredDocument s) {
            return s.bson.length;
        }
        return stored instanceof Document d ? BsonDocumentType.estimate(d) : 0;
    }

    /** Whether the document has been decoded (or was stored as written) rather than only read as bytes. */
    boolean isDecoded() {
        return this.document != null;
    }

    byte[] bson() {
        return this.bson;
    }

    Document document() {
        Document decoded = this.document;
        if (decoded == null) {
            // two commands reading it at once may both decode it: equal documents, one of them kept
            decoded = BsonDecoder.decodeBson(Unpooled.wrappedBuffer(this.bson));
            this.document = decoded;
        }
        return decoded;
    }
}
