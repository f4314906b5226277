package io.propdesk.ticket.call.api;

import java.time.Duration;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code propdesk.cti.*}: how phone systems may sign their call events instead of holding credentials.
 *
 * @param webhookSecrets   per integration (the name is free: {@code pbx-north}, {@code cloud-cc}), its Standard
 *                         Webhooks secret {@code whsec_<base64 of at least 16 random bytes>}; none configured: only
 *                         INTEGRATION credentials are accepted
 * @param webhookTolerance how far a {@code webhook-timestamp} may be from now, either way (default 5 minutes)
 */
@ConfigurationProperties("propdesk.cti")
public record CtiProperties(
        Map<String, String> webhookSecrets,
        @DefaultValue("5m") Duration webhookTolerance) {

    public CtiProperties {
        webhookSecrets = webhookSecrets == null ? Map.of() : Map.copyOf(webhookSecrets);
    }
}
