package io.propdesk.platform.security;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.propdesk.embedded.SharedInfrastructureInitializer;
import io.propdesk.platform.testapp.CounterApp;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.interfaces.RSAPrivateKey;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ContextConfiguration;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Production authentication (issue 9): the service is an OAuth2 resource server that accepts only JWTs signed by its
 * issuer's key, within their lifetime, made for its audience (issue 15 item 15), and takes the roles from the
 * configured claim. The key here is generated for the test; production names the issuer
 * ({@code spring.security.oauth2.resourceserver.jwt.issuer-uri}).
 */
@SpringBootTest(
        classes = CounterApp.class,
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "spring.data.mongodb.database=jwt_it",
            "propdesk.security.mode=jwt",
            "propdesk.security.jwt.audience=" + JwtResourceServerIT.AUDIENCE
        })
@ContextConfiguration(initializers = SharedInfrastructureInitializer.class)
class JwtResourceServerIT {

    static final String AUDIENCE = "propdesk";
    private static final JsonMapper JSON = new JsonMapper();
    private static final KeyPair ISSUER = rsa();
    private static final KeyPair STRANGER = rsa();

    @DynamicPropertySource
    static void issuerKey(DynamicPropertyRegistry registry) throws Exception {
        Path pem = Files.createTempFile("issuer", ".pem");
        Files.writeString(
                pem,
                "-----BEGIN PUBLIC KEY-----\n"
                        + Base64.getMimeEncoder()
                                .encodeToString(ISSUER.getPublic().getEncoded()) + "\n-----END PUBLIC KEY-----\n");
        registry.add("spring.security.oauth2.resourceserver.jwt.public-key-location", () -> "file:" + pem);
    }

    @LocalServerPort
    int port;

    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void aTokenOfTheIssuerWithAnAdmittedRoleIsAccepted() throws Exception {
        assertThat(increment(token(ISSUER, Map.of("roles", List.of("ADMIN")), 300))
                        .statusCode())
                .isEqualTo(202);
    }

    @Test
    void aTokenWithARoleTheEndpointDoesNotAdmitIs403() throws Exception {
        HttpResponse<String> response = increment(token(ISSUER, Map.of("roles", List.of("FRONT_DESK")), 300));
        assertThat(response.statusCode()).isEqualTo(403);
        assertThat(response.body()).contains("needs one of: ADMIN");
    }

    @Test
    void noTokenAForeignKeyOrAnExpiredTokenIs401() throws Exception {
        assertThat(increment(null).statusCode()).isEqualTo(401);
        assertThat(increment(null).headers().firstValue("WWW-Authenticate"))
                .hasValueSatisfying(v -> assertThat(v).startsWith("Bearer"));
        assertThat(increment(token(STRANGER, Map.of("roles", List.of("ADMIN")), 300))
                        .statusCode())
                .isEqualTo(401);
        assertThat(increment(token(ISSUER, Map.of("roles", List.of("ADMIN")), -120))
                        .statusCode())
                .isEqualTo(401);
    }

    @Test
    void aTokenOfTheSameIssuerForAnotherAudienceIs401_issue15_item15() throws Exception {
        HttpResponse<String> foreign =
                increment(token(ISSUER, Map.of("roles", List.of("ADMIN"), "aud", List.of("billing-portal")), 300));
        assertThat(foreign.statusCode()).isEqualTo(401);
        assertThat(foreign.body()).contains("audience");
        assertThat(increment(tokenWithoutAudience(Map.of("roles", List.of("ADMIN"))))
                        .statusCode())
                .isEqualTo(401);
        // one of several audiences is enough
        assertThat(increment(token(
                                ISSUER,
                                Map.of("roles", List.of("ADMIN"), "aud", List.of("billing-portal", AUDIENCE)),
                                300))
                        .statusCode())
                .isEqualTo(202);
    }

