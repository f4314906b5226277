package io.propdesk.dispatch.domain;

import static org.assertj.core.api.Assertions.assertThat;

import io.propdesk.contracts.Department;
import io.propdesk.contracts.dispatch.DispatchMode;
import io.propdesk.platform.domain.BadRequestException;
import java.time.Instant;
import java.util.Map;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A department's routing: area leaders, designated dispatcher, dispatch mode (R2, H1). */
class TeamTest {

    private static final Instant AT = Instant.parse("2026-12-01T01:00:00Z");
    private static final String ID = Team.idOf(Department.CLEANING);
    private AggregateTestFixture<Team> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Team.class);
    }

    @Test
    void anAreasLeaderAndTheDepartmentsDispatcherAreSetAndAreaLeaderIsTheDefaultMode_R2() {
        fixture.givenNoPriorActivity()
                .when(new ConfigureTeam(ID, Department.CLEANING, "north", "leader-wu", "dispatcher-he", null, AT))
                .expectEvents(new TeamConfigured(
                        ID, Department.CLEANING, "north", "leader-wu", "dispatcher-he", DispatchMode.AREA_LEADER, AT));
    }

    @Test
    void anotherAreaKeepsTheDepartmentsDispatcherAndMode_R2() {
        fixture.given(new TeamConfigured(
                        ID, Department.CLEANING, "north", "leader-wu", "dispatcher-he", DispatchMode.OPEN_POOL, AT))
                .when(new ConfigureTeam(ID, Department.CLEANING, "south", "leader-ma", null, null, AT))
                .expectEvents(new TeamConfigured(
                        ID, Department.CLEANING, "south", "leader-ma", "dispatcher-he", DispatchMode.OPEN_POOL, AT));
    }

    @Test
    void contractDispatcherIsNotADepartmentMode_H1() {
        fixture.givenNoPriorActivity()
                .when(new ConfigureTeam(
                        ID, Department.CLEANING, "north", "leader-wu", null, DispatchMode.CONTRACT_DISPATCHER, AT))
                .expectException(BadRequestException.class)
                .expectNoEvents();
    }

    @Test
    void ordersGoToTheAreaLeaderToNobodyInAnOpenPoolAndContractWorkToTheDispatcher_R2_H1() {
        Routing leaders = new Routing(
                Department.CLEANING, DispatchMode.AREA_LEADER, "dispatcher-he", Map.of("north", "leader-wu"));
        assertThat(leaders.assign("north", false))
                .isEqualTo(new Routing.Assignment(DispatchMode.AREA_LEADER, "leader-wu"));
        assertThat(leaders.assign("north", true))
                .isEqualTo(new Routing.Assignment(DispatchMode.CONTRACT_DISPATCHER, "dispatcher-he"));
        Routing pool = new Routing(Department.CLEANING, DispatchMode.OPEN_POOL, "dispatcher-he", Map.of());
        assertThat(pool.assign("north", false)).isEqualTo(new Routing.Assignment(DispatchMode.OPEN_POOL, null));
    }
}
