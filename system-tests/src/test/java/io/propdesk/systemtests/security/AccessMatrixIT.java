package io.propdesk.systemtests.security;

import static io.propdesk.systemtests.Answers.eventually;
import static io.propdesk.systemtests.Answers.expect;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.propdesk.contracts.access.Access;
import io.propdesk.contracts.access.Role;
import io.propdesk.platform.security.DemoUsers;
import io.propdesk.standalone.Options;
import io.propdesk.standalone.PropDeskStandalone;
import io.propdesk.standalone.Running;
import io.propdesk.standalone.ServiceClient;
import io.propdesk.standalone.ServiceClient.Reply;
import io.propdesk.standalone.ServiceEndpoint;
import java.nio.file.Path;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

/**
 * Who may do what (issue 9), on the four services running together with their demo users: the access table covers
 * every endpoint, every endpoint × every role answers as the table says (401 without credentials, 403 for a role it
 * does not admit), and the rules on the data hold: a department sees and acts only on its own orders, in its own area.
 * Issue 15 item 4: every row is also called with every HTTP method; HEAD is admitted exactly as GET, OPTIONS and TRACE
 * are answered to no one, a method a path does not serve is a 405, and no refusal carries data.
 */
class AccessMatrixIT {

    private static final String MONTH =
            YearMonth.now(ZoneId.of("Asia/Shanghai")).toString();

    @TempDir
    static Path dataDir;

    private static Running system;
    private static ServiceClient api;

    @BeforeAll
    static void startTheSystem() {
        system = PropDeskStandalone.start(Options.randomPorts(dataDir));
        api = ServiceClient.of(system);
    }

    @AfterAll
    static void stopTheSystem() {
        if (system != null) {
            system.close();
        }
    }

    @Test
    void everyEndpointOfEveryServiceHasItsRowInTheAccessTable() {
        for (ServiceEndpoint service : system.services()) {
            Set<String> mapped = new TreeSet<>();
            RequestMappingHandlerMapping mappings = system.context(service.name())
                    .getBean("requestMappingHandlerMapping", RequestMappingHandlerMapping.class);
            for (RequestMappingInfo info : mappings.getHandlerMethods().keySet()) {
                for (String path : info.getPatternValues()) {
                    if (path.startsWith("/api/")) {
                        info.getMethodsCondition().getMethods().forEach(m -> mapped.add(m.name() + " " + path));
                    }
                }
            }
            Set<String> table = new TreeSet<>();
            Access.of(service.name()).forEach(e -> table.add(e.method() + " " + e.path()));
            assertThat(mapped).as("the endpoints %s maps", service.name()).isEqualTo(table);
        }
    }

    @Test
    void everyEndpointAdmitsTheRolesOfItsRowAndRefusesEveryOtherRoleAndAnonymousCallers() {
        List<String> wrong = new ArrayList<>();
        int calls = 0;
        for (Access.Endpoint endpoint : Access.ENDPOINTS) {
            String path = endpoint.path()
                    .replace("{department}", "ENGINEERING")
                    .replace("{month}", MONTH)
                    .replaceAll("\\{[^}]+}", "matrix-x");
            String body = endpoint.method().equals("POST") || endpoint.method().equals("PUT") ? "{}" : null;
            Reply anonymous = api.anonymous().call(endpoint.service(), endpoint.method(), path, body);
            calls++;
            if (anonymous.status() != 401) {
                wrong.add("anonymous " + endpoint.method() + " " + path + ": " + anonymous.status() + ", expected 401");
            }
            for (Role role : Role.values()) {
                Reply reply = api.as(DemoUsers.forRole(role).getUsername())
                        .call(endpoint.service(), endpoint.method(), path, body);
                calls++;
                boolean refused = reply.status() == 401 || reply.status() == 403;
                if (endpoint.admits(role) == refused) {
                    wrong.add(role + " " + endpoint.method() + " " + endpoint.service() + path + ": " + reply.status()
                            + (endpoint.admits(role) ? ", expected admitted" : ", expected 403") + " " + reply.raw());
                }
                if (!endpoint.admits(role)) {
                    assertThat(reply.raw())
                            .as("a refusal names the roles needed")
                            .contains("needs one of");
                }
            }
        }
        assertThat(calls).isEqualTo(Access.ENDPOINTS.size() * (Role.values().length + 1));
        assertThat(wrong).as("answers that differ from the access table").isEmpty();
    }

