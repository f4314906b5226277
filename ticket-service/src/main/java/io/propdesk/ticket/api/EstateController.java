package io.propdesk.ticket.api;

import io.propdesk.contracts.ticket.EstateConfigured;
import io.propdesk.platform.domain.NotFoundException;
import io.propdesk.platform.web.ResourceId;
import io.propdesk.ticket.domain.ConfigureEstate;
import io.propdesk.ticket.domain.EstateDirectory;
import io.propdesk.ticket.privacy.PhoneNumbers;
import jakarta.validation.Valid;
import java.time.Clock;
import java.time.DayOfWeek;
import java.time.LocalTime;
import java.util.EnumSet;
import java.util.List;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** The estate directory: calendar, areas, buildings with their stewards (R3) and units. */
@RestController
@RequestMapping("/api/estates")
public class EstateController {

    static final LocalTime DEFAULT_START = LocalTime.of(8, 30);
    static final LocalTime DEFAULT_END = LocalTime.of(17, 30);

    private final EstateDirectory directory;
    private final Clock clock;
    private final PhoneNumbers numbers;

    public EstateController(EstateDirectory directory, Clock clock, PhoneNumbers numbers) {
        this.directory = directory;
        this.clock = clock;
        this.numbers = numbers;
    }

    @PutMapping("/{estateId}")
    public EstateConfigured configure(
            @PathVariable @ResourceId String estateId, @Valid @RequestBody EstateRequest body) {
        return directory.configure(new ConfigureEstate(
                estateId,
                body.name(),
                body.timeZone(),
                body.workdayStart() == null ? DEFAULT_START : body.workdayStart(),
                body.workdayEnd() == null ? DEFAULT_END : body.workdayEnd(),
                body.workingDays() == null ? EnumSet.complementOf(EnumSet.of(DayOfWeek.SUNDAY)) : body.workingDays(),
                body.holidays() == null ? List.of() : body.holidays(),
                body.areas().stream()
                        .map(a -> new EstateConfigured.Area(a.areaId(), a.name()))
                        .toList(),
                body.buildings().stream()
                        .map(b -> new EstateConfigured.Building(
                                b.buildingId(),
                                b.areaId(),
                                b.name() == null ? b.buildingId() : b.name(),
                                b.stewardId(),
                                b.units()))
                        .toList(),
                body.paidReturnHours() == null ? 2 : body.paidReturnHours(),
                clock.instant(),
                hotlines(body.hotlines())));
    }

    /** Issue 16: a call to a hotline belongs to its estate; kept in E.164, so any written form of it matches. */
    private List<String> hotlines(List<String> given) {
        if (given == null) {
            return List.of();
        }
        List<String> e164 = new java.util.ArrayList<>();
        for (int i = 0; i < given.size(); i++) {
            e164.add(numbers.e164("hotlines[" + i + "]", given.get(i)));
        }
        return e164;
    }

    @GetMapping("/{estateId}")
    public EstateConfigured get(@PathVariable String estateId) {
        return directory.find(estateId).orElseThrow(() -> new NotFoundException("estate", estateId));
    }
}
