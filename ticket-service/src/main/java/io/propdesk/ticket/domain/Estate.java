package io.propdesk.ticket.domain;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import io.propdesk.contracts.ticket.EstateConfigured;
import io.propdesk.platform.domain.BadRequestException;
import io.propdesk.platform.domain.Snapshots;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.HashSet;
import java.util.Set;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.CreationPolicy;
import org.axonframework.spring.stereotype.Aggregate;

/**
 * The estate directory entry: calendar (every SLA clock is computed from it), areas, and buildings with their
 * stewards (R3) and units. Each change republishes the whole configuration, so its state is the latest event.
 */
@Aggregate(snapshotTriggerDefinition = Snapshots.TRIGGER, cache = Snapshots.CACHE)
@JsonAutoDetect(fieldVisibility = JsonAutoDetect.Visibility.ANY)
public class Estate {

    @AggregateIdentifier
    private String estateId;

    private EstateConfigured configuration;

    protected Estate() {}

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    public void handle(ConfigureEstate cmd) {
        validate(cmd);
        EstateConfigured next = new EstateConfigured(
                cmd.estateId(),
                cmd.name(),
                cmd.timeZone(),
                cmd.workdayStart(),
                cmd.workdayEnd(),
                cmd.workingDays(),
                cmd.holidays(),
                cmd.areas(),
                cmd.buildings(),
                cmd.paidReturnHours(),
                cmd.configuredAt(),
                cmd.hotlines());
        if (configuration != null && sameContent(configuration, next)) {
            return; // a repeated PUT changes nothing and publishes nothing
        }
        apply(next);
    }

    private static boolean sameContent(EstateConfigured a, EstateConfigured b) {
        return a.equals(new EstateConfigured(
                b.estateId(),
                b.name(),
                b.timeZone(),
                b.workdayStart(),
                b.workdayEnd(),
                b.workingDays(),
                b.holidays(),
                b.areas(),
                b.buildings(),
                b.paidReturnHours(),
                a.configuredAt(),
                b.hotlines()));
    }

    private static void validate(ConfigureEstate cmd) {
        try {
            ZoneId.of(cmd.timeZone());
        } catch (DateTimeException | NullPointerException e) {
            throw new BadRequestException("timeZone", "not an IANA time zone id such as Asia/Shanghai");
        }
        if (!cmd.workdayStart().isBefore(cmd.workdayEnd())) {
            throw new BadRequestException("workdayEnd", "the working day must end after it starts (R9)");
        }
        if (cmd.workingDays().isEmpty()) {
            throw new BadRequestException("workingDays", "at least one working day is needed for SLA clocks");
        }
        if (cmd.paidReturnHours() < 1 || cmd.paidReturnHours() > 72) {
            throw new BadRequestException("paidReturnHours", "must be between 1 and 72 hours (R8)");
        }
        if (new HashSet<>(cmd.hotlines()).size() < cmd.hotlines().size()) {
            throw new BadRequestException("hotlines", "a hotline number appears twice");
        }
        Set<String> areaIds = new HashSet<>();
        for (int i = 0; i < cmd.areas().size(); i++) {
            if (!areaIds.add(cmd.areas().get(i).areaId())) {
                throw new BadRequestException(
                        "areas[" + i + "].areaId",
                        "duplicate area " + cmd.areas().get(i).areaId());
            }
        }
        Set<String> buildingIds = new HashSet<>();
        Set<String> units = new HashSet<>();
        for (int i = 0; i < cmd.buildings().size(); i++) {
            EstateConfigured.Building b = cmd.buildings().get(i);
            if (!buildingIds.add(b.buildingId())) {
                throw new BadRequestException(
                        "buildings[" + i + "].buildingId", "duplicate building " + b.buildingId());
            }
            if (!areaIds.contains(b.areaId())) {
                throw new BadRequestException("buildings[" + i + "].areaId", "unknown area " + b.areaId());
            }
            for (String unit : b.units()) {
                if (!units.add(unit)) {
                    throw new BadRequestException("buildings[" + i + "].units", "unit " + unit + " appears twice");
                }
            }
        }
    }

    @EventSourcingHandler
    void on(EstateConfigured event) {
        estateId = event.estateId();
        configuration = event;
    }

    public EstateConfigured configuration() {
        return configuration;
    }
}
