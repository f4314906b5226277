package io.propdesk.contracts;

import static org.assertj.core.api.Assertions.assertThat;

import io.propdesk.contracts.ticket.EstateConfigured;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class SharedTypesTest {

    @Test
    void housekeepingKindsAreTheThreeCleaningKindsAndGreening() {
        assertThat(Arrays.stream(TicketKind.values()).filter(TicketKind::housekeeping))
                .containsExactly(
                        TicketKind.CLEANING_MONTHLY,
                        TicketKind.CLEANING_MOVE_IN,
                        TicketKind.CLEANING_HOURLY,
                        TicketKind.GREENING);
    }

    @Test
    void majorComplaintsAreCalledBackOnlyByRank() {
        assertThat(CallerRole.allowedFor(Severity.MAJOR))
                .containsExactlyInAnyOrder(CallerRole.MANAGER, CallerRole.SUPERVISOR, CallerRole.TEAM_LEADER);
        assertThat(CallerRole.allowedFor(Severity.NORMAL)).contains(CallerRole.DUTY_STAFF);
        assertThat(CallerRole.allowedFor(null)).contains(CallerRole.DUTY_STAFF);
    }

    @Test
    void deadLetterTopicIsNamedAfterTopicAndConsumerGroup() {
        assertThat(Topics.deadLetter(Topics.TICKET_EVENTS, "callback-service"))
                .isEqualTo("propdesk.ticket.events.callback-service.dlt");
    }

    @Test
    void estateFindsTheBuildingAndStewardOfAUnit() {
        EstateConfigured estate = SampleEvents.estateConfigured();

        assertThat(estate.buildingOfUnit(SampleEvents.UNIT))
                .get()
                .extracting(EstateConfigured.Building::stewardId)
                .isEqualTo(SampleEvents.STEWARD);
        assertThat(estate.buildingOfUnit("U-unknown")).isEmpty();
    }

    @Test
    void eventCollectionsAreImmutableAndNeverNull() {
        EstateConfigured estate =
                new EstateConfigured("E-2", "Empty", "Asia/Shanghai", null, null, null, null, null, null, 2, null);

        assertThat(estate.buildings()).isEmpty();
        assertThat(estate.workingDays()).isEmpty();
        assertThat(estate.buildingOfUnit("U-1")).isEmpty();
        assertThat(SampleEvents.estateConfigured().holidays()).isUnmodifiable();
    }
}
