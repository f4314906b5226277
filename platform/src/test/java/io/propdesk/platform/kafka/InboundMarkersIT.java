package io.propdesk.platform.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.propdesk.contracts.cloudevents.CloudEventCodec;
import io.propdesk.contracts.cloudevents.CloudEventCodec.Envelope;
import io.propdesk.contracts.ticket.TicketClosed;
import io.propdesk.embedded.SharedInfrastructure;
import io.propdesk.platform.observability.TraceContexts;
import io.propdesk.platform.relay.Relays;
import io.propdesk.platform.testing.PolledRecords;
import io.propdesk.platform.testing.Stores;
import io.propdesk.platform.testing.Tickets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerInterceptor;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.bson.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.kafka.core.DefaultKafkaConsumerFactory;
import org.springframework.kafka.listener.BatchListenerFailedException;
import org.springframework.kafka.listener.BatchMessageListener;
import org.springframework.kafka.listener.ContainerProperties;
import org.springframework.kafka.listener.KafkaMessageListenerContainer;
import org.springframework.kafka.support.KafkaUtils;

/**
 * Delivery guarantees 3 and 4 in the batch listener's shape (issue 14 item 4): for every record the handler runs,
 * then the poll's markers are stored in one bulk write, then the container commits the poll's offsets.
 */
class InboundMarkersIT {

    private static final String TOPIC = "markers-test";
    private static final String GROUP = "markers-test.inbound";

    /** What happened, in order, on the consumer thread: "handled <id> markers=<n>" and "commit <offset> markers=<n>". */
    static final List<String> LOG = new CopyOnWriteArrayList<>();

    static volatile MongoCollection<Document> observedInbox;

    private MongoCollection<Document> inbox;
    private InboundEvents inbound;
    private final List<String> handled = new ArrayList<>();

    @BeforeEach
    void setUp() {
        MongoDatabase db = Stores.freshDatabase("markers");
        inbox = db.getCollection(InboundEvents.COLLECTION);
        inbound = new InboundEvents(db, new SimpleMeterRegistry(), TraceContexts.none());
        KafkaUtils.setConsumerGroupId(GROUP);
    }

    @AfterEach
    void tearDown() {
        KafkaUtils.clearConsumerGroupId();
    }

    @Test
    void aPollsMarkersAreWrittenInOneBulkWriteAfterItsHandlersAndDeduplicateWithinThePoll_issue14_item4() {
        List<Long> markersSeenByHandlers = new ArrayList<>();
        inbound.handle(
                List.of(
                        record("e0", "T-1", 0, 0),
                        record("e1", "T-1", 1, 1),
                        record("e0", "T-1", 0, 2)), // re-sent by the relay within the same poll: only held so far
                e -> {
                    markersSeenByHandlers.add(inbox.countDocuments());
                    handled.add(e.id());
                });

        assertThat(handled).containsExactly("e0", "e1");
        assertThat(markersSeenByHandlers)
                .as("nothing written while the poll is handled")
                .containsOnly(0L);
        assertThat(inbox.find().into(new ArrayList<>()))
                .singleElement()
                .satisfies(marker ->
                        assertThat(marker.get("seq", Number.class).longValue()).isEqualTo(1L));

        handle(List.of(record("e1", "T-1", 1, 3))); // a later poll: deduplicated by the stored marker
        assertThat(handled).containsExactly("e0", "e1");
    }

    @Test
    void aFailingRecordEndsThePollNamingItsIndexAfterTheMarkersOfTheRecordsBeforeIt_issue14_item4() {
        assertThatThrownBy(() -> inbound.handle(
                        List.of(record("e0", "T-1", 0, 0), record("e1", "T-2", 0, 1), record("e2", "T-3", 0, 2)), e -> {
                            if (e.id().equals("e1")) {
                                throw new IllegalStateException("boom");
                            }
                            handled.add(e.id());
                        }))
                .isInstanceOfSatisfying(
                        BatchListenerFailedException.class,
                        failed -> assertThat(failed.getIndex())
                                .as("the failing record, for the error handler")
                                .isEqualTo(1))
                .hasRootCauseMessage("boom");

        assertThat(handled).as("the records after it wait for the redelivery").containsExactly("e0");
        assertThat(inbox.find().map(d -> d.getString("_id")).into(new ArrayList<>()))
                .as("the offsets before it are committed by the error handler: their markers are stored first")
                .singleElement()
                .satisfies(id -> assertThat(id).startsWith(GROUP + "|").endsWith("|T-1"));

        handle(List.of(record("e1", "T-2", 0, 1), record("e2", "T-3", 0, 2)));
        assertThat(handled).containsExactly("e0", "e1", "e2");
    }

