package io.propdesk.platform.security;

import static org.assertj.core.api.Assertions.assertThat;

import io.propdesk.contracts.Department;
import io.propdesk.contracts.access.Role;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.jwt.Jwt;

/** JWT claims become the caller (issue 9): roles, the MANAGER family, a department user's department and area. */
class StaffJwtConverterTest {

    private final StaffSecurity.StaffJwtConverter converter =
            new StaffSecurity.StaffJwtConverter(new StaffSecurityProperties.Jwt());

    @AfterEach
    void clear() {
        SecurityContextHolder.clearContext();
    }

    private Staff caller(Jwt.Builder jwt) {
        SecurityContextHolder.getContext().setAuthentication(converter.convert(jwt.build()));
        return Staff.current();
    }

    private static Jwt.Builder jwt() {
        return Jwt.withTokenValue("t")
                .header("alg", "RS256")
                .subject("u-7")
                .issuedAt(Instant.now())
                .expiresAt(Instant.now().plusSeconds(60));
    }

    @Test
    void supervisorsAndTeamLeadersAreTheManagerFamily() {
        assertThat(caller(jwt().claim("roles", List.of("supervisor"))).roles()).containsExactly(Role.MANAGER);
        assertThat(caller(jwt().claim("roles", "TEAM_LEADER front_desk")).roles())
                .containsExactlyInAnyOrder(Role.MANAGER, Role.FRONT_DESK);
        assertThat(caller(jwt().claim("roles", List.of("ROLE_BILLING", "unknown")))
                        .roles())
                .containsExactly(Role.BILLING);
    }

    @Test
    void aDepartmentUserIsBoundToTheDepartmentAndAreaOfTheirClaims() {
        Staff cleaning = caller(jwt().claim("roles", List.of("DEPARTMENT"))
                .claim("department", "cleaning")
                .claim("area", "north")
                .claim("preferred_username", "ma"));
        assertThat(cleaning.name()).isEqualTo("ma");
        assertThat(cleaning.department()).isEqualTo(Department.CLEANING);
        assertThat(cleaning.boundToDepartment()).isTrue();
        cleaning.requireDepartment(Department.CLEANING, "north", "order 1");
        org.assertj.core.api.Assertions.assertThatThrownBy(
                        () -> cleaning.requireDepartment(Department.ENGINEERING, "north", "order 2"))
                .isInstanceOf(ForbiddenException.class)
                .hasMessageContaining("ENGINEERING");
        org.assertj.core.api.Assertions.assertThatThrownBy(
                        () -> cleaning.requireDepartment(Department.CLEANING, "south", "order 3"))
                .isInstanceOf(ForbiddenException.class)
                .hasMessageContaining("south");
    }

    @Test
    void aDepartmentUserWithoutADepartmentClaimSeesNoDepartmentsOrders() {
        Staff unbound = caller(jwt().claim("roles", List.of("DEPARTMENT")));
        org.assertj.core.api.Assertions.assertThatThrownBy(
                        () -> unbound.requireDepartment(Department.GREENING, null, "order 4"))
                .isInstanceOf(ForbiddenException.class);
    }

    @Test
    void rolesAreReadFromADottedClaimPathLikeKeycloaksRealmRoles_issue15_item16() {
        StaffSecurityProperties.Jwt keycloak = new StaffSecurityProperties.Jwt();
        keycloak.setRolesClaim("realm_access.roles");
        keycloak.setDepartmentClaim("propdesk.department");
        StaffSecurity.StaffJwtConverter converter = new StaffSecurity.StaffJwtConverter(keycloak);
        // the claims as Keycloak issues them: realm roles nested, with its own default roles beside ours
        Jwt token = jwt().claim(
                        "realm_access",
                        java.util.Map.of(
                                "roles",
                                List.of("offline_access", "uma_authorization", "default-roles-propdesk", "department")))
                .claim(
                        "resource_access",
                        java.util.Map.of("account", java.util.Map.of("roles", List.of("manage-account"))))
                .claim("propdesk", java.util.Map.of("department", "greening"))
                .claim("preferred_username", "zhao")
                .build();
        SecurityContextHolder.getContext().setAuthentication(converter.convert(token));
        Staff zhao = Staff.current();
        assertThat(zhao.roles()).containsExactly(Role.DEPARTMENT);
        assertThat(zhao.department()).isEqualTo(Department.GREENING);
        assertThat(zhao.name()).isEqualTo("zhao");
        // the default path still reads a top-level "roles" claim, and a Keycloak token there has none
        assertThat(caller(jwt().claim("realm_access", java.util.Map.of("roles", List.of("ADMIN"))))
                        .roles())
                .isEmpty();
    }

    @Test
    void aTopLevelClaimWhoseNameHasDotsIsReadAsItsName_issue15_item16() {
        StaffSecurityProperties.Jwt auth0 = new StaffSecurityProperties.Jwt();
        auth0.setRolesClaim("https://propdesk.example/roles");
        SecurityContextHolder.getContext()
                .setAuthentication(new StaffSecurity.StaffJwtConverter(auth0)
                        .convert(jwt().claim("https://propdesk.example/roles", List.of("BILLING"))
                                .build()));
        assertThat(Staff.current().roles()).containsExactly(Role.BILLING);
    }

    @Test
    void managersAreNotBoundToADepartment() {
        Staff manager =
                caller(jwt().claim("roles", List.of("MANAGER", "DEPARTMENT")).claim("department", "GREENING"));
        assertThat(manager.boundToDepartment()).isFalse();
        manager.requireDepartment(Department.ENGINEERING, "south", "order 5");
    }
}
