package io.propdesk.platform.security.webhook;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Standard Webhooks signatures: HMAC-SHA256 over {@code <webhook-id>.<webhook-timestamp>.<raw body>} with a secret
 * written as {@code whsec_<base64 of the key bytes>}, sent as {@code v1,<base64 of the MAC>} (several, space-separated,
 * while a sender rotates its secret). The timestamp is Unix seconds and must be within the tolerance of now, in either
 * direction, so a captured request cannot be sent again later.
 */
public final class WebhookSignature {

    public static final String ID = "webhook-id";
    public static final String TIMESTAMP = "webhook-timestamp";
    public static final String SIGNATURE = "webhook-signature";

    private static final String SECRET_PREFIX = "whsec_";
    private static final String VERSION = "v1,";

    private WebhookSignature() {}

    /** The key bytes of a {@code whsec_<base64>} secret (the prefix is optional); refused when not base64. */
    public static byte[] key(String secret) {
        if (secret == null || secret.isBlank()) {
            throw new IllegalArgumentException("a webhook secret must not be empty");
        }
        String encoded = secret.trim().startsWith(SECRET_PREFIX)
                ? secret.trim().substring(SECRET_PREFIX.length())
                : secret.trim();
        byte[] key = Base64.getDecoder().decode(encoded);
        if (key.length < 16) {
            throw new IllegalArgumentException("a webhook secret needs at least 16 bytes of key, has " + key.length);
        }
        return key;
    }

    /** The {@code webhook-signature} value a sender holding this key sends for this message. */
    public static String sign(byte[] key, String id, long timestamp, byte[] body) {
        return VERSION + Base64.getEncoder().encodeToString(mac(key, id, Long.toString(timestamp), body));
    }

    /**
     * The name of the integration whose key signed the message; {@link WebhookRejected} saying why not otherwise.
     * Every {@code v1} signature of the header is tried against every key, compared in constant time.
     */
    public static String verify(
            Map<String, byte[]> keys,
            String id,
            String timestamp,
            String signatures,
            byte[] body,
            Instant now,
            Duration tolerance) {
        if (id == null || id.isBlank()) {
            throw new WebhookRejected(ID, "the webhook-id header is missing");
        }
        if (signatures == null || signatures.isBlank()) {
            throw new WebhookRejected(SIGNATURE, "the webhook-signature header is missing");
        }
        long seconds;
        try {
            seconds = Long.parseLong(timestamp == null ? "" : timestamp.trim());
        } catch (NumberFormatException e) {
            throw new WebhookRejected(TIMESTAMP, "the webhook-timestamp header must be Unix seconds");
        }
        long skew = Math.abs(now.getEpochSecond() - seconds);
        if (skew > tolerance.toSeconds()) {
            throw new WebhookRejected(
                    TIMESTAMP,
                    "the webhook-timestamp is " + skew + " s away from now; at most " + tolerance.toSeconds()
                            + " s are accepted");
        }
        for (Map.Entry<String, byte[]> key : keys.entrySet()) {
            byte[] expected = mac(key.getValue(), id, timestamp.trim(), body);
            for (String candidate : signatures.trim().split("\\s+")) {
                if (!candidate.startsWith(VERSION)) {
                    continue;
                }
                byte[] given;
                try {
                    given = Base64.getDecoder().decode(candidate.substring(VERSION.length()));
                } catch (IllegalArgumentException notBase64) {
                    continue;
                }
                if (MessageDigest.isEqual(expected, given)) {
                    return key.getKey();
                }
            }
        }
        throw new WebhookRejected(SIGNATURE, "no v1 signature matches the body under any configured secret");
    }

    private static byte[] mac(byte[] key, String id, String timestamp, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            mac.update((id + "." + timestamp + ".").getBytes(StandardCharsets.UTF_8));
            return mac.doFinal(body);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA256 is not available", e);
        }
    }
}
