package io.propdesk.console.live;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code propdesk.console.live.*}: where the console reads the four services' topics to push changes to open pages.
 * Without a broker the pages only poll ({@code propdesk.console.refresh-every}).
 *
 * @param bootstrapServers the Kafka brokers the services publish to; empty: no live updates, polling only
 * @param instance this console's name in its consumer group {@code console.<instance>} (each instance reads every
 *     event from the latest); empty: the host name and a random suffix
 * @param settle a change is announced once when its event arrives and once more this long after, when the services'
 *     own read models (fed by the same topics) have surely applied it: after the first event of a run, and again after
 *     the last one that came while that announcement was pending
 * @param heartbeat how often an open page's event stream gets a comment, so a dead connection is noticed
 * @param kafka further consumer settings passed to the Kafka client as they are (e.g. {@code security.protocol},
 *     {@code sasl.mechanism}, {@code sasl.jaas.config} for a broker that asks for SASL)
 */
@ConfigurationProperties("propdesk.console.live")
public record LiveProperties(
        String bootstrapServers,
        String instance,
        Duration settle,
        Duration heartbeat,
        java.util.Map<String, String> kafka) {

    public LiveProperties {
        bootstrapServers = bootstrapServers == null ? "" : bootstrapServers.trim();
        instance = instance == null ? "" : instance.trim();
        settle = settle == null ? Duration.ofMillis(700) : settle;
        heartbeat = heartbeat == null ? Duration.ofSeconds(20) : heartbeat;
        kafka = kafka == null ? java.util.Map.of() : java.util.Map.copyOf(kafka);
    }

    public boolean enabled() {
        return !bootstrapServers.isEmpty();
    }
}
