package io.propdesk.console;

import jakarta.validation.constraints.NotNull;
import java.net.URI;
import java.time.Duration;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * {@code propdesk.console.*}: where the four services answer, which estates the desk works, the zone times are shown
 * in when an estate names none, and how often the queues refresh.
 *
 * @param services base URL of each service by name ({@code ticket}, {@code dispatch}, {@code callback}, {@code billing})
 * @param estates the estates whose directory the intake form offers (the ticket-service has no list of estates)
 * @param timeZone the zone of times for an estate whose own zone the console has not read
 * @param refreshEvery how often an open queue page asks again (at most 5 s)
 * @param requestTimeout how long one call to a service may take before the page says it is unreachable
 * @param dueSoon how far ahead the queues read open obligations for "due soon", which lists those callback-service
 *     reports at risk (W1); at least the longest warning time there
 * @param dueSoonByRule the same window for one rule (R4, R5, C2, ...), where it differs
 */
@Validated
@ConfigurationProperties("propdesk.console")
public record ConsoleProperties(
        @NotNull Map<String, URI> services,
        @NotNull List<String> estates,
        @NotNull ZoneId timeZone,
        @NotNull Duration refreshEvery,
        @NotNull Duration requestTimeout,
        @NotNull Duration dueSoon,
        Map<String, Duration> dueSoonByRule) {

    public static final List<String> SERVICES = List.of("ticket", "dispatch", "callback", "billing");

    public ConsoleProperties {
        services = Map.copyOf(services);
        estates = List.copyOf(estates);
        dueSoonByRule = dueSoonByRule == null ? Map.of() : Map.copyOf(dueSoonByRule);
        for (String name : SERVICES) {
            if (!services.containsKey(name)) {
                throw new IllegalArgumentException("propdesk.console.services." + name + " is not set");
            }
        }
        if (refreshEvery.compareTo(Duration.ofSeconds(5)) > 0 || refreshEvery.compareTo(Duration.ofSeconds(1)) < 0) {
            throw new IllegalArgumentException(
                    "propdesk.console.refresh-every must be between 1s and 5s, not " + refreshEvery);
        }
    }

    /** The "due soon" window of one rule. */
    public Duration dueSoon(String rule) {
        return rule == null ? dueSoon : dueSoonByRule.getOrDefault(rule, dueSoon);
    }

    /** The base URL of one service. */
    public URI service(String name) {
        URI uri = services.get(name);
        if (uri == null) {
            throw new IllegalArgumentException("no service named '" + name + "'");
        }
        return uri;
    }
}
