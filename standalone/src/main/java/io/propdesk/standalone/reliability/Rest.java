package io.propdesk.standalone.reliability;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.propdesk.platform.security.DemoUsers;

/**
 * Plain HTTP to the services, counting every 5xx answer (the figure "5xx seen"). A refused or cut connection
 * (a service or the broker being restarted) is answered as status 0, so callers can retry it.
 */
public final class Rest {

    static final ObjectMapper JSON = new ObjectMapper();

    /** One answer; status 0 means the connection failed. */
    public record Reply(int status, JsonNode body, String raw) {

        public boolean ok() {
            return status >= 200 && status < 300;
        }

        public String text(String field) {
            JsonNode node = body == null ? null : body.get(field);
            return node == null || node.isNull() ? null : node.asText();
        }
    }

    private final Function<String, String> baseUrls;

    private final HttpClient http;

    private final AtomicLong serverErrors;

    private final AtomicLong requests;

    /** The demo user every call is made as; null: whoever the access table names first for the endpoint. */
    private final String user;

    /** @param baseUrls service name to base URL, asked on every call (a restarted service keeps its port) */
    public Rest(Function<String, String> baseUrls) {
        this(baseUrls, HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build(), new AtomicLong(),
                new AtomicLong(), null);
    }

    private Rest(Function<String, String> baseUrls, HttpClient http, AtomicLong serverErrors, AtomicLong requests,
                 String user) {
        this.baseUrls = baseUrls;
        this.http = http;
        this.serverErrors = serverErrors;
        this.requests = requests;
        this.user = user;
    }

    /** The same client (and counts) acting as one demo user, e.g. {@code manager} for a major complaint's callback (C2). */
    public Rest as(String demoUser) {
        return new Rest(baseUrls, http, serverErrors, requests, demoUser);
    }

    public Reply get(String service, String path) {
        return call(service, "GET", path, null);
    }

    public Reply post(String service, String path, String body) {
        return call(service, "POST", path, body);
    }

    public Reply put(String service, String path, String body) {
        return call(service, "PUT", path, body);
    }

    public Reply call(String service, String method, String path, String body) {
        requests.incrementAndGet();
        try {
            HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(baseUrls.apply(service) + path))
                    .timeout(Duration.ofSeconds(30)).header("Content-Type", "application/json")
                    .header("Authorization", user == null ? DemoUsers.authorizationFor(service, method, path)
                            : DemoUsers.basic(DemoUsers.named(user)));
            HttpRequest request = (body == null ? b.GET()
                    : b.method(method, HttpRequest.BodyPublishers.ofString(body))).build();
            HttpResponse<String> r = http.send(request, HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() >= 500) {
                serverErrors.incrementAndGet();
            }
            JsonNode json;
            try {
                json = r.body().isBlank() ? JSON.nullNode() : JSON.readTree(r.body());
            } catch (IOException notJson) {
                json = JSON.nullNode();
            }
            return new Reply(r.statusCode(), json, r.body());
        } catch (IOException | IllegalStateException e) {
            // connection refused or cut: the service is (re)starting
            return new Reply(0, JSON.nullNode(), String.valueOf(e));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Reply(0, JSON.nullNode(), "interrupted");
        }
    }

    /** 5xx answers seen so far. */
    public long serverErrors() {
        return serverErrors.get();
    }

    public long requests() {
        return requests.get();
    }
}
