package io.propdesk.systemtests.reliability;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.propdesk.standalone.ServiceClient;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Seeded property-based generator of hostile and malformed request bodies for every POST/PUT endpoint (jqwik is
 * not available here). Each case starts from a valid body and breaks at least one required field — removed, null,
 * of the wrong JSON type, blank, a huge or control-character string, an unknown enum, an impossible date — and
 * adds unicode extra fields; or it replaces the whole body with garbage (invalid JSON, a bare value, a deep array).
 * The property: every answer is 4xx, never 5xx, and the service stores nothing.
 */
public final class HostileInput {

    /** One POST/PUT endpoint: a valid body and its required fields by kind (s string, e enum, d date, i instant, n int, l list, o object, b boolean). */
    public record Endpoint(
            String service, String method, String path, String validBody, Map<String, Character> required) {}

    /** One generated request. */
    public record Case(Endpoint endpoint, String path, String body, String why) {}

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private static final String[] UNICODE = {
        "工单",
        "ñandú",
        "😀🔥",
        "\u202Eevil",
        "\u0000nul",
        "' OR 1=1 --",
        "<script>",
        "${jndi:ldap://x}",
        "../../etc/passwd",
        "\uD800"
    };

    private final Random random;

    public HostileInput(long seed) {
        this.random = new Random(seed);
    }

