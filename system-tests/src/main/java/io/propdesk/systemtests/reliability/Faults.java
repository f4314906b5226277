package io.propdesk.systemtests.reliability;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoDatabase;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.propdesk.contracts.Topics;
import io.propdesk.contracts.cloudevents.CloudEventCodec;
import io.propdesk.contracts.cloudevents.CloudEventCodec.Envelope;
import io.propdesk.contracts.ticket.LateOrderExplained;
import io.propdesk.platform.eventstore.MongoEventStorageEngine;
import io.propdesk.platform.kafka.InboundEvents;
import io.propdesk.platform.observability.TraceContexts;
import io.propdesk.standalone.Running;
import io.propdesk.standalone.ServiceClient;
import io.propdesk.ticket.query.TicketList;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ConsumerGroupListing;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.bson.Document;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.kafka.support.KafkaUtils;

/** The faults that need more than a {@link Running} method: poison records, a read-model rebuild, hostile input. */
public final class Faults {

    /** The inbound topics every consuming group must survive a poison record on. */
    public static final List<String> INBOUND_TOPICS = List.of(
            Topics.TICKET_EVENTS,
            Topics.DISPATCH_EVENTS,
            Topics.CALLBACK_EVENTS,
            Topics.BILLING_EVENTS,
            Topics.CALLCENTER_CALLS);

    private Faults() {}

    /**
     * service-stops: stops one service mid-flight, without waiting for its callers: its web server is stopped at once (HTTP
     * calls in flight are cut, not drained as a graceful shutdown would), then its context is closed while Kafka
     * records are in progress, so records not yet committed are delivered again after {@link Running#startService}.
     * All services share one JVM here, so this is a context close, not a process kill.
     */
    public static void stopAbruptly(Running system, String service) {
        if (system.context(service) instanceof WebServerApplicationContext web && web.getWebServer() != null) {
            web.getWebServer().stop();
        }
        system.stopService(service);
    }

    /**
     * Two poison records per inbound topic: a CloudEvent whose headers are valid but whose body is garbage bytes,
     * and a well-formed JSON body without any CloudEvents header. Returns their keys.
     */
    public static List<String> injectPoison(String bootstrap, String runId) {
        List<String> keys = new ArrayList<>();
        try (KafkaProducer<String, byte[]> producer = producer(bootstrap)) {
            for (String topic : INBOUND_TOPICS) {
                LateOrderExplained sample = new LateOrderExplained("poison", "WO-poison", "r", "x", Instant.now());
                ProducerRecord<String, byte[]> valid = CloudEventCodec.toRecord(
                        topic, Envelope.of(UUID.randomUUID().toString(), Instant.now(), sample));
                String garbageKey = "poison-garbage-" + runId + "-" + topic;
                ProducerRecord<String, byte[]> garbage = new ProducerRecord<>(
                        topic,
                        null,
                        garbageKey,
                        new byte[] {(byte) 0xC3, 0x28, 0x00, (byte) 0xFF, '{', '"'},
                        valid.headers());
                String bareKey = "poison-bare-" + runId + "-" + topic;
                ProducerRecord<String, byte[]> bare = new ProducerRecord<>(topic, bareKey, valid.value());
                producer.send(garbage).get(30, TimeUnit.SECONDS);
                producer.send(bare).get(30, TimeUnit.SECONDS);
                keys.add(garbageKey);
                keys.add(bareKey);
            }
        } catch (Exception e) {
            throw new IllegalStateException("could not inject the poison records", e);
        }
        return keys;
    }

