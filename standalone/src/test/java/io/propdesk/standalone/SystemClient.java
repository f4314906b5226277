package io.propdesk.standalone;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.function.Predicate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.propdesk.platform.security.DemoUsers;

/** The four services through REST only, as the front desk, stewards, departments and billing use them. */
public final class SystemClient {

    public static final ObjectMapper JSON = new ObjectMapper();

    public record Reply(int status, JsonNode body, String raw) {
        public JsonNode get(String field) {
            return body.get(field);
        }
    }

    private final Running system;
    private final HttpClient http = HttpClient.newHttpClient();
    /** The {@code Authorization} header of a request (service, method, path), or null for none. */
    private final Authorizer authorizer;

    private interface Authorizer {
        String header(String service, String method, String path);
    }

    /** A client acting as whoever the access table names first for each endpoint. */
    public SystemClient(Running system) {
        this(system, DemoUsers::authorizationFor);
    }

    private SystemClient(Running system, Authorizer authorizer) {
        this.system = system;
        this.authorizer = authorizer;
    }

    /** The same client acting as one demo user ({@code manager}, {@code engineering}, ...). */
    public SystemClient as(String demoUser) {
        String header = DemoUsers.basic(DemoUsers.named(demoUser));
        return new SystemClient(system, (service, method, path) -> header);
    }

    /** The same client sending no credentials at all. */
    public SystemClient anonymous() {
        return new SystemClient(system, (service, method, path) -> null);
    }

    /** The same client sending this {@code Authorization} header as is. */
    public SystemClient withAuthorization(String header) {
        return new SystemClient(system, (service, method, path) -> header);
    }

    public Reply call(String service, String method, String path, String body) {
        try {
            HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(system.baseUrl(service) + path))
                    .header("Content-Type", "application/json");
            String authorization = authorizer.header(service, method, path);
            if (authorization != null) {
                b.header("Authorization", authorization);
            }
            HttpResponse<String> r = http.send((body == null && method.equals("GET") ? b.GET() : body == null
                    ? b.method(method, HttpRequest.BodyPublishers.noBody())
                    : b.method(method, HttpRequest.BodyPublishers.ofString(body))).build(),
                    HttpResponse.BodyHandlers.ofString());
            JsonNode json;
            try {
                json = r.body().isBlank() ? JSON.nullNode() : JSON.readTree(r.body());
            } catch (java.io.IOException notJson) { // the metrics scrape, for one
                json = JSON.nullNode();
            }
            return new Reply(r.statusCode(), json, r.body());
        } catch (Exception e) {
            throw new IllegalStateException(method + " " + service + path + ": " + e, e);
        }
    }

    public Reply get(String service, String path) {
        return call(service, "GET", path, null);
    }

    public Reply post(String service, String path, String body) {
        return call(service, "POST", path, body);
    }

    public Reply delete(String service, String path) {
        return call(service, "DELETE", path, null);
    }

    public Reply put(String service, String path, String body) {
        return call(service, "PUT", path, body);
    }

    /** Repeats the request until its answer satisfies {@code until}: the services learn from each other via Kafka. */
    public Reply eventually(Predicate<Reply> until, java.util.function.Supplier<Reply> request) {
        Reply[] last = new Reply[1];
        try {
            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200)).until(() -> {
                last[0] = request.get();
                return until.test(last[0]);
            });
        } catch (org.awaitility.core.ConditionTimeoutException e) {
            throw new AssertionError("never got the expected answer; the last one was "
                    + (last[0] == null ? "none" : last[0].status() + " " + last[0].raw()), e);
        }
        return last[0];
    }

    public static Predicate<Reply> status(int... expected) {
        return r -> {
            for (int s : expected) {
                if (r.status() == s) {
                    return true;
                }
            }
            return false;
        };
    }

    public static void expect(Reply reply, int status) {
        assertThat(reply.status()).as(reply.raw()).isEqualTo(status);
    }
}
