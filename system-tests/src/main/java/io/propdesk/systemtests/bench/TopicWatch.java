package io.propdesk.systemtests.bench;

import io.propdesk.contracts.Topics;
import io.propdesk.contracts.callback.CallbackScheduled;
import io.propdesk.contracts.cloudevents.CloudEventCodec;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * A plain Kafka consumer of the four services' topics, from their end when it starts: when each ticket's events
 * arrived (by key and short type name, e.g. "OrderDispatched"), the bytes each ticket put on Kafka, and the callback
 * ids. Drivers wait on it for the event a step needs instead of sleeping.
 */
final class TopicWatch implements AutoCloseable {

    static final List<String> TOPICS =
            List.of(Topics.TICKET_EVENTS, Topics.DISPATCH_EVENTS, Topics.CALLBACK_EVENTS, Topics.BILLING_EVENTS);

    /** ticketId -> short type -> nanoTime of the first arrival. */
    private final Map<String, Map<String, Long>> seen = new ConcurrentHashMap<>();

    /** ticketId -> short type -> the first arrival's record timestamp (epoch ms: when its producer sent it). */
    private final Map<String, Map<String, Long>> stamped = new ConcurrentHashMap<>();

    private final Map<String, AtomicLong> bytes = new ConcurrentHashMap<>();
    private final Map<String, AtomicLong> records = new ConcurrentHashMap<>();
    private final Map<String, String> callbackIds = new ConcurrentHashMap<>();
    private final KafkaConsumer<String, byte[]> consumer;
    private final Thread thread;
    private volatile boolean running = true;

    TopicWatch(String bootstrap) {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ConsumerConfig.GROUP_ID_CONFIG, "bench-watch-" + UUID.randomUUID());
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        p.put(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, "5");
        p.put(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, "false");
        consumer = new KafkaConsumer<>(p, new StringDeserializer(), new ByteArrayDeserializer());
        List<TopicPartition> partitions = newPartitions();
        consumer.assign(partitions);
        consumer.seekToEnd(partitions);
        partitions.forEach(consumer::position);
        lastTopicCheck = System.nanoTime();
        thread = new Thread(this::poll, "topic-watch");
        thread.setDaemon(true);
        thread.start();
    }

    private long lastTopicCheck;

    /** Partitions of the watched topics that exist and are not assigned yet (a topic exists once written to). */
    private List<TopicPartition> newPartitions() {
        Map<String, List<org.apache.kafka.common.PartitionInfo>> all = consumer.listTopics(Duration.ofSeconds(30));
        return TOPICS.stream()
                .filter(all::containsKey)
                .flatMap(t -> all.get(t).stream())
                .map(i -> new TopicPartition(i.topic(), i.partition()))
                .filter(tp -> !consumer.assignment().contains(tp))
                .toList();
    }

    private void poll() {
        while (running) {
            if (consumer.assignment().stream()
                                    .map(TopicPartition::topic)
                                    .distinct()
                                    .count()
                            < TOPICS.size()
                    && System.nanoTime() - lastTopicCheck > 500_000_000L) {
                lastTopicCheck = System.nanoTime();
                List<TopicPartition> added = newPartitions();
                if (!added.isEmpty()) {
                    List<TopicPartition> all = new java.util.ArrayList<>(consumer.assignment());
                    all.addAll(added);
                    consumer.assign(all);
                    consumer.seekToBeginning(added); // created since the watch began: all of it is new
                }
            }
            for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofMillis(20))) {
                long now = System.nanoTime();
                if (r.key() == null) {
                    continue;
                }
                Header typeHeader = r.headers().lastHeader("ce_type");
                String type =
                        typeHeader == null ? "?" : shortType(new String(typeHeader.value(), StandardCharsets.UTF_8));
                long size = Math.max(0, r.serializedKeySize()) + Math.max(0, r.serializedValueSize());
                for (Header h : r.headers()) {
                    size += h.key().getBytes(StandardCharsets.UTF_8).length
                            + (h.value() == null ? 0 : h.value().length);
                }
                bytes.computeIfAbsent(r.key(), k -> new AtomicLong()).addAndGet(size);
                records.computeIfAbsent(r.key(), k -> new AtomicLong()).incrementAndGet();
                if (type.equals("CallbackScheduled")) {
                    try {
                        if (CloudEventCodec.fromRecord(r).data() instanceof CallbackScheduled c) {
                            callbackIds.put(r.key(), c.callbackId());
                        }
                    } catch (RuntimeException ignored) {
                        // not ours to judge here
                    }
                }
                seen.computeIfAbsent(r.key(), k -> new ConcurrentHashMap<>()).putIfAbsent(type, now);
                stamped.computeIfAbsent(r.key(), k -> new ConcurrentHashMap<>()).putIfAbsent(type, r.timestamp());
            }
            synchronized (this) {
                notifyAll();
            }
        }
    }

    /** "propdesk.dispatch.OrderDispatched.v1" is "OrderDispatched". */
    static String shortType(String ceType) {
        String[] parts = ceType.split("\\.");
        return parts.length >= 2 ? parts[parts.length - 2] : ceType;
    }

    /** When {@code type} of {@code ticketId} first arrived (nanoTime), or null. */
    Long seenAt(String ticketId, String type) {
        Map<String, Long> types = seen.get(ticketId);
        return types == null ? null : types.get(type);
    }

    /** The record timestamp (epoch ms) of the first {@code type} of {@code ticketId}, or null. */
    Long timestamp(String ticketId, String type) {
        Map<String, Long> types = stamped.get(ticketId);
        return types == null ? null : types.get(type);
    }

    /** Waits until {@code type} of {@code ticketId} has arrived; false after the timeout. */
    boolean await(String ticketId, String type, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (this) {
            while (seenAt(ticketId, type) == null) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return false;
                }
                TimeUnit.NANOSECONDS.timedWait(this, Math.min(left, TimeUnit.MILLISECONDS.toNanos(50)));
            }
        }
        return true;
    }

    String callbackId(String ticketId) {
        return callbackIds.get(ticketId);
    }

    long bytes(String ticketId) {
        AtomicLong b = bytes.get(ticketId);
        return b == null ? 0 : b.get();
    }

    long records(String ticketId) {
        AtomicLong n = records.get(ticketId);
        return n == null ? 0 : n.get();
    }

    @Override
    public void close() throws InterruptedException {
        running = false;
        thread.join(5_000);
        consumer.close();
    }
}
