package io.propdesk.contracts.access;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The one reading of a roles claim, shared by the services and the console (issue 15 items 15-18, issue 17). */
class RoleClaimsTest {

    @Test
    void aDottedPathWalksIntoNestedClaimsAndATopLevelNameWithDotsIsFoundAsSuch() {
        Map<String, Object> claims = Map.of(
                "realm_access", Map.of("roles", List.of("FRONT_DESK")), "https://propdesk.example/roles", "MANAGER");
        assertThat(RoleClaims.roles(RoleClaims.at(claims, "realm_access.roles")))
                .containsExactly(Role.FRONT_DESK);
        assertThat(RoleClaims.roles(RoleClaims.at(claims, "https://propdesk.example/roles")))
                .containsExactly(Role.MANAGER);
        assertThat(RoleClaims.at(claims, "realm_access.missing")).isNull();
        assertThat(RoleClaims.at(claims, "")).isNull();
    }

    @Test
    void namesAreReadCaseInsensitivelyWithoutPrefixAndSupervisorsAreManagers() {
        assertThat(RoleClaims.roles(List.of("steward", "ROLE_front-desk", "team_leader", "SUPERVISOR", "janitor")))
                .containsExactly(Role.STEWARD, Role.FRONT_DESK, Role.MANAGER);
        assertThat(RoleClaims.roles("admin, billing department"))
                .containsExactly(Role.ADMIN, Role.BILLING, Role.DEPARTMENT);
        assertThat(RoleClaims.roles(42)).isEmpty();
    }

    @Test
    void aSingleValuedClaimReadsAsTextAndAListOrMapDoesNot() {
        Map<String, Object> claims = Map.of("department", "ENGINEERING", "roles", List.of("STEWARD"));
        assertThat(RoleClaims.textAt(claims, "department")).isEqualTo("ENGINEERING");
        assertThat(RoleClaims.textAt(claims, "roles")).isNull();
        assertThat(RoleClaims.textAt(claims, "area")).isNull();
    }
}