    private static final List<String> METHODS =
            List.of("GET", "HEAD", "POST", "PUT", "DELETE", "PATCH", "OPTIONS", "TRACE");
    private static final String CALLER_NAME = "Matrix Owner Qiu";
    private static final String CALLER_PHONE = "13912345678";

    @Test
    void everyRowCalledWithEveryMethodAsEveryRoleAnswersAsTheTableSaysAndNoRefusalCarriesData_issue15_item4() {
        String ticketId = openTicketWithKnownCaller("matrix-methods");
        List<String> wrong = new ArrayList<>();
        int calls = 0;
        for (Access.Endpoint endpoint : Access.ENDPOINTS) {
            // GET rows read a real ticket, so a HEAD that slipped past the table would find something to confirm
            String path = endpoint.path()
                    .replace("{department}", "ENGINEERING")
                    .replace("{month}", MONTH)
                    .replace("{ticketId}", endpoint.method().equals("GET") ? ticketId : "matrix-x")
                    .replaceAll("\\{[^}]+}", "matrix-x");
            for (String method : METHODS) {
                String body = method.equals("POST") || method.equals("PUT") || method.equals("PATCH") ? "{}" : null;
                java.util.Optional<Access.Endpoint> row =
                        Access.find(endpoint.service(), method.equals("HEAD") ? "GET" : method, path);
                String call = endpoint.service() + " " + method + " " + path;
                Reply anonymous = api.anonymous().call(endpoint.service(), method, path, body);
                calls++;
                noDataIn(anonymous, "anonymous " + call, wrong);
                if (!(anonymous.status() == 401 || method.equals("TRACE") && isIn(anonymous.status(), 400, 405))) {
                    wrong.add("anonymous " + call + ": " + anonymous.status() + ", expected 401");
                }
                for (Role role : Role.values()) {
                    Reply reply =
                            api.as(DemoUsers.forRole(role).getUsername()).call(endpoint.service(), method, path, body);
                    calls++;
                    String who = role + " " + call + ": " + reply.status();
                    noDataIn(reply, who, wrong);
                    if (method.equals("OPTIONS") || method.equals("TRACE")) {
                        if (!isIn(reply.status(), 400, 403, 405)) {
                            wrong.add(who + ", expected a refusal");
                        }
                    } else if (row.isPresent()) {
                        boolean refused = reply.status() == 401 || reply.status() == 403;
                        if (row.get().admits(role) == refused) {
                            wrong.add(who + (row.get().admits(role) ? ", expected admitted" : ", expected 403"));
                        }
                        if (!row.get().admits(role) && !method.equals("HEAD")) {
                            assertThat(reply.get("instance").asText()).as(who).isEqualTo(path);
                            assertThat(reply.get("requiredRoles").isArray())
                                    .as(who)
                                    .isTrue();
                            assertThat(reply.body().has("properties")).as(who).isFalse();
                        }
                    } else if (reply.status() != 405) {
                        wrong.add(who + ", expected 405: the path does not serve " + method);
                    }
                }
            }
        }
        assertThat(calls).isEqualTo(Access.ENDPOINTS.size() * METHODS.size() * (Role.values().length + 1));
        assertThat(wrong).as("answers that differ from the access table").isEmpty();
    }

