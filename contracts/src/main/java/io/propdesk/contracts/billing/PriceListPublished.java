package io.propdesk.contracts.billing;

import io.propdesk.contracts.Department;
import io.propdesk.contracts.Money;
import io.propdesk.contracts.PublicEvent;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * A new version of a department's price list for paid services (P1). Lists are revised over time and
 * every quote names the version it used (P2), so versions are never edited, only superseded. It
 * belongs to no ticket: the department is its subject.
 *
 * @param version increases by one per department with every publication
 */
public record PriceListPublished(
        Department department,
        int version,
        LocalDate effectiveFrom,
        List<Item> items,
        String publishedBy,
        Instant publishedAt)
        implements PublicEvent {

    public PriceListPublished {
        items = items == null ? List.of() : List.copyOf(items);
    }

    /** @param unit what the price is per, e.g. "visit", "hour", "m²" */
    public record Item(String code, String name, String unit, Money price) {}

    @Override
    public String ticketId() {
        return null;
    }

    @Override
    public String subject() {
        return department == null ? null : department.name();
    }
}