    /** Every POST/PUT endpoint of the four services, with ids of existing things in its path. */
    public static List<Endpoint> endpoints(String ticketId, String orderId, String quoteId, String callbackId) {
        return List.of(
                new Endpoint(
                        "ticket",
                        "PUT",
                        "/api/estates/hostile-estate",
                        """
                        {"name":"H","timeZone":"Asia/Shanghai","areas":[{"areaId":"a","name":"A"}],
                         "buildings":[{"buildingId":"b","areaId":"a","units":["u1"]}]}""",
                        Map.of("name", 's', "timeZone", 's', "areas", 'l', "buildings", 'l')),
                new Endpoint(
                        "ticket",
                        "POST",
                        "/api/tickets",
                        """
                        {"callId":"hostile-1","estateId":"rel-estate","unitId":"rel-101","kind":"REPAIR","paid":false,
                         "description":"d","callerName":"n","callerPhone":"13800000000","acceptor":"a"}""",
                        Map.of(
                                "estateId",
                                's',
                                "unitId",
                                's',
                                "kind",
                                'e',
                                "description",
                                's',
                                "callerName",
                                's',
                                "callerPhone",
                                's',
                                "acceptor",
                                's')),
                new Endpoint(
                        "ticket",
                        "POST",
                        "/api/tickets/" + ticketId + "/late-explanations",
                        "{\"orderId\":\"" + orderId + "\",\"reason\":\"r\",\"explainedBy\":\"x\"}",
                        Map.of("orderId", 's', "reason", 's', "explainedBy", 's')),
                new Endpoint(
                        "dispatch",
                        "POST",
                        "/api/orders",
                        "{\"ticketId\":\"" + ticketId + "\",\"department\":\"ENGINEERING\"}",
                        Map.of("ticketId", 's', "department", 'e')),
                new Endpoint(
                        "dispatch",
                        "POST",
                        "/api/orders/" + orderId + "/pickup",
                        "{\"pickedUpBy\":\"x\"}",
                        Map.of("pickedUpBy", 's')),
                new Endpoint(
                        "dispatch",
                        "POST",
                        "/api/orders/" + orderId + "/start",
                        "{\"startedBy\":\"x\"}",
                        Map.of("startedBy", 's')),
                new Endpoint(
                        "dispatch",
                        "POST",
                        "/api/orders/" + orderId + "/complete",
                        "{\"completedBy\":\"x\"}",
                        Map.of("completedBy", 's')),
                new Endpoint(
                        "dispatch",
                        "POST",
                        "/api/orders/" + orderId + "/return",
                        "{\"returnedBy\":\"x\"}",
                        Map.of("returnedBy", 's')),
                new Endpoint(
                        "dispatch",
                        "POST",
                        "/api/orders/" + orderId + "/rework-reports",
                        "{\"date\":\"2026-11-27\",\"progress\":\"p\",\"contractor\":\"c\",\"reportedBy\":\"r\",\"resolved\":false}",
                        Map.of("date", 'd', "progress", 's', "contractor", 's', "reportedBy", 's')),
                new Endpoint(
                        "dispatch",
                        "POST",
                        "/api/contracts",
                        """
                        {"estateId":"rel-estate","unitId":"rel-101","kind":"MONTHLY_CLEANING","startDate":"2026-12-01",
                         "visitDays":["MONDAY"],"visitTime":"09:00","monthlyFee":{"amount":"100.00","currency":"CNY"},
                         "priceListVersion":1,"pricedBy":"p"}""",
                        Map.of(
                                "estateId",
                                's',
                                "unitId",
                                's',
                                "kind",
                                'e',
                                "startDate",
                                'd',
                                "visitDays",
                                'l',
                                "visitTime",
                                's',
                                "monthlyFee",
                                'o',
                                "priceListVersion",
                                'n',
                                "pricedBy",
                                's')),
                new Endpoint(
                        "dispatch",
                        "POST",
                        "/api/months/2026-11/close",
                        "{\"closedBy\":\"x\"}",
                        Map.of("closedBy", 's')),
                new Endpoint(
                        "dispatch",
                        "PUT",
                        "/api/teams/ENGINEERING/hostile-area",
                        "{\"teamLeader\":\"x\"}",
                        Map.of("teamLeader", 's')),
                new Endpoint(
                        "callback",
                        "POST",
                        "/api/callbacks/" + callbackId + "/attempts",
                        "{\"callerId\":\"x\",\"callerRole\":\"DUTY_STAFF\"}",
                        Map.of("callerId", 's', "callerRole", 'e')),
                new Endpoint(
                        "callback",
                        "POST",
                        "/api/callbacks/" + callbackId + "/complete",
                        "{\"callerId\":\"x\",\"callerRole\":\"DUTY_STAFF\",\"satisfied\":true,\"rating\":5}",
                        Map.of("callerId", 's', "callerRole", 'e', "satisfied", 'b', "rating", 'n')),
                new Endpoint(
                        "callback",
                        "POST",
                        "/api/tickets/" + ticketId + "/steward-replies",
                        "{\"stewardId\":\"s\",\"message\":\"m\"}",
                        Map.of("stewardId", 's', "message", 's')),
                new Endpoint(
                        "callback",
                        "POST",
                        "/api/tickets/" + ticketId + "/sign-off",
                        "{\"stewardId\":\"s\"}",
                        Map.of("stewardId", 's')),
                new Endpoint(
                        "callback",
                        "POST",
                        "/api/sla/what-if",
                        "{\"from\":\"2026-11-01T00:00:00Z\",\"to\":\"2026-11-30T00:00:00Z\"}",
                        Map.of("from", 'i', "to", 'i')),
                new Endpoint(
                        "callback",
                        "POST",
                        "/api/handover",
                        "{\"estateId\":\"rel-estate\",\"handedOverBy\":\"x\"}",
                        Map.of("estateId", 's', "handedOverBy", 's')),
                new Endpoint(
                        "billing",
                        "PUT",
                        "/api/price-lists/ENGINEERING",
                        """
                        {"effectiveFrom":"2026-11-01","publishedBy":"p","items":[
                          {"code":"X","name":"n","unit":"each","price":{"amount":"1.00","currency":"CNY"}}]}""",
                        Map.of("effectiveFrom", 'd', "items", 'l', "publishedBy", 's')),
                new Endpoint(
                        "billing",
                        "POST",
                        "/api/quotes",
                        """
                        {"ticketId":"%s","orderId":"%s","department":"ENGINEERING","lines":[{"itemCode":"TAP","quantity":1}],
                         "pricedBy":{"stewardId":"s","professionalId":"p"}}""".formatted(ticketId, orderId),
                        Map.of("ticketId", 's', "orderId", 's', "department", 'e', "lines", 'l', "pricedBy", 'o')),
                new Endpoint(
                        "billing",
                        "POST",
                        "/api/quotes/" + quoteId + "/accept",
                        "{\"explainedBy\":\"x\"}",
                        Map.of("explainedBy", 's')),
                new Endpoint(
                        "billing",
                        "POST",
                        "/api/quotes/" + quoteId + "/decline",
                        "{\"reason\":\"r\"}",
                        Map.of("reason", 's')));
    }

