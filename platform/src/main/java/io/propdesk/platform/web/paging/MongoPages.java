package io.propdesk.platform.web.paging;

import static com.mongodb.client.model.Filters.and;
import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Filters.lt;
import static com.mongodb.client.model.Filters.or;

import com.mongodb.client.model.Sorts;
import java.util.Date;
import org.bson.Document;
import org.bson.conversions.Bson;

/**
 * A projection's list sorted by one date field and then by {@code _id}, paged by {@link Cursor}. The query still
 * scans the (small) collection on the embedded server, as the unpaged list did; it costs one query a page, never one
 * per row.
 */
public final class MongoPages {

    private MongoPages() {}

    /** Newest first: by {@code field} descending, equal dates by {@code _id} descending. */
    public static Bson newestFirst(String field) {
        return Sorts.orderBy(Sorts.descending(field), Sorts.descending("_id"));
    }

    /** The rows after the cursor in {@link #newestFirst} order, or no restriction on the first page. */
    public static Bson olderThan(PageRequest request, String field) {
        if (request.after() == null) {
            return new Document();
        }
        Date at;
        try {
            at = Date.from(request.after().instant());
        } catch (IllegalArgumentException e) {
            throw Cursor.malformed(); // an instant no row can hold: a forged cursor
        }
        String id = request.after().id();
        return or(lt(field, at), and(eq(field, at), lt("_id", id)));
    }
}
