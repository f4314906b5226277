package io.propdesk.dispatch.domain;

import static com.mongodb.client.model.Filters.eq;
import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import io.propdesk.embedded.SharedInfrastructure;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.bson.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The month's register index (H7, H8) on the MongoDB-wire server: complete, and never one document per month. */
class MonthIndexIT {

    private MongoClient client;
    private MongoCollection<Document> collection;
    private MonthIndex index;

    @BeforeEach
    void setUp() {
        client = MongoClients.create(SharedInfrastructure.get().mongoUri());
        MongoDatabase db =
                client.getDatabase("month_index_" + UUID.randomUUID().toString().substring(0, 8));
        collection = db.getCollection(MonthIndex.COLLECTION);
        index = new MonthIndex(db);
    }

    @AfterEach
    void tearDown() {
        client.close();
    }

    @Test
    void aMonthListsEveryOrderAddedToItOnceAndSortedButNoDocumentHoldsTheWholeMonth_H7_issue19() {
        List<String> added = new ArrayList<>();
        for (int i = 0; i < 2_000; i++) {
            added.add("WO-T-" + UUID.randomUUID());
        }
        added.forEach(id -> index.add("2026-12", id));
        index.add("2026-12", added.get(0)); // a command retried after its index entry was written
        index.add("2027-01", "WO-next-month");

        assertThat(index.orderIds("2026-12"))
                .containsExactlyElementsOf(added.stream().sorted().toList());
        assertThat(index.orderIds("2027-01")).containsExactly("WO-next-month");
        assertThat(index.orderIds("2027-02")).isEmpty();
        int largest = 0;
        for (Document bucket : collection.find()) {
            largest = Math.max(largest, bucket.getList("orderIds", String.class).size());
        }
        assertThat(largest)
                .as("an order's dispatch rewrites a bucket of the month, not all 2,000 ids")
                .isLessThan(2_000 / 16);
    }

    @Test
    void aMonthStoredAsOneDocumentBeforeTheBucketsIsStillReadWithTheOrdersAddedSince_H8() {
        collection.insertOne(new Document("_id", "2026-11").append("orderIds", List.of("WO-b", "WO-a")));

        index.add("2026-11", "WO-c");
        index.add("2026-11", "WO-a");

        assertThat(index.orderIds("2026-11")).containsExactly("WO-a", "WO-b", "WO-c");
        assertThat(collection.find(eq("_id", "2026-11")).first().getList("orderIds", String.class))
                .as("the old document is left as it was")
                .containsExactly("WO-b", "WO-a");
    }
}
