package io.propdesk.platform.security;

import io.propdesk.contracts.Department;
import io.propdesk.contracts.access.Role;
import java.util.ArrayList;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code propdesk.security.*}: how callers prove who they are.
 * <ul>
 *   <li>{@code mode: jwt} (the default, production): an OAuth2 resource server. The issuer comes from Spring's own
 *   {@code spring.security.oauth2.resourceserver.jwt.issuer-uri} (or {@code jwk-set-uri}/{@code public-key-location});
 *   tokens must name {@code jwt.audience}; roles, department and area come from the claims named here.</li>
 *   <li>{@code mode: demo} (standalone and tests on the embedded default): HTTP Basic against the users listed here,
 *   or, when none are, the documented demo users of {@code propdesk-demo-users.yml}.</li>
 * </ul>
 */
@ConfigurationProperties("propdesk.security")
public class StaffSecurityProperties {

    public enum Mode {
        JWT,
        DEMO
    }

    private Mode mode = Mode.JWT;

    private List<User> users = new ArrayList<>();

    private final Jwt jwt = new Jwt();

    public Mode getMode() {
        return mode;
    }

    public void setMode(Mode mode) {
        this.mode = mode;
    }

    public List<User> getUsers() {
        return users;
    }

    public void setUsers(List<User> users) {
        this.users = users;
    }

    public Jwt getJwt() {
        return jwt;
    }

    /** A configured user (demo mode only). */
    public static class User {
        private String username;
        private String password;
        private List<Role> roles = new ArrayList<>();
        private Department department;
        private String area;

        public String getUsername() {
            return username;
        }

        public void setUsername(String username) {
            this.username = username;
        }

        public String getPassword() {
            return password;
        }

        public void setPassword(String password) {
            this.password = password;
        }

        public List<Role> getRoles() {
            return roles;
        }

        public void setRoles(List<Role> roles) {
            this.roles = roles;
        }

        public Department getDepartment() {
            return department;
        }

        public void setDepartment(Department department) {
            this.department = department;
        }

        public String getArea() {
            return area;
        }

        public void setArea(String area) {
            this.area = area;
        }
    }

    /**
     * The audience a token must name in {@code aud} (required in jwt mode: the issuer makes tokens for other
     * applications too), and which JWT claims carry the roles, the department and the area: each a claim name or a
     * dotted path into nested claims ({@code realm_access.roles} for Keycloak's realm roles).
     */
    public static class Jwt {
        private String audience;
        private String rolesClaim = "roles";
        private String departmentClaim = "department";
        private String areaClaim = "area";

        public String getAudience() {
            return audience;
        }

        public void setAudience(String audience) {
            this.audience = audience;
        }

        public String getRolesClaim() {
            return rolesClaim;
        }

        public void setRolesClaim(String rolesClaim) {
            this.rolesClaim = rolesClaim;
        }

        public String getDepartmentClaim() {
            return departmentClaim;
        }

        public void setDepartmentClaim(String departmentClaim) {
            this.departmentClaim = departmentClaim;
        }

        public String getAreaClaim() {
            return areaClaim;
        }

        public void setAreaClaim(String areaClaim) {
            this.areaClaim = areaClaim;
        }
    }
}
