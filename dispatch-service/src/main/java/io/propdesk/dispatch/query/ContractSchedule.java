package io.propdesk.dispatch.query;

import static com.mongodb.client.model.Filters.eq;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import org.bson.Document;
import org.springframework.stereotype.Component;

/**
 * The contracts whose visits the scheduler opens (H1): one document per contract id with the service time of the last
 * visit whose order exists. An id is entered before its contract is signed, so no signed contract is ever missing
 * here; the scheduler reads each contract from its own stream and skips ids that never became a contract. A small
 * collection: the scheduler reads it whole.
 */
@Component
public class ContractSchedule {

    static final String COLLECTION = "contract_schedule";

    private final MongoCollection<Document> contracts;

    public ContractSchedule(MongoDatabase database) {
        this.contracts = database.getCollection(COLLECTION);
    }

    public record Entry(String contractId, Instant openedThrough) {}

    public void add(String contractId) {
        contracts.updateOne(
                eq("_id", contractId), Updates.setOnInsert("addedAt", new Date()), new UpdateOptions().upsert(true));
    }

    /** For a contract whose signing was refused: nothing half-done stays behind. */
    public void remove(String contractId) {
        contracts.deleteOne(eq("_id", contractId));
    }

    public List<Entry> all() {
        List<Entry> entries = new ArrayList<>();
        for (Document d : contracts.find()) {
            Date through = d.getDate("openedThrough");
            entries.add(new Entry(d.getString("_id"), through == null ? null : through.toInstant()));
        }
        return entries;
    }

    /** Only ever forward: a slower instance cannot move the mark back. */
    public void markOpened(String contractId, Instant serviceTime) {
        contracts.updateOne(eq("_id", contractId), Updates.max("openedThrough", Date.from(serviceTime)));
    }
}
