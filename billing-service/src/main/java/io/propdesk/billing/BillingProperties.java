package io.propdesk.billing;

import java.time.ZoneId;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * billing-service's tunables.
 *
 * @param zone the company's time zone: the date {@code GET /api/price-lists} answers for when no estate is named, and
 *             the date of an estate billing has not heard of yet. Quotes, orders and contracts use their estate's
 *             zone, and a price-list version takes effect on its day in each estate's zone (P1).
 */
@ConfigurationProperties("propdesk.billing")
public record BillingProperties(
        @DefaultValue("Asia/Shanghai") ZoneId zone) {}