    @Test
    void headIsRefusedLikeGetByTheRoleTable_issue15_item4() {
        String ticketId = openTicketWithKnownCaller("matrix-head");
        ServiceClient integration = api.as("callcenter");
        assertThat(integration
                        .call("ticket", "HEAD", "/api/tickets/" + ticketId, null)
                        .status())
                .isEqualTo(403);
        assertThat(integration
                        .call("ticket", "HEAD", "/api/tickets/no-such-ticket", null)
                        .status())
                .as("no existence oracle")
                .isEqualTo(403);
        assertThat(api.as("desk")
                        .call("ticket", "HEAD", "/api/tickets/" + ticketId, null)
                        .status())
                .isEqualTo(200);
        assertThat(api.as("desk")
                        .call("callback", "HEAD", "/api/sla/compliance", null)
                        .status())
                .isEqualTo(403);
        assertThat(api.as("manager")
                        .call("ticket", "HEAD", "/api/owners/matrix-head:u-1/personal-data", null)
                        .status())
                .isEqualTo(403);
        assertThat(api.anonymous()
                        .call("ticket", "HEAD", "/api/tickets/" + ticketId, null)
                        .status())
                .isEqualTo(401);
    }

    @Test
    void everyDocumentationPathNeedsAdminWhateverTheMethod_issue15_item4() {
        List<String> docs = List.of(
                "/v3/api-docs",
                "/v3/api-docs.yaml",
                "/v3/api-docs/swagger-config",
                "/swagger-ui.html",
                "/swagger-ui/index.html");
        List<String> wrong = new ArrayList<>();
        for (ServiceEndpoint service : system.services()) {
            for (String path : docs) {
                for (String method : METHODS) {
                    Reply anonymous = api.anonymous().call(service.name(), method, path, null);
                    if (!(anonymous.status() == 401 || method.equals("TRACE") && isIn(anonymous.status(), 400, 405))) {
                        wrong.add("anonymous " + method + " " + service.name() + path + ": " + anonymous.status());
                    }
                    for (Role role : Role.values()) {
                        if (role == Role.ADMIN) {
                            continue;
                        }
                        Reply reply =
                                api.as(DemoUsers.forRole(role).getUsername()).call(service.name(), method, path, null);
                        if (!isIn(reply.status(), 403) && !(method.equals("TRACE") && isIn(reply.status(), 400, 405))) {
                            wrong.add(role + " " + method + " " + service.name() + path + ": " + reply.status());
                        }
                    }
                }
            }
            assertThat(api.as("admin").get(service.name(), "/v3/api-docs.yaml").status())
                    .isEqualTo(200);
            assertThat(api.as("admin")
                            .call(service.name(), "HEAD", "/v3/api-docs", null)
                            .status())
                    .isEqualTo(200);
        }
        assertThat(wrong)
                .as("documentation answered to someone other than ADMIN")
                .isEmpty();
    }

    private static String openTicketWithKnownCaller(String estateId) {
        configureEstate(estateId, List.of("u-1"), List.of());
        Reply opened = api.as("desk")
                .post("ticket", "/api/tickets", """
                {"callId":"%s-1","estateId":"%s","unitId":"u-1","kind":"REPAIR","paid":false,"description":"matrix",
                 "callerName":"%s","callerPhone":"%s","acceptor":"desk-chen"}""".formatted(estateId, estateId, CALLER_NAME, CALLER_PHONE));
        expect(opened, 201);
        String ticketId = opened.get("ticketId").asText();
        assertThat(api.as("desk").get("ticket", "/api/tickets/" + ticketId).raw())
                .contains(CALLER_NAME);
        return ticketId;
    }

    /** A refusal (any 4xx) says why and nothing of what is behind it. */
    private static void noDataIn(Reply reply, String call, List<String> wrong) {
        if (reply.status() >= 400
                && (reply.raw().contains(CALLER_NAME)
                        || reply.raw().contains(CALLER_PHONE)
                        || reply.raw().contains("matrix-methods-1")
                        || reply.raw().contains("desk-chen"))) {
            wrong.add(call + ": the refusal carries data: " + reply.raw());
        }
    }

    private static boolean isIn(int status, int... expected) {
        for (int e : expected) {
            if (status == e) {
                return true;
            }
        }
        return false;
    }

