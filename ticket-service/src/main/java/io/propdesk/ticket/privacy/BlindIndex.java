package io.propdesk.ticket.privacy;

import io.propdesk.platform.security.StaffSecurityProperties;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * The keyed blind index of phone numbers: HMAC-SHA256 of the E.164 number under a server secret, so a sealed number
 * can be found again by an {@code _id} lookup without storing it in the clear. Never a plain hash: the number space is
 * small enough that anyone holding the database could hash every number and read the index back; without the secret
 * they cannot.
 */
@Component
public class BlindIndex {

    /** Documented, never secret: used in demo mode only, when no secret is configured. */
    public static final String DEMO_SECRET = "propdesk-demo-blind-index-secret-not-for-production";

    static final int MIN_SECRET_LENGTH = 32;
    private static final String ALGORITHM = "HmacSHA256";
    private static final Logger log = LoggerFactory.getLogger(BlindIndex.class);

    private final SecretKeySpec key;

    @Autowired
    public BlindIndex(PrivacyProperties properties, StaffSecurityProperties security) {
        this(secretFor(properties.blindIndexSecret(), security.getMode()));
    }

    public BlindIndex(String secret) {
        if (secret == null || secret.length() < MIN_SECRET_LENGTH) {
            throw new IllegalStateException(
                    "propdesk.privacy.blind-index-secret must be at least " + MIN_SECRET_LENGTH + " characters");
        }
        this.key = new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), ALGORITHM);
    }

    private static String secretFor(String configured, StaffSecurityProperties.Mode mode) {
        if (configured != null && !configured.isBlank()) {
            return configured;
        }
        if (mode == StaffSecurityProperties.Mode.DEMO) {
            log.warn("propdesk.privacy.blind-index-secret is not set: demo mode uses the documented demo secret");
            return DEMO_SECRET;
        }
        throw new IllegalStateException("propdesk.security.mode=jwt needs propdesk.privacy.blind-index-secret"
                + " (environment variable PROPDESK_PRIVACY_BLIND_INDEX_SECRET): the server secret of the phone-number"
                + " blind index, at least " + MIN_SECRET_LENGTH + " characters, kept like a password");
    }

    /** The index value of an E.164 number (normalise it first: the same number in another form is another value). */
    public String of(String e164) {
        if (e164 == null || !e164.startsWith("+")) {
            throw new IllegalArgumentException("the blind index takes an E.164 number");
        }
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(key);
            byte[] digest = mac.doFinal(e164.getBytes(StandardCharsets.UTF_8));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA256 is not available", e);
        }
    }
}