    /** {@code perEndpoint} seeded cases for each endpoint. */
    public List<Case> cases(List<Endpoint> endpoints, int perEndpoint) {
        List<Case> cases = new ArrayList<>();
        for (Endpoint e : endpoints) {
            for (int i = 0; i < perEndpoint; i++) {
                cases.add(next(e));
            }
        }
        return cases;
    }

    Case next(Endpoint e) {
        if (random.nextInt(6) == 0) {
            String[] garbage = {
                "",
                "{",
                "null",
                "[]",
                "42",
                "\"" + huge() + "\"",
                "{\"a\":",
                deepArray(),
                "not json 工单 😀",
                "{\"" + pick(UNICODE) + "\":" + random.nextLong() + "}",
                "true",
                "{}"
            };
            String body = garbage[random.nextInt(garbage.length)];
            return new Case(e, e.path(), body, "garbage body");
        }
        ObjectNode body;
        try {
            body = (ObjectNode) ServiceClient.JSON.readTree(e.validBody());
        } catch (Exception impossible) {
            throw new IllegalStateException(impossible);
        }
        List<String> fields = new ArrayList<>(e.required().keySet());
        fields.sort(null);
        String field = fields.get(random.nextInt(fields.size()));
        char kind = e.required().get(field);
        String why;
        switch (random.nextInt(5)) {
            case 0 -> {
                body.remove(field);
                why = "missing " + field;
            }
            case 1 -> {
                body.putNull(field);
                why = "null " + field;
            }
            case 2 -> {
                // Jackson coerces numbers and booleans into strings (and ordinals into enums): break with a container
                JsonNode wrong = kind == 'l' || kind == 'o'
                        ? NODES.textNode(pick(UNICODE))
                        : random.nextBoolean()
                                ? NODES.arrayNode().add(1)
                                : NODES.objectNode().put("x", 1);
                body.set(field, wrong);
                why = "wrong type " + field;
            }
            case 3 -> {
                body.set(field, invalidValue(kind));
                why = "invalid value " + field;
            }
            default -> {
                body.put(field, random.nextBoolean() ? "   " : huge());
                why = "blank or huge " + field;
                if (kind != 's') {
                    why = "string for " + field;
                }
            }
        }
        for (int i = random.nextInt(3); i > 0; i--) {
            body.put(pick(UNICODE) + random.nextInt(100), random.nextBoolean() ? huge() : pick(UNICODE));
        }
        return new Case(e, e.path(), body.toString(), why);
    }

    private JsonNode invalidValue(char kind) {
        return switch (kind) {
            case 'e' -> NODES.textNode(random.nextBoolean() ? "NOT_A_VALUE" : pick(UNICODE));
            case 'd' -> NODES.textNode(pick(new String[] {"2026-13-45", "27/11/2026", "yesterday", "2026-02-30"}));
            case 'i' -> NODES.textNode(pick(new String[] {"2026-11-27", "not a time", "2026-11-27T25:00:00Z"}));
            case 'n' -> NODES.numberNode(-1 - random.nextInt(1000));
            case 'l' -> NODES.arrayNode();
            case 'o' -> NODES.objectNode().put(pick(UNICODE), "x");
            case 'b' -> NODES.textNode("maybe");
            default -> NODES.textNode(huge());
        };
    }

    private String huge() {
        int length = 101 + random.nextInt(20_000);
        StringBuilder s = new StringBuilder(length);
        while (s.length() < length) {
            s.append(pick(UNICODE));
        }
        return s.toString();
    }

    private String deepArray() {
        int depth = 2_000 + random.nextInt(3_000);
        return "[".repeat(depth) + "]".repeat(depth);
    }

    private String pick(String[] values) {
        return values[random.nextInt(values.length)];
    }
}
