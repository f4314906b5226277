package io.propdesk.examples.ami;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class CtiAuthTest {

    /** printf '%s' 'msg_1.1764676800.{"event":"newCall"}' | openssl dgst -sha256 -hmac 'propdesk-demo-secret' -binary | base64 */
    private static final String OPENSSL_SIGNATURE = "e+rdS4vhViee38BiEr/uBbTZwhLiSU4f413uR8+c3q0=";

    private static final URI ENDPOINT = URI.create("http://localhost:8081/api/cti/events");

    @Test
    void signsIdDotTimestampDotBodyWithTheSecretsKeyAndTheTimeOfTheAttempt() {
        // the key is the base64 after "whsec_": here the bytes of "propdesk-demo-secret"
        Clock clock = Clock.fixed(Instant.parse("2025-12-02T12:00:00Z"), ZoneOffset.UTC);
        CtiAuth auth = CtiAuth.Signed.of("whsec_cHJvcGRlc2stZGVtby1zZWNyZXQ=", clock);

        HttpHeaders headers = headers(auth, "msg_1", "{\"event\":\"newCall\"}");

        assertThat(headers.firstValue("webhook-id")).contains("msg_1");
        assertThat(headers.firstValue("webhook-timestamp")).contains("1764676800");
        assertThat(headers.firstValue("webhook-signature")).contains("v1," + OPENSSL_SIGNATURE);
        assertThat(headers.firstValue("Authorization")).isEmpty();
    }

    @Test
    void anotherBodyOrSecretGivesAnotherSignature() {
        Clock clock = Clock.fixed(Instant.parse("2025-12-02T12:00:00Z"), ZoneOffset.UTC);
        CtiAuth auth = CtiAuth.Signed.of("whsec_cHJvcGRlc2stZGVtby1zZWNyZXQ=", clock);
        CtiAuth otherSecret = CtiAuth.Signed.of("whsec_b3RoZXItc2VjcmV0", clock);

        assertThat(headers(auth, "msg_1", "{\"event\":\"answer\"}").firstValue("webhook-signature"))
                .isNotEqualTo(headers(auth, "msg_1", "{\"event\":\"newCall\"}").firstValue("webhook-signature"));
        assertThat(headers(otherSecret, "msg_1", "{\"event\":\"newCall\"}").firstValue("webhook-signature"))
                .isNotEqualTo(headers(auth, "msg_1", "{\"event\":\"newCall\"}").firstValue("webhook-signature"));
    }

    @Test
    void basicSendsTheIntegrationUsersCredentials() {
        HttpHeaders headers = headers(new CtiAuth.Basic("callcenter", "callcenter-demo"), "msg_1", "{}");

        assertThat(headers.firstValue("Authorization")).contains("Basic Y2FsbGNlbnRlcjpjYWxsY2VudGVyLWRlbW8=");
        assertThat(headers.firstValue("webhook-signature")).isEmpty();
    }

    private static HttpHeaders headers(CtiAuth auth, String id, String body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(ENDPOINT);
        auth.apply(request, id, body);
        return request.POST(HttpRequest.BodyPublishers.ofString(body)).build().headers();
    }
}
