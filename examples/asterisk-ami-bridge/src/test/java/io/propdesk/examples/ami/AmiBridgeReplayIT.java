package io.propdesk.examples.ami;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;

/**
 * The bridge against a replayed AMI transcript ({@code ami-transcript.txt}: six customer calls and an internal one)
 * and a recording HTTP server in PropDesk's place that answers the first request {@code 503}.
 */
class AmiBridgeReplayIT {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static final String DESK = "075512345678";

    /** What PropDesk must receive, in this order: each call's events as Zammad's generic CTI names them. */
    private static final List<Map<String, Object>> EXPECTED = List.of(
            // A: inbound, 1001 answers (DialEnd ANSWER; its BridgeEnter answers nothing twice)
            event("newCall", "1733130000.1", "13800000001", DESK, "in"),
            // B: inbound while A rings
            event("newCall", "1733130005.3", "13800000002", DESK, "in"),
            with(event("answer", "1733130000.1", "13800000001", DESK, "in"), "Wang Fang", "1001", null),
            // B: Q.850 19, no answer: a missed call
            with(event("hangup", "1733130005.3", "13800000002", DESK, "in"), null, null, "noAnswer"),
            with(event("hangup", "1733130000.1", "13800000001", DESK, "in"), "Wang Fang", "1001", "normalClearing"),
            // C: Q.850 17, busy
            event("newCall", "1733130100.5", "13800000003", DESK, "in"),
            with(event("hangup", "1733130100.5", "13800000003", DESK, "in"), null, null, "busy"),
            // D: outbound, the agent who calls is the user
            with(event("newCall", "1733130200.7", "1001", "13900000004", "out"), "Wang Fang", null, null),
            with(event("answer", "1733130200.7", "1001", "13900000004", "out"), "Wang Fang", null, null),
            with(event("hangup", "1733130200.7", "1001", "13900000004", "out"), "Wang Fang", null, "normalClearing"),
            // E: the caller gives up while it rings: Q.850 16 on the caller, DialEnd CANCEL
            event("newCall", "1733130300.9", "13800000005", DESK, "in"),
            with(event("hangup", "1733130300.9", "13800000005", DESK, "in"), null, null, "cancel"),
            // F: picked up by 1002 (*8) while 1001 rang: answered by the bridge the caller shares with 1002
            event("newCall", "1733130400.11", "13800000006", DESK, "in"),
            with(event("answer", "1733130400.11", "13800000006", DESK, "in"), "Li Na", "1002", null),
            with(event("hangup", "1733130400.11", "13800000006", DESK, "in"), "Li Na", "1002", "normalClearing"));

    @Test
    void postsEveryCallsEventsInOrderWithBasicCredentialsAndRetriesA503() throws Exception {
        try (AmiReplayServer ami = new AmiReplayServer("/ami-transcript.txt");
                RecordingCtiServer propdesk = new RecordingCtiServer(1)) {
            List<RecordingCtiServer.Request> requests =
                    runBridge(ami, propdesk, "--user=callcenter", "--password=callcenter-demo", "--first-pause-ms=50");

            assertThat(requests).hasSize(EXPECTED.size() + 1);
            // the first delivery was answered 503 and tried once more, unchanged
            assertThat(requests.get(0).answeredWith()).isEqualTo(503);
            assertThat(requests.get(1).body()).isEqualTo(requests.get(0).body());
            assertThat(requests.subList(1, requests.size()))
                    .extracting(RecordingCtiServer.Request::answeredWith)
                    .containsOnly(201);
            assertThat(delivered(requests)).containsExactlyElementsOf(EXPECTED);

            String basic = "Basic "
                    + Base64.getEncoder().encodeToString("callcenter:callcenter-demo".getBytes(StandardCharsets.UTF_8));
            for (RecordingCtiServer.Request request : requests) {
                assertThat(request.method()).isEqualTo("POST");
                assertThat(request.path()).isEqualTo("/api/cti/events");
                assertThat(request.header("Content-Type")).isEqualTo("application/json");
                assertThat(request.header("Authorization")).isEqualTo(basic);
                assertThat(request.header("webhook-signature")).isNull();
            }

            // logged in as told, with the MD5 challenge (the secret never on the wire), for call events
            Map<String, String> login = ami.actions().stream()
                    .filter(action -> "Login".equalsIgnoreCase(action.get("action")))
                    .findFirst()
                    .orElseThrow();
            assertThat(login).containsEntry("username", "bridge").containsEntry("events", "call");
            assertThat(login.get("key")).isEqualTo(md5Hex("364298109" + "bridge-secret"));
            assertThat(ami.actions()).noneMatch(action -> action.containsValue("bridge-secret"));
            assertThat(ami.failure()).isNull();
        }
    }

