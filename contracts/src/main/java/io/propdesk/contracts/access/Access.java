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

    /**
     * One endpoint: its service, HTTP method, path template (Spring syntax), the roles it admits, a note naming the
     * rule or the data-dependent check, and a short summary of what it does (the OpenAPI operation's summary).
     */
    public record Endpoint(String service, String method, String path, List<Role> roles, String note, String summary) {

        public Endpoint {
            roles = List.copyOf(roles);
            summary = summary == null ? "" : summary;
        }

        /** An endpoint outside the contract's table (a test application's), without a summary. */
        public Endpoint(String service, String method, String path, List<Role> roles, String note) {
            this(service, method, path, roles, note, "");
        }

        public boolean admits(Role role) {
            return roles.contains(role);
        }

        /** Whether a concrete request path matches this template ({@code {var}} is one path segment). */
        public boolean matches(String method, String concretePath) {
            return this.method.equalsIgnoreCase(method)
                    && template().matcher(stripQuery(concretePath)).matches();
        }

        private Pattern template() {
            return Pattern.compile(Pattern.quote(path).replaceAll("\\{[^}/]+}", "\\\\E[^/]+\\\\Q"));
        }
    }

    private static final Role[] READERS = {FRONT_DESK, STEWARD, MANAGER, ADMIN};
    private static final Role[] STAFF = {FRONT_DESK, STEWARD, DEPARTMENT, MANAGER, BILLING, ADMIN};

    public static final List<Endpoint> ENDPOINTS = List.of(
            // ticket-service
            e("ticket", "POST", "/api/tickets", "Open a ticket for a call (R1)", "", FRONT_DESK, INTEGRATION),
            e(
                    "ticket",
                    "GET",
                    "/api/tickets/{ticketId}",
                    "Read a ticket",
                    "shows the caller's name and phone",
                    READERS),
            e(
                    "ticket",
                    "GET",
                    "/api/tickets",
                    "List tickets",
                    "INTEGRATION: only the ticket of one of its calls, by callId",
                    FRONT_DESK,
                    STEWARD,
                    MANAGER,
                    ADMIN,
                    INTEGRATION),
            e(
                    "ticket",
                    "GET",
                    "/api/tickets/{ticketId}/timeline",
                    "Read a ticket's timeline across the services (R10)",
                    "",
                    READERS),
            e(
                    "ticket",
                    "POST",
                    "/api/tickets/{ticketId}/late-explanations",
                    "Explain a late order in the complaint book (R11)",
                    "R11",
                    FRONT_DESK,
                    MANAGER,
                    DEPARTMENT),
            e("ticket", "PUT", "/api/estates/{estateId}", "Configure an estate", "", ADMIN),
            e("ticket", "GET", "/api/estates/{estateId}", "Read an estate", "", STAFF),
            e(
                    "ticket",
                    "DELETE",
                    "/api/owners/{ownerId}/personal-data",
                    "Erase an owner's personal data",
                    "crypto-shredding",
                    ADMIN),
            e(
                    "ticket",
                    "GET",
                    "/api/owners/{ownerId}/personal-data",
                    "Read whether an owner's personal data is readable",
                    "whether it is still readable",
                    ADMIN),
            e(
                    "ticket",
                    "PUT",
                    "/api/owners/{ownerId}/contacts",
                    "Replace the phones registered for a unit (caller lookup)",
                    "names and phones sealed under the owner's key",
                    FRONT_DESK,
                    ADMIN),
            e(
                    "ticket",
                    "GET",
                    "/api/owners/{ownerId}/contacts",
                    "Read the phones registered for a unit",
                    "shows names and phones",
                    READERS),
            e(
                    "ticket",
                    "GET",
                    "/api/callers",
                    "Look a caller up by phone number (screen pop)",
                    "shows the owners' names: a screen pop exists to show the agent who is calling",
                    FRONT_DESK,
                    STEWARD,
                    MANAGER,
                    INTEGRATION),
            e(
                    "ticket",
                    "GET",
                    "/api/callers/lookup",
                    "Look a caller up for a CRM template (3CX), flat fields",
                    "shows the owners' names: a screen pop exists to show the agent who is calling",
                    FRONT_DESK,
                    STEWARD,
                    MANAGER,
                    INTEGRATION),
            e(
                    "ticket",
                    "POST",
                    "/api/cti/events",
                    "Report a phone system's call event (newCall, answer, hangup)",
                    "or a Standard Webhooks signature under propdesk.cti.webhook-secrets",
                    INTEGRATION),
            e(
                    "ticket",
                    "GET",
                    "/api/calls/{callId}",
                    "Read a call of the call log",
                    "numbers only to the roles that read a ticket's caller",
                    FRONT_DESK,
                    STEWARD,
                    MANAGER,
                    ADMIN,
                    INTEGRATION),
            e(
                    "ticket",
                    "GET",
                    "/api/calls",
                    "List a ticket's calls",
                    "numbers only to the roles that read a ticket's caller",
                    FRONT_DESK,
                    STEWARD,
                    MANAGER,
                    ADMIN,
                    INTEGRATION),
            e(
                    "ticket",
                    "POST",
                    "/api/callbacks/{callbackId}/dial",
                    "Dial a scheduled callback: the owner's number and a call id (C2)",
                    "C2: a MAJOR complaint's callback only to MANAGER",
                    FRONT_DESK,
                    MANAGER),
            e(
                    "ticket",
                    "DELETE",
                    "/api/callers/personal-data",
                    "Erase what was sealed under a phone number's own key",
                    "crypto-shredding",
                    ADMIN),
            // dispatch-service
            e(
                    "dispatch",
                    "POST",
                    "/api/orders",
                    "Route a complaint to a department (C1)",
                    "C1: the steward routes a complaint",
                    STEWARD,
                    FRONT_DESK,
                    MANAGER),
            e(
                    "dispatch",
                    "GET",
                    "/api/orders/{orderId}",
                    "Read a work order",
                    "a department sees only its own",
                    MANAGER,
                    FRONT_DESK,
                    STEWARD,
                    DEPARTMENT,
                    BILLING,
                    ADMIN),
            e(
                    "dispatch",
                    "GET",
                    "/api/orders",
                    "List work orders",
                    "a department sees only its own",
                    MANAGER,
                    FRONT_DESK,
                    STEWARD,
                    DEPARTMENT,
                    BILLING,
                    ADMIN),
            e(
                    "dispatch",
                    "POST",
                    "/api/orders/{orderId}/pickup",
                    "Pick up a work order",
                    "a department acts only on its own",
                    MANAGER,
                    DEPARTMENT),
            e(
                    "dispatch",
                    "POST",
                    "/api/orders/{orderId}/start",
                    "Start the work",
                    "a department acts only on its own",
                    MANAGER,
                    DEPARTMENT),
            e(
                    "dispatch",
                    "POST",
                    "/api/orders/{orderId}/complete",
                    "Complete the work",
                    "a department acts only on its own",
                    MANAGER,
                    DEPARTMENT),
            e(
                    "dispatch",
                    "POST",
                    "/api/orders/{orderId}/return",
                    "Return the order to the front desk (R9)",
                    "a department acts only on its own",
                    MANAGER,
                    DEPARTMENT),
            e(
                    "dispatch",
                    "POST",
                    "/api/orders/{orderId}/rework-reports",
                    "Report a rework day (R6)",
                    "R6; a department acts only on its own",
                    MANAGER,
                    DEPARTMENT),
            e(
                    "dispatch",
                    "PUT",
                    "/api/teams/{department}/{areaId}",
                    "Configure a department's team for an area",
                    "",
                    MANAGER,
                    ADMIN),
            e("dispatch", "GET", "/api/teams/{department}", "List a department's teams", "", STAFF),
            e("dispatch", "POST", "/api/contracts", "Sign a service contract (H1)", "H1", FRONT_DESK, MANAGER),
            e(
                    "dispatch",
                    "GET",
                    "/api/contracts/{contractId}",
                    "Read a service contract",
                    "",
                    FRONT_DESK,
                    MANAGER,
                    BILLING,
                    ADMIN),
            e(
                    "dispatch",
                    "GET",
                    "/api/registers/{department}/{month}",
                    "Read a department's monthly register",
                    "a department sees only its own",
                    BILLING,
                    MANAGER,
                    DEPARTMENT,
                    ADMIN),
            e("dispatch", "POST", "/api/months/{month}/close", "Close a month (H8)", "H8", BILLING, ADMIN),
            // callback-service
            e(
                    "callback",
                    "POST",
                    "/api/tickets/{ticketId}/steward-replies",
                    "Record the steward's reply (R4)",
                    "R4",
                    STEWARD),
            e("callback", "POST", "/api/tickets/{ticketId}/sign-off", "Sign off a complaint (C3)", "C3", STEWARD),
            e(
                    "callback",
                    "GET",
                    "/api/obligations",
                    "List SLA obligations: one ticket's, or those open now across tickets (status=open)",
                    "",
                    FRONT_DESK,
                    STEWARD,
                    MANAGER,
                    ADMIN,
                    INTEGRATION),
            e("callback", "GET", "/api/callbacks", "List callbacks", "", FRONT_DESK, MANAGER),
            e(
                    "callback",
                    "POST",
                    "/api/callbacks/{callbackId}/attempts",
                    "Record a callback attempt",
                    "C2: a manager-family callerRole needs MANAGER",
                    FRONT_DESK,
                    MANAGER),
            e(
                    "callback",
                    "POST",
                    "/api/callbacks/{callbackId}/complete",
                    "Complete a callback with the owner's answer (R5)",
                    "C2: a manager-family callerRole needs MANAGER",
                    FRONT_DESK,
                    MANAGER),
            e("callback", "GET", "/api/sla/compliance", "Read SLA compliance", "", MANAGER, ADMIN),
            e("callback", "POST", "/api/sla/what-if", "Simulate SLA windows over a period", "", MANAGER, ADMIN),
            e(
                    "callback",
                    "GET",
                    "/api/sla/time-in-status",
                    "Read time in status per group over a period",
                    "issue 18: per group and status, the tickets (or orders) that entered the status within [from, to):"
                            + " their count, how many are still in it, and the median and p90 of the time they spent"
                            + " in it (every entry in the period added up per item; finished time only), in"
                            + " wall-clock and in the estate's working minutes",
                    MANAGER,
                    ADMIN),
            e(
                    "callback",
                    "GET",
                    "/api/sla/time-in-status/{ticketId}",
                    "Read a ticket's and its orders' time in each status",
                    "issue 18: intervals and per-status totals in wall-clock and working minutes, still running"
                            + " ones counted up to now",
                    MANAGER,
                    ADMIN),
            e(
                    "callback",
                    "POST",
                    "/api/sla/facts/rebuild",
                    "Rebuild the warehouse feed into a fresh topic (issue 18 item 6)",
                    "",
                    ADMIN),
            e(
                    "callback",
                    "GET",
                    "/api/sla/obligations.csv",
                    "Export a period's obligation outcomes as CSV",
                    "",
                    MANAGER,
                    ADMIN),
            e("callback", "GET", "/api/sla/breaches.csv", "Export a period's SLA breaches as CSV", "", MANAGER, ADMIN),
            e(
                    "callback",
                    "GET",
                    "/api/sla/callbacks.csv",
                    "Export a period's callbacks with the owners' satisfaction as CSV",
                    "",
                    MANAGER,
                    ADMIN),
            e(
                    "callback",
                    "GET",
                    "/api/sla/time-in-status.csv",
                    "Export a period's time in each status, per ticket and work order, as CSV",
                    "issue 18 item 3",
                    MANAGER,
                    ADMIN),
            e("callback", "GET", "/api/handover", "Read the shift handover summary (C5)", "C5", FRONT_DESK, MANAGER),
            e("callback", "POST", "/api/handover", "Record a shift handover (C5)", "C5", FRONT_DESK, MANAGER),
            // billing-service
            e(
                    "billing",
                    "PUT",
                    "/api/price-lists/{department}",
                    "Publish a department's price list",
                    "",
                    BILLING,
                    ADMIN),
            e("billing", "GET", "/api/price-lists/{department}", "Read a department's price list in force", "", STAFF),
            e("billing", "POST", "/api/quotes", "Issue a quote for paid work (R7)", "R7", STEWARD, DEPARTMENT, MANAGER),
            e("billing", "GET", "/api/quotes/{quoteId}", "Read a quote", "", STAFF),
            e(
                    "billing",
                    "POST",
                    "/api/quotes/{quoteId}/accept",
                    "Record the owner's acceptance of a quote (R7)",
                    "R7: the owner's answer, recorded",
                    STEWARD,
                    FRONT_DESK),
            e(
                    "billing",
                    "POST",
                    "/api/quotes/{quoteId}/decline",
                    "Record the owner's refusal of a quote (R7)",
                    "R7: the owner's answer, recorded",
                    STEWARD,
                    FRONT_DESK),
            e(
                    "billing",
                    "GET",
                    "/api/statements/{customerId}/{month}",
                    "Read a customer's monthly statement (H7)",
                    "H7",
                    BILLING,
                    MANAGER,
                    FRONT_DESK,
                    ADMIN));

    /** Actuator endpoints other than health, and the OpenAPI documents. */
    public static final Set<Role> OPERATIONS = Set.of(ADMIN);

    private Access() {}

    public static List<Endpoint> of(String service) {
        return ENDPOINTS.stream().filter(e -> e.service().equals(service)).toList();
    }

    /** The row a concrete request falls under, if any. */
    public static Optional<Endpoint> find(String service, String method, String concretePath) {
        return of(service).stream().filter(e -> e.matches(method, concretePath)).findFirst();
    }

    private static Endpoint e(String service, String method, String path, String summary, String note, Role... roles) {
        return new Endpoint(service, method, path, Arrays.asList(roles), note, summary);
    }

    private static String stripQuery(String path) {
        int q = path.indexOf('?');
        return q < 0 ? path : path.substring(0, q);
    }
}
