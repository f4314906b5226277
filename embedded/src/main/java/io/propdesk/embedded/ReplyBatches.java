package io.propdesk.embedded;

import de.bwaldvogel.mongo.backend.AbstractCursor;
import de.bwaldvogel.mongo.backend.CursorRegistry;
import de.bwaldvogel.mongo.backend.QueryResult;
import de.bwaldvogel.mongo.bson.Document;
import java.util.List;

/**
 * A query's result in replies of bounded size, as MongoDB sends it. The MongoDB-wire server put every matched
 * document into the first reply when the client set no batch size, and the driver refuses a reply over 48 MB: a plain
 * {@code find()} over a collection of more than that failed (issue 19's 10,000-lifecycle benchmark, 119 MB). MongoDB
 * fills a reply up to 16 MB; here a reply holds what the client's batch size allows, up to {@link #REPLY_BYTES} by
 * the documents' size estimate, and at least one document; the rest waits in a cursor for {@code getMore}.
 */
final class ReplyBatches {

    /**
     * Bytes of documents a reply holds at most, by {@link BsonDocumentType#estimate}, which may guess a third of the
     * BSON size for text of three-byte characters: still under the driver's 48 MB.
     */
    static final int REPLY_BYTES = 12 * 1024 * 1024;

    private ReplyBatches() {}

    /** The first reply's documents and, when more are left, a cursor over them in {@code cursors}. */
    static QueryResult first(List<Document> matched, int batchSize, CursorRegistry cursors) {
        int end = end(matched, batchSize);
        if (end == matched.size()) {
            return new QueryResult(matched);
        }
        Rest rest = new Rest(cursors.generateCursorId(), matched.subList(end, matched.size()));
        cursors.add(rest);
        return new QueryResult(matched.subList(0, end), rest);
    }

    /** How many of {@code documents}, from the first, one reply holds (batch size 0: as many as fit). */
    static int end(List<Document> documents, int batchSize) {
        int most = batchSize > 0 ? Math.min(batchSize, documents.size()) : documents.size();
        if (most <= 1) {
            return most;
        }
        long bytes = 0;
        for (int i = 0; i < most; i++) {
            bytes += BsonDocumentType.estimate(documents.get(i));
            if (bytes > REPLY_BYTES && i > 0) {
                return i;
            }
        }
        return most;
    }

    /** The documents of a query's result not yet sent. */
    static final class Rest extends AbstractCursor {

        private List<Document> remaining;

        Rest(long id, List<Document> remaining) {
            super(id);
            this.remaining = remaining;
        }

        @Override
        public boolean isEmpty() {
            return this.remaining.isEmpty();
        }

        @Override
        public List<Document> takeDocuments(int batchSize) {
            int end = end(this.remaining, batchSize);
            List<Document> batch = this.remaining.subList(0, end);
            this.remaining = this.remaining.subList(end, this.remaining.size());
            return batch;
        }
    }
}
