package io.propdesk.systemtests.scenario;

import io.propdesk.standalone.ServiceClient;
import io.propdesk.standalone.ServiceClient.Reply;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * The one scenario driver: every step of PropDesk's flows as the people take it, through REST only.
 * The front desk registers calls and calls owners back, department leaders work their orders, stewards
 * route, reply and sign off, billing quotes, the administrator configures estates, teams and price lists.
 *
 * <p>Each step sends one request and answers the reply; it neither waits nor asserts. How long to wait for what a
 * step needs is the caller's: the flow tests poll until an answer shows it, the benchmark waits for the event on a
 * topic, the reliability command looks where the order stands after a fault.
 */
public final class Scenario {

    /** The estates' and the company's zone (P1, R9: calendars and price lists are in it). */
    public static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");

    /** The caller's phone every scenario ticket carries (personal data: never on a topic in the clear). */
    public static final String CALLER_PHONE = "13800000000";

    /**
     * Who acts in a scenario: the estate and area its tickets are in, the steward who follows its units, the front
     * desk member who accepts calls and calls back, and billing's publisher of price lists.
     */
    public record Cast(String estateId, String areaId, String steward, String acceptor, String billing) {}

    /** The departments' people in the cast's area: the team leaders, cleaning's dispatcher (H1), rework's liaison (R6). */
    public record Teams(
            String engineering, String cleaning, String cleaningDispatcher, String greening, String reworkLiaison) {}

    private final ServiceClient api;

    private final Cast cast;

    public Scenario(ServiceClient api, Cast cast) {
        this.api = api;
        this.cast = cast;
    }

    public ServiceClient api() {
        return this.api;
    }

    public Cast cast() {
        return this.cast;
    }

    /** Today in the company's zone. */
    public static LocalDate today() {
        return LocalDate.now(ZONE);
    }

    // ------------------------------------------------------------------ the administrator

    /** An estate in the zone with the cast's area and one building whose steward (R3) follows the given units. */
    public Reply putEstate(String estateId, String name, String buildingId, List<String> units) {
        return putEstate(estateId, name, buildingId, units, List.of());
    }

    /** The same estate with the hotlines its owners call (issue 16: a call to one belongs to the estate). */
    public Reply putEstate(String estateId, String name, String buildingId, List<String> units, List<String> hotlines) {
        return this.api.put("ticket", "/api/estates/" + estateId, """
                {"name":"%s","timeZone":"%s","areas":[{"areaId":"%s","name":"North"}],"hotlines":[%s],
                 "buildings":[{"buildingId":"%s","areaId":"%s","name":"%s","stewardId":"%s","units":["%s"]}]}""".formatted(
                        name,
                        ZONE,
                        this.cast.areaId(),
                        hotlines.stream().map(h -> "\"" + h + "\"").collect(Collectors.joining(",")),
                        buildingId,
                        this.cast.areaId(),
                        buildingId.toUpperCase(),
                        this.cast.steward(),
                        String.join("\",\"", units)));
    }

    /** R2: the team of a department in the cast's area, its leader and (cleaning) its dispatcher, or null. */
    public Reply putTeam(String department, String leader, String dispatcher) {
        String body = dispatcher == null
                ? "{\"teamLeader\":\"%s\"}".formatted(leader)
                : "{\"teamLeader\":\"%s\",\"dispatcher\":\"%s\"}".formatted(leader, dispatcher);
        return this.api.put("dispatch", "/api/teams/" + department + "/" + this.cast.areaId(), body);
    }

    /** P1: a department's price list in force from {@code from} (never in the past); items as JSON objects. */
    public Reply putPriceList(String department, LocalDate from, String items) {
        return this.api.put(
                "billing", "/api/price-lists/" + department, """
                {"effectiveFrom":"%s","publishedBy":"%s","items":[%s]}""".formatted(from, this.cast.billing(), items));
    }