    @Test
    void healthStaysOpenWhileMetricsNeedAdminAndWrongCredentialsGetA401Problem() {
        for (ServiceEndpoint service : system.services()) {
            assertThat(api.anonymous()
                            .get(service.name(), "/actuator/health/readiness")
                            .status())
                    .isEqualTo(200);
            // issue 15 item 5: the status only, details for ADMIN
            assertThat(api.anonymous()
                            .get(service.name(), "/actuator/health")
                            .body()
                            .has("components"))
                    .isFalse();
            assertThat(api.as("admin")
                            .get(service.name(), "/actuator/health")
                            .body()
                            .has("components"))
                    .isTrue();
            assertThat(api.anonymous()
                            .get(service.name(), "/actuator/prometheus")
                            .status())
                    .isEqualTo(401);
            assertThat(api.as("desk")
                            .get(service.name(), "/actuator/prometheus")
                            .status())
                    .isEqualTo(403);
            assertThat(api.as("admin").get(service.name(), "/v3/api-docs").status())
                    .isEqualTo(200);
        }
        Reply admin = api.as("admin").call("ticket", "GET", "/actuator/prometheus", null);
        assertThat(admin.status()).isEqualTo(200);

        Reply wrongPassword = api.withAuthorization("Basic ZGVzazpub3QtdGhlLXBhc3N3b3Jk") // desk:not-the-password
                .get("ticket", "/api/tickets");
        assertThat(wrongPassword.status()).isEqualTo(401);
        assertThat(wrongPassword.get("title").asText()).isEqualTo("Unauthorized");
    }

    @Test
    void theCallCenterIntegrationMayOpenTicketsAndNothingElse() {
        configureEstate("matrix-cc", List.of("u-cc"), List.of());
        Reply opened = api.as("callcenter")
                .post("ticket", "/api/tickets", ticket("matrix-cc-1", "matrix-cc", "u-cc", "REPAIR"));
        expect(opened, 201);
        String ticketId = opened.get("ticketId").asText();
        assertThat(api.as("callcenter")
                        .get("ticket", "/api/tickets/" + ticketId)
                        .status())
                .isEqualTo(403);
        assertThat(api.as("callcenter")
                        .get("dispatch", "/api/orders/WO-" + ticketId)
                        .status())
                .isEqualTo(403);
        assertThat(api.as("desk").get("ticket", "/api/tickets/" + ticketId).status())
                .isEqualTo(200);
    }

