package io.propdesk.examples.ami;

import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Clock;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** How the bridge proves itself to PropDesk: the INTEGRATION role's Basic credentials, or a signed webhook. */
sealed interface CtiAuth {

    /** Adds the credentials of one delivery attempt of the message {@code messageId} with this body. */
    void apply(HttpRequest.Builder request, String messageId, String body);

    /** HTTP Basic as a user with the INTEGRATION role (the standalone system's demo user {@code callcenter}). */
    record Basic(String user, String password) implements CtiAuth {
        @Override
        public void apply(HttpRequest.Builder request, String messageId, String body) {
            String token = Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
            request.header("Authorization", "Basic " + token);
        }
    }

    /**
     * Standard Webhooks: {@code webhook-signature: v1,<base64 HMAC-SHA256 of "id.timestamp.body">} under the
     * integration's secret, given as {@code whsec_<base64 key>}. The id stays the same across retries of one message
     * (the receiver may refuse a replayed id it already accepted); the timestamp is the time of each attempt, so a
     * retry after a long outage still falls within the receiver's tolerance.
     */
    record Signed(byte[] key, Clock clock) implements CtiAuth {

        static Signed of(String secret, Clock clock) {
            String encoded = secret.startsWith("whsec_") ? secret.substring("whsec_".length()) : secret;
            return new Signed(Base64.getDecoder().decode(encoded), clock);
        }

        @Override
        public void apply(HttpRequest.Builder request, String messageId, String body) {
            String timestamp = Long.toString(clock.instant().getEpochSecond());
            request.header("webhook-id", messageId)
                    .header("webhook-timestamp", timestamp)
                    .header("webhook-signature", "v1," + sign(messageId + "." + timestamp + "." + body));
        }

        private String sign(String content) {
            try {
                Mac mac = Mac.getInstance("HmacSHA256");
                mac.init(new SecretKeySpec(key, "HmacSHA256"));
                return Base64.getEncoder().encodeToString(mac.doFinal(content.getBytes(StandardCharsets.UTF_8)));
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
            }
        }
    }
}
