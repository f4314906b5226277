package io.propdesk.console.live;

import io.propdesk.contracts.Topics;
import io.propdesk.contracts.cloudevents.CloudEventCodec;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * The four services' topics read by this console alone: its own consumer group {@code console.<instance>}, from the
 * latest offset (a page shows what the services answer now; only what happens from here on is news), committing
 * nothing. Each public event (a CloudEvent: its {@code ce_type} header) tells the open pages that something changed
 * ({@link LiveChanges}); the event's content is never kept or shown, so nothing personal passes through here.
 */
@Component
public class TopicFeed implements SmartLifecycle {

    /** The topics whose events change a queue: tickets, orders, obligations and callbacks, quotes. */
    static final List<String> TOPICS =
            List.of(Topics.TICKET_EVENTS, Topics.DISPATCH_EVENTS, Topics.CALLBACK_EVENTS, Topics.BILLING_EVENTS);

    private static final Logger log = LoggerFactory.getLogger(TopicFeed.class);

    private final LiveProperties properties;
    private final LiveChanges changes;
    private volatile KafkaConsumer<String, byte[]> consumer;
    private volatile Thread thread;
    private volatile boolean running;

    public TopicFeed(LiveProperties properties, LiveChanges changes) {
        this.properties = properties;
        this.changes = changes;
    }

    /** {@code console.<instance>}: one group per console, so every console hears every event. */
    public String group() {
        return "console." + (properties.instance().isEmpty() ? defaultInstance() : properties.instance());
    }

    private static String defaultInstance() {
        String host;
        try {
            host = InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            host = "console";
        }
        return host + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    @Override
    public void start() {
        if (!properties.enabled()) {
            log.info("propdesk.console.live.bootstrap-servers is not set: pages poll, nothing is pushed");
            return;
        }
        Properties config = new Properties();
        config.putAll(properties.kafka());
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, properties.bootstrapServers());
        config.put(ConsumerConfig.GROUP_ID_CONFIG, group());
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "latest");
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        config.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
        config.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        config.put(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, 100);
        config.put(ConsumerConfig.CLIENT_ID_CONFIG, group());
        consumer = new KafkaConsumer<>(config);
        consumer.subscribe(TOPICS);
        running = true;
        thread = new Thread(this::run, "console-live-feed");
        thread.setDaemon(true);
        thread.start();
        log.info("live updates: reading {} as group {}", TOPICS, group());
    }

    private void run() {
        try {
            while (running) {
                ConsumerRecords<String, byte[]> polled = consumer.poll(Duration.ofSeconds(1));
                boolean news = false;
                for (ConsumerRecord<String, byte[]> record : polled) {
                    news |= record.headers().lastHeader(CloudEventCodec.CE_TYPE) != null;
                }
                if (news) {
                    changes.changed();
                }
            }
        } catch (WakeupException e) {
            // stopping
        } catch (RuntimeException e) {
            log.warn("live updates stopped, pages fall back to polling: {}", e.toString());
        } finally {
            consumer.close(Duration.ofSeconds(5));
        }
    }

    @Override
    public void stop() {
        running = false;
        KafkaConsumer<String, byte[]> c = consumer;
        if (c != null) {
            c.wakeup();
        }
        Thread t = thread;
        if (t != null) {
            try {
                t.join(10_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        thread = null;
        consumer = null;
    }

    @Override
    public boolean isRunning() {
        return running;
    }
}
