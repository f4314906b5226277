package io.propdesk.billing;

import java.time.ZoneId;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * billing-service's tunables.
 *
 * @param zone the company's time zone: the day a price-list version takes effect and the date {@code GET
 *             /api/price-lists} answers for are dates in it (P1). Orders and contracts use their estate's zone.
 */
@ConfigurationProperties("propdesk.billing")
public record BillingProperties(@DefaultValue("Asia/Shanghai") ZoneId zone) {
}
