package io.propdesk.console.services;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.propdesk.console.ConsoleProperties;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.stereotype.Component;
import org.springframework.web.client.ResourceAccessException;
import org.springframework.web.client.RestClient;

/**
 * The console's only way to the data: the four services' public REST APIs, called as the signed-in person (their
 * {@link ServiceCredentials}, from {@link CurrentPerson}), so each service's role table decides what they may read and
 * do. Every call is timed as {@code propdesk.console.service.calls} by service, method and status.
 */
@Component
public class ServiceApi {

    private static final Logger log = LoggerFactory.getLogger(ServiceApi.class);

    private final ConsoleProperties properties;
    private final ObjectMapper json;
    private final MeterRegistry meters;
    private final Supplier<ServiceCredentials> current;
    private final RestClient client;
    private final Map<String, Timer> timers = new ConcurrentHashMap<>();

    /**
     * @param builder Spring Boot's, so the calls carry the trace context to the services (one trace from the click to
     *     the events)
     */
    public ServiceApi(
            ConsoleProperties properties,
            ObjectMapper json,
            MeterRegistry meters,
            CurrentPerson person,
            RestClient.Builder builder) {
        this.properties = properties;
        this.json = json;
        this.meters = meters;
        this.current = person::credentials;
        JdkClientHttpRequestFactory requests = new JdkClientHttpRequestFactory(HttpClient.newBuilder()
                .connectTimeout(properties.requestTimeout())
                .followRedirects(HttpClient.Redirect.NEVER)
                .build());
        requests.setReadTimeout(properties.requestTimeout());
        this.client = builder.requestFactory(requests).build();
    }

    /** {@code GET} as the signed-in person; {@code pathAndQuery} is already encoded. */
    public Answer get(String service, String pathAndQuery) {
        return call(current.get(), HttpMethod.GET, service, pathAndQuery, null);
    }

    /** {@code POST} of a JSON body as the signed-in person. */
    public Answer post(String service, String path, Object body) {
        return call(current.get(), HttpMethod.POST, service, path, body);
    }

    /** {@code PUT} of a JSON body as the signed-in person (a whole configuration: an estate, a team, a price list). */
    public Answer put(String service, String path, Object body) {
        return call(current.get(), HttpMethod.PUT, service, path, body);
    }

    /** One call with the given credentials (the login form checks a password this way). */
    public Answer call(
            ServiceCredentials credentials, HttpMethod method, String service, String pathAndQuery, Object body) {
        URI uri = URI.create(properties.service(service).toString().replaceAll("/+$", "") + pathAndQuery);
        long t0 = System.nanoTime();
        Answer answer;
        try {
            RestClient.RequestBodySpec request = client.method(method)
                    .uri(uri)
                    .header(HttpHeaders.AUTHORIZATION, credentials.authorization())
                    .accept(MediaType.APPLICATION_JSON, MediaType.APPLICATION_PROBLEM_JSON);
            if (body != null) {
                request.contentType(MediaType.APPLICATION_JSON).body(body);
            }
            answer = request.exchange((req, res) -> new Answer(
                    res.getStatusCode().value(),
                    read(res.getBody()),
                    res.getHeaders().getFirst(HttpHeaders.LOCATION),
                    Answer.nextOf(res.getHeaders().getOrEmpty(HttpHeaders.LINK))));
        } catch (ResourceAccessException e) {
            // the path only: a query may carry a phone number
            log.warn("{} {} on {} did not answer: {}", method, uri.getPath(), service, e.getMessage());
            answer = new Answer(
                    Answer.UNREACHABLE,
                    json.createObjectNode().put("title", "Service Unavailable").put("detail", service + "-service"),
                    null);
        }
        timer(service, method, answer.status())
                .record(System.nanoTime() - t0, java.util.concurrent.TimeUnit.NANOSECONDS);
        return answer;
    }

    private JsonNode read(InputStream body) throws IOException {
        byte[] bytes = body.readAllBytes();
        if (bytes.length == 0) {
            return null;
        }
        try {
            return json.readTree(bytes);
        } catch (IOException e) {
            return json.createObjectNode().put("detail", "the service answered something that is not JSON");
        }
    }

    private Timer timer(String service, HttpMethod method, int status) {
        String key = service + " " + method + " " + status;
        return timers.computeIfAbsent(
                key,
                k -> Timer.builder("propdesk.console.service.calls")
                        .description("Calls from the console to a service's REST API, made for the signed-in person")
                        .tag("service", service)
                        .tag("method", method.name())
                        .tag("status", status == Answer.UNREACHABLE ? "unreachable" : Integer.toString(status))
                        .register(meters));
    }
}
