package io.propdesk.billing.domain;

import static io.propdesk.billing.domain.BillingMother.labourHour;
import static io.propdesk.billing.domain.BillingMother.tapReplacement;
import static org.assertj.core.api.Assertions.assertThat;

import io.propdesk.contracts.Department;
import io.propdesk.contracts.Money;
import io.propdesk.contracts.billing.PriceListPublished;
import io.propdesk.platform.domain.BadRequestException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Versioned price lists per department (P1, P2). */
class PriceListTest {

    private static final LocalDate TODAY = LocalDate.of(2026, 11, 1);
    private static final Instant NOW = Instant.parse("2026-11-01T01:00:00Z");

    private AggregateTestFixture<PriceList> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(PriceList.class);
    }

    private static PublishPriceList publish(LocalDate from, List<PriceListPublished.Item> items) {
        return new PublishPriceList(Department.ENGINEERING, from, items, "eng-manager", TODAY, NOW);
    }

    private static PriceListPublished published(int version, LocalDate from, List<PriceListPublished.Item> items) {
        return new PriceListPublished(Department.ENGINEERING, version, from, items, "eng-manager", NOW);
    }

    @Test
    void theFirstPublicationIsVersionOne_P1() {
        fixture.givenNoPriorActivity()
                .when(publish(TODAY, List.of(tapReplacement())))
                .expectEvents(published(1, TODAY, List.of(tapReplacement())));
    }

    @Test
    void aRevisionIsTheNextVersionAndTheOldOneStays_P2() {
        fixture.given(published(1, TODAY, List.of(tapReplacement())))
                .when(publish(LocalDate.of(2026, 12, 1), List.of(tapReplacement(), labourHour())))
                .expectEvents(published(2, LocalDate.of(2026, 12, 1), List.of(tapReplacement(), labourHour())))
                .expectState(list -> {
                    assertThat(list.versions()).hasSize(2);
                    assertThat(list.inForceOn(LocalDate.of(2026, 11, 30))
                                    .orElseThrow()
                                    .version())
                            .isEqualTo(1);
                    assertThat(list.inForceOn(LocalDate.of(2026, 12, 1))
                                    .orElseThrow()
                                    .version())
                            .isEqualTo(2);
                    assertThat(list.inForceOn(LocalDate.of(2026, 10, 31))).isEmpty();
                });
    }

    @Test
    void twoVersionsTakingEffectTheSameDayAnswerTheLaterPublication_P2() {
        fixture.given(published(1, TODAY, List.of(tapReplacement())))
                .when(publish(TODAY, List.of(labourHour())))
                .expectEvents(published(2, TODAY, List.of(labourHour())))
                .expectState(
                        list -> assertThat(list.inForceOn(TODAY).orElseThrow().version())
                                .isEqualTo(2));
    }

    @Test
    void publishingTheSameVersionAgainPublishesNothing_P1() {
        fixture.given(published(1, TODAY, List.of(tapReplacement())))
                .when(publish(TODAY, List.of(tapReplacement())))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void itemCodesAreUniqueWithinAVersion_P1() {
        fixture.givenNoPriorActivity()
                .when(publish(TODAY, List.of(tapReplacement(), tapReplacement())))
                .expectException(BadRequestException.class)
                .expectExceptionMessage("items[1].code: item code ENG-TAP appears twice")
                .expectNoEvents();
    }

    @Test
    void pricesArePositiveAmountsInCny_P1() {
        fixture.givenNoPriorActivity()
                .when(publish(TODAY, List.of(new PriceListPublished.Item("X", "x", "visit", Money.cny("0")))))
                .expectException(BadRequestException.class)
                .expectExceptionMessage("items[0].price: a price must be positive, got 0.00 CNY");
        fixture.givenNoPriorActivity()
                .when(publish(TODAY, List.of(new PriceListPublished.Item("X", "x", "visit", Money.of("10", "USD")))))
                .expectException(BadRequestException.class)
                .expectExceptionMessage("items[0].price: prices are in CNY, not USD");
    }

    @Test
    void aVersionCannotTakeEffectInThePastSoWhatWasInForceNeverChanges_P2() {
        fixture.givenNoPriorActivity()
                .when(publish(TODAY.minusDays(1), List.of(tapReplacement())))
                .expectException(BadRequestException.class)
                .expectNoEvents();
    }

    @Test
    void reworkKeepsNoPriceList_P1() {
        fixture.givenNoPriorActivity()
                .when(new PublishPriceList(
                        Department.REWORK_LIAISON, TODAY, List.of(tapReplacement()), "x", TODAY, NOW))
                .expectException(BadRequestException.class)
                .expectNoEvents();
    }
}
