package io.propdesk.billing.domain;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import io.propdesk.contracts.Department;
import io.propdesk.contracts.Money;
import io.propdesk.contracts.billing.PriceListPublished;
import io.propdesk.platform.domain.BadRequestException;
import io.propdesk.platform.domain.Snapshots;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.CreationPolicy;
import org.axonframework.spring.stereotype.Aggregate;

/**
 * One department's price list for paid services (P1) and all its versions. Versions are never edited, only
 * superseded, because every quote names the version it was priced from (P2).
 */
@Aggregate(snapshotTriggerDefinition = Snapshots.TRIGGER, cache = Snapshots.CACHE)
@JsonAutoDetect(fieldVisibility = JsonAutoDetect.Visibility.ANY)
public class PriceList {

    @AggregateIdentifier
    private String streamId;

    private List<PriceListPublished> versions = new ArrayList<>();

    protected PriceList() {}

    public static String streamId(Department department) {
        return "price-list:" + department.name();
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    public void handle(PublishPriceList cmd) {
        validate(cmd);
        PriceListPublished latest = versions.isEmpty() ? null : versions.get(versions.size() - 1);
        if (latest != null
                && latest.effectiveFrom().equals(cmd.effectiveFrom())
                && latest.items().equals(cmd.items())) {
            return; // the same PUT again publishes nothing
        }
        apply(new PriceListPublished(
                cmd.department(),
                versions.size() + 1,
                cmd.effectiveFrom(),
                cmd.items(),
                cmd.publishedBy(),
                cmd.publishedAt()));
    }

    private static void validate(PublishPriceList cmd) {
        if (cmd.department() == Department.REWORK_LIAISON) {
            throw new BadRequestException(
                    "department",
                    "only ENGINEERING, CLEANING and GREENING keep price lists; rework is paid by the contractor (P1, R6)");
        }
        if (cmd.effectiveFrom().isBefore(cmd.today())) {
            throw new BadRequestException(
                    "effectiveFrom",
                    "a price list cannot take effect in the past (before " + cmd.today()
                            + "): what was in force then must stay as it was (P2)");
        }
        if (cmd.items().isEmpty()) {
            throw new BadRequestException("items", "a price list needs at least one item (P1)");
        }
        Set<String> codes = new HashSet<>();
        for (int i = 0; i < cmd.items().size(); i++) {
            PriceListPublished.Item item = cmd.items().get(i);
            if (!codes.add(item.code())) {
                throw new BadRequestException("items[" + i + "].code", "item code " + item.code() + " appears twice");
            }
            checkPrice(item.price(), "items[" + i + "].price");
        }
    }

    /** Prices are positive amounts in CNY, two decimals (Money rounds HALF_UP). */
    static void checkPrice(Money price, String field) {
        if (!Money.CNY.equals(price.currency())) {
            throw new BadRequestException(field, "prices are in CNY, not " + price.currency());
        }
        if (price.amount().compareTo(BigDecimal.ZERO) <= 0) {
            throw new BadRequestException(field, "a price must be positive, got " + price);
        }
    }

    @EventSourcingHandler
    void on(PriceListPublished event) {
        streamId = streamId(event.department());
        versions.add(event);
    }

    /**
     * The version in force on a day: the latest to take effect on or before it; between two versions taking effect
     * the same day, the later publication.
     */
    public Optional<PriceListPublished> inForceOn(LocalDate day) {
        return versions.stream()
                .filter(v -> !v.effectiveFrom().isAfter(day))
                .max(Comparator.comparing(PriceListPublished::effectiveFrom)
                        .thenComparingInt(PriceListPublished::version));
    }

    public List<PriceListPublished> versions() {
        return List.copyOf(versions);
    }
}