    @Test
    void refusalsAreProblemsWithThePathAsInstanceAndTopLevelExtensions_issue15_item10() throws Exception {
        HttpResponse<String> forbidden = increment(token(ISSUER, Map.of("roles", List.of("FRONT_DESK")), 300));
        assertThat(forbidden.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        JsonNode problem = JSON.readTree(forbidden.body());
        assertThat(problem.get("status").asInt()).isEqualTo(403);
        assertThat(problem.get("instance").asText())
                .startsWith("/api/counters/jwt-")
                .endsWith("/increments");
        assertThat(problem.get("requiredRoles")).isNotNull();
        assertThat(problem.get("requiredRoles").get(0).asText()).isEqualTo("ADMIN");
        assertThat(problem.has("properties")).isFalse();

        HttpResponse<String> unauthorized = increment(null);
        JsonNode anonymous = JSON.readTree(unauthorized.body());
        assertThat(anonymous.get("status").asInt()).isEqualTo(401);
        assertThat(anonymous.get("instance").asText()).startsWith("/api/counters/jwt-");
        assertThat(anonymous.has("properties")).isFalse();
        assertThat(unauthorized.body()).doesNotContain("null");
    }

    @Test
    void healthStaysOpenWithTheStatusOnlyAndDetailsForAdmin_issue15_item5() throws Exception {
        for (String path : List.of("/actuator/health", "/actuator/health/liveness", "/actuator/health/readiness")) {
            HttpResponse<String> anonymous = health(path, null);
            assertThat(anonymous.statusCode()).as(path).isEqualTo(200);
            JsonNode status = JSON.readTree(anonymous.body());
            assertThat(status.get("status").asText()).as(path).isEqualTo("UP");
            // the status, and at most the names of the probe groups
            assertThat(status.properties())
                    .extracting(java.util.Map.Entry::getKey)
                    .as(path + ": " + anonymous.body())
                    .isSubsetOf("status", "groups");
            HttpResponse<String> notAdmin = health(path, token(ISSUER, Map.of("roles", List.of("FRONT_DESK")), 300));
            assertThat(JSON.readTree(notAdmin.body()).properties())
                    .extracting(java.util.Map.Entry::getKey)
                    .as(path + " for FRONT_DESK")
                    .isSubsetOf("status", "groups");
        }
        JsonNode admin = JSON.readTree(health("/actuator/health", token(ISSUER, Map.of("roles", List.of("ADMIN")), 300))
                .body());
        assertThat(admin.at("/components/mongo/status").asText()).isEqualTo("UP");
        assertThat(admin.at("/components/kafka/status").asText()).isEqualTo("UP");
    }

    private HttpResponse<String> health(String path, String token) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .GET();
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> increment(String token) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(
                        "http://localhost:" + port + "/api/counters/jwt-" + System.nanoTime() + "/increments"))
                .header("Content-Type", "application/json");
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        return http.send(
                b.POST(HttpRequest.BodyPublishers.ofString("{\"who\":\"jwt\",\"by\":1}"))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** A token for this service's audience unless the claims name another. */
    static String token(KeyPair key, Map<String, Object> claims, long validSeconds) throws Exception {
        Map<String, Object> withAudience = new java.util.HashMap<>(Map.of("aud", List.of(AUDIENCE)));
        withAudience.putAll(claims);
        return signed(key, withAudience, validSeconds);
    }

    private static String tokenWithoutAudience(Map<String, Object> claims) throws Exception {
        return signed(ISSUER, claims, 300);
    }

    private static String signed(KeyPair key, Map<String, Object> claims, long validSeconds) throws Exception {
        JWTClaimsSet.Builder set = new JWTClaimsSet.Builder()
                .subject("user-1")
                .issueTime(new Date())
                .expirationTime(Date.from(Instant.now().plusSeconds(validSeconds)));
        claims.forEach(set::claim);
        SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.RS256), set.build());
        jwt.sign(new RSASSASigner((RSAPrivateKey) key.getPrivate()));
        return jwt.serialize();
    }

    private static KeyPair rsa() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            return generator.generateKeyPair();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
