package io.propdesk.dispatch.domain;

import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Filters.in;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import org.bson.Document;
import org.springframework.stereotype.Component;

/**
 * Which orders a month's register holds (H7, H8). An order id is added before its order is created, so the index is
 * never missing an order; an id whose order never came to exist is skipped by the readers, who read each order from
 * its own stream.
 *
 * <p>A month's ids are spread over {@value #BUCKETS} documents, {@code yyyy-MM#nn}, by a hash of the order id, so that
 * reading the month is one {@code _id $in} and adding an order rewrites a bucket of about a sixty-fourth of the month
 * (issue 19). One document per month grew with every order, and every dispatch rewrote it whole: at 10,000 orders in
 * a month, half a megabyte of store file per dispatch. A month's document written that way ({@code _id} = the month)
 * is still read.
 */
@Component
public class MonthIndex {

    static final String COLLECTION = "month_orders";
    static final int BUCKETS = 64;

    private final MongoCollection<Document> months;

    public MonthIndex(MongoDatabase database) {
        this.months = database.getCollection(COLLECTION);
    }

    public void add(String month, String orderId) {
        months.updateOne(
                eq("_id", bucketOf(month, orderId)),
                Updates.addToSet("orderIds", orderId),
                new UpdateOptions().upsert(true));
    }

    /** The month's order ids, sorted, so that everything computed over them has one order. */
    public List<String> orderIds(String month) {
        List<String> ids = new ArrayList<>(BUCKETS + 1);
        ids.add(month); // as stored before the buckets
        for (int bucket = 0; bucket < BUCKETS; bucket++) {
            ids.add(bucketId(month, bucket));
        }
        TreeSet<String> orderIds = new TreeSet<>();
        for (Document doc : months.find(in("_id", ids))) {
            orderIds.addAll(doc.getList("orderIds", String.class, List.of()));
        }
        return List.copyOf(orderIds);
    }

    static String bucketOf(String month, String orderId) {
        return bucketId(month, Math.floorMod(orderId.hashCode(), BUCKETS)); // String.hashCode is fixed by the JLS
    }

    private static String bucketId(String month, int bucket) {
        return month + "#" + (bucket < 10 ? "0" : "") + bucket;
    }
}
