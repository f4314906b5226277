package io.propdesk.contracts.access;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * How a token's claims name a person's roles, read the same way by the services (platform's resource server) and the
 * console (its OpenID Connect login): a claim is named by a dotted path into nested claims, e.g. Keycloak's
 * {@code realm_access.roles}, and a top-level claim whose own name has dots (Auth0's {@code https://example.com/roles})
 * is found as such. Its value is a list or a space/comma separated string; names are matched case-insensitively,
 * {@code -} as {@code _}, without a {@code ROLE_} prefix, and SUPERVISOR and TEAM_LEADER count as MANAGER.
 */
public final class RoleClaims {

    private RoleClaims() {}

    /** The claim at this path: the top-level claim of that exact name, else the path's names walked in turn. */
    public static Object at(Map<String, ?> claims, String path) {
        if (claims == null || path == null || path.isBlank()) {
            return null;
        }
        if (claims.containsKey(path)) {
            return claims.get(path);
        }
        Object current = claims;
        for (String name : path.split("\\.")) {
            if (!(current instanceof Map<?, ?> nested)) {
                return null;
            }
            current = nested.get(name);
        }
        return current;
    }

    /** The claim at this path as text, or null when it is missing or not a single value. */
    public static String textAt(Map<String, ?> claims, String path) {
        Object value = at(claims, path);
        return value == null || value instanceof Map<?, ?> || value instanceof Collection<?>
                ? null
                : String.valueOf(value);
    }

    /** The PropDesk roles a claim's value names, in its order, each once; names PropDesk does not know are left out. */
    public static List<Role> roles(Object claim) {
        List<Role> roles = new ArrayList<>();
        for (String raw : names(claim)) {
            String name = raw.trim().toUpperCase(Locale.ROOT).replace('-', '_');
            if (name.startsWith("ROLE_")) {
                name = name.substring("ROLE_".length());
            }
            if (name.equals("SUPERVISOR") || name.equals("TEAM_LEADER")) {
                name = Role.MANAGER.name();
            }
            for (Role role : Role.values()) {
                if (role.name().equals(name) && !roles.contains(role)) {
                    roles.add(role);
                }
            }
        }
        return List.copyOf(roles);
    }

    private static List<String> names(Object claim) {
        if (claim instanceof Collection<?> values) {
            return values.stream().map(String::valueOf).toList();
        }
        if (claim instanceof String text) {
            return List.of(text.split("[\\s,]+"));
        }
        return List.of();
    }
}
