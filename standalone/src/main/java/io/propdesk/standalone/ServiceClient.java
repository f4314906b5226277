package io.propdesk.standalone;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.propdesk.platform.security.DemoUsers;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;

/**
 * The four services over plain HTTP, as their users call them: by default each request carries the demo user the
 * access table names first for its endpoint. The one REST client of the project: the demo loader uses it, and so do
 * the system tests, the benchmark and the reliability command. A refused or cut connection (a service or the broker
 * being restarted) is answered as status 0, so callers can retry it; 5xx answers are counted.
 */
public final class ServiceClient {

    public static final ObjectMapper JSON = new ObjectMapper();

    /** One answer; status 0 means the connection failed and {@code raw} says why. */
    public record Reply(int status, JsonNode body, String raw, String contentType) {

        public boolean ok() {
            return this.status >= 200 && this.status < 300;
        }

        /** A top-level field of the JSON body, or null. */
        public JsonNode get(String field) {
            return this.body == null ? null : this.body.get(field);
        }

        /** A top-level field of the JSON body as text, or null when absent or null. */
        public String text(String field) {
            JsonNode node = get(field);
            return node == null || node.isNull() ? null : node.asText();
        }
    }

    /** The {@code Authorization} header of a request (service, method, path), or null for none. */
    private interface Authorizer {
        String header(String service, String method, String path);
    }

    private final Function<String, String> baseUrls;

    private final HttpClient http;

    private final Authorizer authorizer;

    private final AtomicLong serverErrors;

    private final AtomicLong requests;

    /** @param baseUrls service name to base URL, asked on every call (a restarted service keeps its port) */
    public ServiceClient(Function<String, String> baseUrls) {
        this(
                baseUrls,
                HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build(),
                DemoUsers::authorizationFor,
                new AtomicLong(),
                new AtomicLong());
    }

    private ServiceClient(
            Function<String, String> baseUrls,
            HttpClient http,
            Authorizer authorizer,
            AtomicLong serverErrors,
            AtomicLong requests) {
        this.baseUrls = baseUrls;
        this.http = http;
        this.authorizer = authorizer;
        this.serverErrors = serverErrors;
        this.requests = requests;
    }

    /** A client of a running system. */
    public static ServiceClient of(Running running) {
        return new ServiceClient(running::baseUrl);
    }

    /** The same client (and counts) acting as one demo user, e.g. {@code manager} for a major complaint's callback. */
    public ServiceClient as(String demoUser) {
        return withAuthorization(DemoUsers.basic(DemoUsers.named(demoUser)));
    }

    /** The same client sending no credentials at all. */
    public ServiceClient anonymous() {
        return new ServiceClient(
                this.baseUrls, this.http, (service, method, path) -> null, this.serverErrors, this.requests);
    }

    /** The same client sending this {@code Authorization} header as is. */
    public ServiceClient withAuthorization(String header) {
        return new ServiceClient(
                this.baseUrls, this.http, (service, method, path) -> header, this.serverErrors, this.requests);
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

    public Reply delete(String service, String path) {
        return call(service, "DELETE", path, null);
    }

    /** One request with a JSON body (or none); never throws for an HTTP or connection failure. */
    public Reply call(String service, String method, String path, String body) {
        return call(service, method, path, body, Map.of());
    }

    /**
     * One request with a JSON body (or none) and extra headers, e.g. a phone system's Standard Webhooks signature;
     * never throws for an HTTP or connection failure.
     */
    public Reply call(String service, String method, String path, String body, Map<String, String> headers) {
        this.requests.incrementAndGet();
        try {
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(this.baseUrls.apply(service) + path))
                    .timeout(Duration.ofSeconds(30))
                    .header("Content-Type", "application/json");
            String authorization = this.authorizer.header(service, method, path);
            if (authorization != null) {
                request.header("Authorization", authorization);
            }
            headers.forEach(request::setHeader); // a phone system's form body names its own Content-Type
            request.method(
                    method,
                    body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
            HttpResponse<String> response = this.http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() >= 500) {
                this.serverErrors.incrementAndGet();
            }
            return new Reply(
                    response.statusCode(),
                    json(response.body()),
                    response.body(),
                    response.headers().firstValue("Content-Type").orElse(""));
        } catch (IOException | IllegalStateException e) {
            // connection refused or cut: the service is (re)starting
            return new Reply(0, JSON.nullNode(), String.valueOf(e), "");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Reply(0, JSON.nullNode(), "interrupted", "");
        }
    }

    private static JsonNode json(String body) {
        try {
            return body.isBlank() ? JSON.nullNode() : JSON.readTree(body);
        } catch (IOException notJson) {
            // the metrics scrape, for one
            return JSON.nullNode();
        }
    }

    /** 5xx answers seen so far (by this client and every copy made by {@link #as} and the like). */
    public long serverErrors() {
        return this.serverErrors.get();
    }

    public long requests() {
        return this.requests.get();
    }
}
