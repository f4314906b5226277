package io.propdesk.ticket.privacy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Iterator;
import java.util.Map;
import java.util.Optional;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.springframework.stereotype.Component;

/**
 * Owners' names and phone numbers, sealed with their owner's key before they are stored or published
 * ({@code pii:v1:<keyId>:<base64 of iv, ciphertext and tag>}, AES-256-GCM with the key id as associated data), and
 * opened again only by ticket-service, on the way out to a caller with a role that may see them. A value whose key was
 * destroyed opens as {@link #ERASED}.
 */
@Component
public class PersonalData {

    public static final String PREFIX = "pii:v1:";
    public static final String ERASED = "[erased]";

    private static final int IV_BYTES = 12;
    private static final int TAG_BITS = 128;

    private final OwnerKeys keys;
    private final SecureRandom random = new SecureRandom();

    public PersonalData(OwnerKeys keys) {
        this.keys = keys;
    }

    /** Seals values under the owner's current key, looked up once; null stays null. */
    public String[] seal(String ownerId, String... plain) {
        OwnerKeys.Key key = keys.current(ownerId);
        String[] sealed = new String[plain.length];
        for (int i = 0; i < plain.length; i++) {
            sealed[i] = plain[i] == null ? null : seal(key, plain[i]);
        }
        return sealed;
    }

    private String seal(OwnerKeys.Key key, String plain) {
        try {
            byte[] iv = new byte[IV_BYTES];
            random.nextBytes(iv);
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(
                    Cipher.ENCRYPT_MODE, new SecretKeySpec(key.secret(), "AES"), new GCMParameterSpec(TAG_BITS, iv));
            cipher.updateAAD(key.keyId().getBytes(StandardCharsets.UTF_8));
            byte[] sealed = cipher.doFinal(plain.getBytes(StandardCharsets.UTF_8));
            byte[] out = ByteBuffer.allocate(iv.length + sealed.length)
                    .put(iv)
                    .put(sealed)
                    .array();
            return PREFIX + key.keyId() + ":"
                    + Base64.getUrlEncoder().withoutPadding().encodeToString(out);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("sealing personal data failed", e);
        }
    }

    public static boolean isSealed(String value) {
        return value != null && value.startsWith(PREFIX);
    }

    /** The plain value, {@link #ERASED} when its key was destroyed; a value that is not sealed is answered as is. */
    public String open(String value) {
        return opener().apply(value);
    }

    /**
     * Opens several values, looking each key up once (a ticket's name and phone share their owner's key). The keys are
     * not kept beyond the opener: an erasure takes effect for the next request.
     */
    public java.util.function.UnaryOperator<String> opener() {
        Map<String, Optional<byte[]>> looked = new java.util.HashMap<>();
        return value -> {
            if (!isSealed(value)) {
                return value;
            }
            int split = value.lastIndexOf(':');
            String keyId = value.substring(PREFIX.length(), split);
            return open(value, split, keyId, looked.computeIfAbsent(keyId, keys::find));
        };
    }

    private static String open(String value, int split, String keyId, Optional<byte[]> secret) {
        if (secret.isEmpty()) {
            return ERASED;
        }
        try {
            byte[] in = Base64.getUrlDecoder().decode(value.substring(split + 1));
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(
                    Cipher.DECRYPT_MODE,
                    new SecretKeySpec(secret.get(), "AES"),
                    new GCMParameterSpec(TAG_BITS, in, 0, IV_BYTES));
            cipher.updateAAD(keyId.getBytes(StandardCharsets.UTF_8));
            return new String(cipher.doFinal(in, IV_BYTES, in.length - IV_BYTES), StandardCharsets.UTF_8);
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            return ERASED;
        }
    }

    /** Opens every sealed text value in a JSON tree (an event's data in the timeline), in place. */
    public JsonNode openAll(JsonNode node) {
        return openAll(node, opener());
    }

    /** The same with one opener, for several trees (a whole timeline). */
    public JsonNode openAll(JsonNode node, java.util.function.UnaryOperator<String> opener) {
        if (node instanceof ObjectNode object) {
            Iterator<Map.Entry<String, JsonNode>> fields = object.fields();
            while (fields.hasNext()) {
                Map.Entry<String, JsonNode> field = fields.next();
                if (field.getValue().isTextual() && isSealed(field.getValue().asText())) {
                    field.setValue(object.textNode(opener.apply(field.getValue().asText())));
                } else {
                    openAll(field.getValue(), opener);
                }
            }
        } else if (node != null && node.isArray()) {
            node.forEach(child -> openAll(child, opener));
        }
        return node;
    }
}
