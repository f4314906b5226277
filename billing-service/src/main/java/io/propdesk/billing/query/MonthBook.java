package io.propdesk.billing.query;

import static com.mongodb.client.model.Filters.eq;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;
import java.time.YearMonth;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.bson.Document;
import org.springframework.stereotype.Component;

/**
 * One document per statement month, keyed by {@code yyyy-MM}: which customers (with their estate) have a statement
 * that month, written before each charge is posted, and whether dispatch closed the month (H8). The month close reads
 * it to know whose statements to issue, with one {@code _id} lookup.
 */
@Component
public class MonthBook {

    static final String COLLECTION = "statement_months";

    private final MongoCollection<Document> months;

    public MonthBook(MongoDatabase database) {
        this.months = database.getCollection(COLLECTION);
    }

    public void addCustomer(YearMonth month, String customerId, String estateId) {
        Document customer = new Document("customerId", customerId).append("estateId", estateId);
        Document d = months.find(eq("_id", month.toString())).first();
        if (d != null && d.getList("customers", Document.class, List.of()).contains(customer)) {
            // issue 19: written only when it changes; the set only grows, so a customer read here stays listed
            return;
        }
        months.updateOne(
                eq("_id", month.toString()), Updates.addToSet("customers", customer), new UpdateOptions().upsert(true));
    }

    public void markClosed(YearMonth month) {
        months.updateOne(eq("_id", month.toString()), Updates.set("closed", true), new UpdateOptions().upsert(true));
    }

    public boolean isClosed(YearMonth month) {
        Document d = months.find(eq("_id", month.toString())).first();
        return d != null && d.getBoolean("closed", false);
    }

    /** Customer id to estate id, for every customer with a statement in the month. */
    public Map<String, String> customers(YearMonth month) {
        Document d = months.find(eq("_id", month.toString())).first();
        Map<String, String> result = new LinkedHashMap<>();
        if (d != null) {
            for (Document c : d.getList("customers", Document.class, List.of())) {
                result.putIfAbsent(c.getString("customerId"), c.getString("estateId"));
            }
        }
        return result;
    }
}
