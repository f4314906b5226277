package io.propdesk.contracts.access;

import static io.propdesk.contracts.access.Role.ADMIN;
import static io.propdesk.contracts.access.Role.BILLING;
import static io.propdesk.contracts.access.Role.DEPARTMENT;
import static io.propdesk.contracts.access.Role.FRONT_DESK;
import static io.propdesk.contracts.access.Role.INTEGRATION;
import static io.propdesk.contracts.access.Role.MANAGER;
import static io.propdesk.contracts.access.Role.STEWARD;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Who may call which endpoint: the REST contract's access table, one row per endpoint of every service. The services
 * enforce it (platform's security configuration reads the rows of its own service), the role-matrix test walks it,
 * and clients pick credentials from it. Rules that depend on the data, not only the role, are enforced where the
 * data is and named in {@link #note}: a department acts on and sees only its own orders; only MANAGER-family callers
 * complete a major complaint's callback (C2).
 *
 * <p>The first role of a row is the one a client acting "as whoever may" uses.
 */
public final class Access {

    /** One endpoint: its service, HTTP method, path template (Spring syntax) and the roles it admits. */
    public record Endpoint(String service, String method, String path, List<Role> roles, String note) {

        public Endpoint {
            roles = List.copyOf(roles);
        }

        public boolean admits(Role role) {
            return roles.contains(role);
        }

        /** Whether a concrete request path matches this template ({@code {var}} is one path segment). */
        public boolean matches(String method, String concretePath) {
            return this.method.equalsIgnoreCase(method) && template().matcher(stripQuery(concretePath)).matches();
        }

        private Pattern template() {
            return Pattern.compile(Pattern.quote(path).replaceAll("\\{[^}/]+}", "\\\\E[^/]+\\\\Q"));
        }
    }

    private static final Role[] READERS = {FRONT_DESK, STEWARD, MANAGER, ADMIN};
    private static final Role[] STAFF = {FRONT_DESK, STEWARD, DEPARTMENT, MANAGER, BILLING, ADMIN};

    public static final List<Endpoint> ENDPOINTS = List.of(
            // ticket-service
            e("ticket", "POST", "/api/tickets", "", FRONT_DESK, INTEGRATION),
            e("ticket", "GET", "/api/tickets/{ticketId}", "shows the caller's name and phone", READERS),
            e("ticket", "GET", "/api/tickets", "", READERS),
            e("ticket", "GET", "/api/tickets/{ticketId}/timeline", "", READERS),
            e("ticket", "POST", "/api/tickets/{ticketId}/late-explanations", "R11", FRONT_DESK, MANAGER, DEPARTMENT),
            e("ticket", "PUT", "/api/estates/{estateId}", "", ADMIN),
            e("ticket", "GET", "/api/estates/{estateId}", "", STAFF),
            e("ticket", "DELETE", "/api/owners/{ownerId}/personal-data", "crypto-shredding", ADMIN),
            e("ticket", "GET", "/api/owners/{ownerId}/personal-data", "whether it is still readable", ADMIN),
            // dispatch-service
            e("dispatch", "POST", "/api/orders", "C1: the steward routes a complaint", STEWARD, FRONT_DESK, MANAGER),
            e("dispatch", "GET", "/api/orders/{orderId}", "a department sees only its own",
                    MANAGER, FRONT_DESK, STEWARD, DEPARTMENT, BILLING, ADMIN),
            e("dispatch", "GET", "/api/orders", "a department sees only its own",
                    MANAGER, FRONT_DESK, STEWARD, DEPARTMENT, BILLING, ADMIN),
            e("dispatch", "POST", "/api/orders/{orderId}/pickup", "a department acts only on its own", MANAGER, DEPARTMENT),
            e("dispatch", "POST", "/api/orders/{orderId}/start", "a department acts only on its own", MANAGER, DEPARTMENT),
            e("dispatch", "POST", "/api/orders/{orderId}/complete", "a department acts only on its own", MANAGER, DEPARTMENT),
            e("dispatch", "POST", "/api/orders/{orderId}/return", "a department acts only on its own", MANAGER, DEPARTMENT),
            e("dispatch", "POST", "/api/orders/{orderId}/rework-reports", "R6; a department acts only on its own",
                    MANAGER, DEPARTMENT),
            e("dispatch", "PUT", "/api/teams/{department}/{areaId}", "", MANAGER, ADMIN),
            e("dispatch", "GET", "/api/teams/{department}", "", STAFF),
            e("dispatch", "POST", "/api/contracts", "H1", FRONT_DESK, MANAGER),
            e("dispatch", "GET", "/api/contracts/{contractId}", "", FRONT_DESK, MANAGER, BILLING, ADMIN),
            e("dispatch", "GET", "/api/registers/{department}/{month}", "a department sees only its own",
                    BILLING, MANAGER, DEPARTMENT, ADMIN),
            e("dispatch", "POST", "/api/months/{month}/close", "H8", BILLING, ADMIN),
            // callback-service
            e("callback", "POST", "/api/tickets/{ticketId}/steward-replies", "R4", STEWARD),
            e("callback", "POST", "/api/tickets/{ticketId}/sign-off", "C3", STEWARD),
            e("callback", "GET", "/api/obligations", "", READERS),
            e("callback", "GET", "/api/callbacks", "", FRONT_DESK, MANAGER),
            e("callback", "POST", "/api/callbacks/{callbackId}/attempts", "C2: a manager-family callerRole needs MANAGER",
                    FRONT_DESK, MANAGER),
            e("callback", "POST", "/api/callbacks/{callbackId}/complete", "C2: a manager-family callerRole needs MANAGER",
                    FRONT_DESK, MANAGER),
            e("callback", "GET", "/api/sla/compliance", "", MANAGER, ADMIN),
            e("callback", "POST", "/api/sla/what-if", "", MANAGER, ADMIN),
            e("callback", "GET", "/api/handover", "C5", FRONT_DESK, MANAGER),
            e("callback", "POST", "/api/handover", "C5", FRONT_DESK, MANAGER),
            // billing-service
            e("billing", "PUT", "/api/price-lists/{department}", "", BILLING, ADMIN),
            e("billing", "GET", "/api/price-lists/{department}", "", STAFF),
            e("billing", "POST", "/api/quotes", "R7", STEWARD, DEPARTMENT, MANAGER),
            e("billing", "GET", "/api/quotes/{quoteId}", "", STAFF),
            e("billing", "POST", "/api/quotes/{quoteId}/accept", "R7: the owner's answer, recorded", STEWARD, FRONT_DESK),
            e("billing", "POST", "/api/quotes/{quoteId}/decline", "R7: the owner's answer, recorded", STEWARD, FRONT_DESK),
            e("billing", "GET", "/api/statements/{customerId}/{month}", "H7", BILLING, MANAGER, FRONT_DESK, ADMIN));

    /** Actuator endpoints other than health, and the OpenAPI documents. */
    public static final Set<Role> OPERATIONS = Set.of(ADMIN);

    private Access() {
    }

    public static List<Endpoint> of(String service) {
        return ENDPOINTS.stream().filter(e -> e.service().equals(service)).toList();
    }

    /** The row a concrete request falls under, if any. */
    public static Optional<Endpoint> find(String service, String method, String concretePath) {
        return of(service).stream().filter(e -> e.matches(method, concretePath)).findFirst();
    }

    private static Endpoint e(String service, String method, String path, String note, Role... roles) {
        return new Endpoint(service, method, path, Arrays.asList(roles), note);
    }

    private static String stripQuery(String path) {
        int q = path.indexOf('?');
        return q < 0 ? path : path.substring(0, q);
    }
}
