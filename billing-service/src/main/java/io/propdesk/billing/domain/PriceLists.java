package io.propdesk.billing.domain;

import io.propdesk.billing.BillingProperties;
import io.propdesk.contracts.Department;
import io.propdesk.contracts.billing.PriceListPublished;
import io.propdesk.platform.axon.AggregateReads;
import io.propdesk.platform.calendar.EstateCalendars;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.modelling.command.Repository;
import org.springframework.stereotype.Service;

/**
 * The departments' price lists (P1), read from each list's own stream. A version takes effect on its day in each
 * estate's own zone: a quote is priced from the version in force on the estate's local date (P1, P2), and a
 * version may be published to take effect on any day an estate (or the company) is still living in, so a list
 * published for today is in force at once in every estate whose today it is.
 */
@Service
public class PriceLists {

    private final CommandGateway commands;
    private final Repository<PriceList> lists;
    private final AggregateReads reads;
    private final Clock clock;
    private final BillingProperties properties;
    private final EstateCalendars estates;

    public PriceLists(
            CommandGateway commands,
            Repository<PriceList> lists,
            AggregateReads reads,
            Clock clock,
            BillingProperties properties,
            EstateCalendars estates) {
        this.commands = commands;
        this.lists = lists;
        this.reads = reads;
        this.clock = clock;
        this.properties = properties;
        this.estates = estates;
    }

    /** Publishes the next version, or nothing when it repeats the latest; answers the latest version. */
    public PriceListPublished publish(
            Department department, LocalDate effectiveFrom, List<PriceListPublished.Item> items, String publishedBy) {
        commands.sendAndWait(
                new PublishPriceList(department, effectiveFrom, items, publishedBy, earliestToday(), clock.instant()));
        return reads.read(
                        lists,
                        PriceList.streamId(department),
                        l -> l.versions().stream()
                                .max(Comparator.comparingInt(PriceListPublished::version))
                                .orElseThrow())
                .orElseThrow();
    }

    public Optional<PriceListPublished> inForceOn(Department department, LocalDate day) {
        return reads.read(
                lists, PriceList.streamId(department), l -> l.inForceOn(day).orElse(null));
    }

    /** Today in the company's zone: the day {@code GET /api/price-lists} answers for when told no estate. */
    public LocalDate today() {
        return LocalDate.ofInstant(clock.instant(), properties.zone());
    }

    /** Today in the estate's zone: the day its quotes are priced on (P1, P2; the company's zone until it is known). */
    public LocalDate today(String estateId) {
        return estates.find(estateId)
                .map(e -> LocalDate.ofInstant(clock.instant(), e.zone()))
                .orElseGet(this::today);
    }

    /**
     * The earliest today of the company and every known estate: the first day a new version may take effect on. A
     * day no estate lives in any more is the past everywhere, and what was in force then never changes (P2).
     */
    LocalDate earliestToday() {
        LocalDate earliest = today();
        for (ZoneId zone : estates.zones()) {
            LocalDate there = LocalDate.ofInstant(clock.instant(), zone);
            if (there.isBefore(earliest)) {
                earliest = there;
            }
        }
        return earliest;
    }
}