    @Test
    void anUndecodableRecordFailsAtItsIndexWithoutReachingTheHandler_issue14_item4() {
        ConsumerRecord<String, byte[]> garbage =
                new ConsumerRecord<>(TOPIC, 0, 1, "T-9", "not a cloud event".getBytes());
        assertThatThrownBy(() -> handle(List.of(record("e0", "T-1", 0, 0), garbage)))
                .isInstanceOfSatisfying(
                        BatchListenerFailedException.class,
                        f -> assertThat(f.getIndex()).isEqualTo(1));
        assertThat(handled).containsExactly("e0");
        assertThat(inbox.countDocuments()).isEqualTo(1);
    }

    @Test
    void aRebuildDecidesLikeTheLiveConsumerAndTakesOverWhereItEnded_issue14_item4() {
        InboundEvents.Replay replay = inbound.replay(GROUP);
        List<String> rebuilt = new ArrayList<>();
        replay.fold(
                List.of(
                        record("e0", "T-1", 0, 0),
                        record("e1", "T-1", 1, 1),
                        record("e0", "T-1", 0, 2),
                        record("c1", null, -1, 3),
                        record("c1", null, -1, 4)),
                e -> rebuilt.add(e.id()));
        assertThat(rebuilt).containsExactly("e0", "e1", "c1");
        assertThat(replay.skipped()).isEqualTo(2);
        replay.writeMarkers();

        handle(List.of(record("e1", "T-1", 1, 5), record("c1", null, -1, 6), record("e2", "T-1", 2, 7)));
        assertThat(handled)
                .as("the live consumer skips what the rebuild applied")
                .containsExactly("e2");
    }

    @Test
    void aContainerCommitsAPollsOffsetsOnlyAfterItsHandlersRanAndItsMarkersWereStored_issue14_item4() {
        String topic = TOPIC + "-" + UUID.randomUUID();
        String bootstrap = SharedInfrastructure.get().kafkaBootstrapServers();
        try (KafkaProducer<String, byte[]> producer = Relays.producer(bootstrap)) {
            for (int i = 0; i < 6; i++) {
                // one ticket, so one partition and record k<i> at offset i; one stream each, so one marker each
                ProducerRecord<String, byte[]> p = CloudEventCodec.toRecord(
                        topic,
                        Envelope.of(
                                "k" + i,
                                Instant.now(),
                                Tickets.closedAt("T-m", 0).getPayload(),
                                "S-" + i,
                                0));
                producer.send(p);
            }
        }
        LOG.clear();
        observedInbox = inbox;
        Map<String, Object> config = new HashMap<>();
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        config.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
        config.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        config.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 4); // at least two polls
        config.put(ConsumerConfig.INTERCEPTOR_CLASSES_CONFIG, CommitObserver.class.getName());
        ContainerProperties properties = new ContainerProperties(topic);
        properties.setGroupId(GROUP + "-" + UUID.randomUUID());
        properties.setAckMode(ContainerProperties.AckMode.BATCH);
        properties.setMessageListener((BatchMessageListener<String, byte[]>)
                poll -> inbound.handle(poll, e -> LOG.add("handled " + e.id() + " markers=" + inbox.countDocuments())));
        KafkaMessageListenerContainer<String, byte[]> container =
                new KafkaMessageListenerContainer<>(new DefaultKafkaConsumerFactory<>(config), properties);
        container.start();
        try {
            await().atMost(Duration.ofSeconds(30)).until(() -> LOG.contains("commit 6 markers=6"));
        } finally {
            container.stop();
        }

