package io.propdesk.platform.security.webhook;

import io.propdesk.contracts.access.Role;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The endpoints of a service that accept a Standard Webhooks signature instead of credentials, declared as a bean by
 * the service: the request paths (exact), the role a correctly signed request acts with, each integration's secret
 * ({@code whsec_<base64>}), and how far a timestamp may be from now. Every other endpoint ignores the webhook headers.
 */
public record SignedWebhooks(List<String> paths, Role role, Map<String, String> secrets, Duration tolerance) {

    public SignedWebhooks {
        paths = List.copyOf(paths);
        secrets = secrets == null ? Map.of() : Map.copyOf(secrets);
        tolerance = tolerance == null ? Duration.ofMinutes(5) : tolerance;
    }

    /** The key bytes by integration name; a malformed secret fails at start-up, naming the integration. */
    public Map<String, byte[]> keys() {
        Map<String, byte[]> keys = new LinkedHashMap<>();
        secrets.forEach((integration, secret) -> {
            try {
                keys.put(integration, WebhookSignature.key(secret));
            } catch (IllegalArgumentException e) {
                throw new IllegalStateException("the webhook secret of integration " + integration
                        + " is not whsec_<base64>: " + e.getMessage());
            }
        });
        return keys;
    }
}
