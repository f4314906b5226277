package io.propdesk.platform.testapp;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.propdesk.contracts.access.Role;
import io.propdesk.embedded.SharedInfrastructureInitializer;
import io.propdesk.platform.security.DemoUsers;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.autoconfigure.actuate.observability.AutoConfigureObservability;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ContextConfiguration;

/**
 * Issue 15 items 3, 6, 7, 8, 10 and issue 13 defect 4 on a minimal service, from outside over real HTTP: what every
 * service gets from the platform. Same context as PlatformServiceIT (shared by the test context cache).
 */
@SpringBootTest(
        classes = CounterApp.class,
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "spring.data.mongodb.database=platform_service_it")
@ContextConfiguration(initializers = SharedInfrastructureInitializer.class)
@AutoConfigureObservability
class RequestBoundsIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String VALID_LINE = "{\"price\":{\"amount\":\"80.00\",\"currency\":\"CNY\"},\"quantity\":2}";
    private final HttpClient http = HttpClient.newHttpClient();

    @LocalServerPort
    int port;

    private HttpResponse<String> send(
            String method, String path, String contentType, HttpRequest.BodyPublisher body, String accept)
            throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .header("Authorization", DemoUsers.basic(Role.ADMIN))
                .method(method, body);
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        if (accept != null) {
            request.header("Accept", accept);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> post(String path, String body) throws Exception {
        return send("POST", path, "application/json", HttpRequest.BodyPublishers.ofString(body), null);
    }

    /** A request the client library would refuse to send (a malformed URL), written on a socket. */
    private RawResponse raw(String requestLine) throws Exception {
        try (Socket socket = new Socket("localhost", port)) {
            OutputStream out = socket.getOutputStream();
            out.write((requestLine + "\r\nHost: localhost\r\nAuthorization: " + DemoUsers.basic(Role.ADMIN)
                            + "\r\nConnection: close\r\n\r\n")
                    .getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            String response = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            int headerEnd = response.indexOf("\r\n\r\n");
            String head = response.substring(0, headerEnd);
            String body = response.substring(headerEnd + 4);
            if (head.toLowerCase().contains("transfer-encoding: chunked")) {
                StringBuilder unchunked = new StringBuilder();
                String rest = body;
                while (true) {
                    int eol = rest.indexOf("\r\n");
                    int size = Integer.parseInt(rest.substring(0, eol).trim(), 16);
                    if (size == 0) {
                        break;
                    }
                    unchunked.append(rest, eol + 2, eol + 2 + size);
                    rest = rest.substring(eol + 2 + size + 2);
                }
                body = unchunked.toString();
            }
            return new RawResponse(Integer.parseInt(head.split(" ")[1]), head, body);
        }
    }

    record RawResponse(int status, String head, String body) {}

    /** RFC 9457 with the request path as instance, extensions top-level, and no Java class name anywhere. */
    private static JsonNode assertProblem(
            int status, String contentType, String body, int expectedStatus, String instance) throws Exception {
        assertThat(status).as(body).isEqualTo(expectedStatus);
        assertThat(contentType).as(body).startsWith("application/problem+json");
        JsonNode problem = JSON.readTree(body);
        assertThat(problem.get("status").asInt()).isEqualTo(expectedStatus);
        assertThat(problem.get("title").asText()).isNotBlank();
        assertThat(problem.get("instance").asText()).isEqualTo(instance);
        assertThat(problem.has("properties")).isFalse();
        assertThat(body).doesNotContain("io.propdesk", "java.", "$", "jakarta.", "org.springframework");
        return problem;
    }

    private static JsonNode assertProblem(HttpResponse<String> response, int expectedStatus, String instance)
            throws Exception {
        return assertProblem(
                response.statusCode(),
                response.headers().firstValue("Content-Type").orElse(""),
                response.body(),
                expectedStatus,
                instance);
    }

    private static List<String> fields(JsonNode problem) {
        List<String> fields = new ArrayList<>();
        problem.get("errors").forEach(e -> fields.add(e.get("field").asText()));
        return fields;
    }

    private static String probe(String fields) {
        return "{\"name\":\"n\"" + (fields.isEmpty() ? "" : "," + fields) + "}";
    }

    @Test
    void aValidProbeIsAccepted() throws Exception {
        String serviceTime = Instant.now()
                .plus(1, ChronoUnit.DAYS)
                .truncatedTo(ChronoUnit.SECONDS)
                .toString();
        HttpResponse<String> ok = post(
                "/api/probes/area-1",
                probe("\"note\":\"line one\\nline\\ttwo\",\"paid\":true,"
                        + "\"lines\":[" + VALID_LINE + "],\"serviceTime\":\"" + serviceTime
                        + "\",\"day\":\"2100-12-31\","
                        + "\"units\":[\"u-1.a_B\"]"));
        assertThat(ok.statusCode()).as(ok.body()).isEqualTo(200);
        assertThat(JSON.readTree(ok.body()).at("/lines/0/price/amount").asText())
                .isEqualTo("80.00");
    }

    @Test
    void everyErrorOfTheContainerAndTheFirewallIsProblemJsonWithThePathAsInstance_issue15_item10() throws Exception {
        assertProblem(
                send("GET", "/api/no-such-thing", null, HttpRequest.BodyPublishers.noBody(), null),
                404,
                "/api/no-such-thing");
        assertProblem(
                send("GET", "/api/counters/c1/increments", null, HttpRequest.BodyPublishers.noBody(), null),
                405,
                "/api/counters/c1/increments");
        assertProblem(
                send("POST", "/api/probes/a", "text/plain", HttpRequest.BodyPublishers.ofString("x"), null),
                415,
                "/api/probes/a");
        assertProblem(
                send(
                        "POST",
                        "/api/probes/a",
                        "application/json",
                        HttpRequest.BodyPublishers.ofString(probe("")),
                        "text/html"),
                406,
                "/api/probes/a");
        // /error called directly answered 500 {"status":999}
        assertProblem(send("GET", "/error", null, HttpRequest.BodyPublishers.noBody(), null), 404, "/error");
        // Spring Security's firewall: an encoded slash, a semicolon
        assertProblem(
                send("GET", "/api/counters/a%2Fb/close", null, HttpRequest.BodyPublishers.noBody(), null),
                400,
                "/api/counters/a%2Fb/close");
        RawResponse semicolon = raw("GET /api/probes;jsessionid=1 HTTP/1.1");
        assertProblem(
                semicolon.status(),
                header(semicolon, "content-type"),
                semicolon.body(),
                400,
                "/api/probes;jsessionid=1");
        // Tomcat itself: a malformed percent-encoding never reaches Spring
        RawResponse malformed = raw("GET /api/%zz HTTP/1.1");
        assertThat(malformed.status()).isEqualTo(400);
        assertThat(header(malformed, "content-type")).startsWith("application/problem+json");
        JsonNode tomcat = JSON.readTree(malformed.body());
        assertThat(tomcat.get("status").asInt()).isEqualTo(400);
        assertThat(tomcat.get("instance").asText()).isEqualTo("/api/%zz");
    }

    private static String header(RawResponse response, String name) {
        for (String line : response.head().split("\r\n")) {
            if (line.toLowerCase().startsWith(name + ":")) {
                return line.substring(name.length() + 1).trim();
            }
        }
        return "";
    }

    @Test
    void aBadBodyNamesTheFieldWithoutJavaClassNames_issue15_item10() throws Exception {
        JsonNode array = assertProblem(post("/api/probes/a", "[]"), 400, "/api/probes/a");
        assertThat(fields(array)).containsExactly("body");
        JsonNode missing = assertProblem(
                send("POST", "/api/probes/a", "application/json", HttpRequest.BodyPublishers.noBody(), null),
                400,
                "/api/probes/a");
        assertThat(missing.get("errors").get(0).get("reason").asText()).isEqualTo("required");
        JsonNode wrongShape = assertProblem(post("/api/probes/a", probe("\"lines\":{}")), 400, "/api/probes/a");
        assertThat(fields(wrongShape)).containsExactly("lines");
        JsonNode unknown = assertProblem(post("/api/probes/a", probe("\"nmae\":\"x\"")), 400, "/api/probes/a");
        assertThat(fields(unknown)).containsExactly("nmae");
    }

    @Test
    void aPathAndABodyBothValidatedNameEachFieldAsTheClientSentIt_issue13_defect4() throws Exception {
        JsonNode problem =
                assertProblem(post("/api/probes/bad:id", "{\"lines\":[{\"quantity\":1}]}"), 400, "/api/probes/bad:id");
        assertThat(fields(problem)).containsExactlyInAnyOrder("areaId", "name", "lines[0].price");
    }

    @Test
    void idsOutsideThePatternAreRefusedNamingTheElement_issue15_item3() throws Exception {
        JsonNode problem =
                assertProblem(post("/api/probes/a", probe("\"units\":[\"u-1\",\"u/1\"]")), 400, "/api/probes/a");
        assertThat(fields(problem)).containsExactly("units[1]");
    }

    @Test
    void instantsAndDatesOutsideTheirWindowAre400NamingTheField_issue15_item6() throws Exception {
        for (String serviceTime : List.of(
                "+1000000000-12-31T23:59:59Z",
                "1900-01-01T00:00:00Z",
                Instant.now().minus(2, ChronoUnit.DAYS).toString(),
                Instant.now().plus(400, ChronoUnit.DAYS).toString())) {
            JsonNode problem = assertProblem(
                    post("/api/probes/a", probe("\"serviceTime\":\"" + serviceTime + "\"")), 400, "/api/probes/a");
            assertThat(fields(problem)).as(serviceTime).containsExactly("serviceTime");
        }
        for (String day : List.of("+10000-01-01", "1999-12-31", "2101-01-01")) {
            JsonNode problem =
                    assertProblem(post("/api/probes/a", probe("\"day\":\"" + day + "\"")), 400, "/api/probes/a");
            assertThat(fields(problem)).as(day).containsExactly("day");
        }
        JsonNode query = assertProblem(
                send(
                        "GET",
                        "/api/probes?from=%2B10000-01-01T00:00:00Z",
                        null,
                        HttpRequest.BodyPublishers.noBody(),
                        null),
                400,
                "/api/probes");
        assertThat(fields(query)).containsExactly("from");
        assertThat(send("GET", "/api/probes?from=2026-01-01T00:00:00Z", null, HttpRequest.BodyPublishers.noBody(), null)
                        .statusCode())
                .isEqualTo(200);
    }

    @Test
    void moneyHasAtMostTwoDecimalsAndAMaximumAndIsNeverRounded_issue15_item7() throws Exception {
        for (String amount : List.of("\"1e400\"", "\"80.005\"", "\"1000000.01\"", "\"-1.00\"", "80.00", "\"\"")) {
            JsonNode problem = assertProblem(
                    post(
                            "/api/probes/a",
                            probe("\"lines\":[{\"price\":{\"amount\":" + amount
                                    + ",\"currency\":\"CNY\"},\"quantity\":1}]")),
                    400,
                    "/api/probes/a");
            assertThat(fields(problem)).as(amount).containsExactly("lines[0].price");
        }
        assertThat(post(
                                "/api/probes/a",
                                probe("\"lines\":[{\"price\":{\"amount\":\"1000000.00\",\"currency\":\"CNY\"},"
                                        + "\"quantity\":1}]"))
                        .statusCode())
                .isEqualTo(200);
    }

    @Test
    void jsonTypesAreStrictAndDuplicateKeysRefused_issue15_item7() throws Exception {
        assertThat(fields(assertProblem(post("/api/probes/a", probe("\"paid\":\"true\"")), 400, "/api/probes/a")))
                .containsExactly("paid");
        assertThat(fields(assertProblem(post("/api/probes/a", probe("\"paid\":1")), 400, "/api/probes/a")))
                .containsExactly("paid");
        for (String quantity : List.of("2.5", "\"3\"", "true")) {
            JsonNode problem = assertProblem(
                    post(
                            "/api/probes/a",
                            probe("\"lines\":[{\"price\":{\"amount\":\"1.00\"," + "\"currency\":\"CNY\"},\"quantity\":"
                                    + quantity + "}]")),
                    400,
                    "/api/probes/a");
            assertThat(fields(problem)).as(quantity).containsExactly("lines[0].quantity");
        }
        assertThat(fields(assertProblem(post("/api/probes/a", "{\"name\":123}"), 400, "/api/probes/a")))
                .containsExactly("name");
        JsonNode duplicate = assertProblem(
                post("/api/probes/a", "{\"name\":\"a\",\"paid\":true,\"paid\":false}"), 400, "/api/probes/a");
        assertThat(fields(duplicate)).containsExactly("paid");
    }

    @Test
    void controlCharactersAreRefusedInNamesAndAllowedAsNewlineAndTabInFreeText_issue15_item7() throws Exception {
        assertThat(fields(assertProblem(post("/api/probes/a", "{\"name\":\"a\\nb\"}"), 400, "/api/probes/a")))
                .containsExactly("name");
        assertThat(fields(assertProblem(post("/api/probes/a", "{\"name\":\"a\\u0000b\"}"), 400, "/api/probes/a")))
                .containsExactly("name");
        assertThat(fields(
                        assertProblem(post("/api/probes/a", probe("\"units\":[\"u\\u0007\"]")), 400, "/api/probes/a")))
                .containsExactly("units[0]");
        assertThat(fields(
                        assertProblem(post("/api/probes/a", probe("\"note\":\"bell\\u0007\"")), 400, "/api/probes/a")))
                .containsExactly("note");
        assertThat(post("/api/probes/a", probe("\"note\":\"one\\n\\ttwo\"")).statusCode())
                .isEqualTo(200);
    }

    @Test
    void aBodyOverTheLimitIs413ProblemJsonAlsoWhenChunked_issue15_item8() throws Exception {
        String big = probe("\"note\":\"" + "x".repeat(70 * 1024) + "\"");
        assertProblem(post("/api/probes/a", big), 413, "/api/probes/a");
        // without a Content-Length: the client streams it chunked
        byte[] bytes = big.getBytes(StandardCharsets.UTF_8);
        HttpResponse<String> chunked = send(
                "POST",
                "/api/probes/a",
                "application/json",
                HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(bytes)),
                null);
        assertProblem(chunked, 413, "/api/probes/a");
        // just under the limit, chunked, is read whole
        String fits = probe("\"note\":\"" + "x".repeat(60 * 1024) + "\"");
        byte[] fitting = fits.getBytes(StandardCharsets.UTF_8);
        HttpResponse<String> ok = send(
                "POST",
                "/api/probes/a",
                "application/json",
                HttpRequest.BodyPublishers.ofInputStream(() -> (InputStream) new ByteArrayInputStream(fitting)),
                null);
        assertThat(ok.statusCode()).as(ok.body()).isEqualTo(200);
    }
}
