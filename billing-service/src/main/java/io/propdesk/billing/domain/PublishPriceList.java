package io.propdesk.billing.domain;

import io.propdesk.contracts.Department;
import io.propdesk.contracts.billing.PriceListPublished;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Publish the next version of a department's price list (P1). {@code today} is the earliest day the company or any
 * known estate is still living in (each estate prices its quotes on its own local date): a version never takes effect
 * on a day that is over everywhere, so what was in force on a past day never changes (P2).
 */
public record PublishPriceList(
        Department department,
        LocalDate effectiveFrom,
        List<PriceListPublished.Item> items,
        String publishedBy,
        LocalDate today,
        Instant publishedAt) {

    @TargetAggregateIdentifier
    public String streamId() {
        return PriceList.streamId(department);
    }
}
