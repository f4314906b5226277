package io.propdesk.ticket.call.api;

import io.propdesk.contracts.access.Role;
import io.propdesk.platform.security.webhook.SignedWebhooks;
import java.util.List;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Call events in may be signed (Standard Webhooks) instead of authenticated; only that endpoint. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(CtiProperties.class)
public class CtiConfiguration {

    @Bean
    SignedWebhooks ctiWebhooks(CtiProperties properties) {
        return new SignedWebhooks(
                List.of(CtiController.EVENTS),
                Role.INTEGRATION,
                properties.webhookSecrets(),
                properties.webhookTolerance());
    }
}
