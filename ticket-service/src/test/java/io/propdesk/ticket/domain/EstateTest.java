package io.propdesk.ticket.domain;

import io.propdesk.contracts.ticket.EstateConfigured;
import io.propdesk.contracts.ticket.EstateConfigured.Area;
import io.propdesk.contracts.ticket.EstateConfigured.Building;
import io.propdesk.platform.domain.BadRequestException;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.EnumSet;
import java.util.List;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The estate directory: calendar and buildings with their stewards (R3, R8, R9). */
class EstateTest {

    private static final Instant AT = Instant.parse("2026-11-27T01:00:00Z");
    private AggregateTestFixture<Estate> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Estate.class);
    }

    private static ConfigureEstate configure(String zone, String buildingArea, List<String> units) {
        return new ConfigureEstate(
                "sunrise",
                "Sunrise Garden",
                zone,
                LocalTime.of(8, 30),
                LocalTime.of(17, 30),
                EnumSet.range(DayOfWeek.MONDAY, DayOfWeek.SATURDAY),
                List.of(LocalDate.parse("2027-01-01")),
                List.of(new Area("north", "North")),
                List.of(new Building("b1", buildingArea, "Building 1", "steward-li", units)),
                2,
                AT,
                List.of());
    }

    private static EstateConfigured configured(ConfigureEstate c) {
        return new EstateConfigured(
                c.estateId(),
                c.name(),
                c.timeZone(),
                c.workdayStart(),
                c.workdayEnd(),
                c.workingDays(),
                c.holidays(),
                c.areas(),
                c.buildings(),
                c.paidReturnHours(),
                c.configuredAt(),
                c.hotlines());
    }

    @Test
    void configuringAnEstatePublishesItsWholeConfiguration_R3() {
        ConfigureEstate cmd = configure("Asia/Shanghai", "north", List.of("b1-101", "b1-102"));
        fixture.givenNoPriorActivity().when(cmd).expectEvents(configured(cmd));
    }

    @Test
    void repeatingTheSameConfigurationPublishesNothing() {
        ConfigureEstate cmd = configure("Asia/Shanghai", "north", List.of("b1-101"));
        fixture.given(configured(cmd))
                .when(cmd)
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void anUnknownTimeZoneIsRejected() {
        fixture.givenNoPriorActivity()
                .when(configure("Mars/Olympus", "north", List.of("b1-101")))
                .expectException(BadRequestException.class)
                .expectExceptionMessage("timeZone: not an IANA time zone id such as Asia/Shanghai");
    }

    @Test
    void aBuildingMustBeInAKnownArea() {
        fixture.givenNoPriorActivity()
                .when(configure("Asia/Shanghai", "south", List.of("b1-101")))
                .expectException(BadRequestException.class)
                .expectNoEvents();
    }

    @Test
    void aUnitBelongsToOneBuildingOnly() {
        fixture.givenNoPriorActivity()
                .when(configure("Asia/Shanghai", "north", List.of("b1-101", "b1-101")))
                .expectException(BadRequestException.class)
                .expectNoEvents();
    }

    @Test
    void theWorkingDayMustEndAfterItStarts_R9() {
        ConfigureEstate c = configure("Asia/Shanghai", "north", List.of("b1-101"));
        fixture.givenNoPriorActivity()
                .when(new ConfigureEstate(
                        c.estateId(),
                        c.name(),
                        c.timeZone(),
                        LocalTime.of(18, 0),
                        LocalTime.of(8, 0),
                        c.workingDays(),
                        c.holidays(),
                        c.areas(),
                        c.buildings(),
                        2,
                        AT,
                        List.of()))
                .expectException(BadRequestException.class)
                .expectNoEvents();
    }
}
