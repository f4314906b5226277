package io.propdesk.platform.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.MockConsumer;
import org.apache.kafka.clients.consumer.OffsetResetStrategy;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.record.TimestampType;
import org.bson.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.kafka.support.KafkaUtils;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.propdesk.contracts.cloudevents.CloudEventCodec;
import io.propdesk.contracts.cloudevents.CloudEventCodec.Envelope;
import io.propdesk.platform.observability.TraceContexts;
import io.propdesk.platform.testing.Stores;
import io.propdesk.platform.testing.Tickets;

/** Delivery guarantee 4 with the markers of a poll written together, just before its offsets are committed. */
class InboundMarkersIT {

    private static final String TOPIC = "markers-test";
    private static final TopicPartition PARTITION = new TopicPartition(TOPIC, 0);

    private MongoCollection<Document> inbox;
    private InboundEvents inbound;
    private final List<String> handled = new ArrayList<>();

    @BeforeEach
    void setUp() {
        MongoDatabase db = Stores.freshDatabase("markers");
        inbox = db.getCollection(InboundEvents.COLLECTION);
        inbound = new InboundEvents(db, new SimpleMeterRegistry(), TraceContexts.none());
        KafkaUtils.setConsumerGroupId("markers-group");
    }

    @AfterEach
    void tearDown() {
        KafkaUtils.clearConsumerGroupId();
    }

    @Test
    void aPollsMarkersAreWrittenInOneBulkWriteBeforeItsOffsetsAreCommittedAndDeduplicateWithinThePoll() {
        MockConsumer<String, byte[]> mock = new MockConsumer<>(OffsetResetStrategy.EARLIEST);
        mock.assign(List.of(PARTITION));
        mock.updateBeginningOffsets(Map.of(PARTITION, 0L));
        Consumer<String, byte[]> consumer = MarkersBeforeCommit.wrap(mock, inbound);
        consumer.poll(Duration.ZERO);

        handle(record("e0", 0, 0));
        handle(record("e1", 1, 1));
        handle(record("e0", 0, 2)); // re-delivered within the same poll: its marker is only held so far

        assertThat(handled).containsExactly("e0", "e1");
        assertThat(inbox.countDocuments()).as("nothing written before the commit").isZero();

        consumer.commitSync();

        assertThat(inbox.find().into(new ArrayList<>())).singleElement()
                .satisfies(marker -> assertThat(marker.get("seq", Number.class).longValue()).isEqualTo(1L));
        handle(record("e1", 1, 3)); // after the commit: deduplicated by the stored marker
        assertThat(handled).containsExactly("e0", "e1");
    }

    @Test
    void offAConsumerThreadEachMarkerIsWrittenAtOnce() {
        handle(record("e0", 0, 0));
        assertThat(inbox.countDocuments()).isEqualTo(1);
        handle(record("e0", 0, 1));
        assertThat(handled).containsExactly("e0");
    }

    @Test
    void aFailedHandlerLeavesNoMarker() {
        Consumer<String, byte[]> consumer = MarkersBeforeCommit.wrap(new MockConsumer<>(OffsetResetStrategy.EARLIEST),
                inbound);
        consumer.poll(Duration.ZERO);
        try {
            inbound.handle(record("e0", 0, 0), e -> {
                throw new IllegalStateException("boom");
            });
        } catch (IllegalStateException expected) {
            // the container retries it, then sends it to the DLT
        }
        consumer.commitSync();
        assertThat(inbox.countDocuments()).isZero();
        handle(record("e0", 0, 1));
        assertThat(handled).containsExactly("e0");
    }

    private void handle(ConsumerRecord<String, byte[]> record) {
        inbound.handle(record, e -> handled.add(e.id()));
    }

    private static ConsumerRecord<String, byte[]> record(String id, long sequence, long offset) {
        ProducerRecord<String, byte[]> p = CloudEventCodec.toRecord(TOPIC,
                Envelope.of(id, Instant.now(), Tickets.closedAt("T-1", sequence).getPayload(), "T-1", sequence));
        return new ConsumerRecord<>(TOPIC, 0, offset, 0L, TimestampType.CREATE_TIME, -1, -1, p.key(), p.value(),
                p.headers(), Optional.empty());
    }
}
