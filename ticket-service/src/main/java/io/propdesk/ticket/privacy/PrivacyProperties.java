package io.propdesk.ticket.privacy;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code propdesk.privacy.*}: how ticket-service finds sealed phone numbers again.
 *
 * @param blindIndexSecret the server secret of the keyed blind index (HMAC-SHA256 of the E.164 number), at least 32
 *     characters; required in jwt mode, a documented demo secret in demo mode. Changing it orphans every index entry.
 * @param defaultRegion    the country a number without a country code belongs to (ISO 3166 alpha-2, the estates'
 *     country): {@code 0755-1234567} is read as a Shenzhen number under {@code CN}
 */
@ConfigurationProperties("propdesk.privacy")
public record PrivacyProperties(
        String blindIndexSecret, @DefaultValue("CN") String defaultRegion) {}