    /**
     * The four teams of the cast's area and the price lists every scenario quotes from (TAP; MOVE-IN and HOUR;
     * MOW), in force from {@code from} (P1: never in the past), as steps the caller sends with its own patience.
     */
    public List<Supplier<Reply>> departments(Teams teams, LocalDate from) {
        return List.of(
                () -> putTeam("ENGINEERING", teams.engineering(), null),
                () -> putTeam("CLEANING", teams.cleaning(), teams.cleaningDispatcher()),
                () -> putTeam("GREENING", teams.greening(), null),
                () -> putTeam("REWORK_LIAISON", teams.reworkLiaison(), null),
                () -> putPriceList("ENGINEERING", from, """
                        {"code":"TAP","name":"Replace kitchen tap","unit":"each","price":{"amount":"80.00","currency":"CNY"}}"""),
                () -> putPriceList("CLEANING", from, """
                        {"code":"MOVE-IN","name":"Whole-flat move-in cleaning","unit":"flat","price":{"amount":"300.00","currency":"CNY"}},
                        {"code":"HOUR","name":"Hourly cleaning","unit":"hour","price":{"amount":"50.00","currency":"CNY"}}"""),
                () -> putPriceList("GREENING", from, """
                        {"code":"MOW","name":"Lawn mowing","unit":"m²","price":{"amount":"2.00","currency":"CNY"}}"""));
    }

    // ------------------------------------------------------------------ the front desk (R1, R5, C2, H5)

    /** R1: a call registered as a ticket; {@code extra} adds fields such as paid, severity or serviceTime. */
    public Reply openTicket(String callId, String unitId, String kind, String extra) {
        return this.api.post("ticket", "/api/tickets", """
                {"callId":"%s","estateId":"%s","unitId":"%s","kind":"%s",%s
                 "description":"%s for %s","callerName":"Owner of %s","callerPhone":"%s","acceptor":"%s"}""".formatted(
                        callId,
                        this.cast.estateId(),
                        unitId,
                        kind,
                        extra.isEmpty() ? "" : extra + ",",
                        kind,
                        unitId,
                        unitId,
                        CALLER_PHONE,
                        this.cast.acceptor()));
    }

    /** R5: a callback made; C2: a manager, supervisor or team leader calls as a user with the MANAGER role. */
    public Reply completeCallback(String callbackId, String callerId, String role, boolean satisfied) {
        ServiceClient caller = "DUTY_STAFF".equals(role) ? this.api : this.api.as("manager");
        return caller.post("callback", "/api/callbacks/" + callbackId + "/complete", """
                {"callerId":"%s","callerRole":"%s","satisfied":%s,"rating":%d,"comment":"%s"}""".formatted(
                        callerId, role, satisfied, satisfied ? 5 : 2, satisfied ? "all fine" : "the problem is back"));
    }

    /**
     * Issue 16 §4: the desk dials a due callback; ticket-service answers the number and the call id to report. C2: a
     * manager, supervisor or team leader dials as a user with the MANAGER role.
     */
    public Reply dial(String callbackId, String role) {
        ServiceClient caller = "DUTY_STAFF".equals(role) ? this.api : this.api.as("manager");
        return caller.post("ticket", "/api/callbacks/" + callbackId + "/dial", "{}");
    }

    // ------------------------------------------------------------------ the phone system (issue 16 §1)

    /**
     * One call event as a PBX configured for Zammad's generic CTI sends it: {@code newCall}, {@code answer} or
     * {@code hangup}; {@code direction} {@code in} or {@code out}; the numbers and the agent only where given (null
     * leaves them out); {@code cause} for a hangup ({@code noAnswer}, {@code normalClearing}...).
     */
    public static String callEvent(
            String event, String callId, String direction, String from, String to, String user, String cause) {
        StringBuilder body = new StringBuilder()
                .append("{\"event\":\"")
                .append(event)
                .append("\",\"callId\":\"")
                .append(callId)
                .append("\",\"direction\":\"")
                .append(direction)
                .append('"');
        field(body, "from", from);
        field(body, "to", to);
        field(body, "user", user);
        field(body, "cause", cause);
        return body.append('}').toString();
    }

    private static void field(StringBuilder body, String name, String value) {
        if (value != null) {
            body.append(",\"").append(name).append("\":\"").append(value).append('"');
        }
    }

    /** The phone system reports a call event, with the integration's credentials. */
    public Reply callEvent(String body) {
        return this.api.post("ticket", "/api/cti/events", body);
    }

    /** A call rings: the caller's number and the number called. */
    public Reply newCall(String callId, String direction, String from, String to) {
        return callEvent(callEvent("newCall", callId, direction, from, to, null, null));
    }

