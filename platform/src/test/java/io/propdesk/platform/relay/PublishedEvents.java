package io.propdesk.platform.relay;

import static io.propdesk.platform.testing.TopicReader.header;
import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.client.MongoDatabase;
import io.propdesk.platform.eventstore.MongoEventStorageEngine;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.bson.Document;

/** What the relay tests check after a run: the topic holds exactly the store's events, in per-aggregate order. */
final class PublishedEvents {

    private PublishedEvents() {}

    /** Every stored event: its id, and "aggregate:sequence" to compare with the headers. */
    static Map<String, Long> storedEvents(MongoDatabase database) {
        Map<String, Long> events = new HashMap<>();
        for (Document commit :
                database.getCollection(MongoEventStorageEngine.EVENTS).find(MongoEventStorageEngine.commits())) {
            for (Document e : commit.getList("events", Document.class)) {
                events.put(e.getString("id"), e.get("seq", Number.class).longValue());
            }
        }
        return events;
    }

    static Set<String> ids(List<ConsumerRecord<String, byte[]>> records) {
        Set<String> ids = new HashSet<>();
        records.forEach(r -> ids.add(header(r, "ce_id")));
        return ids;
    }

    static void assertKafkaMatchesStore(List<ConsumerRecord<String, byte[]>> records, Map<String, Long> stored) {
        Map<String, List<Long>> firstSeenOrder = new LinkedHashMap<>();
        Set<String> seen = new HashSet<>();
        for (ConsumerRecord<String, byte[]> r : records) {
            String id = header(r, "ce_id");
            long seq = Long.parseLong(header(r, "ce_sequence"));
            assertThat(stored)
                    .as("no event on Kafka that the store does not hold")
                    .containsEntry(id, seq);
            if (seen.add(id)) {
                firstSeenOrder.computeIfAbsent(r.key(), k -> new ArrayList<>()).add(seq);
            }
        }
        assertThat(seen).as("every stored event is on Kafka").containsAll(stored.keySet());
        firstSeenOrder.forEach((ticket, seqs) -> {
            List<Long> contiguous = new ArrayList<>();
            for (long s = 0; s < seqs.size(); s++) {
                contiguous.add(s);
            }
            assertThat(seqs).as("per-aggregate order of " + ticket).containsExactlyElementsOf(contiguous);
        });
    }
}
