package io.propdesk.examples.ami;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Posts CTI events to PropDesk one after the other, in the order the PBX told them, on a thread of its own so that a
 * slow or unreachable PropDesk never holds up the reading of AMI. A 5xx, a 429 or an I/O error is tried again with a
 * doubling pause: safe, because PropDesk takes each (callId, event) once and answers a repeat with 2xx. Any other 4xx
 * is this bridge's mistake (bad credentials, a field PropDesk refuses): logged with PropDesk's answer, then dropped.
 */
final class CtiSender implements Consumer<CtiEvent>, AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(CtiSender.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final CtiEvent STOP = new CtiEvent("", "", null, null, null, null, null, null, null);

    /** Where and how to deliver, and how long to keep trying one event. */
    record Delivery(URI endpoint, CtiAuth auth, int maxAttempts, Duration firstPause, Duration maxPause) {}

    private final Delivery delivery;
    private final HttpClient http;
    private final BlockingQueue<CtiEvent> queue = new LinkedBlockingQueue<>();
    private final Thread worker;

    CtiSender(Delivery delivery) {
        this.delivery = delivery;
        this.http =
                HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        this.worker = new Thread(this::deliverAll, "cti-sender");
        worker.start();
    }

    @Override
    public void accept(CtiEvent event) {
        queue.add(event);
    }

    /** Delivers what is queued (each event as many times as it may be tried), then stops. */
    @Override
    public void close() throws InterruptedException {
        queue.add(STOP);
        worker.join();
    }

    private void deliverAll() {
        try {
            for (CtiEvent event = queue.take(); event != STOP; event = queue.take()) {
                deliver(event);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void deliver(CtiEvent event) throws InterruptedException {
        String body = json(event);
        String messageId = "msg_" + UUID.randomUUID();
        Duration pause = delivery.firstPause();
        for (int attempt = 1; ; attempt++) {
            String failure;
            try {
                HttpRequest.Builder request = HttpRequest.newBuilder(delivery.endpoint())
                        .timeout(Duration.ofSeconds(10))
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(body));
                delivery.auth().apply(request, messageId, body);
                HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
                int status = response.statusCode();
                if (status / 100 == 2) {
                    log.info("{} of call {} delivered ({})", event.event(), event.callId(), status);
                    return;
                }
                if (status / 100 != 5 && status != 429) {
                    log.error(
                            "{} of call {} refused with {}, not retried: {}",
                            event.event(),
                            event.callId(),
                            status,
                            response.body());
                    return;
                }
                failure = "HTTP " + status;
            } catch (IOException e) {
                failure = e.toString();
            }
            if (attempt >= delivery.maxAttempts()) {
                log.error(
                        "{} of call {} given up after {} attempts, last: {}",
                        event.event(),
                        event.callId(),
                        attempt,
                        failure);
                return;
            }
            log.warn(
                    "{} of call {} failed ({}), attempt {} in {}",
                    event.event(),
                    event.callId(),
                    failure,
                    attempt + 1,
                    pause);
            TimeUnit.MILLISECONDS.sleep(pause.toMillis());
            pause = pause.multipliedBy(2).compareTo(delivery.maxPause()) > 0
                    ? delivery.maxPause()
                    : pause.multipliedBy(2);
        }
    }

    private static String json(CtiEvent event) {
        try {
            return JSON.writeValueAsString(event);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a record of strings always serialises", e);
        }
    }
}
