package io.propdesk.ticket.caller;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.client.MongoDatabase;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.propdesk.contracts.Department;
import io.propdesk.contracts.PublicEvent;
import io.propdesk.contracts.SlaRule;
import io.propdesk.contracts.Topics;
import io.propdesk.contracts.callback.ObligationFulfilled;
import io.propdesk.contracts.callback.ObligationOpened;
import io.propdesk.contracts.callback.ObligationWithdrawn;
import io.propdesk.contracts.callback.SlaBreached;
import io.propdesk.contracts.cloudevents.CloudEventCodec.Envelope;
import io.propdesk.platform.kafka.InboundEvents;
import io.propdesk.platform.observability.TraceContexts;
import io.propdesk.platform.testing.PolledRecords;
import io.propdesk.platform.testing.Stores;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.springframework.kafka.support.KafkaUtils;

/**
 * Delivery guarantees 4 and 6 for each ticket's open obligations without inbox markers (issue 19): re-deliveries,
 * also of an opening after its obligation closed, change nothing, and the bulk rebuild equals the live documents.
 */
class TicketObligationsRebuildIT {

    private final Instant at = Instant.now().truncatedTo(ChronoUnit.MILLIS);
    private long offset;

    @Test
    void aBulkRebuildGivesTheSameDocumentsAsTheLivePathWithRedeliveries_issue19() {
        ConsumerRecord<String, byte[]> open1 = record("T-1", 0, opened("T-1", "OB-1", 30));
        ConsumerRecord<String, byte[]> open2 = record("T-1", 1, opened("T-1", "OB-2", 60));
        ConsumerRecord<String, byte[]> breach1 = record("T-1", 2, breached("T-1", "OB-1", 30));
        ConsumerRecord<String, byte[]> fulfil2 = record("T-1", 3, fulfilled("T-1", "OB-2", 60));
        ConsumerRecord<String, byte[]> open3 = record("T-2", 0, opened("T-2", "OB-3", 90));
        ConsumerRecord<String, byte[]> withdraw3 =
                record("T-2", 1, new ObligationWithdrawn("T-2", null, "OB-3", SlaRule.R4, "signed off", at));
        ConsumerRecord<String, byte[]> unknown =
                record("T-9", 5, new ObligationWithdrawn("T-9", null, "OB-9", SlaRule.R4, "no such ticket", at));
        ConsumerRecord<String, byte[]> missedCall = record(
                "CALL-1",
                0,
                new ObligationOpened(
                        null,
                        "CALL-1",
                        "OB-M",
                        SlaRule.M1,
                        "desk",
                        null,
                        null,
                        null,
                        "sunrise",
                        null,
                        null,
                        null,
                        at,
                        at.plusSeconds(600)));
        List<ConsumerRecord<String, byte[]>> topic =
                List.of(open1, open2, breach1, fulfil2, open3, withdraw3, unknown, missedCall);

        MongoDatabase live = Stores.freshDatabase("obligations_live");
        TicketObligations liveObligations = new TicketObligations(live, inbound(live));
        KafkaUtils.setConsumerGroupId(TicketObligations.GROUP);
        try {
            liveObligations.on(List.of(open1, open2));
            liveObligations.on(List.of(breach1, open1)); // the opening again after the breach: still breached
            liveObligations.on(List.of(fulfil2, open3, unknown, missedCall));
            liveObligations.on(List.of(open2)); // the opening again after the fulfilment: stays gone
            liveObligations.on(List.of(withdraw3, withdraw3, open3));
        } finally {
            KafkaUtils.clearConsumerGroupId();
        }

        MongoDatabase rebuilt = Stores.freshDatabase("obligations_rebuilt");
        TicketObligations rebuiltObligations = new TicketObligations(rebuilt, inbound(rebuilt));
        long applied = rebuiltObligations.rebuild(topic, TicketObligations.GROUP);

        assertThat(applied).as("the six events of T-1 and T-2").isEqualTo(6);
        assertThat(all(rebuilt, TicketObligations.COLLECTION))
                .isEqualTo(all(live, TicketObligations.COLLECTION))
                .hasSize(2);
        assertThat(all(live, "inbox")).isEmpty();
        assertThat(liveObligations.next("T-1"))
                .contains(new TicketObligations.Due("OB-1", SlaRule.R4, at.plusSeconds(30 * 60), true));
        assertThat(liveObligations.next("T-2")).isEmpty();
        assertThat(liveObligations.next("T-9")).isEmpty();
    }

    private ObligationOpened opened(String ticketId, String obligationId, int dueMinutes) {
        return new ObligationOpened(
                ticketId,
                null,
                obligationId,
                SlaRule.R4,
                "steward",
                null,
                null,
                null,
                "sunrise",
                Department.ENGINEERING,
                "li",
                "desk",
                at,
                at.plusSeconds(dueMinutes * 60L));
    }

    private SlaBreached breached(String ticketId, String obligationId, int dueMinutes) {
        return new SlaBreached(
                ticketId,
                null,
                obligationId,
                SlaRule.R4,
                null,
                "sunrise",
                Department.ENGINEERING,
                "li",
                "desk",
                1,
                at.plusSeconds(dueMinutes * 60L),
                at.plusSeconds(dueMinutes * 60L));
    }

    private ObligationFulfilled fulfilled(String ticketId, String obligationId, int dueMinutes) {
        return new ObligationFulfilled(
                ticketId,
                null,
                obligationId,
                SlaRule.R4,
                null,
                "sunrise",
                Department.ENGINEERING,
                "li",
                "desk",
                "ev-1",
                at.plusSeconds(dueMinutes * 60L),
                at);
    }

    private static InboundEvents inbound(MongoDatabase db) {
        return new InboundEvents(db, new SimpleMeterRegistry(), TraceContexts.none());
    }

    private static List<Document> all(MongoDatabase db, String collection) {
        List<Document> docs = db.getCollection(collection).find().into(new ArrayList<>());
        docs.sort(Comparator.comparing(d -> d.getString("_id")));
        return docs;
    }

    private ConsumerRecord<String, byte[]> record(String aggregateId, long seq, PublicEvent event) {
        Envelope envelope = Envelope.of("e-" + offset, at, event, aggregateId, seq);
        return PolledRecords.of(Topics.CALLBACK_EVENTS, offset++, envelope);
    }
}