        List<String> log = List.copyOf(LOG);
        int committed = 0;
        for (String entry : log) {
            String[] parts = entry.split("[ =]");
            long markers = Long.parseLong(parts[3]);
            if (parts[0].equals("commit")) {
                int offset = Integer.parseInt(parts[1]);
                assertThat(markers)
                        .as("markers stored before offsets up to " + offset + " were committed: " + log)
                        .isGreaterThanOrEqualTo(offset);
                committed = Math.max(committed, offset);
            } else {
                int offset = Integer.parseInt(parts[1].substring(1));
                assertThat(committed)
                        .as(parts[1] + " handled before its offset was committed: " + log)
                        .isLessThanOrEqualTo(offset);
                assertThat(markers)
                        .as("its marker is not stored while its poll is handled: " + log)
                        .isLessThanOrEqualTo(offset);
            }
        }
        assertThat(log).filteredOn(e -> e.startsWith("handled")).hasSize(6);
    }

    /** Sees each offset commit the container makes, with the markers stored at that moment. */
    public static final class CommitObserver implements ConsumerInterceptor<String, byte[]> {

        @Override
        public ConsumerRecords<String, byte[]> onConsume(ConsumerRecords<String, byte[]> records) {
            return records;
        }

        @Override
        public void onCommit(Map<TopicPartition, OffsetAndMetadata> offsets) {
            MongoCollection<Document> inbox = observedInbox;
            offsets.values().forEach(o -> LOG.add("commit " + o.offset() + " markers=" + inbox.countDocuments()));
        }

        @Override
        public void close() {}

        @Override
        public void configure(Map<String, ?> configs) {}
    }

    @Test
    void anEventOfATypeTheListenerDoesNotActOnIsNeitherHandledNorMarkedAndTheOthersStillDedupe_issue19() {
        Set<Class<?>> closings = Set.of(TicketClosed.class);
        inbound.handle(
                List.of(record("e0", "T-1", 0, 0), opening("x1", "T-2", 0, 1), record("e1", "T-1", 1, 2)),
                closings,
                e -> handled.add(e.id()));
        assertThat(handled).containsExactly("e0", "e1");
        assertThat(inbox.find().map(d -> d.getString("_id")).into(new ArrayList<>()))
                .as("only the stream acted on is marked")
                .singleElement()
                .satisfies(id -> assertThat(id).endsWith("|T-1"));

        inbound.handle(
                List.of(opening("x2", "T-1", 2, 3), record("e1", "T-1", 1, 4), record("e3", "T-1", 3, 5)),
                closings,
                e -> handled.add(e.id()));
        assertThat(handled)
                .as("a re-delivered event acted on is still recognised after an ignored one of its stream")
                .containsExactly("e0", "e1", "e3");
    }

    @Test
    void aPollsHeldWritesAreStoredAfterItsHandlersAndBeforeItsMarkers_issue19() {
        Set<Class<?>> closings = Set.of(TicketClosed.class);
        List<String> storedAfter = new ArrayList<>();
        inbound.handle(
                List.of(record("e0", "T-1", 0, 0), record("e1", "T-2", 0, 1)),
                closings,
                e -> handled.add(e.id()),
                () -> storedAfter.add(handled + " markers=" + inbox.countDocuments()));

        assertThat(storedAfter)
                .as("stored once, after every handler of the poll, before any marker")
                .containsExactly("[e0, e1] markers=0");
        assertThat(inbox.countDocuments()).isEqualTo(2);
    }

    @Test
    void aFailingRecordStoresTheHeldWritesOfTheRecordsBeforeItAheadOfTheirMarkers_issue19() {
        Set<Class<?>> closings = Set.of(TicketClosed.class);
        List<String> storedAfter = new ArrayList<>();
        assertThatThrownBy(() -> inbound.handle(
                        List.of(record("e0", "T-1", 0, 0), record("e1", "T-2", 0, 1), record("e2", "T-3", 0, 2)),
                        closings,
                        e -> {
                            if (e.id().equals("e1")) {
                                throw new IllegalStateException("boom");
                            }
                            handled.add(e.id());
                        },
                        () -> storedAfter.add(handled + " markers=" + inbox.countDocuments())))
                .isInstanceOfSatisfying(
                        BatchListenerFailedException.class,
                        failed -> assertThat(failed.getIndex()).isEqualTo(1));

        assertThat(storedAfter)
                .as("the error handler commits the offsets before the failing record: their effects are stored first")
                .containsExactly("[e0] markers=0");
        assertThat(inbox.find().map(d -> d.getString("_id")).into(new ArrayList<>()))
                .singleElement()
                .satisfies(id -> assertThat(id).endsWith("|T-1"));
    }

    @Test
    void anUnmarkedProjectionGetsItsWholePollOnceInOrderAndNoMarkerIsStored_issue19() {
        List<List<String>> applied = new ArrayList<>();
        inbound.handleUnmarked(
                List.of(record("e0", "T-1", 0, 0), record("e1", "T-1", 1, 1), record("e0", "T-1", 0, 2)),
                events -> applied.add(events.stream().map(Envelope::id).toList()));

        assertThat(applied)
                .as("one call with the poll in offset order; a re-sent event is the row's to ignore")
                .containsExactly(List.of("e0", "e1", "e0"));
        assertThat(inbox.countDocuments())
                .as("the rows dedupe, so no marker is written")
                .isZero();
    }

    @Test
    void aFailingRecordOfAnUnmarkedPollIsFoundOneByOneAndNamedByItsIndex_issue19() {
        List<String> rows = new ArrayList<>();
        assertThatThrownBy(() -> inbound.handleUnmarked(
                        List.of(record("e0", "T-1", 0, 0), record("e1", "T-2", 0, 1), record("e2", "T-3", 0, 2)),
                        events -> {
                            for (Envelope e : events) {
                                if (e.id().equals("e1")) {
                                    throw new IllegalStateException("boom");
                                }
                                if (!rows.contains(e.id())) { // the row's own dedupe
                                    rows.add(e.id());
                                }
                            }
                        }))
                .isInstanceOfSatisfying(
                        BatchListenerFailedException.class,
                        failed -> assertThat(failed.getIndex())
                                .as("the failing record, not the poll's first")
                                .isEqualTo(1))
                .hasRootCauseMessage("boom");
        assertThat(rows).as("the records before it are applied, once").containsExactly("e0");
    }

    @Test
    void anUndecodableRecordEndsAnUnmarkedPollAfterTheEventsBeforeItWereApplied_issue19() {
        ConsumerRecord<String, byte[]> garbage =
                new ConsumerRecord<>(TOPIC, 0, 1, "T-9", "not a cloud event".getBytes());
        List<String> applied = new ArrayList<>();
        assertThatThrownBy(() -> inbound.handleUnmarked(
                        List.of(record("e0", "T-1", 0, 0), garbage, record("e2", "T-1", 1, 2)),
                        events -> events.forEach(e -> applied.add(e.id()))))
                .isInstanceOfSatisfying(
                        BatchListenerFailedException.class,
                        f -> assertThat(f.getIndex()).isEqualTo(1));
        assertThat(applied).containsExactly("e0");
    }

    private void handle(List<ConsumerRecord<String, byte[]>> poll) {
        inbound.handle(poll, e -> handled.add(e.id()));
    }

    /** An event of a type the listener of the issue 19 test does not act on. */
    private static ConsumerRecord<String, byte[]> opening(String id, String aggregateId, long sequence, long offset) {
        return PolledRecords.of(
                TOPIC, offset, Envelope.of(id, Instant.now(), Tickets.aRepair(aggregateId), aggregateId, sequence));
    }

    private static ConsumerRecord<String, byte[]> record(String id, String aggregateId, long sequence, long offset) {
        return PolledRecords.of(
                TOPIC,
                offset,
                Envelope.of(
                        id,
                        Instant.now(),
                        Tickets.closedAt("T-1", Math.max(sequence, 0)).getPayload(),
                        aggregateId,
                        sequence));
    }
}