    /** The consumer groups (of the services, not of checks) that have read from {@code topic}. */
    public static Set<String> groupsReading(String bootstrap, String topic) {
        Set<String> groups = new TreeSet<>();
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
            Collection<ConsumerGroupListing> listings =
                    admin.listConsumerGroups().all().get(30, TimeUnit.SECONDS);
            for (ConsumerGroupListing g : listings) {
                if (g.groupId().startsWith("reliability-")) {
                    continue;
                }
                Map<TopicPartition, ?> offsets = admin.listConsumerGroupOffsets(g.groupId())
                        .partitionsToOffsetAndMetadata()
                        .get(30, TimeUnit.SECONDS);
                if (offsets.keySet().stream().anyMatch(p -> p.topic().equals(topic))) {
                    groups.add(g.groupId());
                }
            }
        } catch (Exception e) {
            throw new IllegalStateException("could not list the consumer groups", e);
        }
        return groups;
    }

    /** For each {@code <topic>.<group>.dlt}: which poison keys of this topic it holds (missing ones are lost). */
    public static Map<String, Set<String>> poisonInDeadLetters(String bootstrap, List<String> keys) {
        Map<String, Set<String>> found = new HashMap<>();
        for (String topic : INBOUND_TOPICS) {
            for (String group : groupsReading(bootstrap, topic)) {
                String dlt = topic + "." + group + ".dlt";
                Set<String> inDlt = new TreeSet<>();
                for (ConsumerRecord<String, byte[]> r : EffectCheck.readAll(bootstrap, dlt)) {
                    if (keys.contains(r.key())) {
                        inDlt.add(r.key());
                    }
                }
                found.put(dlt, inDlt);
            }
        }
        return found;
    }

    /**
     * Rebuilds ticket-service's ticket list from {@code propdesk.ticket.events} with the projection's own class
     * into an empty database, and answers both the live documents and the rebuilt ones (by id).
     */
    public static Map<String, List<Document>> rebuildTicketList(Running system) {
        MongoClient client = system.context("ticket").getBean(MongoClient.class);
        MongoDatabase live = system.context("ticket").getBean(MongoDatabase.class);
        MongoDatabase empty =
                client.getDatabase("rebuild-" + UUID.randomUUID().toString().substring(0, 8));
        TraceContexts traces = system.context("ticket").getBean(TraceContexts.class);
        TicketList rebuilt = new TicketList(empty, new InboundEvents(empty, new SimpleMeterRegistry(), traces));
        KafkaUtils.setConsumerGroupId(TicketList.GROUP); // as on the listener's consumer thread
        for (ConsumerRecord<String, byte[]> record :
                EffectCheck.readAll(system.kafkaBootstrapServers(), Topics.TICKET_EVENTS)) {
            try {
                rebuilt.on(List.of(record));
            } catch (RuntimeException poison) {
                // the live projection sent these to its DLT; a rebuild skips them the same way
            }
        }
        KafkaUtils.clearConsumerGroupId();
        Map<String, List<Document>> both = new HashMap<>();
        both.put("live", sorted(live.getCollection("ticket_list").find().into(new ArrayList<>())));
        both.put("rebuilt", sorted(empty.getCollection("ticket_list").find().into(new ArrayList<>())));
        empty.drop();
        return both;
    }

    private static List<Document> sorted(List<Document> docs) {
        docs.sort((a, b) -> a.getString("_id").compareTo(b.getString("_id")));
        return docs;
    }

    /** Documents in a service's event store. */
    public static long storedEvents(Running system, String service) {
        return system.context(service)
                .getBean(MongoDatabase.class)
                .getCollection("events")
                .countDocuments(MongoEventStorageEngine.commits());
    }

    /** What a hostile-input run saw. */
    public record HostileResult(
            int requests,
            int fourXx,
            int fiveXx,
            int other,
            long storedBefore,
            long storedAfter,
            List<String> problems) {}

    /** Sends every case; counts the answers and the event-store documents of all four services before and after. */
    public static HostileResult sendHostile(Running system, ServiceClient rest, List<HostileInput.Case> cases) {
        long before = 0;
        for (String s : List.of("ticket", "dispatch", "callback", "billing")) {
            before += storedEvents(system, s);
        }
        int four = 0;
        int five = 0;
        int other = 0;
        List<String> problems = new ArrayList<>();
        for (HostileInput.Case c : cases) {
            ServiceClient.Reply r =
                    rest.call(c.endpoint().service(), c.endpoint().method(), c.path(), c.body());
            if (r.status() >= 400 && r.status() < 500) {
                four++;
            } else {
                if (r.status() >= 500) {
                    five++;
                } else {
                    other++;
                }
                if (problems.size() < 20) {
                    String body = c.body().length() > 300 ? c.body().substring(0, 300) + "..." : c.body();
                    problems.add(r.status() + " " + c.endpoint().method() + " "
                            + c.endpoint().service() + c.path()
                            + " (" + c.why() + ") " + body + " -> "
                            + (r.raw().length() > 300 ? r.raw().substring(0, 300) : r.raw()));
                }
            }
        }
        long after = 0;
        for (String s : List.of("ticket", "dispatch", "callback", "billing")) {
            after += storedEvents(system, s);
        }
        return new HostileResult(cases.size(), four, five, other, before, after, List.copyOf(problems));
    }

    private static KafkaProducer<String, byte[]> producer(String bootstrap) {
        return new KafkaProducer<>(
                Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap, ProducerConfig.ACKS_CONFIG, "all"),
                new StringSerializer(),
                new ByteArraySerializer());
    }
}
