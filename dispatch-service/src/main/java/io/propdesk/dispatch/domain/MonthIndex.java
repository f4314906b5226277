package io.propdesk.dispatch.domain;

import static com.mongodb.client.model.Filters.eq;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;
import java.util.List;
import java.util.TreeSet;
import org.bson.Document;
import org.springframework.stereotype.Component;

/**
 * Which orders a month's register holds (H7, H8): one document per month keyed by {@code yyyy-MM}, so reading it is an
 * {@code _id} lookup. An order id is added before its order is created, so the index is never missing an order; an
 * id whose order never came to exist is skipped by the readers, who read each order from its own stream.
 */
@Component
public class MonthIndex {

    static final String COLLECTION = "month_orders";

    private final MongoCollection<Document> months;

    public MonthIndex(MongoDatabase database) {
        this.months = database.getCollection(COLLECTION);
    }

    public void add(String month, String orderId) {
        months.updateOne(eq("_id", month), Updates.addToSet("orderIds", orderId), new UpdateOptions().upsert(true));
    }

    /** The month's order ids, sorted, so that everything computed over them has one order. */
    public List<String> orderIds(String month) {
        Document doc = months.find(eq("_id", month)).first();
        return doc == null ? List.of() : List.copyOf(new TreeSet<>(doc.getList("orderIds", String.class)));
    }
}
