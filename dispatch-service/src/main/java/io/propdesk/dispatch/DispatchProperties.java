package io.propdesk.dispatch;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The dispatch-service's tunables.
 *
 * @param visitHorizon      how far ahead contract visit orders are opened (H1, H6)
 * @param visitScanInterval how often the contracts are checked for visits coming into the horizon
 */
@ConfigurationProperties("propdesk.dispatch")
public record DispatchProperties(
        @DefaultValue("7d") Duration visitHorizon,
        @DefaultValue("5s") Duration visitScanInterval) {}