    @Test
    void signsEveryRequestTheStandardWebhooksWayAndKeepsTheMessageIdAcrossARetry() throws Exception {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        String secret = "whsec_" + Base64.getEncoder().encodeToString(key);
        try (AmiReplayServer ami = new AmiReplayServer("/ami-transcript.txt");
                RecordingCtiServer propdesk = new RecordingCtiServer(1)) {
            List<RecordingCtiServer.Request> requests =
                    runBridge(ami, propdesk, "--webhook-secret=" + secret, "--first-pause-ms=50");

            assertThat(requests).hasSize(EXPECTED.size() + 1);
            assertThat(delivered(requests)).containsExactlyElementsOf(EXPECTED);
            for (RecordingCtiServer.Request request : requests) {
                String id = request.header("webhook-id");
                String timestamp = request.header("webhook-timestamp");
                assertThat(request.header("Authorization")).isNull();
                assertThat(id).isNotBlank();
                assertThat(Duration.between(Instant.ofEpochSecond(Long.parseLong(timestamp)), Instant.now())
                                .abs())
                        .isLessThan(Duration.ofMinutes(5));
                assertThat(request.header("webhook-signature"))
                        .isEqualTo("v1," + hmacBase64(key, id + "." + timestamp + "." + request.body()));
            }
            // a retry is the same message; every other event is a message of its own
            assertThat(requests.get(1).header("webhook-id"))
                    .isEqualTo(requests.get(0).header("webhook-id"));
            assertThat(requests.subList(1, requests.size()))
                    .extracting(request -> request.header("webhook-id"))
                    .doesNotHaveDuplicates();
        }
    }

    private static List<RecordingCtiServer.Request> runBridge(
            AmiReplayServer ami, RecordingCtiServer propdesk, String... auth) throws Exception {
        String[] args = new String[] {
            "--ami-host=127.0.0.1",
            "--ami-port=" + ami.port(),
            "--ami-user=bridge",
            "--ami-secret=bridge-secret",
            "--propdesk-url=" + propdesk.baseUrl(),
        };
        String[] all = java.util.stream.Stream.concat(java.util.Arrays.stream(args), java.util.Arrays.stream(auth))
                .toArray(String[]::new);
        AmiBridge bridge = AmiBridge.start(BridgeOptions.parse(all, Map.of(), Clock.systemUTC()));
        try {
            awaitTrue(() -> propdesk.requests().size() >= EXPECTED.size() + 1 && bridge.openCalls() == 0);
        } finally {
            bridge.close();
        }
        return propdesk.requests();
    }

    private static List<Map<String, Object>> delivered(List<RecordingCtiServer.Request> requests) throws Exception {
        List<Map<String, Object>> events = new java.util.ArrayList<>();
        for (RecordingCtiServer.Request request : requests) {
            if (request.answeredWith() / 100 == 2) {
                events.add(JSON.readValue(request.body(), new TypeReference<Map<String, Object>>() {}));
            }
        }
        return events;
    }

    private static Map<String, Object> event(String event, String callId, String from, String to, String direction) {
        return Map.of("event", event, "callId", callId, "from", from, "to", to, "direction", direction);
    }

    private static Map<String, Object> with(Map<String, Object> base, String user, String answering, String cause) {
        Map<String, Object> event = new java.util.HashMap<>(base);
        if (user != null) {
            event.put("user", List.of(user));
        }
        if (answering != null) {
            event.put("answeringNumber", answering);
        }
        if (cause != null) {
            event.put("cause", cause);
        }
        return Map.copyOf(event);
    }

    private static void awaitTrue(BooleanSupplier condition) throws InterruptedException {
        Instant deadline = Instant.now().plusSeconds(30);
        while (!condition.getAsBoolean()) {
            assertThat(Instant.now())
                    .as("the bridge delivered everything in time")
                    .isBefore(deadline);
            Thread.sleep(20);
        }
    }

    private static String md5Hex(String text) throws Exception {
        byte[] digest = MessageDigest.getInstance("MD5").digest(text.getBytes(StandardCharsets.UTF_8));
        return String.format("%032x", new BigInteger(1, digest));
    }

    private static String hmacBase64(byte[] key, String content) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(key, "HmacSHA256"));
        return Base64.getEncoder().encodeToString(mac.doFinal(content.getBytes(StandardCharsets.UTF_8)));
    }
}
