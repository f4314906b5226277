package io.propdesk.billing.domain;

import java.time.Clock;
import java.time.LocalDate;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.modelling.command.Repository;
import org.springframework.stereotype.Service;

import io.propdesk.billing.BillingProperties;
import io.propdesk.contracts.Department;
import io.propdesk.contracts.billing.PriceListPublished;
import io.propdesk.platform.axon.AggregateReads;

/** The departments' price lists (P1), read from each list's own stream. */
@Service
public class PriceLists {

    private final CommandGateway commands;
    private final Repository<PriceList> lists;
    private final AggregateReads reads;
    private final Clock clock;
    private final BillingProperties properties;

    public PriceLists(CommandGateway commands, Repository<PriceList> lists, AggregateReads reads, Clock clock,
                      BillingProperties properties) {
        this.commands = commands;
        this.lists = lists;
        this.reads = reads;
        this.clock = clock;
        this.properties = properties;
    }

    /** Publishes the next version, or nothing when it repeats the latest; answers the latest version. */
    public PriceListPublished publish(Department department, LocalDate effectiveFrom,
                                      List<PriceListPublished.Item> items, String publishedBy) {
        commands.sendAndWait(new PublishPriceList(department, effectiveFrom, items, publishedBy, today(),
                clock.instant()));
        return reads.read(lists, PriceList.streamId(department), l -> l.versions().stream()
                .max(Comparator.comparingInt(PriceListPublished::version)).orElseThrow()).orElseThrow();
    }

    public Optional<PriceListPublished> inForceOn(Department department, LocalDate day) {
        return reads.read(lists, PriceList.streamId(department), l -> l.inForceOn(day).orElse(null));
    }

    /** Today in the company's zone: the day price-list versions take effect on. */
    public LocalDate today() {
        return LocalDate.ofInstant(clock.instant(), properties.zone());
    }
}