    /**
     * §4: an agent dials the owner from the phone itself; the phone system names the callback in the call's attached
     * data, so the call's end records the attempt.
     */
    public Reply newCallForCallback(String callId, String line, String number, String callbackId) {
        String body = callEvent("newCall", callId, "out", line, number, null, null);
        return callEvent(body.substring(0, body.length() - 1) + ",\"callbackId\":\"" + callbackId + "\"}");
    }

    public Reply answer(String callId, String direction, String agent) {
        return callEvent(callEvent("answer", callId, direction, null, null, agent, null));
    }

    public Reply hangup(String callId, String direction, String cause) {
        return callEvent(callEvent("hangup", callId, direction, null, null, null, cause));
    }

    // ------------------------------------------------------------------ stewards (R4, C1, C3)

    public Reply stewardReply(String ticketId, String message) {
        return this.api.post("callback", "/api/tickets/" + ticketId + "/steward-replies", """
                {"stewardId":"%s","message":"%s"}""".formatted(
                        this.cast.steward(), message));
    }

    public Reply signOff(String ticketId) {
        return this.api.post("callback", "/api/tickets/" + ticketId + "/sign-off", """
                {"stewardId":"%s","note":"handled, owner informed"}""".formatted(this.cast.steward()));
    }

    /** C1: the steward routes a complaint to the department that handles it. */
    public Reply routeComplaint(String ticketId, String department) {
        return this.api.post("dispatch", "/api/orders", """
                {"ticketId":"%s","department":"%s","routedBy":"%s"}""".formatted(ticketId, department, this.cast.steward()));
    }

    // ------------------------------------------------------------------ departments (R2, R6, R7, R8, R9)

    public Reply pickUp(String orderId, String by) {
        return this.api.post("dispatch", "/api/orders/" + orderId + "/pickup", "{\"pickedUpBy\":\"%s\"}".formatted(by));
    }

    public Reply start(String orderId, String by) {
        return this.api.post("dispatch", "/api/orders/" + orderId + "/start", "{\"startedBy\":\"%s\"}".formatted(by));
    }

    public Reply complete(String orderId, String by) {
        return this.api.post(
                "dispatch",
                "/api/orders/" + orderId + "/complete",
                "{\"completedBy\":\"%s\",\"result\":\"done\"}".formatted(by));
    }

    /** R8, R9: the order goes back to the front desk. */
    public Reply returnOrder(String orderId, String by) {
        return this.api.post("dispatch", "/api/orders/" + orderId + "/return", "{\"returnedBy\":\"%s\"}".formatted(by));
    }

    /** R6: the rework liaison's daily report on the contractor's work. */
    public Reply reworkReport(String orderId, LocalDate date, String progress, String by, boolean resolved) {
        return this.api.post(
                "dispatch", "/api/orders/" + orderId + "/rework-reports", """
                {"date":"%s","progress":"%s","contractor":"X Construction","reportedBy":"%s","resolved":%s}""".formatted(date, progress, by, resolved));
    }

    // ------------------------------------------------------------------ billing (R7, P2, H7)

    /** P2: priced on site by the steward with the department's professional; lines as JSON objects. */
    public Reply quote(String ticketId, String orderId, String department, String lines) {
        return this.api.post("billing", "/api/quotes", """
                {"ticketId":"%s","orderId":"%s","department":"%s","lines":[%s],
                 "pricedBy":{"stewardId":"%s","professionalId":"pro-%s"}}""".formatted(
                        ticketId, orderId, department, lines, this.cast.steward(), department.toLowerCase()));
    }

    /** R7: the owner accepts the fee the front desk explained. */
    public Reply acceptQuote(String quoteId) {
        return this.api.post(
                "billing",
                "/api/quotes/" + quoteId + "/accept",
                "{\"explainedBy\":\"%s\"}".formatted(this.cast.acceptor()));
    }

    // ------------------------------------------------------------------ reads

    public Reply ticket(String ticketId) {
        return this.api.get("ticket", "/api/tickets/" + ticketId);
    }

    public Reply order(String orderId) {
        return this.api.get("dispatch", "/api/orders/" + orderId);
    }

    public Reply quoteNamed(String quoteId) {
        return this.api.get("billing", "/api/quotes/" + quoteId);
    }
}
