package io.propdesk.systemtests.reliability;

import io.propdesk.contracts.Topics;
import io.propdesk.contracts.billing.ChargePosted;
import io.propdesk.contracts.callback.CallbackScheduled;
import io.propdesk.contracts.callback.SlaBreached;
import io.propdesk.contracts.cloudevents.CloudEventCodec;
import io.propdesk.contracts.cloudevents.CloudEventCodec.Envelope;
import io.propdesk.contracts.dispatch.OrderDispatched;
import io.propdesk.standalone.ServiceClient;
import io.propdesk.systemtests.reliability.TicketScript.Outcome;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * The check every fault run ends with. Every ticket reached CLOSED (else it is lost), and no effect exists twice:
 * effects are counted by their own ids, read from the topics; the same {@code ce_id} delivered twice is a
 * re-delivery (at-least-once), a duplicate effect is two distinct ids for one thing — two orders for one ticket,
 * two charges for one order, two callbacks for one order, two breaches of one obligation occurrence.
 */
public final class EffectCheck {

    /** What the check found; {@code problems} names each lost or duplicated effect. */
    public record Result(int tickets, int closed, int lost, int duplicated, List<String> problems) {
        public boolean clean() {
            return lost == 0 && duplicated == 0;
        }
    }

    private EffectCheck() {}

    public static Result check(String bootstrap, ServiceClient rest, List<Outcome> outcomes) {
        Map<String, Set<String>> ordersByTicket = new HashMap<>();
        Map<String, Set<String>> chargesByOrder = new HashMap<>();
        Map<String, Set<String>> callbacksByOrder = new HashMap<>();
        Map<String, Set<String>> breaches = new HashMap<>();
        for (ConsumerRecord<String, byte[]> record : readAll(bootstrap, Topics.DISPATCH_EVENTS)) {
            Envelope e = decode(record);
            if (e != null && e.data() instanceof OrderDispatched d) {
                ordersByTicket
                        .computeIfAbsent(d.ticketId(), k -> new HashSet<>())
                        .add(d.orderId());
            }
        }
        for (ConsumerRecord<String, byte[]> record : readAll(bootstrap, Topics.BILLING_EVENTS)) {
            Envelope e = decode(record);
            if (e != null && e.data() instanceof ChargePosted c && c.orderId() != null) {
                chargesByOrder
                        .computeIfAbsent(c.orderId(), k -> new HashSet<>())
                        .add(c.chargeId());
            }
        }
        for (ConsumerRecord<String, byte[]> record : readAll(bootstrap, Topics.CALLBACK_EVENTS)) {
            Envelope e = decode(record);
            if (e == null) {
                continue;
            }
            if (e.data() instanceof CallbackScheduled c && c.orderId() != null) {
                callbacksByOrder
                        .computeIfAbsent(c.orderId(), k -> new HashSet<>())
                        .add(c.callbackId());
            } else if (e.data() instanceof SlaBreached b) {
                // one obligation's n-th breach is one thing; its event id tells a re-delivery from a second breach
                breaches.computeIfAbsent(b.obligationId() + "#" + b.occurrence(), k -> new HashSet<>())
                        .add(e.id());
            }
        }

        List<String> problems = new ArrayList<>();
        int lost = 0;
        int duplicated = 0;
        int closed = 0;
        for (Outcome o : outcomes) {
            if (o.closed()) {
                closed++;
            } else {
                lost++;
                problems.add("ticket " + o.ticketId() + " did not close (last step " + o.lastStep() + ")");
            }
            if (o.ticketId() == null) {
                continue;
            }
            int orders = ordersByTicket.getOrDefault(o.ticketId(), Set.of()).size();
            if (orders == 0) {
                lost++;
                problems.add("no OrderDispatched for " + o.ticketId());
            } else if (orders > 1) {
                duplicated += orders - 1;
                problems.add(orders + " orders for " + o.ticketId() + ": " + ordersByTicket.get(o.ticketId()));
            }
            int charges = chargesByOrder.getOrDefault(o.orderId(), Set.of()).size();
            int expectedCharges = o.paid() ? 1 : 0;
            if (charges < expectedCharges) {
                lost++;
                problems.add("no ChargePosted for paid order " + o.orderId());
            } else if (charges > expectedCharges) {
                duplicated += charges - expectedCharges;
                problems.add(charges + " charges for order " + o.orderId() + ": " + chargesByOrder.get(o.orderId()));
            }
            int callbacks = callbacksByOrder.getOrDefault(o.orderId(), Set.of()).size();
            if (callbacks == 0) {
                lost++;
                problems.add("no CallbackScheduled for order " + o.orderId());
            } else if (callbacks > 1) {
                duplicated += callbacks - 1;
                problems.add(
                        callbacks + " callbacks for order " + o.orderId() + ": " + callbacksByOrder.get(o.orderId()));
            }
            ServiceClient.Reply order = rest.get("dispatch", "/api/orders/" + o.orderId());
            if (order.status() != 200 || !o.ticketId().equals(order.text("ticketId"))) {
                lost++;
                problems.add("GET /api/orders/" + o.orderId() + " answered " + order.status());
            }
        }
        duplicated += checkOrderList(rest, outcomes, problems);
        for (Map.Entry<String, Set<String>> b : breaches.entrySet()) {
            if (b.getValue().size() > 1) {
                duplicated += b.getValue().size() - 1;
                problems.add(
                        "breach " + b.getKey() + " recorded " + b.getValue().size() + " times");
            }
        }
        return new Result(outcomes.size(), closed, lost, duplicated, List.copyOf(problems));
    }

    /**
     * dispatch-service's order list ({@code GET /api/orders}, at most 500 rows, newest first) must hold each
     * ticket's order once. Only asked when the whole list fits in one answer (the small test runs).
     */
    private static int checkOrderList(ServiceClient rest, List<Outcome> outcomes, List<String> problems) {
        ServiceClient.Reply list = rest.get("dispatch", "/api/orders?assignee=" + TicketScript.LEADER + "&limit=500");
        if (!list.ok() || list.body().size() >= 500) {
            return 0;
        }
        Map<String, Integer> rowsByTicket = new HashMap<>();
        list.body().forEach(row -> rowsByTicket.merge(row.path("ticketId").asText(), 1, Integer::sum));
        int duplicated = 0;
        for (Outcome o : outcomes) {
            int rows = rowsByTicket.getOrDefault(o.ticketId(), 0);
            if (rows > 1) {
                duplicated += rows - 1;
                problems.add(rows + " rows in GET /api/orders for " + o.ticketId());
            }
        }
        return duplicated;
    }

    private static Envelope decode(ConsumerRecord<String, byte[]> record) {
        try {
            return CloudEventCodec.fromRecord(record);
        } catch (RuntimeException poison) {
            // an injected poison record: not an effect
            return null;
        }
    }

    /** Every record of a topic, from the beginning to the end offsets it had when the read began. */
    public static List<ConsumerRecord<String, byte[]>> readAll(String bootstrap, String topic) {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        props.put(ConsumerConfig.GROUP_ID_CONFIG, "reliability-check-" + UUID.randomUUID());
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        List<ConsumerRecord<String, byte[]>> records = new ArrayList<>();
        try (KafkaConsumer<String, byte[]> consumer =
                new KafkaConsumer<>(props, new StringDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic, Duration.ofSeconds(30)).stream()
                    .map(p -> new TopicPartition(topic, p.partition()))
                    .toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions, Duration.ofSeconds(30));
            long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
            while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("could not read " + topic + " to its end");
                }
                consumer.poll(Duration.ofMillis(500)).forEach(records::add);
            }
        }
        return records;
    }
}
