package io.propdesk.platform.security.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

class WebhookSignatureTest {

    // the worked example of docs/integrating.md ("Connect your phone system"): if this changes, the doc is wrong
    static final String DOC_SECRET = "whsec_cHJvcGRlc2stZGVtby13ZWJob29rLXNlY3JldC0zMmI=";
    static final String DOC_ID = "msg_2f9c0e1a";
    static final long DOC_TIMESTAMP = 1798794000L;
    static final String DOC_BODY = "{\"event\":\"newCall\",\"callId\":\"call-4711\",\"from\":\"13800000000\","
            + "\"to\":\"4008001234\",\"direction\":\"in\",\"user\":[\"desk\"]}";
    static final String DOC_SIGNATURE = "v1,cYc7sYLK9T06+FTdmV0CWEn9ZL+MH++WosvQk/RTeMU=";

    private static final Duration FIVE_MINUTES = Duration.ofMinutes(5);
    private static final Instant NOW = Instant.ofEpochSecond(DOC_TIMESTAMP);
    private static final Map<String, byte[]> KEYS = Map.of("pbx", WebhookSignature.key(DOC_SECRET));

    private static byte[] body() {
        return DOC_BODY.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void theDocumentedExampleSignsAsTheDocSays() {
        assertThat(WebhookSignature.sign(WebhookSignature.key(DOC_SECRET), DOC_ID, DOC_TIMESTAMP, body()))
                .isEqualTo(DOC_SIGNATURE);
        assertThat(WebhookSignature.verify(
                        KEYS, DOC_ID, Long.toString(DOC_TIMESTAMP), DOC_SIGNATURE, body(), NOW, FIVE_MINUTES))
                .isEqualTo("pbx");
    }

    @Test
    void oneMatchingSignatureAmongSeveralIsEnough() {
        String header = "v1,AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA= v1a,whatever " + DOC_SIGNATURE;
        assertThat(WebhookSignature.verify(
                        KEYS, DOC_ID, Long.toString(DOC_TIMESTAMP), header, body(), NOW, FIVE_MINUTES))
                .isEqualTo("pbx");
    }

    @Test
    void aChangedBodyIsRefusedNamingTheSignature() {
        byte[] tampered = DOC_BODY.replace("13800000000", "13900000000").getBytes(StandardCharsets.UTF_8);
        assertThatThrownBy(() -> WebhookSignature.verify(
                        KEYS, DOC_ID, Long.toString(DOC_TIMESTAMP), DOC_SIGNATURE, tampered, NOW, FIVE_MINUTES))
                .isInstanceOfSatisfying(
                        WebhookRejected.class, e -> assertThat(e.header()).isEqualTo(WebhookSignature.SIGNATURE));
    }

    @Test
    void anotherIntegrationsSecretDoesNotVerify() {
        Map<String, byte[]> other = Map.of("other", WebhookSignature.key("whsec_MDEyMzQ1Njc4OWFiY2RlZjAxMjM0NTY3"));
        assertThatThrownBy(() -> WebhookSignature.verify(
                        other, DOC_ID, Long.toString(DOC_TIMESTAMP), DOC_SIGNATURE, body(), NOW, FIVE_MINUTES))
                .isInstanceOf(WebhookRejected.class);
    }

    @Test
    void aTimestampMoreThanFiveMinutesOldOrAheadIsRefused() {
        for (Instant now : new Instant[] {NOW.plusSeconds(301), NOW.minusSeconds(301)}) {
            assertThatThrownBy(() -> WebhookSignature.verify(
                            KEYS, DOC_ID, Long.toString(DOC_TIMESTAMP), DOC_SIGNATURE, body(), now, FIVE_MINUTES))
                    .isInstanceOfSatisfying(
                            WebhookRejected.class, e -> assertThat(e.header()).isEqualTo(WebhookSignature.TIMESTAMP));
        }
        assertThat(WebhookSignature.verify(
                        KEYS,
                        DOC_ID,
                        Long.toString(DOC_TIMESTAMP),
                        DOC_SIGNATURE,
                        body(),
                        NOW.plusSeconds(300),
                        FIVE_MINUTES))
                .isEqualTo("pbx");
    }

    @Test
    void missingHeadersAreRefusedByName() {
        assertThatThrownBy(() -> WebhookSignature.verify(
                        KEYS, null, Long.toString(DOC_TIMESTAMP), DOC_SIGNATURE, body(), NOW, FIVE_MINUTES))
                .isInstanceOfSatisfying(
                        WebhookRejected.class, e -> assertThat(e.header()).isEqualTo(WebhookSignature.ID));
        assertThatThrownBy(
                        () -> WebhookSignature.verify(KEYS, DOC_ID, "soon", DOC_SIGNATURE, body(), NOW, FIVE_MINUTES))
                .isInstanceOfSatisfying(
                        WebhookRejected.class, e -> assertThat(e.header()).isEqualTo(WebhookSignature.TIMESTAMP));
        assertThatThrownBy(() -> WebhookSignature.verify(
                        KEYS, DOC_ID, Long.toString(DOC_TIMESTAMP), " ", body(), NOW, FIVE_MINUTES))
                .isInstanceOfSatisfying(
                        WebhookRejected.class, e -> assertThat(e.header()).isEqualTo(WebhookSignature.SIGNATURE));
    }

    @Test
    void aSecretThatIsNotBase64OrTooShortIsRefused() {
        assertThatThrownBy(() -> WebhookSignature.key("whsec_not base64!"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> WebhookSignature.key("whsec_c2hvcnQ=")).isInstanceOf(IllegalArgumentException.class);
    }
}
