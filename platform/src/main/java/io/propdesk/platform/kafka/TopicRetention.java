package io.propdesk.platform.kafka;

import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AlterConfigOp;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Creates a topic with a bounded retention, or bounds the retention of a topic that exists already.
 * The broker keeps topics forever by default (the event topics are the replay source), and it creates a topic the
 * first time anyone writes or subscribes to it; so the topics that may hold personal data in the clear (the inbound
 * calls, the dead-letter copies) are created, or corrected, here, by the service that consumes them, on whatever
 * broker it runs against: the embedded one of standalone and the tests, or the one of docker compose.
 */
public class TopicRetention {

    private static final Logger log = LoggerFactory.getLogger(TopicRetention.class);
    private static final long TIMEOUT_SECONDS = 30;

    private final Map<String, Object> adminConfig;
    private final Set<String> bounded = ConcurrentHashMap.newKeySet();

    public TopicRetention(Map<String, Object> adminConfig) {
        this.adminConfig = Map.copyOf(adminConfig);
    }

    /**
     * A new topic's partitions get their leader a moment after the create returns; a copy produced before that comes
     * back with a metadata error the producer retries, logging WARN lines beside the one a dead letter logs.
     */
    private static void awaitLeaders(Admin admin, String topic) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (System.nanoTime() < deadline) {
            try {
                TopicDescription description = admin.describeTopics(List.of(topic))
                        .allTopicNames()
                        .get(TIMEOUT_SECONDS, TimeUnit.SECONDS)
                        .get(topic);
                if (description.partitions().stream()
                        .allMatch(p -> p.leader() != null && !p.leader().isEmpty())) {
                    return;
                }
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof UnknownTopicOrPartitionException)) {
                    throw e;
                }
            }
            Thread.sleep(50);
        }
    }

    /** Creates {@code topic} with this retention, or sets it on the existing topic; once per topic and instance. */
    public void bound(String topic, Duration retention) {
        if (bounded.contains(topic)) {
            return;
        }
        String retentionMs = Long.toString(retention.toMillis());
        try (Admin admin = Admin.create(adminConfig)) {
            try {
                admin.createTopics(List.of(new NewTopic(topic, Optional.empty(), Optional.empty())
                                .configs(Map.of(TopicConfig.RETENTION_MS_CONFIG, retentionMs))))
                        .all()
                        .get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
                awaitLeaders(admin, topic);
                log.info("Created topic {} with a retention of {}", topic, retention);
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof TopicExistsException)) {
                    throw e;
                }
                Map<ConfigResource, Collection<AlterConfigOp>> set = Map.of(
                        new ConfigResource(ConfigResource.Type.TOPIC, topic),
                        List.of(new AlterConfigOp(
                                new ConfigEntry(TopicConfig.RETENTION_MS_CONFIG, retentionMs),
                                AlterConfigOp.OpType.SET)));
                admin.incrementalAlterConfigs(set).all().get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
                log.info("Set the retention of topic {} to {}", topic, retention);
            }
            bounded.add(topic);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while bounding the retention of " + topic, e);
        } catch (Exception e) {
            throw new IllegalStateException("could not bound the retention of topic " + topic + ": " + e, e);
        }
    }
}
