package io.propdesk.dispatch.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.propdesk.contracts.PublicEvent;
import io.propdesk.contracts.cloudevents.CloudEventCodec;
import io.propdesk.contracts.cloudevents.CloudEventCodec.Envelope;
import io.propdesk.platform.relay.Relays;
import io.propdesk.platform.security.DemoUsers;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.producer.KafkaProducer;

/** Real HTTP to one running dispatch-service, and other services' events put on the real broker. */
final class DispatchApi implements AutoCloseable {

    static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient http = HttpClient.newHttpClient();
    private final KafkaProducer<String, byte[]> producer;
    private volatile int port;

    DispatchApi(String kafka, int port) {
        this.producer = Relays.producer(kafka);
        this.port = port;
    }

    void port(int port) {
        this.port = port;
    }

    HttpResponse<String> send(String method, String path, String body) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .header("Content-Type", "application/json")
                .header("Authorization", DemoUsers.authorizationFor("dispatch", method, path));
        HttpRequest request =
                (body == null ? b.GET() : b.method(method, HttpRequest.BodyPublishers.ofString(body))).build();
        return http.send(request, HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<String> get(String path) throws Exception {
        return send("GET", path, null);
    }

    HttpResponse<String> post(String path, String body) throws Exception {
        return send("POST", path, body);
    }

    static JsonNode json(HttpResponse<String> response) throws Exception {
        return JSON.readTree(response.body());
    }

    /** Publishes an event as its producing service would; each delivery gets its own CloudEvent id. */
    void publish(String topic, PublicEvent event, Instant time) throws ExecutionException, InterruptedException {
        producer.send(CloudEventCodec.toRecord(topic, Envelope.of("ce-" + UUID.randomUUID(), time, event)))
                .get();
    }

    @Override
    public void close() {
        producer.close();
    }
}
