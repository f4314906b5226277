package io.propdesk.platform.security;

import io.propdesk.contracts.Department;
import io.propdesk.contracts.Nullable;
import io.propdesk.contracts.access.Role;
import java.util.EnumSet;
import java.util.Set;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;

/**
 * The caller of the current request: name, roles, and for department people the department and area they are bound
 * to. The rules that depend on the data (a department acts on and sees only its own orders) ask it here.
 */
public record Staff(
        String name,
        Set<Role> roles,
        @Nullable Department department,
        @Nullable String areaId) {

    public Staff {
        roles = roles.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(roles));
    }

    public boolean has(Role role) {
        return roles.contains(role);
    }

    /**
     * Whether this caller is held to one department: department people who hold no broader role (MANAGER, ADMIN,
     * BILLING, FRONT_DESK, STEWARD see every department's orders).
     */
    public boolean boundToDepartment() {
        return has(Role.DEPARTMENT) && roles.stream().allMatch(r -> r == Role.DEPARTMENT || r == Role.INTEGRATION);
    }

    /** 403 unless the caller may act on or see work of this department and area. */
    public void requireDepartment(Department orderDepartment, String orderArea, String what) {
        if (!boundToDepartment()) {
            return;
        }
        if (department == null || department != orderDepartment) {
            throw new ForbiddenException(what + " belongs to " + orderDepartment + "; " + name + " works for "
                    + (department == null ? "no department" : department));
        }
        if (areaId != null && orderArea != null && !areaId.equals(orderArea)) {
            throw new ForbiddenException(what + " is in area " + orderArea + "; " + name + " works in area " + areaId);
        }
    }

    /** Authority prefixes that carry a caller's department and area beside the roles (both modes). */
    public static final String DEPARTMENT_AUTHORITY = "DEPARTMENT_";

    public static final String AREA_AUTHORITY = "AREA_";

    /** The caller of the current request; an anonymous caller has no roles. */
    public static Staff current() {
        Authentication auth = SecurityContextHolder.getContext().getAuthentication();
        if (auth == null || !auth.isAuthenticated()) {
            return new Staff("anonymous", Set.of(), null, null);
        }
        Set<Role> roles = EnumSet.noneOf(Role.class);
        Department department = null;
        String area = null;
        for (GrantedAuthority a : auth.getAuthorities()) {
            String authority = a.getAuthority();
            if (authority.startsWith("ROLE_")) {
                for (Role r : Role.values()) {
                    if (r.authority().equals(authority)) {
                        roles.add(r);
                    }
                }
            } else if (authority.startsWith(DEPARTMENT_AUTHORITY)) {
                department = departmentOrNull(authority.substring(DEPARTMENT_AUTHORITY.length()));
            } else if (authority.startsWith(AREA_AUTHORITY)) {
                area = authority.substring(AREA_AUTHORITY.length());
            }
        }
        return new Staff(auth.getName(), roles, department, area);
    }

    static Department departmentOrNull(String name) {
        try {
            return name == null ? null : Department.valueOf(name.trim().toUpperCase(java.util.Locale.ROOT));
        } catch (IllegalArgumentException unknown) {
            return null;
        }
    }
}