    @Test
    void aDepartmentSeesAndActsOnlyOnItsOwnOrdersInItsOwnArea() {
        configureEstate("matrix-dept", List.of("u-n1", "u-n2"), List.of("u-s1"));
        String northRepair = open("matrix-dept-n1", "matrix-dept", "u-n1", "REPAIR");
        String southRepair = open("matrix-dept-s1", "matrix-dept", "u-s1", "REPAIR");
        String complaint = open("matrix-dept-n2", "matrix-dept", "u-n2", "COMPLAINT\",\"severity\":\"NORMAL");
        String northOrder = awaitOrder("WO-" + northRepair);
        String southOrder = awaitOrder("WO-" + southRepair);
        Reply routed = api.as("steward").post("dispatch", "/api/orders", """
                {"ticketId":"%s","department":"CLEANING"}""".formatted(complaint));
        expect(routed, 201);
        String cleaningOrder = routed.get("orderId").asText();

        // Cleaning sees its own order and none of Engineering's, and cannot act on them
        ServiceClient cleaning = api.as("cleaning");
        assertThat(cleaning.get("dispatch", "/api/orders/" + cleaningOrder).status())
                .isEqualTo(200);
        assertThat(cleaning.get("dispatch", "/api/orders/" + northOrder).status())
                .isEqualTo(403);
        Reply pickUp =
                cleaning.post("dispatch", "/api/orders/" + northOrder + "/pickup", "{\"pickedUpBy\":\"tl-qian\"}");
        assertThat(pickUp.status()).isEqualTo(403);
        assertThat(pickUp.get("detail").asText()).contains("ENGINEERING");
        assertThat(api.get("dispatch", "/api/orders/" + northOrder)
                        .get("status")
                        .asText())
                .as("nothing was recorded")
                .isEqualTo("DISPATCHED");
        assertThat(cleaning.get("dispatch", "/api/orders?department=ENGINEERING")
                        .status())
                .isEqualTo(403);
        JsonNode own = eventually(
                        r -> r.status() == 200 && contains(r.body(), cleaningOrder),
                        () -> cleaning.get("dispatch", "/api/orders"))
                .body();
        own.forEach(o -> assertThat(o.get("department").asText()).isEqualTo("CLEANING"));
        assertThat(cleaning.get("dispatch", "/api/registers/ENGINEERING/" + MONTH)
                        .status())
                .isEqualTo(403);
        assertThat(cleaning.get("dispatch", "/api/registers/CLEANING/" + MONTH).status())
                .isEqualTo(200);

        // Engineering's north-area user works the north order and is refused the south one
        ServiceClient north = api.as("engineering-north");
        assertThat(north.get("dispatch", "/api/orders/" + southOrder).status()).isEqualTo(403);
        assertThat(north.post("dispatch", "/api/orders/" + southOrder + "/pickup", "{\"pickedUpBy\":\"tl-n\"}")
                        .status())
                .isEqualTo(403);
        expect(north.post("dispatch", "/api/orders/" + northOrder + "/pickup", "{\"pickedUpBy\":\"tl-north\"}"), 200);
        // Engineering's user for every area sees both
        assertThat(api.as("engineering")
                        .get("dispatch", "/api/orders/" + southOrder)
                        .status())
                .isEqualTo(200);
    }

    private static void configureEstate(String estateId, List<String> northUnits, List<String> southUnits) {
        expect(
                api.put("ticket", "/api/estates/" + estateId, """
                {"name":"Matrix","timeZone":"Asia/Shanghai",
                 "areas":[{"areaId":"north","name":"North"},{"areaId":"south","name":"South"}],
                 "buildings":[{"buildingId":"bn","areaId":"north","stewardId":"steward-n","units":[%s]},
                              {"buildingId":"bs","areaId":"south","stewardId":"steward-s","units":[%s]}]}""".formatted(quoted(northUnits), quoted(southUnits))),
                200);
        for (String area : List.of("north", "south")) {
            expect(api.put("dispatch", "/api/teams/ENGINEERING/" + area, "{\"teamLeader\":\"tl-" + area + "\"}"), 200);
            expect(api.put("dispatch", "/api/teams/CLEANING/" + area, "{\"teamLeader\":\"tl-c-" + area + "\"}"), 200);
        }
    }

    private static String open(String callId, String estateId, String unitId, String kind) {
        Reply opened = api.post("ticket", "/api/tickets", ticket(callId, estateId, unitId, kind));
        expect(opened, 201);
        return opened.get("ticketId").asText();
    }

    private static String ticket(String callId, String estateId, String unitId, String kind) {
        return """
                {"callId":"%s","estateId":"%s","unitId":"%s","kind":"%s","paid":false,"description":"matrix",
                 "callerName":"Owner","callerPhone":"13800000000","acceptor":"desk-chen"}""".formatted(callId, estateId, unitId, kind);
    }

    private static String awaitOrder(String orderId) {
        eventually(r -> r.status() == 200, () -> api.as("manager").get("dispatch", "/api/orders/" + orderId));
        return orderId;
    }

    private static boolean contains(JsonNode orders, String orderId) {
        for (JsonNode o : orders) {
            if (o.get("orderId").asText().equals(orderId)) {
                return true;
            }
        }
        return false;
    }

    private static String quoted(List<String> units) {
        return units.stream()
                .map(u -> "\"" + u + "\"")
                .reduce((a, b) -> a + "," + b)
                .orElse("");
    }
}
